'use strict';

// The simulator's start options with their defaults, and the modes they set: the sim's setters
// change a mode, reset() restores the one the start options set.

const inubit = require('./inubit');
const ibmBpm = require('./ibm-bpm');

const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  username: 'flow',
  password: 's3cret',
  inubitVersion: 9,
  inubitAuth: 'basic',
  bpmAuth: 'basic',
  token: 'sim-bearer-token',
  apiKey: 'sim-api-key',
  bpmCsrf: 'off',
  csrfLifetimeMs: 7200 * 1000,
  csrfLoginStatus: 201,
  csrfLoginFailure: null,
  tenants: null,
  maintenance: false,
  keepAliveTimeout: 5000,
  bpmMaxUrlLength: null,
  users: {},
  latencyMs: 0,
};

// The options of startSimulator(options), the defaults filled in.
function startOptions(options) {
  return Object.assign({}, DEFAULTS, options);
}

// The modes `opts` set, checked: a RangeError or TypeError names the option that is wrong.
function startMode(opts) {
  return {
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
    bpmMaxUrlLength: ibmBpm.checkMaxUrlLength(opts.bpmMaxUrlLength),
    users: checkUsers(opts.users),
    latencyMs: checkLatency(opts.latencyMs),
  };
}

// Further users besides the account: { name: password }, kept as a Map.
function checkUsers(users) {
  if (users === null || typeof users !== 'object' || Array.isArray(users))
    throw new TypeError('users must be an object of user names and passwords');
  for (const [name, password] of Object.entries(users)) {
    if (name === '' || typeof password !== 'string') throw new TypeError(`users: ${name || 'an empty name'} needs a password as text`);
  }
  return new Map(Object.entries(users));
}

// Milliseconds every request waits before it is answered.
function checkLatency(ms) {
  const v = Number(ms);
  if (!(Number.isInteger(v) && v >= 0)) throw new RangeError('latencyMs must be a whole number of milliseconds, 0 or more');
  return v;
}

module.exports = { startOptions, startMode, checkLatency };
