'use strict';

// The simulated IBM BPM server, REST root [/prefix]/rest/bpm/wle/v1 (containerised BAW puts
// a prefix such as /bpm/dev in front of it):
//   GET  /systems                          system information
//   the ad-hoc activities of an instance and their start (ibm-bpm-activities.js)
//   exposed processes, process start and instances (ibm-bpm-processes.js); event messages
//   (ibm-bpm-events.js); tasks, claim and finish (ibm-bpm-tasks.js); the user's task queue
//   (ibm-bpm-task-queue.js)
//   POST [/prefix]/bpm/system/login   {"refresh-groups":false,"requested-lifetime":7200} -> a CSRF token
// Before the resources: maintenance and authentication as the application server in front
// does them (401 with a challenge, or a redirect to its login form), then the CSRF token
// when bpmCsrf is 'required'. With bpmMaxUrlLength set, a request whose target (path and
// query) is longer answers 414 as the IBM HTTP Server in front does: only the long form passes.
// Here the routing to the resources; the checks in front in ibm-bpm-access.js, the CSRF login
// and tokens in ibm-bpm-csrf.js.

const { SYSTEM_INFO } = require('./ibm-bpm-system-fixtures');
const { AUTH_KINDS, checkAuthKind, checkMaxUrlLength, bpmAccess } = require('./ibm-bpm-access');
const { checkCsrfMode, checkLifetime, checkLoginStatus, checkLoginFailure, bpmCsrf } = require('./ibm-bpm-csrf');
const { adHocActivities } = require('./ibm-bpm-activities');
const { bpmProcesses } = require('./ibm-bpm-processes');
const { send, queryObject } = require('./http');
const { XSI_NS, JSON_FORMAT, bpmFormat, renderData, bpmError, genericBpmError } = require('./ibm-bpm-documents');

const ROOT = '/rest/bpm/wle/v1';
const ROOT_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/rest\/bpm\/wle\/v1(?=\/|$)/;
// The CSRF login resource lives below the same prefix as the BPM root.
const LOGIN_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/bpm\/system\/login\/?$/;

const SYSTEMS_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:sys="http://rest.bpm.ibm.com/v1/data/system" xsi:type="sys:Systems"`;

// The root and prefix of a path below the REST root or of the CSRF login, or null.
function route(rawPath) {
  const m = ROOT_RE.exec(rawPath);
  if (m) return { server: 'bpm', rootPath: m[0], prefix: m[1], login: false };
  const login = LOGIN_RE.exec(rawPath);
  if (login) return { server: 'bpm', rootPath: login[1], prefix: login[1], login: true };
  return null;
}

// A POST with its query in a form body, standing for another method when it carries
// X-HTTP-Method-Override: how IBM BPM takes requests whose URL would be too long.
function isLongForm(req) {
  return req.method === 'POST' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(String(req.headers['content-type'] || ''));
}

// The method a request stands for: a POST's X-HTTP-Method-Override, else its own.
function effectiveMethod(req) {
  const override = String(req.headers['x-http-method-override'] || '').toUpperCase();
  return req.method === 'POST' && override !== '' ? override : req.method;
}

// The resource of ibm-bpm-processes.js a path names and the methods it takes, or null.
function processResource(segments) {
  const [a, b] = segments;
  if (segments.length === 2 && a === 'exposed' && b === 'process') return { name: 'exposed', allow: ['GET', 'HEAD'] };
  if (segments.length === 1 && a === 'process') return { name: 'start', allow: ['POST'] };
  if (segments.length === 2 && a === 'process' && b !== '') return { name: 'instance', allow: ['GET', 'HEAD'] };
  if (segments.length === 2 && a === 'task' && b !== '') return { name: 'task', allow: ['GET', 'HEAD', 'PUT'] };
  if (segments.length === 3 && a === 'tasks' && b === 'query' && segments[2] !== '') return { name: 'queue', allow: ['GET', 'HEAD'] };
  return null;
}

// The IBM BPM server of one simulator: `mode` its current modes, `stats` the counts of logins
// and tokens, `scenarios` the shared keys.
function ibmBpmServer({ sim, mode, stats, scenarios }) {
  const access = bpmAccess({ sim, mode });
  const csrf = bpmCsrf({ sim, mode, stats, access });
  const activities = adHocActivities({ scenarios });
  const processes = bpmProcesses({ sim, scenarios });

  function handleBpm(ctx) {
    const { req, segments } = ctx;
    if (access.refused(ctx)) return;
    if (csrf.refused(ctx)) return;
    const fmt = bpmFormat(ctx);
    const resource = processResource(segments);
    if (resource) return handleProcesses(ctx, fmt, resource);
    const isSystems = segments.length === 1 && segments[0] === 'systems';
    const isAdhoc = segments.length === 3 && segments[0] === 'process' && segments[2] === 'adHocActivities' && segments[1] !== '';
    const isActivity = segments.length === 2 && segments[0] === 'activity' && segments[1] !== '';
    if (!isSystems && !isAdhoc && !isActivity) {
      return bpmError(ctx, 404, fmt || JSON_FORMAT, {
        message: `The resource ${ctx.rawPath} was not found.`,
        params: [ctx.rawPath],
      });
    }
    if (isActivity) {
      // IBM BPM takes a POST with X-HTTP-Method-Override: PUT where a firewall blocks PUT.
      const override = String(req.headers['x-http-method-override'] || '').toUpperCase();
      const method = req.method === 'POST' && override === 'PUT' ? 'PUT' : req.method;
      if (method !== 'PUT') return genericBpmError(ctx, 405, fmt || JSON_FORMAT, { Allow: 'PUT' });
    } else if (req.method !== 'GET' && req.method !== 'HEAD') {
      return genericBpmError(ctx, 405, fmt || JSON_FORMAT, { Allow: 'GET' });
    }
    if (!fmt) {
      // 406 is always JSON: the client asked for nothing the server can produce.
      const accept = String(req.headers.accept);
      return bpmError(ctx, 406, JSON_FORMAT, {
        message: `The requested content type is not supported: ${accept}`,
        params: [accept],
      });
    }
    if (isSystems) {
      return send(ctx.res, 200, { 'Content-Type': fmt.type }, renderData(fmt, { systems: [SYSTEM_INFO] }, SYSTEMS_ATTRS));
    }
    if (isActivity) return activities.start(ctx, fmt, segments[1]);
    return activities.list(ctx, fmt, segments[1]);
  }

  function handleProcesses(ctx, fmt, resource) {
    const method = effectiveMethod(ctx.req);
    if (!resource.allow.includes(method)) {
      return genericBpmError(ctx, 405, fmt || JSON_FORMAT, { Allow: resource.allow.filter((m) => m !== 'HEAD').join(', ') });
    }
    if (!fmt) {
      const accept = String(ctx.req.headers.accept);
      return bpmError(ctx, 406, JSON_FORMAT, {
        message: `The requested content type is not supported: ${accept}`,
        params: [accept],
      });
    }
    const id = ctx.segments[1];
    switch (resource.name) {
      case 'exposed':
        return processes.exposed(ctx, fmt);
      case 'start':
        return processes.start(ctx, fmt);
      case 'instance':
        return processes.instance(ctx, fmt, id);
      case 'queue':
        return processes.queue(ctx, fmt, ctx.segments[2]);
      default:
        return processes.task(ctx, fmt, id, method === 'HEAD' ? 'GET' : method);
    }
  }

  return {
    handle(ctx) {
      if (access.tooLong(ctx)) return;
      if (ctx.route.login) return csrf.login(ctx);
      if (!isLongForm(ctx.req)) return handleBpm(ctx);
      // The long form: the query travels as a form body, read before the request is.
      const answer = () => {
        Object.assign(ctx.query, queryObject(ctx.record.body));
        handleBpm(ctx);
      };
      if (ctx.req.readableEnded) answer();
      else ctx.req.once('end', answer);
    },
    // Every CSRF token issued since the last reset(), oldest first (expired ones too).
    csrfTokens: csrf.tokens,
    expireCsrfTokens: csrf.expire,
    processes,
    reset() {
      activities.reset();
      processes.reset();
      csrf.reset();
    },
  };
}

module.exports = {
  ROOT,
  AUTH_KINDS,
  route,
  checkAuthKind,
  checkCsrfMode,
  checkLifetime,
  checkLoginStatus,
  checkLoginFailure,
  checkMaxUrlLength,
  ibmBpmServer,
};
