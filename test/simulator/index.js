'use strict';

// HTTP simulator of the two BPM servers the nodes talk to, both on one loopback port:
//   inubit   REST root /ibis/rest              (inubit.js)
//   IBM BPM  REST root [/prefix]/rest/bpm/wle/v1, CSRF login [/prefix]/bpm/system/login
//                                              (ibm-bpm.js, ibm-bpm-activities.js)
//   GET  [/prefix]/login.html            the login form of an application server with form login
// Modes, as start options and as methods (reset() restores the start options):
//   inubitAuth / bpmAuth  basic (default) | bearer | zenApiKey (IBM) | portalToken (inubit) | none | form
//                         (token: `token`, API key: `apiKey`; form: 302 to {origin}[/prefix]/login.html)
//   bpmCsrf               off (default) | required: every IBM REST call needs a valid BPMCSRFToken header
//   tenants               known inubit `client` names (default: any); maintenance: 503s
//   bpmMaxUrlLength       IBM BPM answers 414 to longer request targets (default: no limit)
// IBM BPM processes and tasks (ibm-bpm-processes.js): bpmTasks(piid), bpmTask(tkiid),
// claimBpmTask(tkiid, user), startBpmProcesses(count); reset() restores them.
// inubit tasks (inubit-tasks.js): addInubitTask(user, spec) → id, removeInubitTask(id),
// inubitTasks(user), submittedForms(); reset() restores the task fixtures.
// Special ids in the path ("scenario keys": scenarios.js for the shared ones, the
// server handlers for their own) make the server misbehave on purpose. Starting an
// activity of a built-in instance changes its state (also in the list) until reset().
// Every request is recorded in sim.requests (method, path, query, headers, body, authUser,
// authKind, csrfToken).
//
// Usage as a module:   const sim = await startSimulator({ port: 0 });
// Usage as a program:  node test/simulator [--port N] [--host H] [--username U] [--password P]
//                                          [--inubit-version 8|9] [--inubit-auth KIND] [--bpm-auth KIND]
//                                          [--token T] [--api-key K] [--bpm-csrf off|required]
//                                          [--csrf-lifetime-ms MS] [--tenants a,b]
//   (defaults: port 0, i.e. any free port; host 127.0.0.1; user flow, password s3cret; inubit 9;
//    basic authentication on both; token sim-bearer-token; API key sim-api-key; no CSRF tokens)

const http = require('http');
const fixtures = require('./fixtures');
const inubit = require('./inubit');
const ibmBpm = require('./ibm-bpm');
const { scenarioKeys } = require('./scenarios');
const { readCredentials } = require('./authentication');
const { send, decodeSegment, queryObject, CT_HTML, CT_TEXT } = require('./http');

const MAX_BODY = 1024 * 1024;
const LOGIN_PAGE_RE = /^(?:\/[A-Za-z0-9._~-]+)*\/login\.html$/;
const OTHER_ROUTE = { server: 'other', rootPath: '', prefix: '' };

const noop = () => {};

function startSimulator(options = {}) {
    const opts = Object.assign({
        port: 0, host: '127.0.0.1', username: 'flow', password: 's3cret', inubitVersion: 9,
        inubitAuth: 'basic', bpmAuth: 'basic', token: 'sim-bearer-token', apiKey: 'sim-api-key',
        bpmCsrf: 'off', csrfLifetimeMs: 7200 * 1000, csrfLoginStatus: 201, csrfLoginFailure: null,
        tenants: null, maintenance: false, keepAliveTimeout: 5000, bpmMaxUrlLength: null
    }, options);
    // The modes below are what reset() restores from the start options.
    const startMode = () => ({
        inubitVersion: inubit.checkVersion(opts.inubitVersion),
        inubitAuth: inubit.checkAuthKind(opts.inubitAuth),
        bpmAuth: ibmBpm.checkAuthKind(opts.bpmAuth),
        token: String(opts.token),
        apiKey: String(opts.apiKey),
        bpmCsrf: ibmBpm.checkCsrfMode(opts.bpmCsrf),
        csrfLifetimeMs: ibmBpm.checkLifetime(opts.csrfLifetimeMs),
        csrfLoginStatus: ibmBpm.checkLoginStatus(opts.csrfLoginStatus),
        csrfLoginFailure: ibmBpm.checkLoginFailure(opts.csrfLoginFailure),
        tenants: inubit.checkTenants(opts.tenants),
        maintenance: !!opts.maintenance,
        bpmMaxUrlLength: ibmBpm.checkMaxUrlLength(opts.bpmMaxUrlLength)
    });
    const mode = startMode();

    const requests = [];
    const stats = { connections: 0, inFlight: 0, maxInFlight: 0, logins: 0, tokensIssued: 0 };
    const sockets = new Set();
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
        get csrfTokens() { return bpmServer.csrfTokens(); },
        reset() {
            requests.length = 0;
            scenarios.reset();
            bpmServer.reset();
            inubitServer.tasks.reset();
            stats.connections = 0;
            stats.maxInFlight = stats.inFlight;
            stats.logins = 0;
            stats.tokensIssued = 0;
            Object.assign(mode, startMode());
        },
        setInubitVersion(v) {
            mode.inubitVersion = inubit.checkVersion(v);
        },
        setInubitAuth(kind) {
            mode.inubitAuth = inubit.checkAuthKind(kind);
        },
        setBpmAuth(kind) {
            mode.bpmAuth = ibmBpm.checkAuthKind(kind);
        },
        setToken(token) {
            mode.token = String(token);
        },
        setApiKey(apiKey) {
            mode.apiKey = String(apiKey);
        },
        setBpmCsrf(value) {
            mode.bpmCsrf = ibmBpm.checkCsrfMode(value);
        },
        // Applies to tokens issued from now on.
        setCsrfLifetimeMs(ms) {
            mode.csrfLifetimeMs = ibmBpm.checkLifetime(ms);
        },
        setCsrfLoginStatus(status) {
            mode.csrfLoginStatus = ibmBpm.checkLoginStatus(status);
        },
        setCsrfLoginFailure(failure) {
            mode.csrfLoginFailure = ibmBpm.checkLoginFailure(failure);
        },
        expireCsrfTokens() {
            bpmServer.expireCsrfTokens();
        },
        setTenants(list) {
            mode.tenants = inubit.checkTenants(list);
        },
        setMaintenance(on) {
            mode.maintenance = !!on;
        },
        get bpmMaxUrlLength() { return mode.bpmMaxUrlLength; },
        // IBM BPM answers 414 to a request target longer than `n` characters (null: no limit).
        setBpmMaxUrlLength(n) {
            mode.bpmMaxUrlLength = ibmBpm.checkMaxUrlLength(n);
        },
        // The tasks of IBM BPM instance `piid` as GET /process/{piid} lists them, or null.
        bpmTasks(piid) {
            return bpmServer.processes.tasksOf(piid);
        },
        // IBM BPM task `tkiid` with its variables, or null.
        bpmTask(tkiid) {
            return bpmServer.processes.taskOf(tkiid);
        },
        // Makes `user` the owner of IBM BPM task `tkiid` (null: back to its team).
        claimBpmTask(tkiid, user) {
            bpmServer.processes.claim(tkiid, user);
        },
        // Starts `count` instances of the hiring process as the simulator's user, as that many
        // POST /process?action=start would, without the HTTP: [{ instanceId, taskId }], taskId
        // the open first task of each (the benchmark makes its open tasks with it).
        startBpmProcesses(count) {
            if (!Number.isInteger(count) || count < 0) throw new RangeError(`startBpmProcesses: count ${count} is not a whole number`);
            return bpmServer.processes.startHiring(count, sim.username).map(({ piid, tkiid }) => ({ instanceId: piid, taskId: tkiid }));
        },
        // A task in the list of `user` (a spec as in inubit-task-fixtures.js); returns its id.
        addInubitTask(user, spec = {}) {
            return inubitServer.tasks.addTask(String(user), spec);
        },
        // Whether task `id` was in a list.
        removeInubitTask(id) {
            return inubitServer.tasks.removeTask(String(id));
        },
        inubitTasks(user) {
            return inubitServer.tasks.tasksOf(String(user));
        },
        // The forms submitted since the last reset(), oldest first.
        submittedForms() {
            return inubitServer.tasks.submittedForms();
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

    const scenarios = scenarioKeys(sim, opts.host);
    const bpmServer = ibmBpm.ibmBpmServer({ sim, mode, stats, scenarios });
    const inubitServer = inubit.inubitServer({ sim, mode, scenarios });
    const servers = {
        inubit: inubitServer,
        bpm: bpmServer
    };

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

        const route = inubit.route(rawPath) || ibmBpm.route(rawPath) || OTHER_ROUTE;
        const rest = rawPath.slice(route.rootPath.length);
        const rawSegments = rest === '' || rest === '/' ? [] : rest.slice(1).split('/');
        const segments = rawSegments.map(decodeSegment);

        const creds = readCredentials(req.headers);
        const named = creds.basic || creds.zenApiKey;
        const csrfHeader = req.headers.bpmcsrftoken;
        const record = {
            server: route.server,
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
            req, res, record, route, server: route.server, rawPath, search, rootPath: route.rootPath, prefix: route.prefix,
            rawSegments, segments,
            query: record.query,
            socket: req.socket,
            origin: `http://${req.headers.host || `${opts.host}:${sim.port}`}`,
            creds
        };
        try {
            const target = servers[route.server];
            if (target) target.handle(ctx);
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
            sim.inubitUrl = sim.url + inubit.ROOT;
            sim.bpmUrl = sim.url + ibmBpm.ROOT;
            resolve(sim);
        });
    });
}

// ---------------------------------------------------------------------------
// Standalone use

const USAGE = 'usage: node test/simulator [--port N] [--host H] [--username U] [--password P] [--inubit-version 8|9]\n' +
    `    [--inubit-auth ${inubit.AUTH_KINDS.join('|')}] [--bpm-auth ${ibmBpm.AUTH_KINDS.join('|')}]\n` +
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
    if (out.inubitAuth !== undefined) inubit.checkAuthKind(out.inubitAuth);
    if (out.bpmAuth !== undefined) ibmBpm.checkAuthKind(out.bpmAuth);
    if (out.bpmCsrf !== undefined) ibmBpm.checkCsrfMode(out.bpmCsrf);
    if (out.csrfLifetimeMs !== undefined) ibmBpm.checkLifetime(out.csrfLifetimeMs);
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
