'use strict';

// The simulated IBM BPM server, REST root [/prefix]/rest/bpm/wle/v1 (containerised BAW puts
// a prefix such as /bpm/dev in front of it):
//   GET  /systems                          system information
//   the ad-hoc activities of an instance and their start (ibm-bpm-activities.js)
//   exposed processes, process start and instances (ibm-bpm-processes.js); tasks, claim and
//   finish (ibm-bpm-tasks.js)
//   POST [/prefix]/bpm/system/login   {"refresh-groups":false,"requested-lifetime":7200} -> a CSRF token
// Before the resources: maintenance and authentication as the application server in front
// does them (401 with a challenge, or a redirect to its login form), then the CSRF token
// when bpmCsrf is 'required'. With bpmMaxUrlLength set, a request whose target (path and
// query) is longer answers 414 as the IBM HTTP Server in front does: only the long form passes.

const crypto = require('crypto');
const fixtures = require('./fixtures');
const authentication = require('./authentication');
const { adHocActivities } = require('./ibm-bpm-activities');
const { bpmProcesses } = require('./ibm-bpm-processes');
const { send, queryObject, CT_HTML } = require('./http');
const { XSI_NS, JSON_FORMAT, bpmFormat, renderData, bpmError, genericBpmError } = require('./ibm-bpm-documents');

const ROOT = '/rest/bpm/wle/v1';
const ROOT_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/rest\/bpm\/wle\/v1(?=\/|$)/;
// The CSRF login resource lives below the same prefix as the BPM root.
const LOGIN_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/bpm\/system\/login\/?$/;

const AUTH_KINDS = ['basic', 'bearer', 'zenApiKey', 'none', 'form'];
const CHALLENGES = { bearer: 'Bearer', zenApiKey: 'ZenApiKey' };
const CSRF_MODES = ['off', 'required'];
const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
const CSRF_ERROR = 'CWTBG0651E';
const CT_JSON_UTF8 = 'application/json;charset=UTF-8';
const SYSTEMS_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:sys="http://rest.bpm.ibm.com/v1/data/system" xsi:type="sys:Systems"`;

// The root and prefix of a path below the REST root or of the CSRF login, or null.
function route(rawPath) {
    const m = ROOT_RE.exec(rawPath);
    if (m) return { server: 'bpm', rootPath: m[0], prefix: m[1], login: false };
    const login = LOGIN_RE.exec(rawPath);
    if (login) return { server: 'bpm', rootPath: login[1], prefix: login[1], login: true };
    return null;
}

function checkAuthKind(kind) {
    return authentication.checkAuthKind('bpm', AUTH_KINDS, kind);
}

function checkCsrfMode(mode) {
    if (!CSRF_MODES.includes(mode)) throw new RangeError(`bpmCsrf must be one of ${CSRF_MODES.join(', ')}`);
    return mode;
}

function checkLifetime(ms) {
    const n = Number(ms);
    if (!(Number.isFinite(n) && n > 0)) throw new RangeError('csrfLifetimeMs must be a positive number');
    return n;
}

// null or 0: no limit.
function checkMaxUrlLength(n) {
    if (n === null || n === undefined || n === 0) return null;
    const v = Number(n);
    if (!(Number.isInteger(v) && v > 0)) throw new RangeError('bpmMaxUrlLength must be a positive integer or null');
    return v;
}

function checkLoginStatus(status) {
    const n = Number(status);
    if (!(Number.isInteger(n) && n >= 200 && n <= 299)) throw new RangeError('csrfLoginStatus must be a 2xx status');
    return n;
}

// null/false: logins succeed; a status: that status with a WLE error; 'html': 200 with a login page.
function checkLoginFailure(failure) {
    if (failure === null || failure === undefined || failure === false) return null;
    if (failure === 'html') return failure;
    const n = Number(failure);
    if (!(Number.isInteger(n) && n >= 200 && n <= 599)) throw new RangeError('csrfLoginFailure must be a status, \'html\' or null');
    return n;
}

function isLoginBody(text) {
    let body;
    try {
        body = JSON.parse(text);
    } catch (e) {
        return false;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
    const keys = Object.keys(body);
    return keys.length === Object.keys(CSRF_LOGIN_BODY).length &&
        keys.every((k) => Object.prototype.hasOwnProperty.call(CSRF_LOGIN_BODY, k) && body[k] === CSRF_LOGIN_BODY[k]);
}

// A POST with its query in a form body, standing for another method when it carries
// X-HTTP-Method-Override: how IBM BPM takes requests whose URL would be too long.
function isLongForm(req) {
    return req.method === 'POST' &&
        /^application\/x-www-form-urlencoded\s*(;|$)/i.test(String(req.headers['content-type'] || ''));
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
    return null;
}

// The IBM BPM server of one simulator: `mode` its current modes, `stats` the counts of logins
// and tokens, `scenarios` the shared keys.
function ibmBpmServer({ sim, mode, stats, scenarios }) {
    // Issued CSRF token -> the time (ms) it expires, in issue order.
    const csrfTokens = new Map();
    const activities = adHocActivities({ scenarios });
    const processes = bpmProcesses({ sim, scenarios });

    function authenticated(ctx) {
        if (mode.bpmAuth !== 'zenApiKey') return authentication.authenticated(ctx.creds, mode.bpmAuth, sim);
        // ZenApiKey (Cloud Pak): the user name and the API key, base64-encoded as for Basic.
        const key = ctx.creds.zenApiKey;
        return !!key && key.user === sim.username && key.secret === mode.apiKey;
    }

    function bpmUnauthorized(ctx) {
        const scheme = CHALLENGES[mode.bpmAuth] || 'Basic';
        send(ctx.res, 401, {
            'Content-Type': CT_HTML,
            'WWW-Authenticate': `${scheme} realm="defaultWIMFileBasedRealm"`
        }, '<!DOCTYPE html>\n<html><head><title>Error 401: Authentication required</title></head>\n' +
            '<body><h1>Error 401: Authentication required</h1>\n' +
            '<p>The server could not verify that you are authorised to access this resource.</p>\n</body></html>\n');
    }

    // Maintenance and authentication, as the application server in front does them;
    // true when the request was answered.
    function bpmRefused(ctx) {
        if (mode.maintenance) {
            genericBpmError(ctx, 503, bpmFormat(ctx) || JSON_FORMAT, { 'Retry-After': '0' });
            return true;
        }
        if (!authenticated(ctx)) {
            if (mode.bpmAuth === 'form') authentication.toLoginForm(ctx, ctx.prefix);
            else bpmUnauthorized(ctx);
            return true;
        }
        return false;
    }

    function csrfTokenValid(token) {
        const expires = token === null ? undefined : csrfTokens.get(token);
        return expires !== undefined && Date.now() < expires;
    }

    function handleBpm(ctx) {
        const { req, segments } = ctx;
        if (bpmRefused(ctx)) return;
        if (mode.bpmCsrf === 'required' && !csrfTokenValid(ctx.record.csrfToken)) {
            // Always JSON, whatever the Accept header asks for.
            return bpmError(ctx, 403, JSON_FORMAT, {
                errorNumber: CSRF_ERROR,
                message: 'The BPMCSRFToken token header could not be verified.',
                params: []
            });
        }
        const fmt = bpmFormat(ctx);
        const resource = processResource(segments);
        if (resource) return handleProcesses(ctx, fmt, resource);
        const isSystems = segments.length === 1 && segments[0] === 'systems';
        const isAdhoc = segments.length === 3 && segments[0] === 'process' && segments[2] === 'adHocActivities' && segments[1] !== '';
        const isActivity = segments.length === 2 && segments[0] === 'activity' && segments[1] !== '';
        if (!isSystems && !isAdhoc && !isActivity) {
            return bpmError(ctx, 404, fmt || JSON_FORMAT, {
                message: `The resource ${ctx.rawPath} was not found.`, params: [ctx.rawPath]
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
                message: `The requested content type is not supported: ${accept}`, params: [accept]
            });
        }
        if (isSystems) {
            return send(ctx.res, 200, { 'Content-Type': fmt.type },
                renderData(fmt, { systems: [fixtures.SYSTEM_INFO] }, SYSTEMS_ATTRS));
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
                message: `The requested content type is not supported: ${accept}`, params: [accept]
            });
        }
        const id = ctx.segments[1];
        switch (resource.name) {
        case 'exposed': return processes.exposed(ctx, fmt);
        case 'start': return processes.start(ctx, fmt);
        case 'instance': return processes.instance(ctx, fmt, id);
        default: return processes.task(ctx, fmt, id, method === 'HEAD' ? 'GET' : method);
        }
    }

    function tooLong(ctx) {
        send(ctx.res, 414, { 'Content-Type': CT_HTML }, '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n' +
            '<html><head>\n<title>414 Request-URI Too Long</title>\n</head><body>\n<h1>Request-URI Too Long</h1>\n' +
            '<p>The requested URL\'s length exceeds the capacity\nlimit for this server.<br />\n</p>\n</body></html>\n');
    }

    function handleBpmLogin(ctx) {
        const { req } = ctx;
        stats.logins++;
        if (bpmRefused(ctx)) return;
        if (req.method !== 'POST') return genericBpmError(ctx, 405, JSON_FORMAT, { Allow: 'POST' });
        const answer = () => {
            const type = String(req.headers['content-type'] || '');
            if (!/^application\/json\s*(;|$)/i.test(type) || !isLoginBody(ctx.record.body)) {
                return bpmError(ctx, 400, JSON_FORMAT, {
                    message: `The login request is not valid: expected Content-Type application/json and the body ${JSON.stringify(CSRF_LOGIN_BODY)}.`,
                    params: []
                });
            }
            const failure = mode.csrfLoginFailure;
            if (failure === 'html') return send(ctx.res, 200, { 'Content-Type': CT_HTML }, fixtures.FORM_LOGIN_PAGE);
            if (failure !== null) {
                return bpmError(ctx, failure, JSON_FORMAT, {
                    errorNumber: failure >= 500 ? 'CWTBG0019E' : undefined,
                    message: `The login failed (HTTP ${failure}).`,
                    params: []
                });
            }
            const lifetimeMs = Math.min(CSRF_LOGIN_BODY['requested-lifetime'] * 1000, mode.csrfLifetimeMs);
            const token = crypto.randomBytes(24).toString('base64url');
            csrfTokens.set(token, Date.now() + lifetimeMs);
            stats.tokensIssued++;
            const user = ctx.record.authUser || sim.username;
            send(ctx.res, mode.csrfLoginStatus, { 'Content-Type': CT_JSON_UTF8 }, JSON.stringify({
                csrf_token: token,
                expiration: Math.floor(lifetimeMs / 1000),
                user_id: user,
                user_name: user
            }));
        };
        // The body decides the answer, so wait for all of it.
        if (req.readableEnded) answer();
        else req.once('end', answer);
    }

    return {
        handle(ctx) {
            if (mode.bpmMaxUrlLength !== null && ctx.req.url.length > mode.bpmMaxUrlLength) return tooLong(ctx);
            if (ctx.route.login) return handleBpmLogin(ctx);
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
        csrfTokens: () => Array.from(csrfTokens.keys()),
        expireCsrfTokens() {
            for (const token of csrfTokens.keys()) csrfTokens.set(token, 0);
        },
        processes,
        reset() {
            activities.reset();
            processes.reset();
            csrfTokens.clear();
        }
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
    ibmBpmServer
};
