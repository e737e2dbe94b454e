'use strict';
// The flow nodes of the package as one table: what every node must survive (faults, bad input,
// load, redeploy, secrets, the mapping of README, "Errors") runs over its rows, and what the other
// tests need to know of a node (its palette entry, its help, its error codes, its status counts)
// is in its row. Every flow node type of package.json has a row (test/unit/package.test.js); a
// new node is its own files, its entry in package.json and a new row.
//
// Every row's flow takes the value that names the resource (user, starter, instance, activity,
// task, process definition, event) from msg.payload, so that the simulator's scenario keys (`status-NNN`,
// `slow-N`, `reset`, `truncated`, `login-page`, `huge`, `redirect-same`, …) reach the server where
// it reads them; the inubit task list, which names none, takes its query from msg.payload, and the
// key as `scenario` in it.
const should = require('should');
const {
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  listTasksFlow,
  getTaskFlow,
  submitTaskFlow,
  startProcessFlow,
  bpmListTasksFlow,
  bpmGetTaskFlow,
  completeTaskFlow,
  assignTaskFlow,
  sendMessageFlow,
} = require('./flows');
const { paramsOf } = require('./ibm-bpm-tasks');
const { SEED_ACTIVITIES, INUBIT_STARTERS } = require('../simulator/fixtures');
const { accountTasks } = require('../simulator/inubit-task-fixtures');
const { xmlEscape } = require('../simulator/xml');
const {
  HIRING_BPD,
  INTERNAL_BPD,
  PROCESS_APP,
  BUILTIN_PIID,
  BUILTIN_TASK_IDS,
  FINISHED_PIID,
} = require('../simulator/ibm-bpm-process-fixtures');

/** The simulator account's tasks: the first one to read, the one that anna holds. */
const [ACCOUNT_TASK, , LOCKED_TASK] = accountTasks();

/** The first of the account's tasks as a node sends it in msg.payload (README, "Nodes": inubit tasks). */
const ACCOUNT_TASK_PAYLOAD = {
  id: ACCOUNT_TASK.id,
  process: '32361',
  creation: '1261055573295',
  expiration: '1261059173295',
  action: 'Form',
  wait: '0',
  test: 'true',
  popup: 'false',
  name: 'Urlaubsantrag prüfen',
  description: 'Antrag von Anna Schmidt über 3 Tage',
  units: [
    { name: 'Administrator', type: 'Role' },
    { name: 'HR_Sachbearbeiter', type: 'Role' },
  ],
  fields: { eins: 'test wert 1', zwei: 'test wert 2' },
};

/** The answers of inubit's XML resources that are not the document asked for. */
const NOT_INUBIT_XML = {
  'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
  truncated: ['a 200 with truncated XML', 200, 'INVALID_RESPONSE'],
  'wrong-type': ['a 200 with JSON instead of XML', 200, 'INVALID_RESPONSE'],
};

/** The answers of an inubit resource that creates a task (201 and its id) that are not one. */
const NOT_A_CREATED_TASK = {
  'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
  // The task id is cut off in the connection: no document to judge.
  truncated: ['an answer cut short', undefined, 'CONNECTION_FAILED'],
  'wrong-type': ['a 201 with an HTML page instead of a task id', 201, 'INVALID_RESPONSE'],
};

/** The server's own error answers where a resource has no keys of its own: the scenario keys status-NNN. */
const STATUS_KEY_ERRORS = [
  ['status-403', 403, 'UNAUTHORIZED'],
  ['status-500', 500, 'SERVER_ERROR'],
  ['status-503', 503, 'SERVICE_UNAVAILABLE'],
];

/** The simulator's built-in IBM BPM tasks: the finished first step and the open second one. */
const [CLOSED_BPM_TASK, OPEN_BPM_TASK] = BUILTIN_TASK_IDS;

/** The answers of a WLE JSON resource that are not the document asked for (the last: a 200 without `data`). */
const NOT_WLE_JSON = {
  'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
  truncated: ['a 200 with truncated JSON', 200, 'INVALID_RESPONSE'],
  'wrong-type': ['a 200 that is not JSON', 200, 'INVALID_RESPONSE'],
  'no-data': ['a 200 without data', 200, 'INVALID_RESPONSE'],
};

/** IBM BPM's own error answers on the process and task resources, in the key's place (the simulator's keys). */
const WLE_ERRORS = {
  badId: ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
  forbidden: ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
  unknown: ['99999', 404, 'NOT_FOUND', 'CWTBG0059E'],
  serverError: ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E', ['server-error']],
};

// The error codes every flow node can give (README, "Errors"): bad input or no usable server
// configuration, the answers every server may send, and the failures of the connection. Beyond
// them, a row's `codes` add:
// - NOT_ACCEPTABLE (406) only where the node asks for a representation the server may not offer:
//   the ad-hoc activity list, whose format (JSON or XML) the user chooses. The other IBM BPM nodes
//   ask for JSON, which every WLE resource serves; the inubit nodes ask for the XML the task
//   resources serve, and the ad-hoc start accepts any answer (`*/*`).
// - CONFLICT (409) where the state of the object can forbid the change: the IBM BPM starts, the
//   completion and the assignment (a task someone else took). A read is not forbidden by a state; inubit answers a task held by another user
//   with 423 and one that is gone with 404, and documents no 409.
// - LOCKED (423) where an inubit task that another user holds is read or submitted.
const COMMON_CODES = [
  'INVALID_INPUT',
  'BAD_REQUEST',
  'UNAUTHORIZED',
  'NOT_FOUND',
  'SERVER_ERROR',
  'SERVICE_UNAVAILABLE',
  'HTTP_ERROR',
  'TIMEOUT',
  'CONNECTION_FAILED',
  'INVALID_RESPONSE',
];

/** Where each server's flow nodes are in the palette: their category and their icon (README, "Nodes"). */
const PALETTE = {
  inubit: { category: 'inubit', icon: 'inubit.svg' },
  bpm: { category: 'IBM BPM', icon: 'ibm-bpm.svg' },
};

/** The REST root of each kind of server, as the simulator serves it. */
const ROOT = { inubit: '/ibis/rest', bpm: '/rest/bpm/wle/v1' };

/** The statuses a server can send in place of an answer, and their codes (README, "Errors"). */
const STATUSES = [
  [400, 'BAD_REQUEST'],
  [401, 'UNAUTHORIZED'],
  [403, 'UNAUTHORIZED'],
  [404, 'NOT_FOUND'],
  [406, 'NOT_ACCEPTABLE'],
  [409, 'CONFLICT'],
  [423, 'LOCKED'],
  [418, 'HTTP_ERROR'],
  [500, 'SERVER_ERROR'],
  [502, 'HTTP_ERROR'],
  [504, 'HTTP_ERROR'],
];

/** Text as a regular expression that matches exactly it. */
const literal = (text) => String(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * How each server writes its error bodies (msg.serverError, README "Errors").
 * - `unauthorized`: the 401 bodies a wrong password gets, each with `prepare(sim)` and `check(msg, path)`.
 * - `expected(sent)`: what msg.serverError must equal, from the body the server sends when asked for JSON.
 * - `generic(serverError, status)`: checks the body the server sends with a bare status.
 */
const ERROR_BODIES = {
  inubit: {
    unauthorized: [
      {
        what: 'inubit 9, an error body as asked for',
        prepare: () => {},
        check: (msg, path) => {
          msg.serverError.should.match({ statusCode: 401, message: 'Unauthorized access', path: path.slice('/ibis'.length) });
          msg.serverError.should.have.properties('path', 'timestamp');
          msg.error.message.should.containEql('Unauthorized access');
        },
      },
      {
        what: 'inubit 8, an HTML page',
        prepare: (sim) => sim.setInubitVersion(8),
        check: (msg) => should(msg.serverError).be.undefined(),
      },
    ],
    fromJson: (body) => body,
    compare: (serverError, sent) => {
      serverError.timestamp.should.be.a.String().and.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      serverError.should.eql({ ...sent, timestamp: serverError.timestamp });
      serverError.should.have.properties('statusCode', 'message', 'path', 'timestamp');
    },
    generic: (serverError, status) => serverError.statusCode.should.equal(status),
    messageOf: (serverError) => serverError.message,
  },
  wle: {
    unauthorized: [
      {
        what: 'HTML from the application server',
        prepare: () => {},
        check: (msg) => should(msg.serverError).be.undefined(),
      },
    ],
    fromJson: (body) => body.Data,
    compare: (serverError, sent) => {
      sent.should.have.properties('exceptionType', 'errorMessage', 'errorMessageParameters', 'programmersDetails');
      serverError.exceptionType.should.be.a.String();
      serverError.errorMessage.should.be.a.String();
      serverError.errorMessageParameters.should.be.an.Array();
      serverError.should.eql(sent);
    },
    generic: (serverError, status) => serverError.errorMessage.should.containEql(`(HTTP ${status})`),
    messageOf: (serverError) => serverError.errorMessage,
  },
};

/**
 * One row per flow node:
 * - `type`, `server` (`inubit` | `bpm`), `errorBody` (a key of ERROR_BODIES)
 * - `label`: its palette label; `tip`: the start of its palette tooltip (the first words of its help)
 * - `codes`: the error codes it can give (README, "Errors"), which its help lists
 * - `help`: what tests check of its help (README, "Nodes"), each where given: `properties`, the
 *   message properties it names, `words`, words its source must hold in both languages, and
 *   `shown`, what the editor's help sidebar shows of it in English
 * - `counted`: for a node whose status counts what it sent: the catalogue keys `status.<key>` and
 *   `status.<none>`, the `words` for 1 and for N in each language, and `newOf` when it also says "N new of M"
 * - `flow(sim, props, serverProps, extra)`: its flow against the simulator, the key taken from msg.payload
 * - `message(key)`: a message that makes it ask for `key`
 * - `request`: `method`, `segments(key)` below the REST root, `query` (of a request without options;
 *   a function of the key where the key travels in the query)
 * - `reads`: only reads (a GET: timeouts and resets are retried) or changes state (retried
 *   only after a 503 or a refused connection)
 * - `changes`: changes something on the server: every error carries msg.outcome (README, "When
 *   the answer is lost")
 * - `valid`: a key it serves, `outputs`: how many messages that sends, `success(out, key)`: checks them
 * - `one`: a key that sends exactly one message; `quiet`: a key that sends none and is no error
 * - `doing(key)`: the start of its error messages
 * - `serverErrors`: the server's own error answers: [key, status, code, errorNumber?, errorMessageParameters?]
 * - `requestsPerMessage`: the requests a message that succeeds makes (default 1); a fault ends
 *   the message at the first request it hits
 * - `malformed`: the answers that are not what the API documents: key → [what, statusCode, code,
 *   requests sent until it (default 1)]
 * - `otherSuccess`: 2xx statuses that are not its success
 * - `variants`: options that change the server's answer (its format), each `[name, props]`
 * - `queryValues`: its optional query values, each `[name, props that read it from msg.value]`
 * - `idFrom(text)`: a key the server accepts made of any text (absent when there is none)
 * - `unknownId`: without `idFrom`, `[code, statusCode]` of a key that names nothing (absent: IBM BPM's 400)
 * - `failing`: a key that fails with a 500 and the server's error body (default `server-error`)
 * - `invalid`: a key refused with INVALID_INPUT before any request (default `..`)
 * - `objects`: for a node that takes an object (variables, form fields, a query; README "Nodes"),
 *   `props` that read it from msg.built, `built`: JavaScript that makes one in a Function node,
 *   nested values included, and `sent(sim)`: checks that the server got it
 */
const NODE_KINDS = [
  {
    type: 'inubit-start-adhoc-process',
    server: 'inubit',
    errorBody: 'inubit',
    label: 'start ad-hoc process',
    tip: 'Starts an ad-hoc process',
    codes: [...COMMON_CODES],
    flow: (sim, props, server, extra) => startFlow(sim, { starterId: 'payload', starterIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'POST', segments: (key) => ['task', 'adhoc', 'alice', key], query: {} },
    reads: false,
    changes: true,
    valid: 'fine',
    outputs: 1,
    success(out) {
      out.should.have.length(1);
      out[0].payload.should.be.a.String().and.match(/^[0-9a-f-]{36}$/);
      out[0].taskId.should.equal(out[0].payload);
      out[0].statusCode.should.equal(201);
    },
    one: 'fine',
    quiet: 'no-task',
    doing: (key) => new RegExp(`^Starting ad-hoc process\\W+${literal(key)}\\W+for user\\W+alice\\W`),
    serverErrors: [
      ['forbidden', 403, 'UNAUTHORIZED'],
      ['unknown-starter', 404, 'NOT_FOUND'],
      ['server-error', 500, 'SERVER_ERROR'],
      ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
    ],
    malformed: NOT_A_CREATED_TASK,
    otherSuccess: [200, 202],
    variants: [['', {}]],
    queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
    idFrom: (text) => text,
  },
  {
    type: 'ibm-bpm-list-adhoc-activities',
    server: 'bpm',
    errorBody: 'wle',
    label: 'list ad-hoc activities',
    tip: 'Lists the ad-hoc activities of an IBM BPM process instance',
    codes: [...COMMON_CODES, 'NOT_ACCEPTABLE'],
    counted: { key: 'activities', none: 'noActivities', words: { 'en-US': ['activity', 'activities'], de: ['Aktivität', 'Aktivitäten'] } },
    flow: (sim, props, server, extra) => listFlow(sim, props, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'GET', segments: (key) => ['process', key, 'adHocActivities'], query: {} },
    reads: true,
    valid: '102',
    outputs: 2,
    success(out, key = '102') {
      out.map((m) => m.payload).should.eql(SEED_ACTIVITIES);
      out.forEach((m) => m.instanceId.should.equal(key));
    },
    one: '101',
    quiet: '100',
    doing: (key) => new RegExp(`^Listing the ad-hoc activities of process instance\\W+${literal(key)}\\W`),
    serverErrors: [
      ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
      ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
      ['99999', 404, 'NOT_FOUND', 'CWTBG0059E'],
      ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E', []],
    ],
    malformed: {
      'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
      truncated: ['a 200 with a truncated document', 200, 'INVALID_RESPONSE'],
      'wrong-type': ['a 200 with text/plain', 200, 'INVALID_RESPONSE'],
      'no-activities': ['a 200 without the activities list', 200, 'INVALID_RESPONSE'],
    },
    otherSuccess: [202],
    variants: [
      ['in JSON', { format: 'json' }],
      ['in XML', { format: 'xml' }],
    ],
    queryValues: [],
  },
  {
    type: 'ibm-bpm-start-adhoc-activity',
    server: 'bpm',
    errorBody: 'wle',
    label: 'start ad-hoc activity',
    tip: 'Starts an ad-hoc activity of an IBM BPM process instance',
    codes: [...COMMON_CODES, 'CONFLICT'],
    help: { shown: [/Starts an ad-hoc activity/, /ACTION_START_ACTIVITY/, /assignTo/, /payload\.id/, /taskId/, /ready/i] },
    flow: (sim, props, server, extra) => startActivityFlow(sim, { activityId: 'payload', activityIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'PUT', segments: (key) => ['activity', key], query: { action: 'ACTION_START_ACTIVITY' } },
    reads: false,
    changes: true,
    valid: '2118.fine',
    outputs: 1,
    success(out, key = '2118.fine') {
      out.should.have.length(1);
      out[0].activityId.should.equal(key);
      out[0].payload.should.match({ id: key, executionState: 'WORKING' });
      out[0].taskId.should.equal(out[0].payload.taskId);
      out[0].statusCode.should.equal(200);
    },
    one: '2118.one',
    quiet: null,
    doing: (key) => new RegExp(`^Starting ad-hoc activity\\W+${literal(key)}\\W`),
    serverErrors: [
      ['not-startable', 400, 'BAD_REQUEST', 'CWTBG0548E'],
      ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
      ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
      ['unknown-activity', 404, 'NOT_FOUND', 'CWTBG0059E'],
      ['conflict', 409, 'CONFLICT', 'CWTBG0550E'],
      ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E', ['server-error']],
      ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
    ],
    malformed: {
      'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
      truncated: ['a 200 with truncated JSON', 200, 'INVALID_RESPONSE'],
      'wrong-type': ['a 200 that is not JSON', 200, 'INVALID_RESPONSE'],
      'no-data': ['a 200 without data', 200, 'INVALID_RESPONSE'],
      'data-not-object': ['a 200 whose data is not an object', 200, 'INVALID_RESPONSE'],
    },
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [['assignTo', { assignTo: 'value', assignToType: 'msg' }]],
    idFrom: (text) => `2118.${text}`,
  },
  {
    type: 'inubit-list-adhoc-starters',
    server: 'inubit',
    errorBody: 'inubit',
    label: 'list ad-hoc starters',
    tip: 'Lists the ad-hoc starters that a user may run',
    codes: [...COMMON_CODES],
    help: { shown: [/Lists the ad-hoc starters/, /msg\.user/, /msg\.payload\.id/, /0 starters/, /lang/] },
    flow: (sim, props, server, extra) => startersFlow(sim, { user: 'payload', userType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'GET', segments: (key) => ['task', 'adhoc', key], query: {} },
    reads: true,
    valid: 'alice',
    outputs: INUBIT_STARTERS.length,
    success(out, key = 'alice') {
      out.map((m) => m.payload.id).should.eql(INUBIT_STARTERS.map((s) => s.id));
      out.forEach((m) => m.user.should.equal(key));
    },
    one: 'one-starter',
    quiet: 'no-starters',
    doing: (key) => new RegExp(`^Listing the ad-hoc starters of user\\W+${literal(key)}\\W`),
    serverErrors: [
      ['forbidden', 403, 'UNAUTHORIZED'],
      ['unknown-user', 404, 'NOT_FOUND'],
      ['server-error', 500, 'SERVER_ERROR'],
      ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
    ],
    malformed: NOT_INUBIT_XML,
    otherSuccess: [202],
    variants: [['', {}]],
    queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
    idFrom: (text) => text,
  },
  {
    type: 'inubit-list-tasks',
    server: 'inubit',
    errorBody: 'inubit',
    label: 'list tasks',
    tip: 'Lists the tasks of an inubit user',
    codes: [...COMMON_CODES],
    help: {
      shown: [
        /Lists the tasks of an inubit user/,
        /GET \{base\}\/task\/tasks/,
        /parts/,
        /taskId/,
        /total/,
        /N new of M/,
        /1,000/,
        /redeploy/,
      ],
    },
    counted: { key: 'tasks', none: 'noTasks', words: { 'en-US': ['task', 'tasks'], de: ['Aufgabe', 'Aufgaben'] }, newOf: true },
    // The list is the signed-in user's: the key travels as the simulator's own query parameter `scenario`.
    flow: (sim, props, server, extra) => listTasksFlow(sim, { query: 'payload', queryType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: { scenario: key } }),
    request: { method: 'GET', segments: () => ['task', 'tasks'], query: (key) => ({ scenario: key }) },
    reads: true,
    // Not a scenario key: the account's own list.
    valid: 'account',
    outputs: accountTasks().length,
    success(out) {
      out.map((m) => m.payload.id).should.eql(accountTasks().map((t) => t.id));
      out.forEach((m) => {
        m.taskId.should.equal(m.payload.id);
        m.total.should.equal(accountTasks().length);
      });
    },
    one: 'many-1',
    quiet: 'many-0',
    failing: 'status-500',
    invalid: ['not', 'text'],
    doing: () => /^Listing the tasks\W/,
    serverErrors: STATUS_KEY_ERRORS,
    malformed: NOT_INUBIT_XML,
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
    idFrom: (text) => text,
    objects: {
      props: { query: 'built', queryType: 'msg' },
      built: '{ start: 0, count: 50, skipped: null }',
      sent: (sim) => sim.requests[0].query.should.eql({ start: '0', count: '50' }),
    },
  },
  {
    type: 'inubit-get-task',
    server: 'inubit',
    errorBody: 'inubit',
    label: 'get task',
    tip: 'Reads one task of an inubit user',
    codes: [...COMMON_CODES, 'LOCKED'],
    help: { shown: [/Reads one task/, /msg\.taskId/, /GET \{base\}\/task\/data\/\{taskId\}/, /submitters/, /empty body/, /423/] },
    flow: (sim, props, server, extra) => getTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'GET', segments: (key) => ['task', 'tasks', key], query: {} },
    reads: true,
    valid: ACCOUNT_TASK.id,
    outputs: 1,
    success(out, key = ACCOUNT_TASK.id) {
      out.should.have.length(1);
      out[0].taskId.should.equal(key);
      // A scenario key stands for a task of that id; a redirect leads to the task of its target.
      out[0].payload.id.should.equal(key === 'redirect-same' ? 'ok-after-redirect' : key);
      if (key === ACCOUNT_TASK.id) out[0].payload.should.eql(ACCOUNT_TASK_PAYLOAD);
      else out[0].payload.should.have.properties('name', 'units', 'fields');
    },
    one: ACCOUNT_TASK.id,
    quiet: null,
    failing: 'status-500',
    doing: (key) => new RegExp(`^Reading task\\W+${literal(key)}\\W`),
    serverErrors: [[LOCKED_TASK.id, 423, 'LOCKED'], ...STATUS_KEY_ERRORS],
    malformed: NOT_INUBIT_XML,
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
    // inubit's "no such task for this user": a 200 with an empty body.
    unknownId: ['NOT_FOUND', 200],
  },
  {
    type: 'inubit-submit-task',
    server: 'inubit',
    errorBody: 'inubit',
    label: 'submit task',
    tip: 'Submits the form of an inubit task',
    codes: [...COMMON_CODES, 'LOCKED'],
    help: {
      shown: [
        /Submits the form of an inubit task/,
        /POST \{base\}\/task\/submit\/\{taskId\}/,
        /<Response submitter=/,
        /nextTaskId/,
        /204/,
        /submit\(value\)/,
        /refused connection/,
      ],
    },
    flow: (sim, props, server, extra) => submitTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'POST', segments: (key) => ['task', 'submit', key], query: {} },
    reads: false,
    changes: true,
    // A scenario key stands for a task that is always there, whose button submits `value`: 204.
    valid: 'ok-after-redirect',
    outputs: 1,
    success(out, key = 'ok-after-redirect') {
      out.should.have.length(1);
      (out[0].payload === null).should.be.true();
      out[0].should.not.have.property('nextTaskId');
      out[0].taskId.should.equal(key);
      out[0].statusCode.should.equal(204);
    },
    one: 'ok-after-redirect',
    quiet: null,
    failing: 'status-500',
    doing: (key) => new RegExp(`^Submitting task\\W+${literal(key)}\\W`),
    serverErrors: [['nope', 404, 'NOT_FOUND'], [LOCKED_TASK.id, 423, 'LOCKED'], ...STATUS_KEY_ERRORS],
    malformed: NOT_A_CREATED_TASK,
    otherSuccess: [200, 202],
    variants: [['', {}]],
    queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
    unknownId: ['NOT_FOUND', 404],
    objects: {
      props: { fields: 'built', fieldsType: 'msg' },
      built: '{ Kommentar: "ok", Betrag: 12, Freigabe: true, Positionen: ["a", 2], Leer: null }',
      sent: (sim) =>
        sim.requests[0].body.should.containEql(
          '<Panel><Kommentar>ok</Kommentar><Betrag>12</Betrag><Freigabe>true</Freigabe><Positionen>a</Positionen><Positionen>2</Positionen><Leer/></Panel>',
        ),
    },
  },
  {
    type: 'ibm-bpm-start-process',
    server: 'bpm',
    errorBody: 'wle',
    label: 'start process',
    tip: 'Starts an instance of an IBM BPM business process definition',
    codes: [...COMMON_CODES, 'CONFLICT'],
    help: {
      properties: ['payload', 'instanceId', 'taskId', 'statusCode'],
      words: ['action=start', 'bpdId', 'processAppId', 'snapshotId', 'params', 'X-HTTP-Method-Override'],
      shown: [
        /Starts an instance of an IBM BPM business process definition/,
        /POST \{base\}\/process\?action=start/,
        /msg\.instanceId|instanceId/,
        /taskId/,
        /statusCode/,
        /X-HTTP-Method-Override/,
        /no variables are sent/,
      ],
    },
    // The key is the bpdId, of the simulator's process app.
    flow: (sim, props, server, extra) =>
      startProcessFlow(
        sim,
        { bpdId: 'payload', bpdIdType: 'msg', processAppId: PROCESS_APP.processAppID, processAppIdType: 'str', ...props },
        server,
        extra,
      ),
    message: (key) => ({ payload: key }),
    request: {
      method: 'POST',
      segments: () => ['process'],
      query: (key) => ({ action: 'start', bpdId: key, processAppId: PROCESS_APP.processAppID, parts: 'all' }),
    },
    reads: false,
    changes: true,
    valid: HIRING_BPD.bpdId,
    outputs: 1,
    // A scenario key starts the hiring process too.
    success(out) {
      out.should.have.length(1);
      const [msg] = out;
      msg.payload.should.match({ processTemplateID: HIRING_BPD.bpdId, state: 'STATE_RUNNING', tasks: [{ status: 'Received' }] });
      msg.instanceId.should.equal(msg.payload.piid).and.be.a.String();
      msg.taskId.should.equal(msg.payload.tasks[0].tkiid);
      msg.statusCode.should.equal(200);
    },
    one: HIRING_BPD.bpdId,
    quiet: null,
    // An empty bpdId: a query value may be `..`.
    invalid: ' ',
    doing: (key) => new RegExp(`^Starting process\\W+${literal(key)}\\W`),
    serverErrors: [
      ['abc', 400, 'BAD_REQUEST', 'CWTBG0554E', ['abc', 'bpdId']],
      ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E'],
      ['25.0badc0de', 404, 'NOT_FOUND', 'CWTBG0047E'],
      [INTERNAL_BPD.bpdId, 409, 'CONFLICT', 'CWTBG0587E'],
      WLE_ERRORS.serverError,
    ],
    malformed: { ...NOT_WLE_JSON, 'no-piid': ['a 200 whose instance has no piid', 200, 'INVALID_RESPONSE'] },
    otherSuccess: [202, 204],
    variants: [['', {}]],
    // Its other query values are ids the server checks (processAppId, snapshotId) and the variables as
    // JSON (params): the node's own tests send them; the key itself travels as a query value.
    queryValues: [],
    // A bpdId without its prefix "25.": 400, whose parameters name the parameter too.
    unknownId: ['BAD_REQUEST', 400],
    objects: {
      props: { variables: 'built', variablesType: 'msg' },
      built:
        '{ comments: "built in a Function node", approved: true, requisition: { reqNum: "R-7", headcount: 2 }, skills: ["SQL", "CRM"] }',
      sent: (sim) =>
        paramsOf(sim.requests[0]).should.eql({
          comments: 'built in a Function node',
          approved: true,
          requisition: { reqNum: 'R-7', headcount: 2 },
          skills: ['SQL', 'CRM'],
        }),
    },
  },
  {
    type: 'ibm-bpm-list-tasks',
    server: 'bpm',
    errorBody: 'wle',
    label: 'list tasks',
    tip: 'Lists the tasks of an IBM BPM process instance',
    codes: [...COMMON_CODES],
    help: {
      properties: ['payload', 'taskId', 'instanceId', 'parts'],
      words: ['?parts=all', 'Closed', 'open', 'all', 'new', '1'],
      shown: [
        /Lists the tasks of an IBM BPM process instance/,
        /GET \{base\}\/process\/\{instanceId\}\?parts=all/,
        /parts/,
        /taskId/,
        /Closed/,
        /N new of M/,
        /1,000/,
      ],
    },
    counted: { key: 'tasks', none: 'noTasks', words: { 'en-US': ['task', 'tasks'], de: ['Aufgabe', 'Aufgaben'] }, newOf: true },
    flow: (sim, props, server, extra) => bpmListTasksFlow(sim, { instanceId: 'payload', instanceIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'GET', segments: (key) => ['process', key], query: { parts: 'all' } },
    reads: true,
    // The built-in instance: a finished task and an open one; a scenario key stands for it.
    valid: BUILTIN_PIID,
    outputs: 1,
    success(out, key = BUILTIN_PIID) {
      out.should.have.length(1);
      out[0].payload.should.match({ tkiid: OPEN_BPM_TASK, status: 'Received', piid: BUILTIN_PIID });
      out[0].taskId.should.equal(OPEN_BPM_TASK);
      out[0].instanceId.should.equal(key);
      out[0].parts.should.match({ index: 0, count: 1 });
    },
    one: BUILTIN_PIID,
    // A finished instance: its tasks are all closed.
    quiet: FINISHED_PIID,
    doing: (key) => new RegExp(`^Listing the tasks of process instance\\W+${literal(key)}\\W`),
    serverErrors: [WLE_ERRORS.badId, WLE_ERRORS.forbidden, WLE_ERRORS.unknown, WLE_ERRORS.serverError],
    malformed: { ...NOT_WLE_JSON, 'no-tasks': ['a 200 whose instance has no tasks list', 200, 'INVALID_RESPONSE'] },
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [],
  },
  {
    type: 'ibm-bpm-get-task',
    server: 'bpm',
    errorBody: 'wle',
    label: 'get task',
    tip: 'Reads one IBM BPM task',
    codes: [...COMMON_CODES],
    help: {
      properties: ['payload', 'taskId'],
      words: ['/task/{taskId}?parts=all', 'data.variables'],
      shown: [/Reads one IBM BPM task/, /GET \{base\}\/task\/\{taskId\}\?parts=all/, /data\.variables/, /msg\.taskId/],
    },
    flow: (sim, props, server, extra) => bpmGetTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'GET', segments: (key) => ['task', key], query: { parts: 'all' } },
    reads: true,
    valid: OPEN_BPM_TASK,
    outputs: 1,
    success(out, key = OPEN_BPM_TASK) {
      out.should.have.length(1);
      out[0].taskId.should.equal(key);
      // A scenario key stands for a copy of the open task under its id; a redirect leads to its target.
      out[0].payload.should.match({ tkiid: key === 'redirect-same' ? 'ok-after-redirect' : key, status: 'Received', piid: BUILTIN_PIID });
      out[0].payload.data.variables.should.have.properties('requisition', 'comments', 'approved', 'skills');
    },
    one: OPEN_BPM_TASK,
    quiet: null,
    doing: (key) => new RegExp(`^Reading task\\W+${literal(key)}\\W`),
    serverErrors: [WLE_ERRORS.badId, WLE_ERRORS.forbidden, WLE_ERRORS.unknown, WLE_ERRORS.serverError],
    malformed: NOT_WLE_JSON,
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [],
  },
  {
    type: 'ibm-bpm-complete-task',
    server: 'bpm',
    errorBody: 'wle',
    label: 'complete task',
    tip: 'Completes an IBM BPM task',
    codes: [...COMMON_CODES, 'CONFLICT'],
    help: {
      properties: ['payload', 'taskId', 'statusCode'],
      words: ['action=assign&amp;toMe=true', 'action=finish', '8.5.7', 'CWTBG0549E', 'params', 'X-HTTP-Method-Override'],
      shown: [
        /Completes an IBM BPM task/,
        /action=assign&toMe=true/,
        /action=finish/,
        /8\.5\.7/,
        /CWTBG0549E/,
        /CSRF/,
        /X-HTTP-Method-Override/,
        /statusCode/,
      ],
    },
    // With claim, as the node's default: a fault ends the message at the claim, and a success is
    // the claim and the finish, so every count of requests still says what was sent and repeated.
    flow: (sim, props, server, extra) =>
      completeTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', claim: true, ...props }, server, extra),
    message: (key) => ({ payload: key }),
    // The first request: the claim.
    request: { method: 'PUT', segments: (key) => ['task', key], query: { action: 'assign', toMe: 'true', parts: 'none' } },
    requestsPerMessage: 2,
    reads: false,
    changes: true,
    // A scenario key stands for an open task that is always there.
    valid: 'ok-after-redirect',
    outputs: 1,
    success(out, key = 'ok-after-redirect') {
      out.should.have.length(1);
      out[0].taskId.should.equal(key);
      out[0].payload.should.match({ tkiid: key, status: 'Closed', state: 'STATE_FINISHED' });
      out[0].statusCode.should.equal(200);
    },
    one: 'ok-after-redirect',
    quiet: null,
    // Every fault ends the claim, but for an answer without data: that is what a claim answers.
    doing: (key) => new RegExp(`^${key === 'no-data' ? 'Completing' : 'Claiming'} task\\W+${literal(key)}\\W`),
    serverErrors: [
      WLE_ERRORS.badId,
      ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['assign']],
      WLE_ERRORS.unknown,
      [CLOSED_BPM_TASK, 409, 'CONFLICT', 'CWTBG0014E'],
      WLE_ERRORS.serverError,
    ],
    malformed: { ...NOT_WLE_JSON, 'no-data': ['a 200 without the finished task', 200, 'INVALID_RESPONSE', 2] },
    otherSuccess: [202, 204],
    variants: [['', {}]],
    // Its query values are fixed but for the output variables (params), which the node's own tests send.
    queryValues: [],
    objects: {
      props: { variables: 'built', variablesType: 'msg' },
      built:
        '{ comments: "built in a Function node", approved: true, requisition: { reqNum: "R-7", headcount: 2 }, skills: ["SQL", "CRM"] }',
      // The second request: the finish.
      sent: (sim) =>
        paramsOf(sim.requests[1]).should.eql({
          comments: 'built in a Function node',
          approved: true,
          requisition: { reqNum: 'R-7', headcount: 2 },
          skills: ['SQL', 'CRM'],
        }),
    },
  },
  {
    type: 'ibm-bpm-assign-task',
    server: 'bpm',
    errorBody: 'wle',
    label: 'assign task',
    tip: 'Claims an IBM BPM task',
    codes: [...COMMON_CODES, 'CONFLICT'],
    help: {
      properties: ['payload', 'taskId', 'statusCode'],
      words: ['action=assign&amp;toMe=true&amp;parts=all', 'back=true', 'toUser', 'toGroup', 'CWTBG0549E', 'drop'],
      shown: [
        /Claims an IBM BPM task/,
        /action=assign&toMe=true&parts=all/,
        /back=true/,
        /toGroup/,
        /CWTBG0549E/,
        /taken by others/,
        /statusCode/,
      ],
    },
    // To me, as the node's default: a claim.
    flow: (sim, props, server, extra) => assignTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    request: { method: 'PUT', segments: (key) => ['task', key], query: { action: 'assign', toMe: 'true', parts: 'all' } },
    reads: false,
    changes: true,
    // A scenario key stands for an open task that is always there: claimed for the user.
    valid: 'ok-after-redirect',
    outputs: 1,
    success(out, key = 'ok-after-redirect') {
      out.should.have.length(1);
      out[0].taskId.should.equal(key);
      out[0].payload.should.match({ tkiid: key, state: 'STATE_CLAIMED', status: 'Received' });
      out[0].statusCode.should.equal(200);
    },
    one: 'ok-after-redirect',
    quiet: null,
    doing: (key) => new RegExp(`^Claiming task\\W+${literal(key)}\\W`),
    // A claim refused with 401 reads the task, which refuses the read too: the refusal stands.
    serverErrors: [
      WLE_ERRORS.badId,
      ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['assign']],
      WLE_ERRORS.unknown,
      [CLOSED_BPM_TASK, 409, 'CONFLICT', 'CWTBG0014E'],
      WLE_ERRORS.serverError,
    ],
    malformed: NOT_WLE_JSON,
    otherSuccess: [202, 204],
    variants: [['', {}]],
    // Its query values are fixed but for a user or group to assign to, which the node's own tests send.
    queryValues: [],
  },
  {
    type: 'ibm-bpm-send-message',
    server: 'bpm',
    errorBody: 'wle',
    label: 'send message',
    tip: 'Sends an event message to IBM BPM',
    codes: [...COMMON_CODES],
    help: {
      properties: ['payload', 'statusCode'],
      words: ['action=sendMessage', '&lt;eventmsg&gt;', 'ucaname', 'CDATA', ']]&gt;', 'application/x-www-form-urlencoded', 'null'],
      shown: [
        /Sends an event message to IBM BPM/,
        /POST \{base\}\/process/,
        /action=sendMessage&message=/,
        /<eventmsg>/,
        /CDATA/,
        /never put in the URL/,
        /statusCode/,
      ],
    },
    // The key is the event name, to the simulator's process app; no parameters.
    flow: (sim, props, server, extra) => sendMessageFlow(sim, { event: 'payload', eventType: 'msg', ...props }, server, extra),
    message: (key) => ({ payload: key }),
    // The query travels as a form body; the simulator's record holds it in `query` as for a URL.
    request: {
      method: 'POST',
      segments: () => ['process'],
      query: (key) => ({
        action: 'sendMessage',
        message: `<eventmsg><event processApp="${PROCESS_APP.processAppAcronym}">${xmlEscape(key)}</event></eventmsg>`,
      }),
    },
    reads: false,
    changes: true,
    // An event no UCA takes is accepted all the same: the Event Manager answers before it looks.
    valid: 'PAYMENT_RECEIVED',
    outputs: 1,
    success(out, key = 'PAYMENT_RECEIVED') {
      out.should.have.length(1);
      out[0].payload.should.equal(key);
      out[0].statusCode.should.equal(200);
      out[0].should.not.have.properties('instanceId', 'taskId');
    },
    one: 'PAYMENT_RECEIVED',
    quiet: null,
    invalid: ' ',
    doing: (key) => new RegExp(`^Sending event message\\W+${literal(key)}\\W+to process app\\W+${PROCESS_APP.processAppAcronym}\\W`),
    serverErrors: [['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['sendMessage']], WLE_ERRORS.serverError],
    // The server's confirmation is a 200 with the JSON envelope (or nothing): a `data` is not needed.
    malformed: { 'login-page': NOT_WLE_JSON['login-page'], truncated: NOT_WLE_JSON.truncated, 'wrong-type': NOT_WLE_JSON['wrong-type'] },
    otherSuccess: [202, 204],
    variants: [['', {}]],
    queryValues: [],
    idFrom: (text) => text,
    objects: {
      props: { parameters: 'built', parametersType: 'msg' },
      built: '{ orderNumber: "ORD-4711", amount: 12.5, paid: true, note: null }',
      sent: (sim) =>
        sim.bpmEventMessages()[0].parameters.should.eql([
          ['orderNumber', 'ORD-4711'],
          ['amount', '12.5'],
          ['paid', 'true'],
          ['note', ''],
        ]),
    },
  },
];

/** The rows as the tests read them: the defaults of the keys a row may leave out. */
const KINDS = NODE_KINDS.map((kind) => ({ failing: 'server-error', invalid: '..', requestsPerMessage: 1, ...kind }));

/** The row of flow node type `type`; a type without one fails the test that asks. */
function kindOf(type) {
  const kind = KINDS.find((k) => k.type === type);
  if (!kind) throw new Error(`${type} has no row in the table of node kinds (test/support/node-kinds.js)`);
  return kind;
}

/** The query of the request a row makes for `key` (without options). */
function queryOf(kind, key) {
  return typeof kind.request.query === 'function' ? kind.request.query(key) : kind.request.query;
}

/** The path (below the simulator's origin) of the request a row makes for `key`, encoded as it is sent. */
function requestPath(kind, key) {
  return (
    ROOT[kind.server] +
    kind.request
      .segments(key)
      .map(encodeURIComponent)
      .map((s) => `/${s}`)
      .join('')
  );
}

/** The requests that node kind `kind` made to the simulator so far. */
function requestsOf(sim, kind) {
  return sim.requests.filter((r) => r.method === kind.request.method);
}

/**
 * The error body the server sends for the request of `kind` with `key`, asked for directly as
 * JSON, as msg.serverError must hold it. Call it after counting requests: it is one more.
 */
async function errorBodySent(sim, kind, key) {
  const query = new URLSearchParams(queryOf(kind, key)).toString();
  const response = await fetch(`${sim.url}${requestPath(kind, key)}${query ? `?${query}` : ''}`, {
    method: kind.request.method,
    headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}` },
  });
  const sent = ERROR_BODIES[kind.errorBody].fromJson(await response.json());
  should(sent).be.an.Object();
  return sent;
}

module.exports = {
  NODE_KINDS: KINDS,
  kindOf,
  PALETTE,
  ACCOUNT_TASK_PAYLOAD,
  ERROR_BODIES,
  STATUSES,
  ROOT,
  queryOf,
  requestPath,
  requestsOf,
  errorBodySent,
};
