'use strict';

// The simulated inubit server, REST root /ibis/rest:
//   POST /task/adhoc/{user}/{starterId}   start an ad-hoc process (201 task id as text, 204)
//   GET  /task/adhoc/{user}[?lang=de|en]  the user's ad-hoc starters as <Modules> XML
//   GET  /task/tasks, /task/tasks/{id}, /task/data/{id}, POST /task/submit/{id}
//                                         the user's tasks, their forms, submits (inubit-tasks.js)
//   GET  /healthcheck                     no authentication
// Errors are inubit's JSON (or XML, when asked for) bodies; version 8 answers 401 with a
// Jetty page. Known tenants (`client`) and maintenance mode apply to /task/... only.

const crypto = require('crypto');
const { INUBIT_STARTERS, generateStarters } = require('./inubit-starter-fixtures');
const authentication = require('./authentication');
const { echoedHeaders } = require('./scenarios');
const { inubitTasks } = require('./inubit-tasks');
const { send, sendTruncated, streamFiller, streamHuge, firstValue, CT_JSON, CT_XML, CT_HTML, CT_PLAIN, HUGE_BYTES } = require('./http');
const { IND, XML_DECL, xmlEscape, xmlAttr } = require('./xml');
const { inubitError, headerValue } = require('./inubit-errors');

const ROOT = '/ibis/rest';
const ROUTE = { server: 'inubit', rootPath: ROOT, prefix: '' };
const AUTH_KINDS = ['basic', 'bearer', 'portalToken', 'none', 'form'];

// The root and prefix of a path below the REST root, or null.
function route(rawPath) {
  return rawPath === ROOT || rawPath.startsWith(ROOT + '/') ? ROUTE : null;
}

function checkAuthKind(kind) {
  return authentication.checkAuthKind('inubit', AUTH_KINDS, kind);
}

function checkVersion(v) {
  const n = Number(v);
  if (n !== 8 && n !== 9) throw new RangeError('inubitVersion must be 8 or 9');
  return n;
}

function checkTenants(list) {
  if (list === null || list === undefined) return null;
  if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) throw new TypeError('tenants must be a list of names or null');
  return list.slice();
}

// The tenant and user base of a request, echoed as <Modules> attributes when sent.
function modulesAttrs(ctx) {
  let attrs = '';
  const client = firstValue(ctx.query.client);
  const userType = firstValue(ctx.query.userType);
  if (client !== undefined) attrs += ` client="${xmlAttr(client)}"`;
  if (userType !== undefined) attrs += ` userType="${xmlAttr(userType)}"`;
  return attrs;
}

// The same, echoed as response headers of a start.
function echoHeaders(ctx) {
  const out = {};
  const client = firstValue(ctx.query.client);
  const userType = firstValue(ctx.query.userType);
  if (client !== undefined) out['X-Client'] = headerValue(client);
  if (userType !== undefined) out['X-User-Type'] = headerValue(userType);
  return out;
}

// A <Modules> document. `bare` leaves out role and xml:lang; a starter's `extra`
// holds further attributes; `rootAttrs` goes into <Modules>.
function startersXml(list, lang, bare = false, rootAttrs = '') {
  if (list.length === 0) return `${XML_DECL}\n<Modules version="5.3"${rootAttrs}/>\n`;
  const out = [XML_DECL, `<Modules version="5.3"${rootAttrs}>`];
  for (const s of list) {
    const label = s.labels ? s.labels[lang] : s.label;
    let attrs = `id="${xmlAttr(s.id)}" label="${xmlAttr(label)}"`;
    if (!bare) attrs += ` role="${xmlAttr(s.role)}" xml:lang="${lang}"`;
    for (const [k, v] of Object.entries(s.extra || {})) attrs += ` ${k}="${xmlAttr(v)}"`;
    out.push(`${IND}<Module ${attrs}/>`);
  }
  out.push('</Modules>');
  return out.join('\n') + '\n';
}

// The inubit server of one simulator: `mode` its current modes, `scenarios` the shared keys.
function inubitServer({ sim, mode, scenarios }) {
  // Rendered many-N starter lists, by size, language and <Modules> attributes.
  const manyCache = new Map();
  const tasks = inubitTasks({ sim, scenarios, inubitError });

  function authenticated(ctx) {
    if (mode.inubitAuth !== 'portalToken') return authentication.authenticated(ctx.creds, mode.inubitAuth, sim);
    // userType=processEngineUser forces inubit's own user management, which knows no portal tokens.
    return ctx.creds.portalToken === mode.token && firstValue(ctx.query.userType) !== 'processEngineUser';
  }

  // The name of the user a request signs in as, or null: the users who have tasks sign in with
  // the account's password; a token is the user it names, else the account.
  function authenticatedUser(ctx) {
    const basic = ctx.creds.basic;
    const byName = mode.inubitAuth === 'basic' || mode.inubitAuth === 'form';
    if (byName && basic && basic.secret === sim.password && tasks.knows(basic.user)) return basic.user;
    if (!authenticated(ctx)) return null;
    if (byName) return basic.user;
    if (mode.inubitAuth === 'none') return sim.username;
    return authentication.tokenUser(mode.token) || sim.username;
  }

  function inubitUnauthorized(ctx) {
    if (mode.inubitVersion === 8) {
      const p = xmlEscape(ctx.rawPath);
      send(
        ctx.res,
        401,
        { 'Content-Type': CT_HTML },
        '<html><head>' +
          '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>' +
          '<title>Error 401 Unauthorized</title></head>\n<body><h2>HTTP ERROR 401</h2>\n' +
          `<p>Problem accessing ${p}. Reason:\n<pre>    Unauthorized</pre></p>\n</body></html>\n`,
      );
    } else {
      inubitError(ctx, 401);
    }
  }

  function handle(ctx) {
    const { req, res, segments } = ctx;
    const method = req.method;
    if (segments.length === 1 && segments[0] === 'healthcheck') {
      // Deliberately without authentication, like the real endpoint.
      if (method !== 'GET' && method !== 'HEAD') return inubitError(ctx, 405, { Allow: 'GET' });
      return send(
        res,
        200,
        { 'Content-Type': CT_JSON },
        JSON.stringify({
          status: 'OK',
          maintenancemode: mode.maintenance ? 1 : 0,
          version: mode.inubitVersion === 8 ? '8.1.0' : '9.0.0',
        }),
      );
    }
    const isTask = segments[0] === 'task';
    if (mode.maintenance && isTask) return inubitError(ctx, 503, { 'Retry-After': '0' });
    const user = authenticatedUser(ctx);
    if (user === null) {
      return mode.inubitAuth === 'form' ? authentication.toLoginForm(ctx, '') : inubitUnauthorized(ctx);
    }
    const client = firstValue(ctx.query.client);
    if (isTask && mode.tenants && client !== undefined && !mode.tenants.includes(client)) {
      return inubitError(ctx, 404, {}, 'Unknown client');
    }
    const isAdhoc = segments[0] === 'task' && segments[1] === 'adhoc' && segments.slice(2).every((s) => s !== '');
    if (isAdhoc && segments.length === 3) {
      if (method !== 'GET' && method !== 'HEAD') return inubitError(ctx, 405, { Allow: 'GET' });
      return inubitStarters(ctx, segments[2]);
    }
    if (isAdhoc && segments.length === 4) {
      if (method !== 'POST') return inubitError(ctx, 405, { Allow: 'POST' });
      return inubitStart(ctx, segments[2], segments[3]);
    }
    if (isTask && tasks.handle(ctx, user)) return;
    return inubitError(ctx, 404);
  }

  function inubitStarters(ctx, user) {
    const { res } = ctx;
    // inubit's default language is German; any other value than en falls back to it.
    const lang = firstValue(ctx.query.lang) === 'en' ? 'en' : 'de';
    const starters = INUBIT_STARTERS;
    const rootAttrs = modulesAttrs(ctx);
    const xml = (list, bare = false) => startersXml(list, lang, bare, rootAttrs);
    const modules = (list, bare) => send(res, 200, { 'Content-Type': CT_XML }, xml(list, bare));
    switch (user) {
      case 'no-starters':
        return modules([]);
      case 'one-starter':
        return modules(starters.slice(0, 1));
      case 'no-lang':
        return modules(starters, true);
      case 'extra-attributes':
        return modules(
          starters.map((s, i) =>
            i === 0 ? Object.assign({}, s, { extra: { description: 'Antrag auf Urlaub & Freizeitausgleich', priority: '01' } }) : s,
          ),
        );
      case 'unknown-user':
        return inubitError(ctx, 404, {}, `User ${user} not found`);
      case 'forbidden':
        return inubitError(ctx, 403);
      case 'server-error':
        return inubitError(ctx, 500);
      case 'maintenance':
        return inubitError(ctx, 503, { 'Retry-After': '0' });
    }
    const normal = () => modules(starters);
    const handled = scenarios.run(ctx, user, 2, {
      normal,
      error: (status, headers) => inubitError(ctx, status, headers),
      normalBody: () => ({ status: 200, type: CT_XML, body: xml(starters) }),
      truncated: () => {
        // Complete at the HTTP level, broken as a document.
        const full = xml(starters);
        send(res, 200, { 'Content-Type': CT_XML }, full.slice(0, Math.floor(full.length / 2)));
      },
      wrongType: () => send(res, 200, { 'Content-Type': CT_JSON }, '[]'),
      huge: () => {
        const marker = 'HUGE-LABEL-MARKER';
        streamHuge(res, CT_XML, xml([Object.assign({}, starters[0], { labels: null, label: marker })]), marker);
      },
      echoHeaders: () => {
        modules([{ id: 'echo-headers', label: JSON.stringify(echoedHeaders(ctx)), role: 'Employee' }]);
      },
      many: (n) => {
        const ck = `starters:${n}:${lang}:${rootAttrs}`;
        let text = manyCache.get(ck);
        if (text === undefined) {
          text = xml(generateStarters(n));
          manyCache.set(ck, text);
        }
        send(res, 200, { 'Content-Type': CT_XML }, text);
      },
    });
    if (!handled) normal();
  }

  function inubitStart(ctx, user, id) {
    const { res } = ctx;
    const echo = echoHeaders(ctx);
    const created = (body, type = CT_PLAIN) => send(res, 201, Object.assign({ 'Content-Type': type }, echo), body);
    // The new task waits in the user's list.
    const createdTask = (body) => {
      tasks.started(ctx, user, id, body.trim());
      created(body);
    };
    switch (id) {
      case 'no-task':
        return send(res, 204, echo);
      case 'leading-zeros':
        return createdTask('  000123\n');
      case 'numeric':
        return createdTask('42');
      case 'unknown-starter':
        return inubitError(ctx, 404);
      case 'server-error':
        return inubitError(ctx, 500);
      case 'maintenance':
        return inubitError(ctx, 503, { 'Retry-After': '0' });
      case 'forbidden':
        return inubitError(ctx, 403);
    }
    const normal = () => createdTask(crypto.randomUUID());
    const handled = scenarios.run(ctx, id, 3, {
      normal,
      error: (status, headers) => inubitError(ctx, status, headers),
      normalBody: () => ({ status: 201, type: CT_PLAIN, body: crypto.randomUUID() }),
      truncated: () => sendTruncated(ctx, 201, CT_PLAIN, crypto.randomUUID(), echo),
      wrongType: () => created('<html><body>Created</body></html>', CT_HTML),
      huge: () => streamFiller(res, 201, CT_PLAIN, '', '', HUGE_BYTES, echo),
    });
    if (!handled) normal();
  }

  return { handle, tasks };
}

module.exports = { ROOT, AUTH_KINDS, route, checkAuthKind, checkVersion, checkTenants, inubitServer };
