'use strict';

// Packs the package with `npm pack`, installs the tarball into a fresh Node-RED user
// directory, starts a real Node-RED (NODE_RED_PACKAGE: `node-red` or `node-red-5`) against
// the server simulator and drives a deployed flow over plain HTTP.

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const should = require('should');
const { freePort, request } = require('../support/http');
const { startSimulator } = require('../simulator');
const { INUBIT_STARTERS } = require('../simulator/fixtures');
const { HIRING_BPD, PROCESS_APP } = require('../simulator/ibm-bpm-process-fixtures');
// Our node types, from package.json; the palette label of each flow node, from its row of the node kinds.
const { NODE_TYPES, FLOW_TYPES } = require('../support/node-types');
const { kindOf } = require('../support/node-kinds');

const projectRoot = path.resolve(__dirname, '..', '..');
const ownPackage = require(path.join(projectRoot, 'package.json'));
const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
const runtimeManifestPath = require.resolve(`${runtimePackage}/package.json`);
const runtimeManifest = require(runtimeManifestPath);
const redJs = path.join(path.dirname(runtimeManifestPath), runtimeManifest.bin['node-red']);

const CREDENTIAL_SECRET = 'e2e-secret';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------
// Helpers

/** Runs a command; resolves with its stdout, rejects with its whole output. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    childProcess.execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else {
        resolve(stdout);
      }
    });
  });
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Decrypts a flows_cred.json written with a credentialSecret, as Node-RED does. */
function decryptCredentials(text, secret) {
  const stored = JSON.parse(text).$;
  const key = crypto.createHash('sha256').update(secret).digest();
  const iv = Buffer.from(stored.slice(0, 32), 'hex');
  const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
  return JSON.parse(decipher.update(stored.slice(32), 'base64', 'utf8') + decipher.final('utf8'));
}

/** The flow under test: HTTP endpoints around our nodes, answers in plain JSON. */
// A Function node's code: the message without req and res, as `message`.
const WITHOUT_REQ_RES =
  'const message = {};\nfor (const key of Object.keys(msg)) {\n' + '  if (key !== "req" && key !== "res") message[key] = msg[key];\n}\n';
// ... answered to the http in node's request as { message }.
const REPLY_WITH_MESSAGE = WITHOUT_REQ_RES + 'return [{ req: msg.req, res: msg.res, statusCode: 200, payload: { message } }];';

/** The core nodes the test flows are built of, on tab `tab`: http in (POST unless `method`), join (automatic), function. */
function coreNodes(tab) {
  const at = { z: tab, x: 100, y: 100 };
  return {
    httpIn: (id, url, next, method = 'post') => ({
      id,
      type: 'http in',
      ...at,
      name: id,
      url,
      method,
      upload: false,
      swaggerDoc: '',
      wires: [[next].flat()],
    }),
    join: (id, next) => ({
      id,
      type: 'join',
      ...at,
      name: id,
      mode: 'auto',
      build: 'object',
      property: 'payload',
      propertyType: 'msg',
      key: 'topic',
      joiner: '\\n',
      joinerType: 'str',
      useparts: false,
      accumulate: false,
      timeout: '',
      count: '',
      reduceRight: false,
      reduceExp: '',
      reduceInit: '',
      reduceInitType: '',
      reduceFixup: '',
      wires: [[next]],
    }),
    fn: (id, func, wires, extra = {}) => ({
      id,
      type: 'function',
      ...at,
      name: id,
      func,
      outputs: wires.length,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
      wires,
      ...extra,
    }),
  };
}

function buildFlow(sim) {
  const tab = 'e2e-tab';
  const { fn, httpIn, join } = coreNodes(tab);
  const credentials = { username: sim.username, password: sim.password };
  const listNode = (id, format) => ({
    id,
    type: 'ibm-bpm-list-adhoc-activities',
    z: tab,
    name: id,
    server: 'cfg-bpm',
    instanceId: 'payload.instanceId',
    instanceIdType: 'msg',
    format,
    x: 300,
    y: 200,
    wires: [[`join-${format}`]],
  });
  return [
    { id: tab, type: 'tab', label: 'end to end', disabled: false, info: '' },
    {
      id: 'cfg-inubit',
      type: 'inubit-server',
      name: 'inubit simulator',
      url: sim.url,
      timeout: '5000',
      tls: '',
      retries: '1',
      maxConcurrent: '8',
      credentials,
    },
    {
      id: 'cfg-bpm',
      type: 'ibm-bpm-server',
      name: 'BPM simulator',
      url: sim.bpmUrl + '/',
      timeout: '5000',
      tls: '',
      retries: '1',
      maxConcurrent: '8',
      credentials,
    },
    // Answers once the deployed flow has started.
    httpIn('in-ready', '/e2e/ready', 'ready', 'get'),
    fn('ready', 'msg.payload = { ready: true };\nreturn msg;', [['reply']]),
    { id: 'reply', type: 'http response', z: tab, name: 'reply', statusCode: '', headers: {}, x: 700, y: 100, wires: [] },

    // Start an ad-hoc process.
    httpIn('in-start', '/e2e/start', 'start'),
    {
      id: 'start',
      type: 'inubit-start-adhoc-process',
      z: tab,
      name: 'start',
      server: 'cfg-inubit',
      user: 'payload.user',
      userType: 'msg',
      starterId: 'payload.starterId',
      starterIdType: 'msg',
      x: 300,
      y: 100,
      wires: [['started']],
    },
    fn(
      'started',
      'msg.payload = { payload: msg.payload, taskId: msg.taskId, statusCode: msg.statusCode };\n' + 'msg.statusCode = 200;\nreturn msg;',
      [['reply']],
    ),
    // 204: the node sends nothing but completes; answer only when no task id was set.
    {
      id: 'start-done',
      type: 'complete',
      z: tab,
      name: 'start done',
      scope: ['start'],
      uncaught: false,
      x: 300,
      y: 60,
      wires: [['no-task']],
    },
    fn(
      'no-task',
      'if (msg.taskId === undefined) {\n  msg.payload = { noTask: true };\n  msg.statusCode = 200;\n' + '  return msg;\n}\nreturn null;',
      [['reply']],
    ),

    // List ad-hoc activities, re-joined into one array.
    httpIn('in-list-json', '/e2e/list', 'list-json'),
    httpIn('in-list-xml', '/e2e/list-xml', 'list-xml'),
    listNode('list-json', 'json'),
    listNode('list-xml', 'xml'),
    join('join-json', 'listed'),
    join('join-xml', 'listed'),
    fn('listed', 'msg.payload = { activities: msg.payload };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),
    // An empty list sends nothing but completes. The complete message may arrive before the
    // joined array has been answered, so wait a little and answer only if nobody else has.
    {
      id: 'list-done',
      type: 'complete',
      z: tab,
      name: 'list done',
      scope: ['list-json', 'list-xml'],
      uncaught: false,
      x: 300,
      y: 260,
      wires: [['no-output']],
    },
    fn(
      'no-output',
      'const res = msg.res && msg.res._res;\nsetTimeout(() => {\n  if (res && !res.headersSent) {\n' +
        '    msg.payload = { activities: [], noOutput: true };\n    msg.statusCode = 200;\n    node.send(msg);\n  }\n' +
        '}, 250);\nreturn null;',
      [['reply']],
    ),

    // List a user's ad-hoc starters, re-joined into one array.
    httpIn('in-starters', '/e2e/starters', 'starters'),
    {
      id: 'starters',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'starters',
      server: 'cfg-inubit',
      user: 'payload.user',
      userType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 300,
      y: 500,
      wires: [['join-starters']],
    },
    join('join-starters', 'starters-listed'),
    fn('starters-listed', 'msg.payload = { starters: msg.payload, user: msg.user };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),

    // The inubit journey: list a user's starters, start every one of them, join the new task ids.
    httpIn('in-start-every-starter', '/e2e/start-every-starter', 'starters-to-start'),
    {
      id: 'starters-to-start',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'starters-to-start',
      server: 'cfg-inubit',
      user: 'payload.user',
      userType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 300,
      y: 540,
      wires: [['start-starter']],
    },
    {
      id: 'start-starter',
      type: 'inubit-start-adhoc-process',
      z: tab,
      name: 'start-starter',
      server: 'cfg-inubit',
      user: 'user',
      userType: 'msg',
      starterId: 'payload.id',
      starterIdType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 500,
      y: 540,
      wires: [['join-tasks']],
    },
    join('join-tasks', 'tasks-started'),
    fn('tasks-started', 'msg.payload = { taskIds: msg.payload };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),

    // Start one ad-hoc activity.
    httpIn('in-start-activity', '/e2e/start-activity', 'start-activity'),
    {
      id: 'start-activity',
      type: 'ibm-bpm-start-adhoc-activity',
      z: tab,
      name: 'start-activity',
      server: 'cfg-bpm',
      activityId: 'payload.activityId',
      activityIdType: 'msg',
      assignTo: 'payload.assignTo',
      assignToType: 'msg',
      x: 300,
      y: 600,
      wires: [['activity-started']],
    },
    fn(
      'activity-started',
      'msg.payload = { payload: msg.payload, activityId: msg.activityId, taskId: msg.taskId, ' +
        'hasTaskId: msg.hasOwnProperty("taskId"), statusCode: msg.statusCode };\nmsg.statusCode = 200;\nreturn msg;',
      [['reply']],
    ),

    // The IBM BPM journey: list the ad-hoc activities, keep the READY ones, start each, join what was started.
    httpIn('in-start-ready', '/e2e/start-ready', 'list-to-start'),
    Object.assign(listNode('list-to-start', 'json'), { y: 640, wires: [['join-listed']] }),
    join('join-listed', 'keep-ready'),
    fn('keep-ready', 'msg.payload = msg.payload.filter((a) => a.executionState === "READY");\nreturn msg;', [['split-ready']]),
    {
      id: 'split-ready',
      type: 'split',
      z: tab,
      name: 'split-ready',
      splt: '\\n',
      spltType: 'str',
      arraySplt: 1,
      arraySpltType: 'len',
      stream: false,
      addname: '',
      property: 'payload',
      x: 500,
      y: 640,
      wires: [['start-ready']],
    },
    {
      id: 'start-ready',
      type: 'ibm-bpm-start-adhoc-activity',
      z: tab,
      name: 'start-ready',
      server: 'cfg-bpm',
      activityId: 'payload.id',
      activityIdType: 'msg',
      assignTo: 'req.body.assignTo',
      assignToType: 'msg',
      x: 600,
      y: 640,
      wires: [['join-started']],
    },
    join('join-started', 'ready-started'),
    fn('ready-started', 'msg.payload = { started: msg.payload };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),

    // Errors without a Catch node go to the log; the request is answered at once.
    httpIn('in-logged', '/e2e/logged', ['start-logged', 'list-logged', 'starters-logged', 'activity-logged', 'ack']),
    {
      id: 'start-logged',
      type: 'inubit-start-adhoc-process',
      z: tab,
      name: 'start-logged',
      server: 'cfg-inubit',
      user: 'payload.user',
      userType: 'msg',
      starterId: 'payload.starterId',
      starterIdType: 'msg',
      x: 300,
      y: 420,
      wires: [[]],
    },
    Object.assign(listNode('list-logged', 'xml'), { y: 460, wires: [[]] }),
    {
      id: 'starters-logged',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'starters-logged',
      server: 'cfg-inubit',
      user: 'payload.startersUser',
      userType: 'msg',
      lang: '',
      langType: 'str',
      x: 300,
      y: 480,
      wires: [[]],
    },
    {
      id: 'activity-logged',
      type: 'ibm-bpm-start-adhoc-activity',
      z: tab,
      name: 'activity-logged',
      server: 'cfg-bpm',
      activityId: 'payload.activityId',
      activityIdType: 'msg',
      assignTo: '',
      assignToType: 'str',
      x: 300,
      y: 500,
      wires: [[]],
    },
    fn('ack', 'msg.payload = { accepted: true };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),

    // Every error of our flow nodes is answered as JSON.
    {
      id: 'caught',
      type: 'catch',
      z: tab,
      name: 'errors',
      scope: [
        'start',
        'list-json',
        'list-xml',
        'starters',
        'starters-to-start',
        'start-starter',
        'start-activity',
        'list-to-start',
        'start-ready',
      ],
      uncaught: false,
      x: 300,
      y: 340,
      wires: [['error-reply']],
    },
    fn(
      'error-reply',
      'msg.payload = { error: msg.error, statusCode: msg.statusCode, serverError: msg.serverError };\n' +
        'msg.statusCode = 200;\nreturn msg;',
      [['reply']],
    ),
  ];
}

// Secrets of the authentication kinds (README, "Connecting to your server"), easy to find anywhere they must not be.
const AUTH_SECRETS = {
  apiKey: 'e2e-zen-' + crypto.randomBytes(9).toString('hex'),
  portalToken: 'e2e-portal-' + crypto.randomBytes(9).toString('hex'),
  bearerRight: 'e2e-bearer-right-' + crypto.randomBytes(9).toString('hex'),
  bearerWrong: 'e2e-bearer-wrong-' + crypto.randomBytes(9).toString('hex'),
  // Left over from `basic` in config nodes of other kinds: must never be sent.
  leftoverPassword: 'e2e-leftover-' + crypto.randomBytes(9).toString('hex'),
};
const PORTAL_TENANT = 'Acme EU';

/**
 * A second tab, as a new user would configure it: config nodes with an authentication
 * kind, CSRF tokens, tenant and user base, and their credentials in the deploy. Every message of
 * our nodes is logged by a debug node (the whole message, without req/res); every answer is the
 * whole message that arrived, so that secrets can be looked for in both.
 */
function buildAuthFlow(sim) {
  const tab = 'e2e-auth-tab';
  const { fn, httpIn, join } = coreNodes(tab);
  const bpmBase = (prefix) => `${sim.url}${prefix}/rest/bpm/wle/v1`;
  const limits = { timeout: '5000', tls: '', retries: '1', maxConcurrent: '8' };
  // Our flow nodes send to `next` and to the log.
  const then = (next) => [[next, 'log-strip']];
  const startActivity = (id, server, activityId, assignTo, next) => ({
    id,
    type: 'ibm-bpm-start-adhoc-activity',
    z: tab,
    name: id,
    server,
    activityId,
    activityIdType: 'msg',
    assignTo,
    assignToType: assignTo ? 'msg' : 'str',
    x: 300,
    y: 100,
    wires: then(next),
  });
  return [
    { id: tab, type: 'tab', label: 'authentication', disabled: false, info: '' },
    // IBM Cloud Pak for Business Automation: ZenApiKey, CSRF tokens, a path in front of the REST root.
    Object.assign(
      {
        id: 'cfg-zen',
        type: 'ibm-bpm-server',
        name: 'CP4BA',
        url: bpmBase('/bas'),
        authType: 'zenApiKey',
        csrf: 'auto',
        credentials: { username: sim.username, token: AUTH_SECRETS.apiKey },
      },
      limits,
    ),
    // The same server once more; `csrf` left out: its default, auto.
    Object.assign(
      {
        id: 'cfg-zen-2',
        type: 'ibm-bpm-server',
        name: 'CP4BA 2',
        url: bpmBase('/bas2'),
        authType: 'zenApiKey',
        credentials: { username: sim.username, token: AUTH_SECRETS.apiKey },
      },
      limits,
    ),
    // An inubit Process User Server: portal token, tenant, user base; a password left over from basic.
    Object.assign(
      {
        id: 'cfg-portal',
        type: 'inubit-server',
        name: 'inubit portal',
        url: sim.url,
        authType: 'portalToken',
        tenant: PORTAL_TENANT,
        userType: 'processUser',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.portalToken },
      },
      limits,
    ),
    // OAuth bearer tokens that the servers do not accept; user name and password left over from basic.
    Object.assign(
      {
        id: 'cfg-bearer-bpm',
        type: 'ibm-bpm-server',
        name: 'BPM bearer',
        url: sim.bpmUrl,
        authType: 'bearer',
        csrf: 'auto',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.bearerWrong },
      },
      limits,
    ),
    Object.assign(
      {
        id: 'cfg-bearer-inubit',
        type: 'inubit-server',
        name: 'inubit bearer',
        url: sim.inubitUrl,
        authType: 'bearer',
        tenant: '',
        userType: '',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.bearerWrong },
      },
      limits,
    ),

    httpIn('auth-in-ready', '/e2e/auth/ready', 'auth-ready', 'get'),
    fn('auth-ready', 'msg.payload = { ready: true };\nreturn msg;', [['auth-reply']]),
    // The whole message as it arrived (without req/res), and to the log as well.
    fn('answer', REPLY_WITH_MESSAGE, [['auth-reply']]),
    { id: 'auth-reply', type: 'http response', z: tab, name: 'auth-reply', statusCode: '', headers: {}, x: 800, y: 100, wires: [] },
    fn('log-strip', WITHOUT_REQ_RES + 'return message;', [['log-all']]),
    {
      id: 'log-all',
      type: 'debug',
      z: tab,
      name: 'log-all',
      active: true,
      tosidebar: false,
      console: true,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
      statusVal: '',
      statusType: 'auto',
      x: 800,
      y: 200,
      wires: [],
    },
    {
      id: 'auth-caught',
      type: 'catch',
      z: tab,
      name: 'auth errors',
      scope: null,
      uncaught: false,
      x: 300,
      y: 400,
      wires: [['answer', 'log-strip']],
    },

    // ZenApiKey journey: list the ad-hoc activities, keep the READY ones, start each, join what was started.
    httpIn('zen-in-start-ready', '/e2e/auth/zen/start-ready', 'zen-list'),
    {
      id: 'zen-list',
      type: 'ibm-bpm-list-adhoc-activities',
      z: tab,
      name: 'zen-list',
      server: 'cfg-zen',
      instanceId: 'payload.instanceId',
      instanceIdType: 'msg',
      format: 'json',
      x: 300,
      y: 100,
      wires: then('zen-join-listed'),
    },
    join('zen-join-listed', 'zen-keep-ready'),
    fn('zen-keep-ready', 'msg.payload = msg.payload.filter((a) => a.executionState === "READY");\nreturn msg;', [['zen-split']]),
    {
      id: 'zen-split',
      type: 'split',
      z: tab,
      name: 'zen-split',
      splt: '\\n',
      spltType: 'str',
      arraySplt: 1,
      arraySpltType: 'len',
      stream: false,
      addname: '',
      property: 'payload',
      x: 500,
      y: 140,
      wires: [['zen-start-ready']],
    },
    startActivity('zen-start-ready', 'cfg-zen', 'payload.id', 'req.body.assignTo', 'zen-join-started'),
    join('zen-join-started', 'answer'),
    // One start per message, through either ZenApiKey config node.
    httpIn('zen-in-start', '/e2e/auth/zen/start-activity', 'zen-start'),
    startActivity('zen-start', 'cfg-zen', 'payload.activityId', '', 'answer'),
    httpIn('zen2-in-start', '/e2e/auth/zen2/start-activity', 'zen2-start'),
    startActivity('zen2-start', 'cfg-zen-2', 'payload.activityId', '', 'answer'),

    // Portal token journey: list a user's starters, start every one of them, join the new task ids.
    httpIn('portal-in', '/e2e/auth/portal/start-every-starter', 'portal-starters'),
    {
      id: 'portal-starters',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'portal-starters',
      server: 'cfg-portal',
      user: 'payload.user',
      userType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 300,
      y: 300,
      wires: then('portal-start'),
    },
    {
      id: 'portal-start',
      type: 'inubit-start-adhoc-process',
      z: tab,
      name: 'portal-start',
      server: 'cfg-portal',
      user: 'user',
      userType: 'msg',
      starterId: 'payload.id',
      starterIdType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 500,
      y: 300,
      wires: then('portal-join'),
    },
    join('portal-join', 'answer'),

    // Wrong bearer tokens.
    httpIn('bearer-bpm-in', '/e2e/auth/bearer/start-activity', 'bearer-bpm-start'),
    startActivity('bearer-bpm-start', 'cfg-bearer-bpm', 'payload.activityId', '', 'answer'),
    httpIn('bearer-inubit-in', '/e2e/auth/bearer/starters', 'bearer-inubit-starters'),
    {
      id: 'bearer-inubit-starters',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'bearer-inubit-starters',
      server: 'cfg-bearer-inubit',
      user: 'payload.user',
      userType: 'msg',
      lang: '',
      langType: 'str',
      x: 300,
      y: 500,
      wires: then('answer'),
    },
  ];
}

/**
 * A third tab: the inubit task journey as a new user wires it. An http-in endpoint each, the
 * whole arriving message (without req/res) as the answer; errors answered by a Catch node.
 */
function buildTaskFlow() {
  const tab = 'e2e-task-tab';
  const { fn, httpIn, join } = coreNodes(tab);
  const node = (id, type, props, next) =>
    Object.assign({ id, type, z: tab, name: id, server: 'cfg-inubit', x: 300, y: 100, wires: [[next]] }, props);
  return [
    { id: tab, type: 'tab', label: 'tasks', disabled: false, info: '' },
    httpIn('task-in-ready', '/e2e/tasks/ready', 'task-answer', 'get'),
    fn('task-answer', REPLY_WITH_MESSAGE, [['task-reply']]),
    { id: 'task-reply', type: 'http response', z: tab, name: 'task-reply', statusCode: '', headers: {}, x: 900, y: 100, wires: [] },
    {
      id: 'task-caught',
      type: 'catch',
      z: tab,
      name: 'task errors',
      scope: null,
      uncaught: false,
      x: 300,
      y: 400,
      wires: [['task-answer']],
    },
    // Start an ad-hoc process, read the task it created with its form, submit it as its first button.
    httpIn('task-in-journey', '/e2e/tasks/journey', 'task-start'),
    node(
      'task-start',
      'inubit-start-adhoc-process',
      { user: 'payload.user', userType: 'msg', starterId: 'payload.starterId', starterIdType: 'msg', lang: '', langType: 'str' },
      'task-get',
    ),
    node('task-get', 'inubit-get-task', { taskId: 'taskId', taskIdType: 'msg', lang: '', langType: 'str', form: true }, 'task-submit'),
    node(
      'task-submit',
      'inubit-submit-task',
      {
        taskId: 'taskId',
        taskIdType: 'msg',
        fields: 'req.body.fields',
        fieldsType: 'msg',
        submitter: 'form.submitters[0].submitter',
        submitterType: 'msg',
        lang: '',
        langType: 'str',
      },
      'task-answer',
    ),
    // The user's tasks, only the new ones, joined.
    httpIn('task-in-new', '/e2e/tasks/new', 'task-list-new'),
    node(
      'task-list-new',
      'inubit-list-tasks',
      { lang: 'payload.lang', langType: 'msg', query: 'payload.query', queryType: 'msg', emit: 'new' },
      'task-join',
    ),
    join('task-join', 'task-answer'),
    // One task by its id, with or without its form.
    httpIn('task-in-get', '/e2e/tasks/get', 'task-get-one'),
    node(
      'task-get-one',
      'inubit-get-task',
      { taskId: 'payload.taskId', taskIdType: 'msg', lang: 'payload.lang', langType: 'msg', form: true },
      'task-answer',
    ),
  ];
}

/**
 * A fourth tab: the IBM BPM task journey as a new user wires it, against Cloud Pak for Business
 * Automation (ZenApiKey, CSRF tokens, the REST root under /bas): start a process, read its first
 * task, complete it, list the tasks of the instance and join them. The variables come from the
 * request body (`input` for the start, `output` for the complete); the answer is the whole
 * joined message (without req/res); errors are answered by a Catch node.
 */
function buildBpmTaskFlow(sim) {
  const tab = 'e2e-bpm-task-tab';
  const { fn, httpIn, join } = coreNodes(tab);
  const node = (id, type, props, next) =>
    Object.assign({ id, type, z: tab, name: id, server: 'cfg-bpm-tasks', x: 300, y: 100, wires: [[next]] }, props);
  const keep = (id, property, next) => ({
    id,
    type: 'change',
    z: tab,
    name: id,
    rules: [{ t: 'set', p: property, pt: 'msg', to: 'payload', tot: 'msg' }],
    action: '',
    property: '',
    from: '',
    to: '',
    reg: false,
    x: 400,
    y: 100,
    wires: [[next]],
  });
  return [
    { id: tab, type: 'tab', label: 'IBM BPM tasks', disabled: false, info: '' },
    {
      id: 'cfg-bpm-tasks',
      type: 'ibm-bpm-server',
      name: 'CP4BA tasks',
      url: `${sim.url}/bas/rest/bpm/wle/v1`,
      authType: 'zenApiKey',
      csrf: 'auto',
      timeout: '5000',
      tls: '',
      retries: '1',
      maxConcurrent: '8',
      credentials: { username: sim.username, token: AUTH_SECRETS.apiKey },
    },
    httpIn('bpm-task-in-ready', '/e2e/bpm-tasks/ready', 'bpm-task-answer', 'get'),
    fn('bpm-task-answer', REPLY_WITH_MESSAGE, [['bpm-task-reply']]),
    { id: 'bpm-task-reply', type: 'http response', z: tab, name: 'bpm-task-reply', statusCode: '', headers: {}, x: 900, y: 100, wires: [] },
    {
      id: 'bpm-task-caught',
      type: 'catch',
      z: tab,
      name: 'bpm task errors',
      scope: null,
      uncaught: false,
      x: 300,
      y: 400,
      wires: [['bpm-task-answer']],
    },
    httpIn('bpm-task-in-journey', '/e2e/bpm-tasks/journey', 'bpm-start'),
    node(
      'bpm-start',
      'ibm-bpm-start-process',
      {
        bpdId: HIRING_BPD.bpdId,
        bpdIdType: 'str',
        processAppId: PROCESS_APP.processAppID,
        processAppIdType: 'str',
        snapshotId: '',
        snapshotIdType: 'str',
        variables: 'payload.input',
        variablesType: 'msg',
      },
      'bpm-keep-started',
    ),
    keep('bpm-keep-started', 'started', 'bpm-get'),
    node('bpm-get', 'ibm-bpm-get-task', { taskId: 'taskId', taskIdType: 'msg' }, 'bpm-keep-first'),
    keep('bpm-keep-first', 'firstTask', 'bpm-complete'),
    node(
      'bpm-complete',
      'ibm-bpm-complete-task',
      { taskId: 'taskId', taskIdType: 'msg', variables: 'req.body.output', variablesType: 'msg', claim: true },
      'bpm-keep-completed',
    ),
    keep('bpm-keep-completed', 'completed', 'bpm-list'),
    node('bpm-list', 'ibm-bpm-list-tasks', { instanceId: 'instanceId', instanceIdType: 'msg', state: 'all', emit: 'all' }, 'bpm-join'),
    join('bpm-join', 'bpm-task-answer'),
  ];
}

// ---------------------------------------------------------------------------

describe('end to end: the npm pack tarball in a real Node-RED ' + runtimeManifest.version, function () {
  this.timeout(20000);

  const tempDirs = [];
  let tarball;
  let packedFiles;
  let userDir;
  let port;
  let baseUrl;
  let sim;
  let red;
  let redExited = null;
  let output = '';

  /** POSTs a JSON body to one of the flow's endpoints and parses the JSON answer. */
  async function post(endpoint, body) {
    const res = await request(baseUrl + endpoint, { method: 'POST', body });
    res.status.should.equal(200, `POST ${endpoint} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body);
  }

  /** What the simulator itself serves for an instance, as JSON. */
  async function servedActivities(instanceId) {
    const auth = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
    const res = await request(`${sim.bpmUrl}/process/${instanceId}/adHocActivities`, {
      headers: { Authorization: auth, Accept: 'application/json' },
    });
    res.status.should.equal(200);
    return JSON.parse(res.body).data.activities;
  }

  async function startNodeRed(settingsPath) {
    red = childProcess.spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', settingsPath, '--port', String(port)], {
      cwd: userDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    red.stdout.on('data', (c) => {
      output += c.toString('utf8');
    });
    red.stderr.on('data', (c) => {
      output += c.toString('utf8');
    });
    redExited = new Promise((resolve) => red.once('exit', (code, signal) => resolve({ code, signal })));
    let exited = null;
    redExited.then((how) => {
      exited = how;
    });

    const deadline = Date.now() + 60000;
    for (;;) {
      if (exited) throw new Error(`Node-RED exited early (${JSON.stringify(exited)}):\n${output}`);
      try {
        const res = await request(baseUrl + '/');
        if (res.status === 200) return;
      } catch (e) {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`Node-RED did not answer within 60 s:\n${output}`);
      await wait(200);
    }
  }

  async function deploy(flows) {
    const res = await request(baseUrl + '/flows', {
      method: 'POST',
      headers: { 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
      body: { flows },
    });
    if (res.status !== 200) throw new Error(`deploy failed with ${res.status}: ${res.body}\n${output}`);
    // Node-RED answers the deploy before the new flow has started: wait for its endpoint.
    const deadline = Date.now() + 15000;
    for (;;) {
      const ready = await request(baseUrl + '/e2e/ready');
      if (ready.status === 200) return;
      if (Date.now() > deadline) throw new Error(`the deployed flow did not start:\n${output}`);
      await wait(100);
    }
  }

  before(async function () {
    this.timeout(180000);
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-pack-'));
    tempDirs.push(packDir);
    const packed = JSON.parse(await run('npm', ['pack', '--pack-destination', packDir, '--json', '--ignore-scripts'], projectRoot));
    tarball = path.join(packDir, packed[0].filename);
    packedFiles = packed[0].files.map((f) => f.path);

    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-userdir-'));
    tempDirs.push(userDir);
    fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }, null, 2));
    await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--omit=dev', '--prefer-offline', '--no-package-lock'], userDir);

    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const settingsPath = path.join(userDir, 'settings.js');
    fs.writeFileSync(
      settingsPath,
      'module.exports = ' +
        JSON.stringify(
          {
            uiPort: port,
            uiHost: '127.0.0.1',
            credentialSecret: CREDENTIAL_SECRET,
            flowFile: 'flows.json',
            logging: { console: { level: 'info' } },
            httpNodeRoot: '/',
            editorTheme: { tours: false },
            telemetry: { enabled: false, updateNotification: false },
          },
          null,
          2,
        ) +
        ';\n',
    );
    fs.writeFileSync(path.join(userDir, 'flows.json'), '[]\n');

    // A password that can be found anywhere it must not be.
    sim = await startSimulator({ port: 0, password: 'e2e-' + crypto.randomBytes(9).toString('hex') });
    await startNodeRed(settingsPath);
    await deploy(buildFlow(sim));
  });

  beforeEach(() => sim && sim.reset());

  afterEach(function () {
    if (this.currentTest.state === 'failed') {
      const lines = output.split('\n');
      console.log(`--- last 60 lines of Node-RED output ---\n${lines.slice(-60).join('\n')}\n---`);
    }
  });

  after(async function () {
    this.timeout(20000);
    if (red && red.exitCode === null && red.signalCode === null) {
      red.kill('SIGINT');
      const timer = setTimeout(() => red.kill('SIGKILL'), 5000);
      await redExited;
      clearTimeout(timer);
    }
    if (sim) await sim.close();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  // -- the tarball --------------------------------------------------------------

  it('packs every file Node-RED needs', function () {
    const expected = [];
    for (const file of Object.values(ownPackage['node-red'].nodes)) {
      expected.push(file, file.replace(/\.js$/, '.html'));
    }
    const listDir = (dir, re) => {
      const abs = path.join(projectRoot, dir);
      return fs.existsSync(abs)
        ? fs
            .readdirSync(abs)
            .filter((f) => re.test(f))
            .map((f) => `${dir}/${f}`)
        : [];
    };
    // The compiled library with its folders (transport/, xml/).
    const lib = fs
      .readdirSync(path.join(projectRoot, 'nodes', 'lib'), { recursive: true })
      .filter((f) => f.endsWith('.js'))
      .map((f) => `nodes/lib/${f.split(path.sep).join('/')}`);
    lib.should.containEql('nodes/lib/transport/transport.js');
    const icons = listDir('nodes/icons', /\.svg$/);
    const catalogues = listDir('nodes/locales/en-US', /\.json$/);
    lib.should.not.be.empty();
    icons.should.not.be.empty();
    catalogues.should.not.be.empty();
    expected.push(
      'package.json',
      ...lib,
      ...icons,
      ...catalogues,
      ...listDir('examples', /./),
      ...listDir('resources', /\.js$/),
      'resources/server-facts.js',
    );
    for (const file of expected) packedFiles.should.containEql(file);
    packedFiles.filter((f) => /^(src|test)\//.test(f)).should.be.empty();
  });

  // -- inubit-start-adhoc-process -----------------------------------------------

  it('start: 201 gives the new task id as payload and taskId, with the path encoded', async function () {
    const out = await post('/e2e/start', { user: 'a/b c', starterId: 'e2e-starter' });
    out.should.have.property('statusCode', 201);
    out.payload.should.be.a.String().and.match(UUID_RE);
    out.taskId.should.equal(out.payload);
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.should.have.length(1);
    seen[0].method.should.equal('POST');
    seen[0].rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c/e2e-starter');
    should(seen[0].authUser).equal(sim.username);
  });

  it('start: a task id with leading zeros stays text', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'leading-zeros' });
    should(out.payload).equal('000123');
    should(out.taskId).equal('000123');
  });

  it('start: 204 sends nothing and completes', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'no-task' });
    out.should.eql({ noTask: true });
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  it('start: a 500 reaches the Catch node with the server error', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'server-error' });
    out.error.code.should.equal('SERVER_ERROR');
    out.error.message.should.containEql('500');
    out.statusCode.should.equal(500);
    out.serverError.should.have.properties({ statusCode: 500, message: 'Internal Server Error' });
    // A 500 must not be retried.
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  it('start: a user ".." is refused without a request', async function () {
    const out = await post('/e2e/start', { user: '..', starterId: 'e2e-starter' });
    out.error.code.should.equal('INVALID_INPUT');
    out.should.not.have.property('statusCode');
    sim.requests.should.have.length(0);
  });

  // -- ibm-bpm-list-adhoc-activities --------------------------------------------

  it('list JSON: the joined activities equal what the server sent', async function () {
    const served = await servedActivities('102');
    sim.reset();
    const out = await post('/e2e/list', { instanceId: '102' });
    out.activities.should.eql(served);
    out.activities.should.have.length(2);
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.should.have.length(1);
    seen[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
    seen[0].headers.accept.should.match(/^application\/json/);
  });

  it('list XML: the joined activities equal the JSON ones', async function () {
    const json = await post('/e2e/list', { instanceId: '102' });
    const xml = await post('/e2e/list-xml', { instanceId: '102' });
    xml.activities.should.eql(json.activities);
    sim.requests
      .filter((r) => r.server === 'bpm')
      .map((r) => r.headers.accept)
      .should.match([/^application\/json/, /^application\/xml/]);
  });

  it('list XML: one activity is still a list', async function () {
    const served = await servedActivities('101');
    const out = await post('/e2e/list-xml', { instanceId: 101 });
    out.activities.should.eql(served);
  });

  it('list: rich activities are the same in JSON and XML, text and nulls kept', async function () {
    const served = await servedActivities('103');
    const json = await post('/e2e/list', { instanceId: '103' });
    const xml = await post('/e2e/list-xml', { instanceId: '103' });
    json.activities.should.eql(served);
    xml.activities.should.eql(json.activities);
    should(xml.activities[0].name).equal('007');
    should(xml.activities[0].taskId).equal('000456');
    should(xml.activities[0].enablingDocumentID).be.null();
    should(xml.activities[0].endTime).be.null();
  });

  it('list: an empty list sends nothing and completes', async function () {
    const out = await post('/e2e/list', { instanceId: '100' });
    out.should.eql({ activities: [], noOutput: true });
  });

  it('list JSON: a 400 reaches the Catch node with the WLE error', async function () {
    const out = await post('/e2e/list', { instanceId: 'abc' });
    out.error.code.should.equal('BAD_REQUEST');
    out.statusCode.should.equal(400);
    out.serverError.errorNumber.should.equal('CWTBG0553E');
  });

  it('list XML: a 400 reaches the Catch node with the WLE error', async function () {
    const out = await post('/e2e/list-xml', { instanceId: 'abc' });
    out.error.code.should.equal('BAD_REQUEST');
    out.statusCode.should.equal(400);
    out.serverError.errorNumber.should.equal('CWTBG0553E');
  });

  // -- inubit-list-adhoc-starters ----------------------------------------------

  /** The ids of the starters the simulator itself serves for a user, in its order. */
  async function servedStarterIds(user) {
    const auth = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
    const res = await request(`${sim.inubitUrl}/task/adhoc/${encodeURIComponent(user)}`, {
      headers: { Authorization: auth, Accept: 'application/xml' },
    });
    res.status.should.equal(200);
    return [...res.body.matchAll(/<Module id="([^"]*)"/g)].map((m) => m[1]);
  }

  it('list starters: the joined starters are the served ones, entities decoded, with msg.user', async function () {
    const out = await post('/e2e/starters', { user: 'a/b c', lang: 'en' });
    out.user.should.equal('a/b c');
    out.starters.should.eql(INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.en, role: s.role, lang: 'en' })));
    should(out.starters[2].label).equal('Travel & expenses <draft> "urgent" \'Q3\' approval');
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.should.have.length(1);
    seen[0].method.should.equal('GET');
    seen[0].rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c');
    seen[0].query.should.eql({ lang: 'en' });
    seen[0].headers.accept.should.match(/^application\/xml/);
  });

  it('list starters, then start each: every starter the user may run is started once', async function () {
    const ids = await servedStarterIds('many-3');
    ids.should.have.length(3);
    sim.reset();
    const out = await post('/e2e/start-every-starter', { user: 'many-3', lang: 'en' });
    out.taskIds.should.have.length(3);
    out.taskIds.forEach((taskId) => taskId.should.match(UUID_RE));
    new Set(out.taskIds).size.should.equal(3);
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.map((r) => r.method).should.eql(['GET', 'POST', 'POST', 'POST']);
    seen
      .slice(1)
      .map((r) => r.segments)
      .sort()
      .should.eql(ids.map((id) => ['task', 'adhoc', 'many-3', id]).sort());
    seen.slice(1).forEach((r) => r.query.should.eql({ lang: 'en' }));
  });

  it('list starters: a 404 for an unknown user reaches the Catch node with the server error', async function () {
    const out = await post('/e2e/start-every-starter', { user: 'unknown-user' });
    out.error.code.should.equal('NOT_FOUND');
    out.error.message.should.match(/^Listing the ad-hoc starters of user\W+unknown-user\W.*404.*User unknown-user not found/);
    out.statusCode.should.equal(404);
    out.serverError.should.have.properties({ statusCode: 404, message: 'User unknown-user not found' });
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  // -- ibm-bpm-start-adhoc-activity ---------------------------------------------

  it('start activity: 200 gives the activity details, activityId and taskId, assigned as asked', async function () {
    const out = await post('/e2e/start-activity', { activityId: '2118.e2e-1', assignTo: 'anna maria' });
    out.statusCode.should.equal(200);
    out.activityId.should.equal('2118.e2e-1');
    out.payload.should.match({ id: '2118.e2e-1', executionState: 'WORKING', activityType: 'USER_TASK', taskOwnerUserId: 'anna maria' });
    out.payload.taskId.should.be.a.String();
    out.taskId.should.equal(out.payload.taskId);
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.should.have.length(1);
    seen[0].method.should.equal('PUT');
    seen[0].rawPath.should.equal('/rest/bpm/wle/v1/activity/2118.e2e-1');
    seen[0].query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: 'anna maria' });
    seen[0].headers.accept.should.match(/^application\/json/);
    seen[0].headers.should.have.property('content-length', '0');
  });

  it('start activity: an activity without a task leaves no taskId', async function () {
    const out = await post('/e2e/start-activity', { activityId: 'no-task' });
    out.statusCode.should.equal(200);
    should(out.payload.taskId).be.null();
    out.hasTaskId.should.be.false();
    sim.requests.filter((r) => r.server === 'bpm')[0].query.should.eql({ action: 'ACTION_START_ACTIVITY' });
  });

  it('list activities, keep the READY ones, start each: the join holds every started activity', async function () {
    const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
    ready.length.should.be.above(1);
    sim.reset();
    const out = await post('/e2e/start-ready', { instanceId: '104', assignTo: 'anna' });
    out.started.map((a) => a.id).should.eql(ready.map((a) => a.id));
    out.started.forEach((a) => a.executionState.should.equal('WORKING'));
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.map((r) => r.method).should.eql(['GET', ...ready.map(() => 'PUT')]);
    seen
      .slice(1)
      .map((r) => r.segments[1])
      .sort()
      .should.eql(ready.map((a) => a.id).sort());
    seen.slice(1).forEach((r) => r.query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: 'anna' }));
    // The server now lists them as started.
    const after = await servedActivities('104');
    after.filter((a) => ready.some((r) => r.id === a.id)).forEach((a) => a.executionState.should.equal('WORKING'));
  });

  it('start activity: a 404 reaches the Catch node with the WLE error, not retried', async function () {
    const out = await post('/e2e/start-activity', { activityId: 'unknown-activity' });
    out.error.code.should.equal('NOT_FOUND');
    out.error.message.should.match(/^Starting ad-hoc activity\W+unknown-activity\W.*404/);
    out.statusCode.should.equal(404);
    out.serverError.errorNumber.should.equal('CWTBG0059E');
    out.error.message.should.containEql(out.serverError.errorMessage);
    sim.requests.filter((r) => r.server === 'bpm').should.have.length(1);
  });

  it('start activity: an id ".." is refused without a request', async function () {
    const out = await post('/e2e/start-activity', { activityId: '..' });
    out.error.code.should.equal('INVALID_INPUT');
    out.should.not.have.property('statusCode');
    sim.requests.should.have.length(0);
  });

  // -- credentials --------------------------------------------------------------

  it('secrets: the password is only in the encrypted credential store', async function () {
    const password = sim.password;
    const token = Buffer.from(`${sim.username}:${password}`).toString('base64');

    const flowsFile = fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8');
    flowsFile.should.containEql('cfg-inubit');
    flowsFile.should.not.containEql(password);

    const credFile = fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8');
    credFile.should.not.containEql(password);
    const stored = decryptCredentials(credFile, CREDENTIAL_SECRET);
    stored.should.have.property('cfg-inubit').eql({ username: sim.username, password });
    stored.should.have.property('cfg-bpm').eql({ username: sim.username, password });

    const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
    flows.status.should.equal(200);
    flows.body.should.containEql('cfg-bpm');
    flows.body.should.not.containEql(password);

    // What the editor sees of the credentials: the user name and that a password is set.
    const creds = await request(baseUrl + '/credentials/ibm-bpm-server/cfg-bpm', { headers: { Accept: 'application/json' } });
    creds.status.should.equal(200);
    JSON.parse(creds.body).should.eql({ username: sim.username, has_password: true, has_token: false });

    // Errors without a Catch node are logged: wait for both, then read the log.
    (
      await post('/e2e/logged', {
        user: 'anna',
        starterId: 'server-error',
        instanceId: 'abc',
        startersUser: 'server-error',
        activityId: 'forbidden',
      })
    ).should.eql({ accepted: true });
    const logged = (name) => output.split('\n').find((line) => line.includes(`[error] [`) && line.includes(`:${name}]`));
    const names = ['start-logged', 'list-logged', 'starters-logged', 'activity-logged'];
    for (let i = 0; i < 50 && !names.every(logged); i++) await wait(100);
    should(logged('start-logged')).be.a.String().and.containEql('500');
    should(logged('list-logged')).be.a.String().and.containEql('400');
    should(logged('starters-logged')).be.a.String().and.containEql('500');
    should(logged('activity-logged')).be.a.String().and.containEql('403');
    output.should.not.containEql(password);
    output.should.not.containEql(token);
  });

  // -- the editor side ----------------------------------------------------------

  it('editor: our node sets are loaded and enabled', async function () {
    const res = await request(baseUrl + '/nodes', { headers: { Accept: 'application/json' } });
    res.status.should.equal(200);
    const sets = JSON.parse(res.body).filter((s) => s.module === ownPackage.name);
    sets.should.not.be.empty();
    const types = [].concat(...sets.map((s) => s.types));
    types.should.containDeep(NODE_TYPES);
    for (const set of sets) {
      set.should.have.property('enabled', true);
      set.should.not.have.property('err');
      set.should.have.property('version', ownPackage.version);
    }
    output.should.not.match(/Waiting for missing types/);
  });

  it('editor: the node HTML carries the registration and the help', async function () {
    const res = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html' } });
    res.status.should.equal(200);
    for (const type of NODE_TYPES) {
      res.body.should.match(new RegExp(`registerType\\(\\s*["']${type}["']`));
      res.body.should.containEql(`data-template-name="${type}"`);
      res.body.should.containEql(`data-help-name="${type}"`);
    }
  });

  it('editor: every shared editor script the node HTML loads is served from the package resources', async function () {
    const html = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html' } });
    const prefix = `resources/${ownPackage.name}/`;
    const loaded = [...new Set([...html.body.matchAll(/<script src="([^"]+)">/g)].map((m) => m[1]))]
      .filter((src) => src.startsWith(prefix))
      .map((src) => src.slice(prefix.length))
      .sort();
    loaded.should.eql(
      fs
        .readdirSync(path.join(projectRoot, 'resources'))
        .filter((f) => f.endsWith('.js'))
        .sort(),
    );
    for (const file of loaded.filter((f) => f !== 'server-facts.js')) {
      const res = await request(`${baseUrl}/${prefix}${file}`);
      res.status.should.equal(200, file);
      res.body.should.containEql('window.BpmEditor');
    }
    // What the build wrote for the editor from the runtime's own facts of the servers.
    const facts = await request(`${baseUrl}/resources/${ownPackage.name}/server-facts.js`);
    facts.status.should.equal(200);
    facts.body.should.match(/window\.BpmServerFacts = \{/);
    facts.body.should.containEql('"zenApiKey"');
  });

  it('editor: the message catalogue is served for en-US', async function () {
    // The editor loads all node catalogues at once from nodes/messages.
    const all = await request(baseUrl + '/nodes/messages?lng=en-US', { headers: { Accept: 'application/json' } });
    all.status.should.equal(200);
    const catalogues = JSON.parse(all.body);
    for (const type of NODE_TYPES) {
      const ns = `${ownPackage.name}/${type}`;
      catalogues.should.have.property(ns);
      catalogues[ns].should.have.property(type);
    }
    for (const type of FLOW_TYPES) {
      catalogues[`${ownPackage.name}/${type}`][type].should.have.property('paletteLabel', kindOf(type).label);
    }

    // The same catalogue, one node set at a time.
    for (const type of FLOW_TYPES) {
      const label = kindOf(type).label;
      const one = await request(`${baseUrl}/nodes/${ownPackage.name}/${type}/messages?lng=en-US`, {
        headers: { Accept: 'application/json' },
      });
      one.status.should.equal(200, type);
      JSON.parse(one.body).should.have.property(type).with.property('paletteLabel', label);
    }
  });

  it('editor: the help of every node comes from nodes/locales/<lang>/<type>.html', async function () {
    /** The first paragraph of a help file, as the editor must show it. */
    const firstParagraph = (lang, type) => {
      const text = fs.readFileSync(path.join(projectRoot, 'nodes', 'locales', lang, `${type}.html`), 'utf8');
      const match = /<p>[\s\S]*?<\/p>/.exec(text);
      should.exist(match, `${lang}/${type}.html has no paragraph`);
      return match[0];
    };
    for (const lang of ['en-US', 'de']) {
      const all = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html', 'Accept-Language': lang } });
      all.status.should.equal(200);
      for (const type of NODE_TYPES) {
        all.body.should.containEql(firstParagraph(lang, type), `${lang} help of ${type}`);
      }
    }
    // One node set at a time, as the editor asks for a node set installed while it runs.
    for (const type of FLOW_TYPES) {
      const one = await request(`${baseUrl}/nodes/${ownPackage.name}/${type}`, {
        headers: { Accept: 'text/html', 'Accept-Language': 'en-US' },
      });
      one.status.should.equal(200, type);
      one.body.should.containEql(`data-help-name="${type}"`);
      one.body.should.containEql(firstParagraph('en-US', type));
    }
  });

  // -- authentication kinds, CSRF tokens, tenants -------------------------------------

  describe('authentication kinds, CSRF tokens and tenants, deployed through the admin API', function () {
    const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
    // What the Authorization header carries: ZenApiKey base64(username:apiKey).
    const zenHeader = () => Buffer.from(`${sim.username}:${AUTH_SECRETS.apiKey}`).toString('base64');
    // The raw answers of this block: the whole messages that arrived at the end of each flow.
    const answers = [];

    /** POSTs to an endpoint of the authentication tab; resolves with the message that arrived at its end. */
    async function call(endpoint, body) {
      const res = await request(baseUrl + endpoint, { method: 'POST', body });
      res.status.should.equal(200, `POST ${endpoint} answered ${res.status}: ${res.body}`);
      answers.push(res.body);
      return JSON.parse(res.body).message;
    }

    async function waitForEndpoint(endpoint) {
      const deadline = Date.now() + 15000;
      for (;;) {
        const res = await request(baseUrl + endpoint);
        if (res.status === 200) return;
        if (Date.now() > deadline) throw new Error(`${endpoint} did not start:\n${output}`);
        await wait(100);
      }
    }

    /**
     * Waits until the Node-RED output shows `text` at least `times` times: the debug node may log
     * a message after the answer went out.
     */
    async function waitForOutput(text, times = 1) {
      const count = () => output.split(text).length - 1;
      for (let i = 0; i < 100 && count() < times; i++) await wait(50);
      count().should.be.aboveOrEqual(times, `the debug node logged ${text} ${count()} times`);
    }

    /** Fails if any of `secrets` is in the flows (admin API, flows.json), the Node-RED output or the messages. */
    async function expectNowhere(secrets) {
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      flows.status.should.equal(200);
      flows.body.should.containEql('cfg-zen');
      const places = {
        'GET /flows': flows.body,
        'flows.json': fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8'),
        'the Node-RED output': output,
        'the messages': answers.join('\n'),
      };
      secrets.should.not.be.empty();
      secrets.forEach((secret, i) => {
        secret.should.be.a.String().and.not.be.empty();
        for (const [where, text] of Object.entries(places)) {
          // The failure names the secret by its index only.
          text.includes(secret).should.equal(false, `${where} contains secret #${i}`);
        }
      });
    }

    /** Cloud Pak for Business Automation: ZenApiKey and a BPMCSRFToken on every REST call. */
    function cloudPakServer() {
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
    }

    const isLogin = (r) => /\/bpm\/system\/login$/.test(r.rawPath);

    before(async function () {
      this.timeout(60000);
      // One full deploy: the first tab as before, the new one after it; the same Node-RED.
      await deploy(buildFlow(sim).concat(buildAuthFlow(sim)));
      await waitForEndpoint('/e2e/auth/ready');
      await waitForEndpoint('/e2e/ready');
      sim.reset();
    });

    // The modes set by a test must not outlive it.
    afterEach(() => sim.reset());

    it('the credentials of every kind are only in the encrypted credential store', async function () {
      const stored = decryptCredentials(fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8'), CREDENTIAL_SECRET);
      stored.should.have.property('cfg-zen').eql({ username: sim.username, token: AUTH_SECRETS.apiKey });
      stored.should.have.property('cfg-portal').eql({
        username: sim.username,
        password: AUTH_SECRETS.leftoverPassword,
        token: AUTH_SECRETS.portalToken,
      });
      stored.should.have.property('cfg-bearer-bpm').with.property('token', AUTH_SECRETS.bearerWrong);
      // What the editor sees of them.
      const creds = await request(baseUrl + '/credentials/ibm-bpm-server/cfg-zen', { headers: { Accept: 'application/json' } });
      creds.status.should.equal(200);
      JSON.parse(creds.body).should.eql({ username: sim.username, has_password: false, has_token: true });
      // The properties are kept as deployed.
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      const byId = new Map(JSON.parse(flows.body).flows.map((n) => [n.id, n]));
      byId.get('cfg-zen').should.match({ authType: 'zenApiKey', csrf: 'auto' });
      byId.get('cfg-zen').should.not.have.property('credentials');
      byId.get('cfg-portal').should.match({ authType: 'portalToken', tenant: PORTAL_TENANT, userType: 'processUser' });
      await expectNowhere(Object.values(AUTH_SECRETS).concat(zenHeader()));
    });

    it('ZenApiKey and CSRF tokens under /bas: list the ad-hoc activities, keep the READY ones, start each', async function () {
      const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
      ready.length.should.be.above(1);
      sim.reset();
      cloudPakServer();

      const assignee = 'zen-' + crypto.randomBytes(4).toString('hex');
      const out = await call('/e2e/auth/zen/start-ready', { instanceId: '104', assignTo: assignee });
      should(out.error).be.undefined();
      out.payload.map((a) => a.id).should.eql(ready.map((a) => a.id));
      out.payload.forEach((a) => a.executionState.should.equal('WORKING'));

      const seen = sim.requests.filter((r) => r.server === 'bpm');
      for (const r of seen) {
        r.rawPath.should.startWith('/bas/');
        r.authKinds.should.eql(['zenApiKey']);
        should(r.authUser).equal(sim.username);
      }
      // One login, at {root}/bpm/system/login with the root taken from the base URL.
      const logins = seen.filter(isLogin);
      logins.should.have.length(1);
      logins[0].method.should.equal('POST');
      logins[0].rawPath.should.equal('/bas/bpm/system/login');
      logins[0].headers['content-type'].should.match(/^application\/json/);
      JSON.parse(logins[0].body).should.eql(CSRF_LOGIN_BODY);
      sim.stats.logins.should.equal(1);
      sim.csrfTokens.should.have.length(1);
      const token = sim.csrfTokens[0];

      // csrf auto: the first request (cfg-zen's first since the deploy) goes without a token, is
      // refused, and is sent once more with one.
      const calls = seen.filter((r) => !isLogin(r));
      const list = '/bas/rest/bpm/wle/v1/process/104/adHocActivities';
      calls
        .slice(0, 2)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`GET ${list}`, `GET ${list}`]);
      seen.indexOf(logins[0]).should.equal(1);
      should(calls[0].csrfToken).be.null();
      calls.slice(1).forEach((r) => should(r.csrfToken).equal(token));
      const starts = calls.slice(2);
      starts.map((r) => r.method).should.eql(ready.map(() => 'PUT'));
      starts
        .map((r) => r.segments[1])
        .sort()
        .should.eql(ready.map((a) => a.id).sort());
      starts.forEach((r) => {
        r.rawPath.should.startWith('/bas/rest/bpm/wle/v1/activity/');
        r.query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: assignee });
      });

      // Every message of the list node and of the start node is in the log.
      await waitForOutput(`taskOwnerUserId: '${assignee}'`, ready.length);
      await expectNowhere([AUTH_SECRETS.apiKey, zenHeader(), token]);
    });

    it('ZenApiKey and CSRF tokens: a burst of 20 messages, one login per config node; expired tokens, one new login each', async function () {
      this.timeout(30000);
      cloudPakServer();
      const endpoint = (i) => (i % 2 === 0 ? '/e2e/auth/zen/start-activity' : '/e2e/auth/zen2/start-activity');
      const prefix = (i) => (i % 2 === 0 ? '/bas/' : '/bas2/');

      /** Sends `n` messages at once, half through each config node; checks every one started its activity. */
      async function burst(name, n) {
        const ids = Array.from({ length: n }, (_, i) => `2118.${name}-${i}`);
        const outs = await Promise.all(ids.map((activityId, i) => call(endpoint(i), { activityId })));
        outs.forEach((out, i) => {
          should(out.error).be.undefined();
          out.activityId.should.equal(ids[i]);
          out.payload.should.match({ id: ids[i], executionState: 'WORKING' });
        });
        return ids;
      }
      /** Per config node: the logins and the requests that started an activity (a 200 needs a valid token). */
      function byConfig(since) {
        const seen = sim.requests.slice(since).filter((r) => r.server === 'bpm');
        seen.forEach((r) => r.authKinds.should.eql(['zenApiKey']));
        return ['/bas/', '/bas2/'].map((p) => ({
          logins: seen.filter((r) => isLogin(r) && r.rawPath.startsWith(p)),
          calls: seen.filter((r) => !isLogin(r) && r.rawPath.startsWith(p)),
        }));
      }

      const first = await burst('burst', 20);
      byConfig(0).forEach(({ logins }) => logins.should.have.length(1));
      sim.stats.logins.should.equal(2);
      const firstTokens = sim.csrfTokens;
      firstTokens.should.have.length(2);
      // Each config node sends its own token, and each activity was started once with it.
      const tokenOf = byConfig(0).map(({ calls }) => {
        // cfg-zen still holds the token of the test before, which this server never issued.
        const sent = new Set(calls.map((r) => r.csrfToken).filter((t) => firstTokens.includes(t)));
        sent.size.should.equal(1);
        return [...sent][0];
      });
      tokenOf.slice().sort().should.eql(firstTokens.slice().sort());
      first.forEach((id, i) => {
        const withToken = sim.requests.filter((r) => r.method === 'PUT' && r.segments[1] === id && firstTokens.includes(r.csrfToken));
        withToken.should.have.length(1);
        withToken[0].rawPath.should.startWith(prefix(i));
        withToken[0].csrfToken.should.equal(tokenOf[i % 2]);
      });

      // The server forgets its tokens: the next messages are refused once, then sent with a new token.
      sim.expireCsrfTokens();
      const since = sim.requests.length;
      const second = await burst('after-expiry', 10);
      byConfig(since).forEach(({ logins, calls }, c) => {
        logins.should.have.length(1);
        const sent = [...new Set(calls.map((r) => r.csrfToken))];
        sent.should.containEql(tokenOf[c]);
        sent.should.have.length(2);
      });
      sim.stats.logins.should.equal(4);
      const allTokens = sim.csrfTokens;
      allTokens.should.have.length(4);
      second.forEach((id, i) => {
        const accepted = sim.requests.filter((r) => r.method === 'PUT' && r.segments[1] === id && !firstTokens.includes(r.csrfToken));
        accepted.should.have.length(1);
        accepted[0].rawPath.should.startWith(prefix(i));
      });

      await waitForOutput(`activityId: '2118.burst-`, 20);
      await waitForOutput(`activityId: '2118.after-expiry-`, 10);
      await expectNowhere([AUTH_SECRETS.apiKey, zenHeader(), ...allTokens]);
    });

    it("portal token with tenant and user base processUser: list a user's starters, start each", async function () {
      const ids = await servedStarterIds('many-3');
      ids.should.have.length(3);
      sim.reset();
      sim.setInubitAuth('portalToken');
      sim.setToken(AUTH_SECRETS.portalToken);
      // Only this tenant is known: any other `client` is a 404.
      sim.setTenants([PORTAL_TENANT]);

      const out = await call('/e2e/auth/portal/start-every-starter', { user: 'many-3', lang: 'en' });
      should(out.error).be.undefined();
      out.payload.should.have.length(3);
      out.payload.forEach((taskId) => taskId.should.match(UUID_RE));

      const seen = sim.requests.filter((r) => r.server === 'inubit');
      seen.map((r) => r.method).should.eql(['GET', 'POST', 'POST', 'POST']);
      seen[0].segments.should.eql(['task', 'adhoc', 'many-3']);
      seen
        .slice(1)
        .map((r) => r.segments)
        .sort()
        .should.eql(ids.map((id) => ['task', 'adhoc', 'many-3', id]).sort());
      for (const r of seen) {
        r.query.should.eql({ lang: 'en', client: PORTAL_TENANT, userType: 'processUser' });
        r.authKinds.should.eql(['portalToken']);
        r.headers['x-auth-token'].should.equal(`Bearer ${AUTH_SECRETS.portalToken}`);
        // The user name and password left over from basic are not sent.
        r.headers.should.not.have.property('authorization');
      }

      for (const taskId of out.payload) await waitForOutput(`'${taskId}'`);
      await expectNowhere([AUTH_SECRETS.portalToken, AUTH_SECRETS.leftoverPassword]);
    });

    it('a wrong bearer token: UNAUTHORIZED at the Catch node, the token in no message', async function () {
      sim.setBpmAuth('bearer');
      sim.setInubitAuth('bearer');
      sim.setToken(AUTH_SECRETS.bearerRight);

      const bpm = await call('/e2e/auth/bearer/start-activity', { activityId: '2118.bearer' });
      const inubit = await call('/e2e/auth/bearer/starters', { user: 'anna' });
      for (const [out, source] of [
        [bpm, 'bearer-bpm-start'],
        [inubit, 'bearer-inubit-starters'],
      ]) {
        out.error.code.should.equal('UNAUTHORIZED');
        out.error.source.id.should.equal(source);
        out.statusCode.should.equal(401);
        out.error.message.should.containEql('401');
        out.error.message.should.not.containEql(AUTH_SECRETS.bearerWrong);
        out.error.message.should.not.containEql(AUTH_SECRETS.bearerRight);
      }
      const seen = sim.requests.filter((r) => r.server !== 'other');
      seen.length.should.be.above(1);
      for (const r of seen) {
        r.authKinds.should.eql(['bearer']);
        r.headers.authorization.should.equal(`Bearer ${AUTH_SECRETS.bearerWrong}`);
      }
      // A 401 is no CSRF refusal: no login.
      sim.stats.logins.should.equal(0);

      await waitForOutput(`id: 'bearer-bpm-start'`);
      await waitForOutput(`id: 'bearer-inubit-starters'`);
      await expectNowhere([AUTH_SECRETS.bearerWrong, AUTH_SECRETS.bearerRight, AUTH_SECRETS.leftoverPassword]);
    });

    it('config nodes saved without authType, csrf, tenant and userType work as basic (and csrf auto)', async function () {
      // The first tab's config nodes were saved without the authentication properties.
      const saved = JSON.parse(fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8'));
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      for (const list of [saved, JSON.parse(flows.body).flows]) {
        for (const id of ['cfg-bpm', 'cfg-inubit']) {
          const node = list.find((n) => n.id === id);
          should.exist(node, id);
          for (const property of ['authType', 'csrf', 'tenant', 'userType']) node.should.not.have.property(property);
        }
      }

      const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
      const ids = await servedStarterIds('many-3');
      sim.reset();
      // An IBM BPM server that requires CSRF tokens: csrf left out is auto, so it still works.
      sim.setBpmCsrf('required');

      const activities = await post('/e2e/start-ready', { instanceId: '104', assignTo: 'anna' });
      activities.started.map((a) => a.id).should.eql(ready.map((a) => a.id));
      const bpm = sim.requests.filter((r) => r.server === 'bpm');
      bpm.forEach((r) => {
        r.authKinds.should.eql(['basic']);
        should(r.authUser).equal(sim.username);
      });
      const logins = bpm.filter(isLogin);
      logins.should.have.length(1);
      logins[0].rawPath.should.equal('/bpm/system/login');

      const started = await post('/e2e/start-every-starter', { user: 'many-3', lang: 'en' });
      started.taskIds.should.have.length(ids.length);
      const inubit = sim.requests.filter((r) => r.server === 'inubit');
      inubit.should.have.length(1 + ids.length);
      inubit.forEach((r) => {
        r.authKinds.should.eql(['basic']);
        should(r.authUser).equal(sim.username);
        // No tenant, no user base.
        r.query.should.eql({ lang: 'en' });
      });
    });
  });

  describe('inubit tasks: start, get with the form, submit; only new tasks', function () {
    async function call(endpoint, body) {
      const res = await request(baseUrl + endpoint, { method: 'POST', body });
      res.status.should.equal(200, `POST ${endpoint} answered ${res.status}: ${res.body}`);
      return JSON.parse(res.body).message;
    }

    before(async function () {
      this.timeout(60000);
      await deploy(buildFlow(sim).concat(buildTaskFlow()));
      const deadline = Date.now() + 15000;
      while ((await request(baseUrl + '/e2e/tasks/ready')).status !== 200) {
        if (Date.now() > deadline) throw new Error(`the task tab did not start:\n${output}`);
        await wait(100);
      }
      sim.reset();
    });

    afterEach(() => sim.reset());

    it('a started task is read with its form and submitted with its first button and the given fields', async function () {
      const starter = INUBIT_STARTERS[0];
      const out = await call('/e2e/tasks/journey', {
        user: sim.username,
        starterId: starter.id,
        fields: { note: 'a & b', count: 2, done: true, empty: null },
      });
      should(out.error).be.undefined();
      out.should.have.property('statusCode', 204);
      (out.payload === null).should.be.true();
      out.should.not.have.property('nextTaskId');
      out.form.submitters.should.not.be.empty();
      const [submitted] = sim.submittedForms();
      submitted.should.match({ taskId: out.taskId, submitter: out.form.submitters[0].submitter });
      submitted.raw.should.endWith('<Panel><note>a &amp; b</note><count>2</count><done>true</done><empty/></Panel></Response></Form>');
      sim.requests
        .map((r) => `${r.method} ${r.segments.slice(0, 2).join('/')}`)
        .should.eql(['POST task/adhoc', 'GET task/tasks', 'GET task/data', 'POST task/submit']);
    });

    it('only new tasks: a second poll sends only the task added since', async function () {
      const first = await call('/e2e/tasks/new', { query: { count: 50 } });
      first.payload.length.should.be.above(0);
      const id = sim.addInubitTask(sim.username, { name: 'Neue Aufgabe' });
      const second = await call('/e2e/tasks/new', { query: { count: 50 } });
      second.payload.should.have.length(1);
      second.payload[0].should.match({ id, name: 'Neue Aufgabe' });
      second.should.have.property('total', first.payload.length + 1);
    });

    it('a task another user holds is LOCKED; an unknown one is NOT_FOUND with statusCode 200', async function () {
      const locked = sim.inubitTasks(sim.username).find((task) => task.locked && task.locked !== sim.username);
      should.exist(locked, 'the simulator has a task locked by another user');
      const out = await call('/e2e/tasks/get', { taskId: locked.id });
      out.error.should.match({ code: 'LOCKED' });
      out.should.have.property('statusCode', 423);
      const unknown = await call('/e2e/tasks/get', { taskId: 'no-such-task' });
      unknown.error.should.match({ code: 'NOT_FOUND' });
      unknown.should.have.property('statusCode', 200);
    });

    it('a task id ".." is refused without a request', async function () {
      const out = await call('/e2e/tasks/get', { taskId: '..' });
      out.error.should.match({ code: 'INVALID_INPUT' });
      sim.requests.should.have.length(0);
    });
  });

  describe('IBM BPM tasks: start a process, get its first task, complete it, list the tasks; ZenApiKey and CSRF tokens under /bas', function () {
    const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
    const ROOT = '/bas/rest/bpm/wle/v1';
    const isLogin = (r) => /\/bpm\/system\/login$/.test(r.rawPath);
    const zenHeader = () => Buffer.from(`${sim.username}:${AUTH_SECRETS.apiKey}`).toString('base64');
    // Variable sets whose query would make the URL longer than 2,048 characters.
    const LONG_TEXT = 'Needs experience with Node-RED flows, REST APIs & business processes; "remote" is fine. '.repeat(30);
    const INPUT = {
      requisition: { reqNum: 'REQ-E2E-1', department: 'Forschung & Entwicklung', headcount: 3, salary: 81000.5, remote: true },
      comments: LONG_TEXT,
      skills: Array.from({ length: 40 }, (_, i) => `skill ${i + 1}: ü/ß?&=#`),
    };
    const OUTPUT = { approved: true, comments: `Approved: ${LONG_TEXT}` };
    const answers = [];

    async function call(endpoint, body) {
      const res = await request(baseUrl + endpoint, { method: 'POST', body });
      res.status.should.equal(200, `POST ${endpoint} answered ${res.status}: ${res.body}`);
      answers.push(res.body);
      return JSON.parse(res.body).message;
    }

    before(async function () {
      this.timeout(60000);
      await deploy(buildFlow(sim).concat(buildBpmTaskFlow(sim)));
      const deadline = Date.now() + 15000;
      while ((await request(baseUrl + '/e2e/bpm-tasks/ready')).status !== 200) {
        if (Date.now() > deadline) throw new Error(`the IBM BPM task tab did not start:\n${output}`);
        await wait(100);
      }
      sim.reset();
    });

    afterEach(() => sim.reset());

    it('the four task nodes are installed from the tarball and enabled', async function () {
      const res = await request(baseUrl + '/nodes', { headers: { Accept: 'application/json' } });
      res.status.should.equal(200);
      // The task nodes: our flow nodes in the flow of this journey.
      const taskTypes = [
        ...new Set(
          buildBpmTaskFlow(sim)
            .map((node) => node.type)
            .filter((type) => FLOW_TYPES.includes(type)),
        ),
      ];
      taskTypes.should.have.length(4);
      const sets = JSON.parse(res.body).filter(
        (set) => set.module === ownPackage.name && taskTypes.some((type) => set.types.includes(type)),
      );
      []
        .concat(...sets.map((set) => set.types))
        .sort()
        .should.eql(taskTypes.slice().sort());
      for (const set of sets) {
        set.should.have.property('enabled', true);
        set.should.not.have.property('err');
      }
    });

    it('start → get → complete → list: a Closed first task, the next one open; one CSRF login; long variables in the long form', async function () {
      JSON.stringify(INPUT).length.should.be.above(2048);
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
      // A URL longer than 2,048 characters would be refused: only the long form passes.
      sim.setBpmMaxUrlLength(2048);

      const out = await call('/e2e/bpm-tasks/journey', { input: INPUT, output: OUTPUT });
      should(out.error).be.undefined();

      // The started instance, its first task, the completed task, and the tasks of the instance.
      const piid = out.instanceId;
      piid.should.be.a.String().and.match(/^\d+$/);
      out.started.should.match({ piid, bpdName: HIRING_BPD.name });
      out.started.variables.requisition.should.match(INPUT.requisition);
      out.started.variables.comments.should.equal(INPUT.comments);
      const [first, next] = sim.bpmTasks(piid);
      out.firstTask.should.match({ tkiid: first.tkiid, name: HIRING_BPD.steps[0].name, status: 'Received' });
      out.firstTask.data.variables.skills.items.should.eql(INPUT.skills);
      out.completed.should.match({ tkiid: first.tkiid, status: 'Closed', state: 'STATE_FINISHED', owner: sim.username });
      out.completed.data.variables.should.match(OUTPUT);
      out.payload
        .map((t) => [t.tkiid, t.status])
        .should.eql([
          [first.tkiid, 'Closed'],
          [next.tkiid, 'Received'],
        ]);
      out.payload[1].name.should.equal(HIRING_BPD.steps[1].name);
      sim.bpmTask(next.tkiid).data.variables.should.match(Object.assign({}, OUTPUT, { requisition: INPUT.requisition }));

      const seen = sim.requests.filter((r) => r.server === 'bpm');
      for (const r of seen) {
        r.rawPath.should.startWith('/bas/');
        r.authKinds.should.eql(['zenApiKey']);
        should(r.authUser).equal(sim.username);
      }
      // One login, at /bas/bpm/system/login, after the first request (csrf auto) was refused.
      const logins = seen.filter(isLogin);
      logins.should.have.length(1);
      logins[0].should.match({ method: 'POST', rawPath: '/bas/bpm/system/login' });
      JSON.parse(logins[0].body).should.eql(CSRF_LOGIN_BODY);
      sim.stats.logins.should.equal(1);
      sim.csrfTokens.should.have.length(1);
      const token = sim.csrfTokens[0];
      seen.indexOf(logins[0]).should.equal(1);

      const calls = seen.filter((r) => !isLogin(r));
      const shape = (r) =>
        `${r.method}${r.headers['x-http-method-override'] ? `(${r.headers['x-http-method-override']})` : ''} ${r.rawPath.slice(ROOT.length)} ${r.query.action || ''}`.trim();
      calls
        .map(shape)
        .should.eql([
          'POST /process start',
          'POST /process start',
          `GET /task/${first.tkiid}`,
          `PUT /task/${first.tkiid} assign`,
          `POST(PUT) /task/${first.tkiid} finish`,
          `GET /process/${piid}`,
        ]);
      should(calls[0].csrfToken).be.null();
      calls.slice(1).forEach((r) => should(r.csrfToken).equal(token));
      // The long form: the query in an application/x-www-form-urlencoded body, the URL without it.
      const [, start, , , finish] = calls;
      for (const r of [start, finish]) {
        r.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
        r.body.length.should.be.above(2048);
        r.headers.should.not.have.property('content-length', '0');
      }
      start.query.should.match({ action: 'start', bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID, parts: 'all' });
      JSON.parse(start.query.params).should.eql(INPUT);
      finish.query.should.match({ action: 'finish', parts: 'all' });
      JSON.parse(finish.query.params).should.eql(OUTPUT);

      // No secret in the answers or the log.
      for (const secret of [AUTH_SECRETS.apiKey, zenHeader(), token]) {
        answers.join('\n').includes(secret).should.be.false();
        output.includes(secret).should.be.false();
      }
    });

    it('short variables go in a form body, never in the URL; an output variable the process does not declare is BAD_REQUEST at the Catch node, outcome not-done, the task given back', async function () {
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
      const out = await call('/e2e/bpm-tasks/journey', { input: { comments: 'short' }, output: { approval: 'yes' } });
      out.error.should.match({ code: 'BAD_REQUEST', source: { id: 'bpm-complete' } });
      out.statusCode.should.equal(400);
      out.outcome.should.equal('not-done');
      out.serverError.errorNumber.should.equal('CWTBG0543E');
      const [first] = sim.bpmTasks(out.instanceId);
      out.taskId.should.equal(first.tkiid);
      first.should.match({ status: 'Received', state: 'STATE_READY', owner: null });
      const calls = sim.requests.filter((r) => r.server === 'bpm' && !isLogin(r));
      calls
        .map((r) => `${r.method} ${r.query.action || ''}${r.query.back ? ' back' : ''}`.trim())
        .should.eql(['POST start', 'POST start', 'GET', 'PUT assign', 'POST finish', 'PUT assign back']);
      calls[4].headers['x-http-method-override'].should.equal('PUT');
      for (const start of calls.slice(0, 2)) {
        start.search.should.equal('');
        start.rawPath.should.equal(`${ROOT}/process`);
        JSON.parse(new URLSearchParams(start.body).get('params')).should.eql({ comments: 'short' });
      }
      calls[4].search.should.equal('');
    });
  });
});
