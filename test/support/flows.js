'use strict';
// Flows around one node of ours, with helper nodes for its output, its Catch and its Complete,
// and a way to push one message through and see how it ended.
const should = require('should');
const { until } = require('./waits');
const { HIRING_BPD, PROCESS_APP } = require('../simulator/ibm-bpm-process-fixtures');

// The runtime is loaded on first use: the unit, end-to-end and browser tests read the builders' types alone.
const runtime = () => require('./runtime');

const SERVER_TYPE = { inubit: 'inubit-server', bpm: 'ibm-bpm-server' };

function serverNode(kind, sim, props) {
  return {
    id: 'srv',
    type: SERVER_TYPE[kind],
    name: '',
    url: kind === 'inubit' ? sim.inubitUrl : sim.bpmUrl,
    timeout: 3000,
    retries: 2,
    maxConcurrent: 8,
    tls: '',
    ...props,
  };
}

/** The flow of one node (on tab `tab`, wired to `out`), its config node `server`, the helpers and `extra` nodes. */
function around(node, server, extra = []) {
  return [
    { id: 'tab', type: 'tab', label: 'test' },
    server,
    { z: 'tab', wires: [['out']], ...node },
    { id: 'out', z: 'tab', type: 'helper' },
    { id: 'on-error', z: 'tab', type: 'catch', scope: [node.id], uncaught: false, wires: [['caught']] },
    { id: 'caught', z: 'tab', type: 'helper' },
    { id: 'on-complete', z: 'tab', type: 'complete', scope: [node.id], uncaught: false, wires: [['completed']] },
    { id: 'completed', z: 'tab', type: 'helper' },
    ...extra,
  ];
}

/**
 * A flow builder for one node of `type` (id `node`) with its saved `defaults`: `(sim, props,
 * serverProps, extra)`, each overriding what it names. The builder's `type` is its node's, for
 * tests whose journey adds a node of that type themselves.
 */
function flowOf(type, serverKind, defaults) {
  const build = (sim, props = {}, serverProps = {}, extra = []) =>
    around({ id: 'node', type, name: '', server: 'srv', ...defaults, ...props }, serverNode(serverKind, sim, serverProps), extra);
  return Object.assign(build, { type });
}

/** A flow: inubit-server + inubit-start-adhoc-process (id `node`). */
const startFlow = flowOf('inubit-start-adhoc-process', 'inubit', {
  user: 'alice',
  userType: 'str',
  starterId: 'starter-1',
  starterIdType: 'str',
});

/** A flow: ibm-bpm-server + ibm-bpm-list-adhoc-activities (id `node`). */
const listFlow = flowOf('ibm-bpm-list-adhoc-activities', 'bpm', { instanceId: 'payload', instanceIdType: 'msg', format: 'json' });

/** A flow: ibm-bpm-server + ibm-bpm-start-adhoc-activity (id `node`), taking msg.payload.id as a list sends it. */
const startActivityFlow = flowOf('ibm-bpm-start-adhoc-activity', 'bpm', {
  activityId: 'payload.id',
  activityIdType: 'msg',
  assignTo: '',
  assignToType: 'str',
});

/** A flow: inubit-server + inubit-list-adhoc-starters (id `node`). */
const startersFlow = flowOf('inubit-list-adhoc-starters', 'inubit', { user: 'alice', userType: 'str', lang: '', langType: 'str' });

/** A flow: inubit-server + inubit-list-tasks (id `node`), every task of each answer. */
const listTasksFlow = flowOf('inubit-list-tasks', 'inubit', { lang: '', langType: 'str', query: '', queryType: 'json', emit: 'all' });

/** A flow: inubit-server + inubit-get-task (id `node`), the task of msg.taskId without its form. */
const getTaskFlow = flowOf('inubit-get-task', 'inubit', { taskId: 'taskId', taskIdType: 'msg', lang: '', langType: 'str', form: false });

/** A flow: inubit-server + inubit-submit-task (id `node`): msg.taskId, no fields, the button `value`. */
const submitTaskFlow = flowOf('inubit-submit-task', 'inubit', {
  taskId: 'taskId',
  taskIdType: 'msg',
  fields: '',
  fieldsType: 'json',
  submitter: 'value',
  submitterType: 'str',
  lang: '',
  langType: 'str',
});

/** A flow: ibm-bpm-server + ibm-bpm-start-process (id `node`): the simulator's hiring process, no variables. */
const startProcessFlow = flowOf('ibm-bpm-start-process', 'bpm', {
  bpdId: HIRING_BPD.bpdId,
  bpdIdType: 'str',
  processAppId: PROCESS_APP.processAppID,
  processAppIdType: 'str',
  snapshotId: '',
  snapshotIdType: 'str',
  variables: '',
  variablesType: 'json',
});

/** A flow: ibm-bpm-server + ibm-bpm-list-tasks (id `node`): the open tasks of the instance in msg.payload, all of each answer. */
const bpmListTasksFlow = flowOf('ibm-bpm-list-tasks', 'bpm', { instanceId: 'payload', instanceIdType: 'msg', state: 'open', emit: 'all' });

/** A flow: ibm-bpm-server + ibm-bpm-get-task (id `node`): the task of msg.taskId. */
const bpmGetTaskFlow = flowOf('ibm-bpm-get-task', 'bpm', { taskId: 'taskId', taskIdType: 'msg' });

/** A flow: ibm-bpm-server + ibm-bpm-complete-task (id `node`): msg.taskId claimed and finished, no variables. */
const completeTaskFlow = flowOf('ibm-bpm-complete-task', 'bpm', {
  taskId: 'taskId',
  taskIdType: 'msg',
  variables: '',
  variablesType: 'json',
  claim: true,
});

/** A flow: ibm-bpm-server + ibm-bpm-assign-task (id `node`): msg.taskId claimed, an error if someone else took it. */
const assignTaskFlow = flowOf('ibm-bpm-assign-task', 'bpm', {
  taskId: 'taskId',
  taskIdType: 'msg',
  to: 'me',
  assignee: '',
  assigneeType: 'str',
  ifTaken: 'error',
});

/** A flow: ibm-bpm-server + ibm-bpm-send-message (id `node`): to the simulator's process app, no event name yet, no parameters. */
const sendMessageFlow = flowOf('ibm-bpm-send-message', 'bpm', {
  processApp: PROCESS_APP.processAppAcronym,
  processAppType: 'str',
  event: '',
  eventType: 'str',
  ucaName: '',
  ucaNameType: 'str',
  snapshot: '',
  snapshotType: 'str',
  parameters: '',
  parametersType: 'json',
});

/**
 * A Function node `id` that runs `code` on each message and sends it on to node `node`: how users
 * build objects, in a context of the Function node's own.
 */
function functionNode(code, id = 'fn') {
  return {
    id,
    z: 'tab',
    type: 'function',
    name: '',
    func: `${code}\nreturn msg;`,
    outputs: 1,
    noerr: 0,
    initialize: '',
    finalize: '',
    libs: [],
    wires: [['node']],
  };
}

/** `flow` with the properties `names` removed from node `id`, as a flow saved before they existed. */
function withoutProperties(flow, id, ...names) {
  return flow.map((n) => {
    if (n.id !== id) return n;
    const copy = { ...n };
    for (const name of names) delete copy[name];
    return copy;
  });
}

function credentials(sim, overrides = {}) {
  return { srv: { username: sim.username, password: sim.password, ...overrides } };
}

function loadFlow(flow, sim, credentialOverrides) {
  return runtime().load(flow, credentials(sim, credentialOverrides));
}

/** runMany for a single message. */
function run(msg, options) {
  return runMany([msg], options);
}

/**
 * Sends `msgs` into node `into` (default: `node`, ours) at once and resolves when each one has
 * finished (Complete or Catch) with { out, caught, completed }: every message seen at the output,
 * the Catch and the Complete; `statuses`: the statuses the node showed meanwhile; and `status`: the
 * last of them. The node sends a message's output and shows its status before it finishes the
 * message, and Node-RED delivers in order: what a message made has arrived when its Complete or
 * Catch has. Rejects when they have not all finished within `timeout` ms.
 */
async function runMany(msgs, { timeout = 8000, into = 'node' } = {}) {
  const { helper, wait } = runtime();
  const node = helper.getNode('node');
  const entry = helper.getNode(into);
  const result = { out: [], caught: [], completed: [] };
  const listeners = ['out', 'caught', 'completed'].map((id) => {
    const target = helper.getNode(id);
    const listener = (m) => result[id].push(m);
    target.on('input', listener);
    return () => target.removeListener('input', listener);
  });
  const statusBefore = statusesOf(node).length;
  try {
    for (const msg of msgs) entry.receive(msg);
    const started = Date.now();
    while (result.caught.length + result.completed.length < msgs.length) {
      if (Date.now() - started > timeout) {
        throw new Error(`only ${result.caught.length + result.completed.length} of ${msgs.length} messages finished`);
      }
      await wait(5);
    }
  } finally {
    listeners.forEach((remove) => remove());
  }
  result.statuses = statusesOf(node).slice(statusBefore);
  result.status = result.statuses[result.statuses.length - 1];
  return result;
}

/**
 * Records every message that node `id` (a helper) receives from now on; `until(count)` resolves
 * with them once `count` have come, and rejects when they have not within `timeout` ms.
 */
function collect(id) {
  const { helper, wait } = runtime();
  const messages = [];
  helper.getNode(id).on('input', (msg) => messages.push(msg));
  return {
    messages,
    async until(count, timeout = 8000) {
      const started = Date.now();
      while (messages.length < count) {
        if (Date.now() - started > timeout) throw new Error(`only ${messages.length} of ${count} messages reached ${id}`);
        await wait(5);
      }
      return messages;
    },
  };
}

/** Every status the node has shown, recorded by wrapping its status method once. */
function statusesOf(node) {
  if (!node.shownStatuses) {
    const original = node.status;
    node.shownStatuses = [];
    node.status = function (status) {
      node.shownStatuses.push(status);
      return original.call(this, status);
    };
  }
  return node.shownStatuses;
}

/** Resolves with the first status node `node` shows (or showed since statuses were recorded) that `match` accepts. */
function statusShown(node, match, what = 'the status') {
  const shown = statusesOf(node);
  return until(() => shown.find(match), what);
}

/** Asserts that a run ended in exactly one Catch with `code`, and returns the caught message. */
function caughtWith(result, code) {
  result.out.should.have.length(0);
  result.caught.should.have.length(1);
  const msg = result.caught[0];
  should(msg.error).be.an.Object();
  if (runtime().catchSeesCode) msg.error.code.should.equal(code);
  result.status.should.match({ fill: 'red', shape: 'ring', text: code });
  return msg;
}

module.exports = {
  SERVER_TYPE,
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
  functionNode,
  withoutProperties,
  loadFlow,
  credentials,
  run,
  runMany,
  collect,
  caughtWith,
  statusesOf,
  statusShown,
};
