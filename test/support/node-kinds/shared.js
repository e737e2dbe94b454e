'use strict';
// What the rows of the table of node kinds share: the tasks and documents they expect, the error
// bodies of both servers, the status counts, the error codes every node can give.
const should = require('should');
const { accountTasks } = require('../../simulator/inubit-task-fixtures');
const { BUILTIN_TASK_IDS } = require('../../simulator/ibm-bpm-process-fixtures');

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

module.exports = {
  ACCOUNT_TASK,
  LOCKED_TASK,
  ACCOUNT_TASK_PAYLOAD,
  NOT_INUBIT_XML,
  NOT_A_CREATED_TASK,
  STATUS_KEY_ERRORS,
  CLOSED_BPM_TASK,
  OPEN_BPM_TASK,
  NOT_WLE_JSON,
  WLE_ERRORS,
  COMMON_CODES,
  PALETTE,
  ROOT,
  STATUSES,
  literal,
  ERROR_BODIES,
};
