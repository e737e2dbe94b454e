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
//   users                 further users besides the account, { name: password }; addUser(name, password)
//   latencyMs             every request waits this long before it is answered (default 0), so that
//                         clients that work at once race as against a real server
// IBM BPM processes and tasks (ibm-bpm-processes.js): bpmTasks(piid), bpmTask(tkiid),
// claimBpmTask(tkiid, user), startBpmProcesses(count), queueBpmTasks(count),
// bpmTaskHistory(tkiid); event messages (ibm-bpm-events.js): bpmEventMessages(); reset()
// restores them.
// inubit tasks (inubit-tasks.js): addInubitTask(user, spec) → id, removeInubitTask(id),
// inubitTasks(user), submittedForms(); reset() restores the task fixtures.
// Special ids in the path ("scenario keys": scenarios.js for the shared ones, the
// server handlers for their own) make the server misbehave on purpose. Starting an
// activity of a built-in instance changes its state (also in the list) until reset().
// Every request is recorded in sim.requests (method, path, search, query, headers, body, authUser,
// authKind, csrfToken; answered or closedByClient, and the status, once it ended). loseAnswers(rule) loses the
// answers of chosen requests (lost-answers.js).
//
// Usage as a module:   const sim = await startSimulator({ port: 0 });
// Usage as a program:  node test/simulator [--port N] [--host H] [--username U] [--password P]
//                                          [--inubit-version 8|9] [--inubit-auth KIND] [--bpm-auth KIND]
//                                          [--token T] [--api-key K] [--bpm-csrf off|required]
//                                          [--csrf-lifetime-ms MS] [--tenants a,b]
//   (defaults: port 0, i.e. any free port; host 127.0.0.1; user flow, password s3cret; inubit 9;
//    basic authentication on both; token sim-bearer-token; API key sim-api-key; no CSRF tokens)
//
// Here the simulator as a whole and its API; its options and modes in modes.js, the way in of
// every request in requests.js, the program in standalone.js.

const http = require('http');
const inubit = require('./inubit');
const ibmBpm = require('./ibm-bpm');
const { scenarioKeys } = require('./scenarios');
const { startOptions, startMode, checkLatency } = require('./modes');
const { requestEntry } = require('./requests');
const { lostAnswers } = require('./lost-answers');
const { runStandalone } = require('./standalone');
const { REVIEW_BPD } = require('./ibm-bpm-process-fixtures');

function startSimulator(options = {}) {
  const opts = startOptions(options);
  const mode = startMode(opts);

  const requests = [];
  const lost = lostAnswers();
  const stats = { connections: 0, inFlight: 0, maxInFlight: 0, logins: 0, tokensIssued: 0 };
  const sockets = new Set();
  let socketSeq = 0;
  let closing = null;

  const sim = {
    url: '',
    port: 0,
    inubitUrl: '',
    bpmUrl: '',
    username: opts.username,
    password: opts.password,
    requests,
    stats,
    get inubitAuth() {
      return mode.inubitAuth;
    },
    get bpmAuth() {
      return mode.bpmAuth;
    },
    get token() {
      return mode.token;
    },
    get apiKey() {
      return mode.apiKey;
    },
    get bpmCsrf() {
      return mode.bpmCsrf;
    },
    get csrfLifetimeMs() {
      return mode.csrfLifetimeMs;
    },
    get tenants() {
      return mode.tenants ? mode.tenants.slice() : null;
    },
    get maintenance() {
      return mode.maintenance;
    },
    get latencyMs() {
      return mode.latencyMs;
    },
    // Every request waits `ms` milliseconds before it is answered.
    setLatencyMs(ms) {
      mode.latencyMs = checkLatency(ms);
    },
    // A further user of both servers, until reset() (start option `users` for good).
    addUser(name, password) {
      if (typeof name !== 'string' || name === '' || typeof password !== 'string')
        throw new TypeError('addUser(name, password) takes two texts');
      mode.users.set(name, password);
    },
    // Whether `user` with `password` is the account or one of the further users.
    knowsUser(user, password) {
      return (user === sim.username && password === sim.password) || (mode.users.has(user) && mode.users.get(user) === password);
    },
    // Every CSRF token issued since the last reset(), oldest first (expired ones too).
    get csrfTokens() {
      return bpmServer.csrfTokens();
    },
    reset() {
      requests.length = 0;
      lost.reset();
      scenarios.reset();
      bpmServer.reset();
      inubitServer.tasks.reset();
      stats.connections = 0;
      stats.maxInFlight = stats.inFlight;
      stats.logins = 0;
      stats.tokensIssued = 0;
      Object.assign(mode, startMode(opts));
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
    get bpmMaxUrlLength() {
      return mode.bpmMaxUrlLength;
    },
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
    // The event messages IBM BPM accepted since the last reset(), oldest first, as it read them.
    bpmEventMessages() {
      return bpmServer.processes.eventMessages();
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
    // Starts `count` instances of a process of one step: [{ instanceId, taskId }], each task
    // open and nobody's, in every user's queue until it is claimed and finished.
    queueBpmTasks(count) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`queueBpmTasks: count ${count} is not a whole number`);
      return bpmServer.processes
        .startHiring(count, sim.username, REVIEW_BPD)
        .map(({ piid, tkiid }) => ({ instanceId: piid, taskId: tkiid }));
    },
    // What happened to IBM BPM task `tkiid`: [{ action: claim|back|toUser|toGroup|finish, user, to? }], oldest first.
    bpmTaskHistory(tkiid) {
      return bpmServer.processes.historyOf(tkiid);
    },
    // The answers of the requests `match(record)` accepts are lost in `way` (lost-answers.js),
    // `times` requests long (default 1); reset() forgets the rules.
    loseAnswers(rule) {
      lost.add(rule);
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
    },
  };

  const scenarios = scenarioKeys(sim, opts.host);
  const bpmServer = ibmBpm.ibmBpmServer({ sim, mode, stats, scenarios });
  const inubitServer = inubit.inubitServer({ sim, mode, scenarios });
  const servers = {
    inubit: inubitServer,
    bpm: bpmServer,
  };

  const server = http.createServer(requestEntry({ sim, requests, stats, servers, host: opts.host, lost }));
  // 5 s like IBM HTTP Server and Apache, unless told otherwise.
  server.keepAliveTimeout = opts.keepAliveTimeout;

  server.on('connection', (socket) => {
    socket.simId = ++socketSeq;
    stats.connections++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

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

if (require.main === module) runStandalone(startSimulator);

module.exports = { startSimulator };
