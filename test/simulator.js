'use strict';

// HTTP simulator of the two BPM servers the nodes talk to, both on one loopback port:
//   inubit   REST root /ibis/rest
//     POST /task/adhoc/{user}/{starterId}   start an ad-hoc process (201 task id as text, 204)
//     GET  /task/adhoc/{user}[?lang=de|en]  the user's ad-hoc starters as <Modules> XML
//     GET  /healthcheck                     no authentication
//   IBM BPM  REST root [/prefix]/rest/bpm/wle/v1
//     GET  /process/{instanceId}/adHocActivities                 the ad-hoc activities
//     PUT  /activity/{activityId}?action=ACTION_START_ACTIVITY[&assignTo=U]  start one
//     GET  /systems                                              system information
//     POST [/prefix]/bpm/system/login   {"refresh-groups":false,"requested-lifetime":7200} -> a CSRF token
//   GET  [/prefix]/login.html            the login form of an application server with form login
// Modes, as start options and as methods (reset() restores the start options):
//   inubitAuth / bpmAuth  basic (default) | bearer | zenApiKey (IBM) | portalToken (inubit) | none | form
//                         (token: `token`, API key: `apiKey`; form: 302 to {origin}[/prefix]/login.html)
//   bpmCsrf               off (default) | required: every IBM REST call needs a valid BPMCSRFToken header
//   tenants               known inubit `client` names (default: any); maintenance: 503s
// Special ids in the path ("scenario keys": parseScenario for the shared ones, the
// server handlers for their own) make the server misbehave on purpose. Starting an
// activity of a built-in instance changes its state (also in the list) until reset().
// Every request is recorded in sim.requests (method, path, query, headers, body, authUser,
// authKind, csrfToken).
//
// Usage as a module:   const sim = await startSimulator({ port: 0 });
// Usage as a program:  node test/simulator.js [--port N] [--host H] [--username U] [--password P]
//                                             [--inubit-version 8|9] [--inubit-auth KIND] [--bpm-auth KIND]
//                                             [--token T] [--api-key K] [--bpm-csrf off|required]
//                                             [--csrf-lifetime-ms MS] [--tenants a,b]
//   (defaults: port 0, i.e. any free port; host 127.0.0.1; user flow, password s3cret; inubit 9;
//    basic authentication on both; token sim-bearer-token; API key sim-api-key; no CSRF tokens)

const http = require('http');
const crypto = require('crypto');
const fixtures = require('./simulator/fixtures');

const INUBIT_ROOT = '/ibis/rest';
const BPM_ROOT = '/rest/bpm/wle/v1';
// Containerised BAW puts a prefix such as /bpm/dev in front of the BPM root; accept one.
const BPM_ROOT_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/rest\/bpm\/wle\/v1(?=\/|$)/;
// The CSRF login resource lives below the same prefix as the BPM root.
const BPM_LOGIN_RE = /^((?:\/[A-Za-z0-9._~-]+)*?)\/bpm\/system\/login\/?$/;
const LOGIN_PAGE_RE = /^(?:\/[A-Za-z0-9._~-]+)*\/login\.html$/;

const AUTH_KINDS = {
    inubit: ['basic', 'bearer', 'portalToken', 'none', 'form'],
    bpm: ['basic', 'bearer', 'zenApiKey', 'none', 'form']
};
const CSRF_MODES = ['off', 'required'];
const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
const CSRF_ERROR = 'CWTBG0651E';
const MAX_BODY = 1024 * 1024;

const HUGE_BYTES = 25 * 1024 * 1024;
const FILLER = Buffer.alloc(64 * 1024, 'x');
const MAX_MANY = 100000;
const MAX_SLOW_MS = 10 * 60 * 1000;
const IND = '    ';

const CT_PLAIN_INUBIT = 'application/plain';
const CT_JSON = 'application/json';
const CT_XML = 'application/xml';
const CT_HTML = 'text/html;charset=UTF-8';
const CT_TEXT = 'text/plain;charset=UTF-8';
const CT_JSON_UTF8 = 'application/json;charset=UTF-8';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';
const XML_DECL_SA = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const WLE_EXCEPTION = 'com.lombardisoftware.core.TeamWorksException';

const INUBIT_MESSAGES = {
    401: 'Unauthorized access',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    500: 'Internal Server Error',
    503: 'Service Unavailable'
};

const noop = () => {};

// ---------------------------------------------------------------------------
// Small helpers

// inubit prints local-looking timestamps without a zone designator.
function inubitTimestamp() {
    return new Date().toISOString().slice(0, 23);
}

function xmlEscape(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({
        '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;'
    })[c]);
}

// Attribute text with non-ASCII as numeric references, so clients must decode &#228; too.
function xmlAttr(value) {
    return xmlEscape(value).replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);
}

// BPM prints timestamps to the second.
function bpmTimestamp() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// First value of a query parameter given once or more, or undefined.
function firstValue(value) {
    return Array.isArray(value) ? value[0] : value;
}

// Child elements in key order; null -> xsi:nil, arrays -> repeated elements.
function xmlValue(name, value, indent, out) {
    if (value === null || value === undefined) {
        out.push(`${indent}<${name} xsi:nil="true"/>`);
    } else if (Array.isArray(value)) {
        for (const item of value) xmlValue(name, item, indent, out);
    } else if (typeof value === 'object') {
        out.push(`${indent}<${name}>`);
        for (const [k, v] of Object.entries(value)) xmlValue(k, v, indent + IND, out);
        out.push(`${indent}</${name}>`);
    } else {
        out.push(`${indent}<${name}>${xmlEscape(value)}</${name}>`);
    }
}

// A bpm:ResponseData document; data === null leaves out the <data> element.
function responseDataXml(dataAttrs, data) {
    const out = [XML_DECL_SA, '<bpm:ResponseData xmlns:bpm="http://rest.bpm.ibm.com/v1/data">', `${IND}<status>200</status>`];
    if (data !== null) {
        const inner = [];
        for (const [k, v] of Object.entries(data)) xmlValue(k, v, IND + IND, inner);
        if (inner.length === 0) {
            out.push(`${IND}<data ${dataAttrs}></data>`);
        } else {
            // Plain loop: spreading a list of 100,000 items would overflow the call stack.
            out.push(`${IND}<data ${dataAttrs}>`);
            for (const line of inner) out.push(line);
            out.push(`${IND}</data>`);
        }
    }
    out.push('</bpm:ResponseData>');
    return out.join('\n') + '\n';
}

const ACTIVITIES_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:prc="http://rest.bpm.ibm.com/v1/data/process" xsi:type="prc:adHocActivities"`;
const SYSTEMS_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:sys="http://rest.bpm.ibm.com/v1/data/system" xsi:type="sys:Systems"`;
const DETAILS_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:act="http://rest.bpm.ibm.com/v1/data/activity" xsi:type="act:ActivityDetails"`;

const ACTION_START = 'ACTION_START_ACTIVITY';
const ACTIVITY_ACTIONS = ['ACTION_VIEW_ACTIVITY', ACTION_START, 'ACTION_DISABLE_ACTIVITY', 'ACTION_ENABLE_ACTIVITY'];
const FIRST_TASK_ID = 2078;

function parseAccept(header) {
    return String(header).split(',').map((part, index) => {
        const [range, ...params] = part.split(';');
        let q = 1;
        for (const p of params) {
            const eq = p.indexOf('=');
            if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'q') {
                q = Number(p.slice(eq + 1).trim());
                if (!Number.isFinite(q)) q = 0;
            }
        }
        return { range: range.trim().toLowerCase(), q, index };
    }).filter((r) => r.range);
}

// Picks one of `offers` (in server preference order) for an Accept header.
// Ranking: q-value, then the most specific matching range, then header order,
// then server order. Returns null when nothing is acceptable.
function negotiate(header, offers) {
    if (header === undefined || String(header).trim() === '') return offers[0];
    const ranges = parseAccept(header);
    let best = null;
    offers.forEach((offer, order) => {
        const [type, sub] = offer.split('/');
        let match = null;
        for (const r of ranges) {
            const [rt, rs] = r.range.split('/');
            let spec = -1;
            if (rt === type && rs === sub) spec = 2;
            else if (rt === type && rs === '*') spec = 1;
            else if (rt === '*' && (rs === '*' || rs === undefined)) spec = 0;
            if (spec >= 0 && (!match || spec > match.spec)) match = { spec, q: r.q, index: r.index };
        }
        if (!match || match.q <= 0) return;
        const c = { offer, order, ...match };
        const better = !best || c.q > best.q ||
            (c.q === best.q && (c.spec > best.spec ||
                (c.spec === best.spec && c.index < best.index)));
        if (better) best = c;
    });
    return best ? best.offer : null;
}

// base64(name:secret) as used by Basic and ZenApiKey, or null.
function decodePair(encoded) {
    const text = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = text.indexOf(':');
    if (colon < 0) return null;
    return { user: text.slice(0, colon), secret: text.slice(colon + 1) };
}

// Every kind of credentials a request carries, decoded: `kinds` lists them in the order
// Authorization, X-AUTH-TOKEN, whether valid or not.
function readCredentials(headers) {
    const out = { kinds: [], basic: null, bearer: null, zenApiKey: null, portalToken: null };
    const auth = headers.authorization;
    const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(typeof auth === 'string' ? auth : '');
    if (m) {
        const scheme = m[1].toLowerCase();
        if (scheme === 'basic') {
            out.kinds.push('basic');
            out.basic = decodePair(m[2]);
        } else if (scheme === 'bearer') {
            out.kinds.push('bearer');
            out.bearer = m[2];
        } else if (scheme === 'zenapikey') {
            out.kinds.push('zenApiKey');
            out.zenApiKey = decodePair(m[2]);
        }
    }
    const portal = headers['x-auth-token'];
    if (typeof portal === 'string') {
        out.kinds.push('portalToken');
        const p = /^\s*bearer\s+(\S+)\s*$/i.exec(portal);
        out.portalToken = p ? p[1] : null;
    }
    return out;
}

function checkAuthKind(server, kind) {
    if (!AUTH_KINDS[server].includes(kind)) {
        throw new RangeError(`${server}Auth must be one of ${AUTH_KINDS[server].join(', ')}`);
    }
    return kind;
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

function checkTenants(list) {
    if (list === null || list === undefined) return null;
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string')) throw new TypeError('tenants must be a list of names or null');
    return list.slice();
}

// A header value as given when it is printable ASCII, else percent-encoded (HTTP headers are bytes).
function headerValue(value) {
    return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function decodeSegment(s) {
    try {
        return decodeURIComponent(s);
    } catch (e) {
        return s;
    }
}

function queryObject(search) {
    const out = {};
    for (const [k, v] of new URLSearchParams(search)) {
        if (!(k in out)) out[k] = v;
        else if (Array.isArray(out[k])) out[k].push(v);
        else out[k] = [out[k], v];
    }
    return out;
}

function send(res, status, headers, body) {
    const h = Object.assign({}, headers);
    const noBody = status === 204 || status === 304 || status < 200;
    let buf = null;
    if (!noBody && body !== undefined && body !== null) {
        buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
        h['Content-Length'] = buf.length;
    }
    res.writeHead(status, h);
    res.end(buf || undefined);
}

// Writes prefix + `filler` bytes of 'x' + suffix from one cached chunk, honouring
// back-pressure and stopping as soon as the client goes away.
function streamFiller(res, status, type, prefix, suffix, filler, extraHeaders = {}) {
    const head = Buffer.from(prefix, 'utf8');
    const tail = Buffer.from(suffix, 'utf8');
    res.writeHead(status, Object.assign({ 'Content-Type': type, 'Content-Length': head.length + filler + tail.length }, extraHeaders));
    let stopped = false;
    res.once('close', () => { stopped = true; });
    res.write(head);
    let left = filler;
    const pump = () => {
        while (!stopped && left > 0) {
            const n = Math.min(left, FILLER.length);
            left -= n;
            if (!res.write(n === FILLER.length ? FILLER : FILLER.subarray(0, n))) {
                res.once('drain', pump);
                return;
            }
        }
        if (!stopped) res.end(tail);
    };
    pump();
}

// Scenario keys shared by both servers. Server-specific keys are handled by the
// server handlers before these.
const SIMPLE_KEYS = new Set([
    'reset', 'reset-mid-body', 'login-page', 'truncated', 'wrong-type', 'no-activities',
    'huge', 'redirect-same', 'redirect-other-host', 'ok-after-redirect', 'echo-headers'
]);

function parseScenario(key) {
    let m;
    if ((m = /^slow-(\d{1,9})$/.exec(key))) return { kind: 'slow', ms: Math.min(Number(m[1]), MAX_SLOW_MS) };
    if ((m = /^flaky-(\d{1,6})$/.exec(key))) return { kind: 'flaky', n: Number(m[1]) };
    if ((m = /^status-(\d{3})$/.exec(key))) {
        const code = Number(m[1]);
        return code >= 200 && code <= 599 ? { kind: 'status', code } : null;
    }
    if ((m = /^many-(\d{1,6})$/.exec(key))) {
        const n = Number(m[1]);
        return n <= MAX_MANY ? { kind: 'many', n } : null;
    }
    return SIMPLE_KEYS.has(key) ? { kind: key } : null;
}

// ---------------------------------------------------------------------------
// The simulator

function startSimulator(options = {}) {
    const opts = Object.assign({
        port: 0, host: '127.0.0.1', username: 'flow', password: 's3cret', inubitVersion: 9,
        inubitAuth: 'basic', bpmAuth: 'basic', token: 'sim-bearer-token', apiKey: 'sim-api-key',
        bpmCsrf: 'off', csrfLifetimeMs: 7200 * 1000, csrfLoginStatus: 201, csrfLoginFailure: null,
        tenants: null, maintenance: false, keepAliveTimeout: 5000
    }, options);
    let inubitVersion = checkVersion(opts.inubitVersion);
    // The modes below are what reset() restores from the start options.
    let mode;
    const startMode = () => ({
        inubitAuth: checkAuthKind('inubit', opts.inubitAuth),
        bpmAuth: checkAuthKind('bpm', opts.bpmAuth),
        token: String(opts.token),
        apiKey: String(opts.apiKey),
        bpmCsrf: checkCsrfMode(opts.bpmCsrf),
        csrfLifetimeMs: checkLifetime(opts.csrfLifetimeMs),
        csrfLoginStatus: checkLoginStatus(opts.csrfLoginStatus),
        csrfLoginFailure: checkLoginFailure(opts.csrfLoginFailure),
        tenants: checkTenants(opts.tenants),
        maintenance: !!opts.maintenance
    });
    mode = startMode();
    // Issued CSRF token -> the time (ms) it expires, in issue order.
    const csrfTokens = new Map();

    const requests = [];
    const stats = { connections: 0, inFlight: 0, maxInFlight: 0, logins: 0, tokensIssued: 0 };
    const counters = new Map();
    const sockets = new Set();
    const instances = new Map(Object.entries(fixtures.builtinInstances()));
    // Activity id -> its activity in the built-in instances (one id may be listed twice).
    const activityIndex = new Map();
    for (const list of instances.values()) {
        for (const a of list) if (!activityIndex.has(a.id)) activityIndex.set(a.id, a);
    }
    // Activity id -> fields changed by a start, until reset().
    const activityStates = new Map();
    let nextTaskId = FIRST_TASK_ID;
    const manyCache = new Map();
    let socketSeq = 0;
    let closing = null;

    const server = http.createServer(onRequest);
    // 5 s like IBM HTTP Server and Apache, unless told otherwise.
    server.keepAliveTimeout = opts.keepAliveTimeout;

    server.on('connection', (socket) => {
        socket.simId = ++socketSeq;
        stats.connections++;
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
    });

    const sim = {
        url: '',
        port: 0,
        inubitUrl: '',
        bpmUrl: '',
        username: opts.username,
        password: opts.password,
        requests,
        stats,
        get inubitAuth() { return mode.inubitAuth; },
        get bpmAuth() { return mode.bpmAuth; },
        get token() { return mode.token; },
        get apiKey() { return mode.apiKey; },
        get bpmCsrf() { return mode.bpmCsrf; },
        get csrfLifetimeMs() { return mode.csrfLifetimeMs; },
        get tenants() { return mode.tenants ? mode.tenants.slice() : null; },
        get maintenance() { return mode.maintenance; },
        // Every CSRF token issued since the last reset(), oldest first (expired ones too).
        get csrfTokens() { return Array.from(csrfTokens.keys()); },
        reset() {
            requests.length = 0;
            counters.clear();
            activityStates.clear();
            nextTaskId = FIRST_TASK_ID;
            stats.connections = 0;
            stats.maxInFlight = stats.inFlight;
            stats.logins = 0;
            stats.tokensIssued = 0;
            csrfTokens.clear();
            inubitVersion = checkVersion(opts.inubitVersion);
            mode = startMode();
        },
        setInubitVersion(v) {
            inubitVersion = checkVersion(v);
        },
        setInubitAuth(kind) {
            mode.inubitAuth = checkAuthKind('inubit', kind);
        },
        setBpmAuth(kind) {
            mode.bpmAuth = checkAuthKind('bpm', kind);
        },
        setToken(token) {
            mode.token = String(token);
        },
        setApiKey(apiKey) {
            mode.apiKey = String(apiKey);
        },
        setBpmCsrf(value) {
            mode.bpmCsrf = checkCsrfMode(value);
        },
        // Applies to tokens issued from now on.
        setCsrfLifetimeMs(ms) {
            mode.csrfLifetimeMs = checkLifetime(ms);
        },
        setCsrfLoginStatus(status) {
            mode.csrfLoginStatus = checkLoginStatus(status);
        },
        setCsrfLoginFailure(failure) {
            mode.csrfLoginFailure = checkLoginFailure(failure);
        },
        expireCsrfTokens() {
            for (const token of csrfTokens.keys()) csrfTokens.set(token, 0);
        },
        setTenants(list) {
            mode.tenants = checkTenants(list);
        },
        setMaintenance(on) {
            mode.maintenance = !!on;
        },
        close() {
            if (!closing) {
                closing = new Promise((resolve) => {
                    server.close(() => resolve());
                    // Keep-alive sockets would otherwise hold close() open for seconds.
                    for (const s of sockets) s.destroy();
                });
            }
            return closing;
        }
    };

    function checkVersion(v) {
        const n = Number(v);
        if (n !== 8 && n !== 9) throw new RangeError('inubitVersion must be 8 or 9');
        return n;
    }

    // -- request entry point ------------------------------------------------

    function onRequest(req, res) {
        req.on('error', noop);
        res.on('error', noop);
        // Bodies are read into record.body (the first MAX_BODY bytes) and drained for keep-alive.
        const chunks = [];
        let bodySize = 0;
        req.on('data', (chunk) => {
            if (bodySize < MAX_BODY) chunks.push(chunk);
            bodySize += chunk.length;
        });
        req.once('end', () => {
            record.body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY);
        });

        stats.inFlight++;
        if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
        let counted = true;
        const done = () => {
            if (counted) {
                counted = false;
                stats.inFlight--;
            }
        };
        res.once('finish', done);
        res.once('close', done);

        const qi = req.url.indexOf('?');
        const rawPath = qi < 0 ? req.url : req.url.slice(0, qi);
        const search = qi < 0 ? '' : req.url.slice(qi + 1);

        let target = 'other';
        let rootPath = '';
        let prefix = '';
        let bpmLogin = false;
        if (rawPath === INUBIT_ROOT || rawPath.startsWith(INUBIT_ROOT + '/')) {
            target = 'inubit';
            rootPath = INUBIT_ROOT;
        } else {
            const m = BPM_ROOT_RE.exec(rawPath);
            const login = m ? null : BPM_LOGIN_RE.exec(rawPath);
            if (m) {
                target = 'bpm';
                rootPath = m[0];
                prefix = m[1];
            } else if (login) {
                target = 'bpm';
                rootPath = login[1];
                prefix = login[1];
                bpmLogin = true;
            }
        }
        const rest = rawPath.slice(rootPath.length);
        const rawSegments = rest === '' || rest === '/' ? [] : rest.slice(1).split('/');
        const segments = rawSegments.map(decodeSegment);

        const creds = readCredentials(req.headers);
        const named = creds.basic || creds.zenApiKey;
        const csrfHeader = req.headers.bpmcsrftoken;
        const record = {
            server: target,
            method: req.method,
            rawPath,
            query: queryObject(search),
            segments,
            headers: Object.assign({}, req.headers),
            authUser: named ? named.user : null,
            authKind: creds.kinds.length > 0 ? creds.kinds[0] : null,
            authKinds: creds.kinds,
            csrfToken: typeof csrfHeader === 'string' ? csrfHeader : null,
            body: null,
            socketId: req.socket.simId
        };
        requests.push(record);

        const ctx = {
            req, res, record, server: target, rawPath, search, rootPath, prefix, rawSegments, segments,
            query: record.query,
            socket: req.socket,
            creds
        };
        try {
            if (target === 'inubit') handleInubit(ctx);
            else if (bpmLogin) handleBpmLogin(ctx);
            else if (target === 'bpm') handleBpm(ctx);
            else handleOther(ctx);
        } catch (err) {
            // A bug in the simulator should surface in the test, not kill the process.
            if (!res.headersSent) send(res, 500, { 'Content-Type': CT_TEXT }, 'simulator error: ' + err.stack);
            else res.destroy();
        }
    }

    function handleOther(ctx) {
        const get = ctx.req.method === 'GET' || ctx.req.method === 'HEAD';
        if (get && LOGIN_PAGE_RE.test(ctx.rawPath)) {
            return send(ctx.res, 200, { 'Content-Type': CT_HTML }, fixtures.FORM_LOGIN_PAGE);
        }
        if (ctx.rawPath === '/' && ctx.req.method === 'GET') {
            send(ctx.res, 200, { 'Content-Type': CT_TEXT }, [
                'BPM simulator',
                `inubit:  ${sim.inubitUrl}`,
                `IBM BPM: ${sim.bpmUrl}`,
                ''
            ].join('\n'));
            return;
        }
        send(ctx.res, 404, { 'Content-Type': CT_TEXT }, 'Not Found');
    }

    // -- authentication -----------------------------------------------------------

    // Whether the request carries what `kind` asks for; other kinds of credentials do not count.
    function authenticated(ctx, kind) {
        const c = ctx.creds;
        switch (kind) {
        case 'none': return true;
        case 'bearer': return c.bearer === mode.token;
        case 'zenApiKey': return !!c.zenApiKey && c.zenApiKey.user === sim.username && c.zenApiKey.secret === mode.apiKey;
        case 'portalToken':
            // userType=processEngineUser forces inubit's own user management, which knows no portal tokens.
            return c.portalToken === mode.token && firstValue(ctx.query.userType) !== 'processEngineUser';
        default: // basic, form (the application server also takes Basic credentials)
            return !!c.basic && c.basic.user === sim.username && c.basic.secret === sim.password;
        }
    }

    function origin(ctx) {
        return `http://${ctx.req.headers.host || `${opts.host}:${sim.port}`}`;
    }

    // Form login: what an application server answers a request without a session.
    function toLoginForm(ctx, prefix) {
        const location = `${origin(ctx)}${prefix}/login.html`;
        send(ctx.res, 302, { Location: location, 'Content-Type': CT_HTML },
            `<html><body>Moved: <a href="${xmlEscape(location)}">login</a></body></html>\n`);
    }

    // -- shared scenario keys -------------------------------------------------

    // Location for the redirect keys: same path, the key segment replaced.
    function redirectLocation(ctx, keyIndex, otherHost) {
        const segs = ctx.rawSegments.slice();
        segs[keyIndex] = 'ok-after-redirect';
        const path = ctx.rootPath + '/' + segs.join('/') + (ctx.search ? '?' + ctx.search : '');
        if (!otherHost) return origin(ctx) + path;
        const name = (ctx.req.headers.host || opts.host).replace(/:\d+$/, '');
        return `http://${name === 'localhost' ? '127.0.0.1' : 'localhost'}:${sim.port}${path}`;
    }

    // The request headers for echo-headers, without the ones that carry secrets.
    function echoedHeaders(ctx) {
        const headers = Object.assign({}, ctx.req.headers);
        delete headers.authorization;
        delete headers['x-auth-token'];
        delete headers.bpmcsrftoken;
        return headers;
    }

    // Handles a shared key; returns false if `key` is not one. `api` supplies the
    // server's own answers: normal(), error(status, headers), normalBody(),
    // truncated(), wrongType(), huge(), and optionally noActivities(), echoHeaders(), many(n).
    function runScenario(ctx, key, keyIndex, api) {
        const sc = parseScenario(key);
        if (!sc) return false;
        const { res, socket } = ctx;
        switch (sc.kind) {
        case 'slow': {
            const timer = setTimeout(() => {
                if (!res.destroyed) api.normal();
            }, sc.ms);
            res.once('close', () => clearTimeout(timer));
            break;
        }
        case 'reset':
            socket.destroy();
            break;
        case 'reset-mid-body': {
            const b = api.normalBody();
            const buf = Buffer.from(b.body, 'utf8');
            res.writeHead(b.status, { 'Content-Type': b.type, 'Content-Length': buf.length });
            // Destroy only once the first half has reached the socket, so the client sees it.
            res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => socket.destroy());
            break;
        }
        case 'login-page':
            send(res, 200, { 'Content-Type': CT_HTML }, fixtures.LOGIN_PAGE);
            break;
        case 'truncated':
            api.truncated();
            break;
        case 'wrong-type':
            api.wrongType();
            break;
        case 'no-activities':
            if (api.noActivities) api.noActivities();
            else api.normal();
            break;
        case 'flaky': {
            const ck = ctx.server + ':' + key;
            const count = (counters.get(ck) || 0) + 1;
            counters.set(ck, count);
            if (count <= sc.n) api.error(503, { 'Retry-After': '0' });
            else api.normal();
            break;
        }
        case 'status':
            api.error(sc.code, {});
            break;
        case 'huge':
            api.huge();
            break;
        case 'redirect-same':
        case 'redirect-other-host':
            send(res, 302, {
                Location: redirectLocation(ctx, keyIndex, sc.kind === 'redirect-other-host'),
                'Content-Type': CT_TEXT
            }, 'Found');
            break;
        case 'echo-headers':
            if (api.echoHeaders) api.echoHeaders();
            else api.normal();
            break;
        case 'many':
            if (api.many) api.many(sc.n);
            else api.normal();
            break;
        default: // ok-after-redirect
            api.normal();
        }
        return true;
    }

    // -- inubit -----------------------------------------------------------------

    function inubitErrorPath(ctx) {
        // inubit reports the path below its web context, i.e. without /ibis.
        return ctx.rawPath.slice('/ibis'.length);
    }

    function inubitWantsXml(ctx) {
        const type = negotiate(ctx.req.headers.accept, [CT_JSON, CT_XML, 'text/xml']);
        return type === CT_XML || type === 'text/xml';
    }

    function inubitError(ctx, status, headers = {}, message) {
        const msg = message || INUBIT_MESSAGES[status] || http.STATUS_CODES[status] || 'Error';
        const body = { statusCode: status, message: msg, path: inubitErrorPath(ctx), timestamp: inubitTimestamp() };
        if (inubitWantsXml(ctx)) {
            const out = [XML_DECL, '<error>'];
            for (const [k, v] of Object.entries(body)) xmlValue(k, v, IND, out);
            out.push('</error>');
            send(ctx.res, status, Object.assign({ 'Content-Type': CT_XML }, headers), out.join('\n') + '\n');
        } else {
            send(ctx.res, status, Object.assign({ 'Content-Type': CT_JSON }, headers), JSON.stringify(body));
        }
    }

    function inubitUnauthorized(ctx) {
        if (inubitVersion === 8) {
            const p = xmlEscape(ctx.rawPath);
            send(ctx.res, 401, { 'Content-Type': CT_HTML }, '<html><head>' +
                '<meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>' +
                '<title>Error 401 Unauthorized</title></head>\n<body><h2>HTTP ERROR 401</h2>\n' +
                `<p>Problem accessing ${p}. Reason:\n<pre>    Unauthorized</pre></p>\n</body></html>\n`);
        } else {
            inubitError(ctx, 401);
        }
    }

    function handleInubit(ctx) {
        const { req, res, segments } = ctx;
        const method = req.method;
        if (segments.length === 1 && segments[0] === 'healthcheck') {
            // Deliberately without authentication, like the real endpoint.
            if (method !== 'GET' && method !== 'HEAD') return inubitError(ctx, 405, { Allow: 'GET' });
            return send(res, 200, { 'Content-Type': CT_JSON }, JSON.stringify({
                status: 'OK', maintenancemode: mode.maintenance ? 1 : 0, version: inubitVersion === 8 ? '8.1.0' : '9.0.0'
            }));
        }
        const isTask = segments[0] === 'task';
        if (mode.maintenance && isTask) return inubitError(ctx, 503, { 'Retry-After': '0' });
        if (!authenticated(ctx, mode.inubitAuth)) {
            return mode.inubitAuth === 'form' ? toLoginForm(ctx, '') : inubitUnauthorized(ctx);
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
            return inubitStart(ctx, segments[3]);
        }
        return inubitError(ctx, 404);
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

    function inubitStarters(ctx, user) {
        const { res } = ctx;
        // inubit's default language is German; any other value than en falls back to it.
        const lang = firstValue(ctx.query.lang) === 'en' ? 'en' : 'de';
        const starters = fixtures.INUBIT_STARTERS;
        const rootAttrs = modulesAttrs(ctx);
        const xml = (list, bare = false) => startersXml(list, lang, bare, rootAttrs);
        const modules = (list, bare) => send(res, 200, { 'Content-Type': CT_XML }, xml(list, bare));
        switch (user) {
        case 'no-starters': return modules([]);
        case 'one-starter': return modules(starters.slice(0, 1));
        case 'no-lang': return modules(starters, true);
        case 'extra-attributes':
            return modules(starters.map((s, i) => (i === 0
                ? Object.assign({}, s, { extra: { description: 'Antrag auf Urlaub & Freizeitausgleich', priority: '01' } })
                : s)));
        case 'unknown-user': return inubitError(ctx, 404, {}, `User ${user} not found`);
        case 'forbidden': return inubitError(ctx, 403);
        case 'server-error': return inubitError(ctx, 500);
        case 'maintenance': return inubitError(ctx, 503, { 'Retry-After': '0' });
        }
        const normal = () => modules(starters);
        const handled = runScenario(ctx, user, 2, {
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
                const doc = xml([Object.assign({}, starters[0], { labels: null, label: marker })]);
                const at = doc.indexOf(marker);
                const prefix = doc.slice(0, at);
                const suffix = doc.slice(at + marker.length);
                streamFiller(res, 200, CT_XML, prefix, suffix, HUGE_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix));
            },
            echoHeaders: () => {
                modules([{ id: 'echo-headers', label: JSON.stringify(echoedHeaders(ctx)), role: 'Employee' }]);
            },
            many: (n) => {
                const ck = `starters:${n}:${lang}:${rootAttrs}`;
                let text = manyCache.get(ck);
                if (text === undefined) {
                    text = xml(fixtures.generateStarters(n));
                    manyCache.set(ck, text);
                }
                send(res, 200, { 'Content-Type': CT_XML }, text);
            }
        });
        if (!handled) normal();
    }

    function inubitStart(ctx, id) {
        const { res } = ctx;
        const echo = echoHeaders(ctx);
        const created = (body, type = CT_PLAIN_INUBIT) => send(res, 201, Object.assign({ 'Content-Type': type }, echo), body);
        switch (id) {
        case 'no-task': return send(res, 204, echo);
        case 'leading-zeros': return created('  000123\n');
        case 'numeric': return created('42');
        case 'unknown-starter': return inubitError(ctx, 404);
        case 'server-error': return inubitError(ctx, 500);
        case 'maintenance': return inubitError(ctx, 503, { 'Retry-After': '0' });
        case 'forbidden': return inubitError(ctx, 403);
        }
        const normal = () => created(crypto.randomUUID());
        const handled = runScenario(ctx, id, 3, {
            normal,
            error: (status, headers) => inubitError(ctx, status, headers),
            normalBody: () => ({ status: 201, type: CT_PLAIN_INUBIT, body: crypto.randomUUID() }),
            truncated: () => {
                // Declares the full task id but sends half of it, then ends the connection.
                const taskId = Buffer.from(crypto.randomUUID());
                res.writeHead(201, Object.assign({ 'Content-Type': CT_PLAIN_INUBIT, 'Content-Length': taskId.length }, echo));
                res.write(taskId.subarray(0, taskId.length / 2), () => ctx.socket.end());
            },
            wrongType: () => created('<html><body>Created</body></html>', CT_HTML),
            huge: () => streamFiller(res, 201, CT_PLAIN_INUBIT, '', '', HUGE_BYTES, echo)
        });
        if (!handled) normal();
    }

    // -- IBM BPM ----------------------------------------------------------------

    // Representation for a BPM request, or null when the Accept header allows none.
    function bpmFormat(ctx) {
        const callback = typeof ctx.query.callback === 'string' && /^[A-Za-z_$][\w$.]*$/.test(ctx.query.callback)
            ? ctx.query.callback : null;
        const offers = [CT_JSON, CT_XML, 'text/xml'];
        if (callback) offers.push('application/x-javascript');
        const type = negotiate(ctx.req.headers.accept, offers);
        if (type === null) return null;
        const kind = type === CT_JSON ? 'json' : type === 'application/x-javascript' ? 'jsonp' : 'xml';
        return { kind, type: type + ';charset=UTF-8', callback };
    }

    const JSON_FORMAT = { kind: 'json', type: CT_JSON + ';charset=UTF-8', callback: null };

    function wrapJson(fmt, json) {
        return fmt.kind === 'jsonp' ? `${fmt.callback}(${json});` : json;
    }

    function bpmError(ctx, status, fmt, e, headers = {}) {
        const data = { status: 'error', exceptionType: WLE_EXCEPTION };
        if (e.errorNumber) data.errorNumber = e.errorNumber;
        data.errorMessage = e.errorNumber ? `${e.errorNumber}: ${e.message}` : e.message;
        data.errorMessageParameters = e.params || [];
        data.programmersDetails = e.details !== undefined ? e.details : `${WLE_EXCEPTION}: ${data.errorMessage}`;
        let body;
        if (fmt.kind === 'xml') {
            const out = [XML_DECL_SA, `<RestRuntimeException xmlns="http://rest.bpm.ibm.com/v1/data/exception" xmlns:xsi="${XSI_NS}">`,
                `${IND}<status>error</status>`];
            xmlValue('Data', data, IND, out);
            out.push('</RestRuntimeException>');
            body = out.join('\n') + '\n';
        } else {
            body = wrapJson(fmt, JSON.stringify({ status: 'error', Data: data }));
        }
        send(ctx.res, status, Object.assign({ 'Content-Type': fmt.type }, headers), body);
    }

    function genericBpmError(ctx, status, fmt, headers) {
        const reason = http.STATUS_CODES[status] || 'Error';
        bpmError(ctx, status, fmt, { message: `${reason} (HTTP ${status}) for ${ctx.rawPath}` }, headers);
    }

    const CHALLENGES = { bearer: 'Bearer', zenApiKey: 'ZenApiKey' };

    function bpmUnauthorized(ctx) {
        const scheme = CHALLENGES[mode.bpmAuth] || 'Basic';
        send(ctx.res, 401, {
            'Content-Type': CT_HTML,
            'WWW-Authenticate': `${scheme} realm="defaultWIMFileBasedRealm"`
        }, '<!DOCTYPE html>\n<html><head><title>Error 401: Authentication required</title></head>\n' +
            '<body><h1>Error 401: Authentication required</h1>\n' +
            '<p>The server could not verify that you are authorised to access this resource.</p>\n</body></html>\n');
    }

    function renderData(fmt, data, attrs) {
        if (fmt.kind === 'xml') return responseDataXml(attrs, data);
        return wrapJson(fmt, JSON.stringify(data === null ? { status: '200' } : { status: '200', data }));
    }

    function renderActivities(fmt, list) {
        return renderData(fmt, { activities: list }, ACTIVITIES_ATTRS);
    }

    function sendActivities(ctx, fmt, list) {
        send(ctx.res, 200, { 'Content-Type': fmt.type }, renderActivities(fmt, list));
    }

    // Maintenance and authentication, as the application server in front does them;
    // true when the request was answered.
    function bpmRefused(ctx) {
        if (mode.maintenance) {
            genericBpmError(ctx, 503, bpmFormat(ctx) || JSON_FORMAT, { 'Retry-After': '0' });
            return true;
        }
        if (!authenticated(ctx, mode.bpmAuth)) {
            if (mode.bpmAuth === 'form') toLoginForm(ctx, ctx.prefix);
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
        if (isActivity) return bpmActivity(ctx, fmt, segments[1]);
        return bpmAdHoc(ctx, fmt, segments[1]);
    }

    // A built-in instance's list as it is now: started activities show their new state.
    function currentActivities(list) {
        if (activityStates.size === 0) return list;
        return list.map((a) => {
            const state = activityStates.get(a.id);
            return state ? Object.assign({}, a, { executionState: state.executionState, startTime: state.startTime }) : a;
        });
    }

    function bpmAdHoc(ctx, fmt, id) {
        const { res } = ctx;
        if (instances.has(id)) return sendActivities(ctx, fmt, currentActivities(instances.get(id)));
        if (id === 'forbidden') {
            return bpmError(ctx, 403, fmt, {
                errorNumber: 'CWTBG0549E',
                message: `User ${ctx.record.authUser} is not authorized to access process instance ${id}.`,
                params: [ctx.record.authUser, id]
            });
        }
        if (id === 'server-error') {
            return bpmError(ctx, 500, fmt, {
                errorNumber: 'CWTBG0019E',
                message: 'An unexpected failure occurred while reading the ad hoc activities.',
                params: [],
                details: fixtures.STACK_TRACE
            });
        }
        const seed = fixtures.SEED_ACTIVITIES;
        const normal = () => sendActivities(ctx, fmt, seed);
        const handled = runScenario(ctx, id, 1, {
            normal,
            error: (status, headers) => genericBpmError(ctx, status, fmt, headers),
            normalBody: () => ({ status: 200, type: fmt.type, body: renderActivities(fmt, seed) }),
            truncated: () => {
                // Complete at the HTTP level, broken as a document.
                const full = renderActivities(fmt, seed);
                send(res, 200, { 'Content-Type': fmt.type }, full.slice(0, Math.floor(full.length / 2)));
            },
            wrongType: () => send(res, 200, { 'Content-Type': CT_TEXT }, 'OK'),
            noActivities: () => send(res, 200, { 'Content-Type': fmt.type },
                fmt.kind === 'xml' ? responseDataXml('', null) : renderData(fmt, {}, '')),
            huge: () => {
                const marker = 'HUGE-NARRATIVE-MARKER';
                const activity = Object.assign({}, fixtures.ONE_ACTIVITY[0], { name: 'Huge narrative', narrative: marker });
                const doc = renderActivities(fmt, [activity]);
                const at = doc.indexOf(marker);
                const prefix = doc.slice(0, at);
                const suffix = doc.slice(at + marker.length);
                const filler = HUGE_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix);
                streamFiller(res, 200, fmt.type, prefix, suffix, filler);
            },
            echoHeaders: () => {
                const activity = Object.assign({}, fixtures.ONE_ACTIVITY[0], { narrative: JSON.stringify(echoedHeaders(ctx)) });
                sendActivities(ctx, fmt, [activity]);
            },
            many: (n) => {
                // Cache the rendered text: a 10,000-item list is slow to build every time.
                const kind = fmt.kind === 'xml' ? 'xml' : 'json';
                const ck = n + ':' + kind;
                let text = manyCache.get(ck);
                if (text === undefined) {
                    text = renderActivities(kind === 'xml' ? fmt : JSON_FORMAT, fixtures.generateActivities(n));
                    manyCache.set(ck, text);
                }
                send(res, 200, { 'Content-Type': fmt.type }, fmt.kind === 'jsonp' ? wrapJson(fmt, text) : text);
            }
        });
        if (handled) return;
        if (/^\d+$/.test(id)) {
            return bpmError(ctx, 404, fmt, {
                errorNumber: 'CWTBG0059E',
                message: `The process instance with the ID ${id} does not exist.`,
                params: [id]
            });
        }
        return bpmError(ctx, 400, fmt, {
            errorNumber: 'CWTBG0553E',
            message: `The instance ID '${id}' is not valid.`,
            params: [id]
        });
    }

    // -- IBM BPM: CSRF token login -------------------------------------------------

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

    // -- IBM BPM: start an ad-hoc activity ----------------------------------------

    function renderDetails(fmt, details) {
        return renderData(fmt, details, DETAILS_ATTRS);
    }

    function sendDetails(ctx, fmt, details) {
        send(ctx.res, 200, { 'Content-Type': fmt.type }, renderDetails(fmt, details));
    }

    // What a start makes of an activity: WORKING since now, a new task for a user task.
    function started(activity, assignTo) {
        return {
            executionState: 'WORKING',
            startTime: bpmTimestamp(),
            taskId: activity.activityType === 'USER_TASK' ? String(nextTaskId++) : null,
            taskOwnerUserId: assignTo
        };
    }

    // An activity made up from its id, for ids that no built-in instance lists.
    function madeUpActivity(id, activityType = 'USER_TASK') {
        return {
            id,
            name: `Ad-hoc activity ${id}`,
            executionState: 'READY',
            activityType,
            executionType: 'MANUAL',
            optionType: 'OPTIONAL',
            required: false,
            repeatable: true,
            startTime: null,
            endTime: null,
            hidden: false
        };
    }

    function startMadeUp(ctx, fmt, id, assignTo, activityType) {
        const activity = madeUpActivity(id, activityType);
        sendDetails(ctx, fmt, fixtures.activityDetails(activity, started(activity, assignTo)));
    }

    // `state` is named when the simulator knows it.
    function notValidNow(ctx, fmt, id, action, state) {
        bpmError(ctx, 400, fmt, {
            errorNumber: 'CWTBG0548E',
            message: `The action ${action} is not valid for the activity ${id} in its current state${state ? ' ' + state : ''}.`,
            params: state ? [action, id, state] : [action, id]
        });
    }

    function bpmActivity(ctx, fmt, id) {
        const { res } = ctx;
        const action = firstValue(ctx.query.action);
        if (typeof action !== 'string' || !ACTIVITY_ACTIONS.includes(action)) {
            const named = typeof action === 'string' ? action : '';
            return bpmError(ctx, 400, fmt, {
                errorNumber: 'CWTBG0547E',
                message: `The action '${named}' is not valid. Valid actions are ${ACTIVITY_ACTIONS.join(', ')}.`,
                params: [named]
            });
        }
        const given = firstValue(ctx.query.assignTo);
        const assignTo = typeof given === 'string' && given !== '' ? given : null;

        const fixture = activityIndex.get(id);
        const state = fixture ? Object.assign({}, fixture, activityStates.get(id)) : null;
        // Only starting is simulated; the other actions are never valid here.
        if (action !== ACTION_START) return notValidNow(ctx, fmt, id, action, state ? state.executionState : null);
        if (fixture) {
            // A repeatable activity can be started again while it is working.
            const startable = state.executionState === 'READY' || (fixture.repeatable && state.executionState === 'WORKING');
            if (!startable) return notValidNow(ctx, fmt, id, action, state.executionState);
            const change = started(fixture, assignTo);
            activityStates.set(id, change);
            return sendDetails(ctx, fmt, fixtures.activityDetails(fixture, change));
        }

        switch (id) {
        case 'no-task': return startMadeUp(ctx, fmt, id, assignTo, 'CALLED_PROCESS');
        case 'with-task': return startMadeUp(ctx, fmt, id, assignTo, 'USER_TASK');
        case 'text-fields': return sendDetails(ctx, fmt, fixtures.TEXT_FIELDS_DETAILS);
        case 'not-startable': return notValidNow(ctx, fmt, id, action, 'DISABLED');
        case 'unknown-activity':
            return bpmError(ctx, 404, fmt, {
                errorNumber: 'CWTBG0059E',
                message: `The activity with the ID ${id} does not exist.`,
                params: [id]
            });
        case 'forbidden':
            return bpmError(ctx, 403, fmt, {
                errorNumber: 'CWTBG0549E',
                message: `User ${ctx.record.authUser} is not authorized to perform the action ${action} on the activity ${id}.`,
                params: [ctx.record.authUser, action, id]
            });
        case 'conflict':
            return bpmError(ctx, 409, fmt, {
                errorNumber: 'CWTBG0550E',
                message: `The activity ${id} was changed by another request; the action ${action} conflicts with its new state.`,
                params: [id, action]
            });
        case 'server-error':
            return bpmError(ctx, 500, fmt, {
                errorNumber: 'CWTBG0019E',
                message: `An unexpected failure occurred while starting the activity ${id}.`,
                params: [id],
                details: fixtures.STACK_TRACE
            });
        case 'maintenance': return genericBpmError(ctx, 503, fmt, { 'Retry-After': '0' });
        case 'no-data': return send(res, 200, { 'Content-Type': fmt.type }, renderData(fmt, null, ''));
        case 'data-not-object':
            return send(res, 200, { 'Content-Type': fmt.type }, fmt.kind === 'xml'
                ? responseDataXml('', null).replace('</bpm:ResponseData>', `${IND}<data>x</data>\n</bpm:ResponseData>`)
                : wrapJson(fmt, JSON.stringify({ status: '200', data: 'x' })));
        }

        const normal = () => startMadeUp(ctx, fmt, id, assignTo);
        const body = () => {
            const activity = madeUpActivity(id);
            return renderDetails(fmt, fixtures.activityDetails(activity, started(activity, assignTo)));
        };
        const handled = runScenario(ctx, id, 1, {
            normal,
            error: (status, headers) => genericBpmError(ctx, status, fmt, headers),
            normalBody: () => ({ status: 200, type: fmt.type, body: body() }),
            truncated: () => {
                // Complete at the HTTP level, broken as a document.
                const full = body();
                send(res, 200, { 'Content-Type': fmt.type }, full.slice(0, Math.floor(full.length / 2)));
            },
            wrongType: () => send(res, 200, { 'Content-Type': CT_TEXT }, 'OK'),
            huge: () => {
                const marker = 'HUGE-NARRATIVE-MARKER';
                const activity = madeUpActivity(id);
                const doc = renderDetails(fmt, fixtures.activityDetails(activity, Object.assign(started(activity, assignTo), { narrative: marker })));
                const at = doc.indexOf(marker);
                const prefix = doc.slice(0, at);
                const suffix = doc.slice(at + marker.length);
                streamFiller(res, 200, fmt.type, prefix, suffix, HUGE_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix));
            },
            echoHeaders: () => {
                const activity = madeUpActivity(id);
                sendDetails(ctx, fmt, fixtures.activityDetails(activity,
                    Object.assign(started(activity, assignTo), { narrative: JSON.stringify(echoedHeaders(ctx)) })));
            }
        });
        if (handled) return;
        if (/^2118\..+$/.test(id)) return normal();
        if (/^\d+$/.test(id)) {
            return bpmError(ctx, 404, fmt, {
                errorNumber: 'CWTBG0059E',
                message: `The activity with the ID ${id} does not exist.`,
                params: [id]
            });
        }
        return bpmError(ctx, 400, fmt, {
            errorNumber: 'CWTBG0553E',
            message: `The activity ID '${id}' is not valid.`,
            params: [id]
        });
    }

    // -- listen -----------------------------------------------------------------

    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(opts.port, opts.host, () => {
            server.removeListener('error', reject);
            const port = server.address().port;
            let host = opts.host;
            if (host === '0.0.0.0' || host === '::') host = '127.0.0.1';
            if (host.includes(':')) host = `[${host}]`;
            sim.port = port;
            sim.url = `http://${host}:${port}`;
            sim.inubitUrl = sim.url + INUBIT_ROOT;
            sim.bpmUrl = sim.url + BPM_ROOT;
            resolve(sim);
        });
    });
}

// ---------------------------------------------------------------------------
// Standalone use

const USAGE = 'usage: node test/simulator.js [--port N] [--host H] [--username U] [--password P] [--inubit-version 8|9]\n' +
    `    [--inubit-auth ${AUTH_KINDS.inubit.join('|')}] [--bpm-auth ${AUTH_KINDS.bpm.join('|')}]\n` +
    '    [--token T] [--api-key K] [--bpm-csrf off|required] [--csrf-lifetime-ms MS] [--tenants a,b]\n';

function parseArgs(argv) {
    const out = {};
    const names = {
        '--port': 'port', '--host': 'host', '--username': 'username', '--password': 'password', '--inubit-version': 'inubitVersion',
        '--inubit-auth': 'inubitAuth', '--bpm-auth': 'bpmAuth', '--token': 'token', '--api-key': 'apiKey',
        '--bpm-csrf': 'bpmCsrf', '--csrf-lifetime-ms': 'csrfLifetimeMs', '--tenants': 'tenants'
    };
    for (let i = 0; i < argv.length; i++) {
        const given = argv[i];
        let arg = given;
        let value;
        const eq = arg.indexOf('=');
        if (eq > 0) {
            value = arg.slice(eq + 1);
            arg = arg.slice(0, eq);
        } else {
            value = argv[++i];
        }
        const name = names[arg];
        if (!name || value === undefined) throw new Error(`unknown or incomplete option: ${given}`);
        if (name === 'port' || name === 'inubitVersion' || name === 'csrfLifetimeMs') out[name] = Number(value);
        else if (name === 'tenants') out[name] = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
        else out[name] = value;
    }
    if (out.port !== undefined && !(Number.isInteger(out.port) && out.port >= 0 && out.port < 65536)) {
        throw new Error('--port must be a number between 0 and 65535');
    }
    if (out.inubitVersion !== undefined && out.inubitVersion !== 8 && out.inubitVersion !== 9) {
        throw new Error('--inubit-version must be 8 or 9');
    }
    // The same checks as startSimulator, reported as usage errors.
    if (out.inubitAuth !== undefined) checkAuthKind('inubit', out.inubitAuth);
    if (out.bpmAuth !== undefined) checkAuthKind('bpm', out.bpmAuth);
    if (out.bpmCsrf !== undefined) checkCsrfMode(out.bpmCsrf);
    if (out.csrfLifetimeMs !== undefined) checkLifetime(out.csrfLifetimeMs);
    return out;
}

if (require.main === module) {
    let args;
    try {
        args = parseArgs(process.argv.slice(2));
    } catch (err) {
        process.stderr.write(`${err.message}\n${USAGE}`);
        process.exit(2);
    }
    startSimulator(args).then((sim) => {
        process.stdout.write(`simulator listening on ${sim.url}\n`);
        const stop = () => sim.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
    }, (err) => {
        process.stderr.write(`simulator failed to start: ${err.message}\n`);
        process.exit(1);
    });
}

module.exports = { startSimulator };
