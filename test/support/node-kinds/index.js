'use strict';
// The flow nodes of the package as one table: what every node must survive (faults, bad input,
// load, redeploy, secrets, the mapping of README, "Errors") runs over its rows, and what the other
// tests need to know of a node (its palette entry, its help, its error codes, its status counts)
// is in its row. Every flow node type of package.json has a row (test/unit/package.test.js); a
// new node is its own files, its entry in package.json and a new row: a file here, in the list below.
//
// Every row's flow takes the value that names the resource (user, starter, instance, activity,
// task, process definition, event) from msg.payload, so that the simulator's scenario keys (`status-NNN`,
// `slow-N`, `reset`, `truncated`, `login-page`, `huge`, `redirect-same`, …) reach the server where
// it reads them; the inubit task list, which names none, takes its query from msg.payload, and the
// key as `scenario` in it.
const should = require('should');
const { ACCOUNT_TASK_PAYLOAD, PALETTE, ROOT, STATUSES, ERROR_BODIES } = require('./shared');

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
  require('./inubit-start-adhoc-process'),
  require('./ibm-bpm-list-adhoc-activities'),
  require('./ibm-bpm-start-adhoc-activity'),
  require('./inubit-list-adhoc-starters'),
  require('./inubit-list-tasks'),
  require('./inubit-get-task'),
  require('./inubit-submit-task'),
  require('./ibm-bpm-start-process'),
  require('./ibm-bpm-list-tasks'),
  require('./ibm-bpm-get-task'),
  require('./ibm-bpm-complete-task'),
  require('./ibm-bpm-assign-task'),
  require('./ibm-bpm-send-message'),
];

/** The rows as the tests read them: the defaults of the keys a row may leave out. */
const KINDS = NODE_KINDS.map((kind) => ({ failing: 'server-error', invalid: '..', requestsPerMessage: 1, ...kind }));

/** The row of flow node type `type`; a type without one fails the test that asks. */
function kindOf(type) {
  const kind = KINDS.find((k) => k.type === type);
  if (!kind) throw new Error(`${type} has no row in the table of node kinds (test/support/node-kinds/)`);
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
