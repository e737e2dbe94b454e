'use strict';
// Benchmark of our flow nodes against the core-node flows a user would wire instead, in one
// embedded Node-RED, against the simulator running in a child process. Seven groups:
//   list      list 10,000 ad-hoc activities (ibm-bpm-list-adhoc-activities, JSON and XML)
//   start     start 2,000 ad-hoc processes (inubit-start-adhoc-process, POST)
//   activity  start 2,000 ad-hoc activities (ibm-bpm-start-adhoc-activity, PUT), fed messages
//             shaped like the list node's
//   tasks     list 10,000 inubit tasks (inubit-list-tasks, XML) and submit 2,000 tasks
//             (inubit-submit-task, an object of fields written as the form's XML)
//   process   start 2,000 IBM BPM processes (ibm-bpm-start-process, POST) with input variables
//             from msg.variables
//   complete  complete 2,000 IBM BPM tasks (ibm-bpm-complete-task: claim PUT, finish PUT) with
//             output variables from msg.variables; fresh open tasks are made before each run,
//             outside its time
//   message   send 2,000 IBM BPM event messages (ibm-bpm-send-message, POST with a form body) with
//             parameters from msg.parameters
//   queue     list 10,000 queued IBM BPM tasks (ibm-bpm-list-tasks, source queue) against
//             http request → change → split
//   drain     drain 2,000 queued tasks from a simulator that answers every request after 20 ms,
//             with one copy of the flow of example 10 and with two, each in a Node-RED process of
//             its own and its own user: list, a random share of the answer, claim (assign task),
//             complete without a claim
// Each against the core-node flow (http request, with xml/change/split or a template node), our
// raw client without Node-RED, and for the starts, submits, completions and messages a bare axios loop at
// the same concurrency (8); the inubit and activity starts also against a node:http loop.
//
//   npm run bench                 10,000 activities and tasks listed, 2,000 starts, submits, completions and messages of each kind,
//                                 10,000 queued tasks listed, 2,000 drained, 9 runs of each
//   npm run bench -- --quick      1,000 activities and tasks, 200 starts, submits, completions and messages of each kind,
//                                 1,000 queued tasks listed, 200 drained, 2 runs (smoke test)
//   npm run bench -- --profile    also writes a .cpuprofile per scenario and prints the hot spots
//   npm run bench -- --help       prints this
//   options: --runs N  --activities N (the list)  --starts N (the three start groups)  --tasks N (the task list)
//            --submits N  --completes N  --messages N  --queue N (the queued tasks listed)  --drain N (the queued tasks drained)  --no-memory
//            --only <names, comma-separated>: a group (list, start, activity, tasks, process, complete, message, queue or drain: all its
//                   scenarios) or an exact scenario key (e.g. list-core, start-ours, activity-axios, tasks-submit-core,
//                   complete-ours, drain-two); --only list-core,start-raw runs just those two
//   NODE_RED_PACKAGE=node-red-5 picks the Node-RED under test (default node-red);
//   BENCH_PACKAGE_DIR=<dir> benchmarks another build of this package (a copy with its own nodes/).
//
// Prints timings; never fails because of them: the exit code is 0 whenever the benchmark ran.
const { fork, spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const axios = require('axios');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { startRuntime, root, packageDir } = require('./bench/runtime');
const { drainCopies, COPIES } = require('./bench/drain');
const { IDS, QUEUE_IDS, PROCESS, SUBMIT_FIELDS, EVENT, EVENT_PARAMETERS, benchFlows } = require('./bench/flows');
const { gc, median, printTable, profile, selfTimes } = require('./bench/measure');
const { madeUpActivity } = require('../test/simulator/ibm-bpm-activity-fixtures');

const RUN_TIMEOUT_MS = 120000;
// The scenario groups --only accepts besides scenario keys; each key starts with its group's name and '-'.
const GROUPS = ['list', 'start', 'activity', 'tasks', 'process', 'complete', 'message', 'queue', 'drain'];
const ONLY_VALUES =
  'list, start, activity, tasks, process, complete, message, queue, drain, or scenario keys such as list-json,activity-core (comma-separated)';
// The node types of the activity and tasks groups: a build of this package from before them has none.
const ACTIVITY_TYPE = 'ibm-bpm-start-adhoc-activity';
const TASK_TYPES = ['inubit-list-tasks', 'inubit-submit-task'];
// The node types of the process, complete and message groups.
const PROCESS_TYPE = 'ibm-bpm-start-process';
const COMPLETE_TYPE = 'ibm-bpm-complete-task';
const MESSAGE_TYPE = 'ibm-bpm-send-message';
// The node type of the queue group, besides list tasks with its queue source.
const ASSIGN_TYPE = 'ibm-bpm-assign-task';
// What the simulator waits before it answers each request while the queue is drained.
const DRAIN_LATENCY_MS = 20;
const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** An error in the command line: reported by its message alone. */
function optionError(message) {
  return Object.assign(new Error(message), { option: true });
}

function parseOptions(argv) {
  const quick = argv.includes('--quick');
  const value = (name, fallback) => {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const n = Number(argv[index + 1]);
    if (!Number.isInteger(n) || n < 1) throw optionError(`${name} needs a whole number above 0`);
    return n;
  };
  // The names after --only; a missing value (or another option in its place) is an error, not "everything".
  const only = () => {
    const index = argv.indexOf('--only');
    if (index < 0) return undefined;
    const given = argv[index + 1];
    const names = given === undefined || given.startsWith('--') ? [] : given.split(',').filter(Boolean);
    if (names.length === 0) throw optionError(`--only needs a value: ${ONLY_VALUES}`);
    return names;
  };
  const probe = argv.indexOf('--memory-probe');
  return {
    activities: value('--activities', quick ? 1000 : 10000),
    starts: value('--starts', quick ? 200 : 2000),
    tasks: value('--tasks', quick ? 1000 : 10000),
    submits: value('--submits', quick ? 200 : 2000),
    completes: value('--completes', quick ? 200 : 2000),
    messages: value('--messages', quick ? 200 : 2000),
    queue: value('--queue', quick ? 1000 : 10000),
    drain: value('--drain', quick ? 200 : 2000),
    runs: value('--runs', quick ? 2 : 9),
    warmups: quick ? 1 : 2,
    profile: argv.includes('--profile'),
    memory: !argv.includes('--no-memory'),
    only: only(),
    memoryProbe: probe >= 0 ? argv[probe + 1] : undefined,
  };
}

/**
 * `groups` cut down to the scenarios that --only names: a group name picks every scenario of
 * that group, any other name must be a scenario key and picks just that one.
 */
function selectScenarios(groups, only) {
  if (!only) return groups;
  const keys = new Set(groups.flatMap((group) => group.variants.map((variant) => variant.key)));
  const unknown = only.filter((name) => !GROUPS.includes(name) && !keys.has(name));
  if (unknown.length > 0) throw optionError(`--only: there is no group or scenario ${unknown.join(', ')}; --only takes ${ONLY_VALUES}`);
  const wanted = (variant) => only.some((name) => variant.key === name || (GROUPS.includes(name) && variant.key.startsWith(`${name}-`)));
  return groups.map((group) => ({ ...group, variants: group.variants.filter(wanted) })).filter((group) => group.variants.length > 0);
}

// ---------------------------------------------------------------------------------------------
// The simulator child

async function startSimulatorProcess() {
  const child = fork(path.join(__dirname, 'bench', 'simulator-child.js'), [], {
    execPath: process.execPath,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', (message) => (message.type === 'ready' ? resolve(message) : reject(new Error(message.message))));
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  let nextId = 1;
  const waiting = new Map();
  child.on('message', (message) => {
    const resolve = waiting.get(message.id);
    if (resolve) {
      waiting.delete(message.id);
      resolve(message);
    }
  });
  const ask = (type, fields = {}) => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      child.send({ id, type, ...fields });
    });
  };
  return {
    info: { bpmUrl: ready.bpmUrl, inubitUrl: ready.inubitUrl, username: ready.username, password: ready.password, workers: ready.workers },
    /**
     * CPU time used so far and the connections opened since the last call; then the simulator is
     * reset, or with `keep` (open tasks made for the next run) only its request log.
     */
    usage({ keep = false } = {}) {
      return ask('usage', { keep });
    },
    /** Resets the simulator and starts `count` IBM BPM hiring processes: [{ instanceId, taskId }], each task open. */
    async startBpmProcesses(count) {
      return (await ask('startBpmProcesses', { count })).tasks;
    },
    /** Resets the simulator, answers every request after `latencyMs` until the next reset, and queues `count` tasks: their ids. */
    async queueBpmTasks(count, latencyMs = 0) {
      return (await ask('queueBpmTasks', { count, latencyMs })).taskIds;
    },
    /** How many of the tasks were claimed and finished exactly once, by one user. */
    async worked(taskIds) {
      return (await ask('worked', { taskIds })).once;
    },
    close() {
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.send({ type: 'close' });
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The scenarios

/** A client of the package under test: `nodes/lib/<server>/client.js`, or where a build from before the folders had it. */
function requireClient(server) {
  const file = path.join(packageDir, 'nodes', 'lib', server, 'client.js');
  return require(fs.existsSync(file) ? file : path.join(packageDir, 'nodes', 'lib', `${server}-client.js`));
}

/** Every scenario of the benchmark, in the order the table shows them. */
function scenarios(rt, sim, options, simulator) {
  const { IbmBpmClient } = requireClient('ibm-bpm');
  const { InubitClient } = requireClient('inubit');
  const credentials = { username: sim.username, password: sim.password };
  // The raw clients are made once, like the client a config node keeps for its lifetime.
  const bpmClient = new IbmBpmClient({ url: sim.bpmUrl, ...credentials, maxConcurrent: 8 });
  const inubitClient = new InubitClient({ url: sim.inubitUrl, ...credentials, maxConcurrent: 8 });
  const n = options.activities;
  const instanceId = `many-${n}`;
  // xml2js (the core xml node) makes every field an array: ['2118.…'].
  const isActivity = (msg) => (typeof msg.payload?.id === 'string' || Array.isArray(msg.payload?.id)) && msg.parts?.count === n;
  const isStarted = (msg) => msg.statusCode === 201 && typeof msg.payload === 'string' && msg.payload.length > 0;
  const startMessages = () => Array.from({ length: options.starts }, (_, seq) => ({ user: 'bench', starterId: 'leave-request', seq }));
  // The activity group: ids the simulator starts as made-up user tasks ('2118.' + a uuid, no
  // scenario key), and messages as the list node sends them: one listed activity each, in parts.
  const activityIdOf = (seq) => `2118.00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
  const activityIds = () => Array.from({ length: options.starts }, (_, seq) => activityIdOf(seq));
  const activityMessages = () =>
    Array.from({ length: options.starts }, (_, seq) => ({
      payload: madeUpActivity(activityIdOf(seq)),
      parts: { id: 'bench-list', index: seq, count: options.starts, type: 'array', len: 1 },
      instanceId: 'bench',
    }));
  // Ours: msg.payload = the activity's details; the core node (ret obj): the whole answer, {status, data}.
  const isActivityStarted = (msg) =>
    msg.statusCode === 200 && typeof msg.payload?.id === 'string' && msg.payload.executionState === 'WORKING';
  const isActivityStartedCore = (msg) =>
    msg.statusCode === 200 && typeof msg.payload?.data?.id === 'string' && msg.payload.data.executionState === 'WORKING';
  const hasActivity = rt.hasType(ACTIVITY_TYPE);
  // The tasks group: the simulator's generated list of that many tasks, and submits of the forms of
  // tasks whose ids are scenario keys (`many-N` in the id position: a task that is always there, its
  // form taken with 204), each with an object of three fields, the text one with characters to escape:
  // the flows build it in a Function node from msg.seq, the loops without Node-RED here.
  const hasTasks = TASK_TYPES.every((type) => rt.hasType(type));
  const taskList = `many-${options.tasks}`;
  const isTask = (msg) =>
    (typeof msg.payload?.id === 'string' || typeof msg.payload?.$?.id === 'string') && msg.parts?.count === options.tasks;
  const fieldsOf = (seq) => ({ kommentar: `Checked by the benchmark & approved <${seq}>`, tage: (seq % 30) + 1, dringend: seq % 2 === 0 });
  const submitMessages = () => Array.from({ length: options.submits }, (_, seq) => ({ taskId: `many-${seq + 1}`, fields: fieldsOf(seq) }));
  const submitFlowMessages = () => Array.from({ length: options.submits }, (_, seq) => ({ taskId: `many-${seq + 1}`, seq }));
  const isSubmitted = (msg) => msg.statusCode === 204;

  // The process group: the hiring process started with input variables from msg.variables, the
  // text ones with characters to encode.
  const hasProcess = rt.hasType(PROCESS_TYPE);
  const processVariables = (seq) => ({
    requisition: {
      reqNum: `REQ-${seq + 1}`,
      department: 'Sales & Marketing',
      headcount: (seq % 5) + 1,
      salary: 50000 + seq / 4,
      remote: seq % 2 === 0,
    },
    comments: `Opened by the benchmark: "position ${seq + 1}"`,
    skills: ['negotiation', 'CRM'],
  });
  const processMessages = () => Array.from({ length: options.starts }, (_, seq) => ({ variables: processVariables(seq) }));
  // Ours and the core flow alike: msg.instanceId, msg.taskId, the instance in msg.payload.
  const isProcessStarted = (msg) =>
    msg.statusCode === 200 && typeof msg.instanceId === 'string' && msg.payload?.piid === msg.instanceId && typeof msg.taskId === 'string';
  // The complete group: open tasks made in the simulator before each run (a finished task cannot be
  // finished again), each completed with output variables from msg.variables.
  const hasComplete = rt.hasType(COMPLETE_TYPE) && simulator !== undefined;
  const completeVariables = (seq) => ({
    approved: seq % 2 === 0,
    comments: `Checked by the benchmark & approved <${seq + 1}>`,
    requisition: { headcount: (seq % 5) + 1 },
  });
  const openTasks = async () =>
    (await simulator.startBpmProcesses(options.completes)).map(({ taskId }, seq) => ({ taskId, variables: completeVariables(seq) }));
  const given = (prepared) => prepared;
  // Ours: msg.payload = the finished task; the core node (ret obj): the whole answer, {status, data}.
  const isCompleted = (msg) => msg.statusCode === 200 && msg.payload?.status === 'Closed' && typeof msg.payload.tkiid === 'string';
  const isCompletedCore = (msg) =>
    msg.statusCode === 200 && msg.payload?.data?.status === 'Closed' && typeof msg.payload.data.tkiid === 'string';
  // The message group: event messages with four parameters from msg.parameters, the note with
  // characters that XML and the form body must carry.
  const hasMessage = rt.hasType(MESSAGE_TYPE);
  const eventParameters = (seq) => ({
    orderNumber: `ORD-${seq + 1}`,
    amount: 12.5 + seq,
    delivered: seq % 2 === 0,
    note: `Signed by "Anna" & left <at the door> ${seq + 1}`,
  });
  const messageMessages = () => Array.from({ length: options.messages }, (_, seq) => ({ parameters: eventParameters(seq) }));
  // Ours passes the message on with statusCode 200; the core node (ret txt) as well, with the answer in msg.payload.
  const isSent = (msg) => msg.statusCode === 200 && typeof msg.parameters?.orderNumber === 'string';
  // The queue group: the user's task queue of that many tasks, queued before each run; and copies
  // of example 10's flow draining a queue (scripts/bench/drain-copy.js).
  const hasQueue = rt.hasType(ASSIGN_TYPE) && simulator !== undefined;
  // With the simulator's own open task, the queue holds options.queue tasks.
  const queued = async () => simulator.queueBpmTasks(options.queue - 1);
  const isQueued = (msg) => typeof msg.payload?.TKIID === 'string' && msg.parts?.count === options.queue;
  const drainQueue = async () => simulator.queueBpmTasks(options.drain, DRAIN_LATENCY_MS);
  // The copies that drain the queue run in Node-RED processes of their own, started at the first drain.
  const copies = hasQueue ? drainCopies(sim) : undefined;
  const drain = (count) => async (taskIds) => {
    const drained = await within(copies.drain(count), () => `${count} copies did not empty the queue`);
    const workedOnce = await simulator.worked(taskIds);
    return {
      ms: drained.ms,
      cpuMs: drained.cpuMs,
      failed: taskIds.length - workedOnce,
      example: workedOnce < taskIds.length ? `${taskIds.length - workedOnce} tasks not claimed and completed exactly once` : undefined,
    };
  };

  // Every run resolves with its wall time and the number of messages or calls that failed; a
  // variant with `prepare` gets what it made (outside the time) as `prepared`.
  const flow = (inject, count, expected, check, messages) => async (prepared) => {
    const arrived = rt.counters.arm(count, expected, check);
    const node = rt.node(inject);
    const batch = messages(prepared);
    const started = performance.now();
    for (const msg of batch) node.receive(msg);
    const { bad, example } = await within(arrived, () => `${rt.counters.cancel(count)} of ${expected} messages arrived at ${count}`);
    return { ms: performance.now() - started, failed: bad, example };
  };
  // One list read by a raw client: `read()` resolves with the items, of which there must be `count`.
  const rawList = (read, count, what) => async () => {
    const started = performance.now();
    const items = await read();
    const ms = performance.now() - started;
    return { ms, failed: items.length === count ? 0 : count, example: `${items.length} ${what}` };
  };
  // Calls of a raw client, all handed to it at once (its maxConcurrent 8 queues them): `call(item)`
  // for each of `prepare()`, made before the clock starts; `ok(result)` tells a good result.
  const rawCalls = (prepare, call, ok, missing) => async (prepared) => {
    const items = prepare(prepared);
    const started = performance.now();
    const results = await Promise.allSettled(items.map(call));
    const ms = performance.now() - started;
    const failures = results.filter((result) => result.status === 'rejected' || !ok(result.value));
    return { ms, failed: failures.length, example: failures[0]?.reason?.message ?? missing };
  };
  const rawActivities = (format) =>
    rawList(async () => (await bpmClient.listAdHocActivities(instanceId, format)).activities, n, 'activities');
  const rawTasks = rawList(async () => (await inubitClient.listTasks({ scenario: taskList })).tasks, options.tasks, 'tasks');
  const rawStart = rawCalls(
    startMessages,
    () => inubitClient.startAdHocProcess('bench', 'leave-request'),
    (result) => result.statusCode === 201,
    'no 201',
  );
  const rawActivity = rawCalls(
    activityIds,
    (id) => bpmClient.startAdHocActivity(id, undefined),
    (result) => result.statusCode === 200 && typeof result.activity?.id === 'string',
    'no 200 with the activity',
  );
  const rawSubmit = rawCalls(
    submitMessages,
    (msg) => inubitClient.submitTask(msg.taskId, msg.fields, 'value'),
    (result) => result.statusCode === 204,
    'no 204',
  );
  const rawProcess = rawCalls(
    processMessages,
    (msg) => bpmClient.startProcess(PROCESS, msg.variables),
    (result) => result.statusCode === 200 && typeof result.taskId === 'string',
    'no 200 with the instance and its task',
  );
  const rawMessage = rawCalls(
    messageMessages,
    (msg) => bpmClient.sendMessage({ ...EVENT, parameters: msg.parameters }),
    (result) => result.statusCode === 200,
    'no 200',
  );
  const rawComplete = rawCalls(
    given,
    (msg) => bpmClient.completeTask(msg.taskId, msg.variables),
    (result) => result.statusCode === 200 && result.task.status === 'Closed',
    'no 200 with the finished task',
  );
  // The floor of any client on this machine: plain node:http, keep-alive, 8 sockets (the agent queues the rest).
  // Idle connections closed after 4 s, as ours are (the simulator's own 5 s is 60 s in the bench: simulator-child.js).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 4000 });
  const startUrl = new URL(`${sim.inubitUrl}/task/adhoc/bench/leave-request`);
  const headers = {
    Authorization: `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`,
    Accept: 'text/plain',
    'Content-Length': '0',
  };
  const post = () =>
    new Promise((resolve) => {
      const request = http.request(startUrl, { method: 'POST', agent, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve(response.statusCode === 201 && body.length > 0));
      });
      request.on('error', () => resolve(false));
      request.end();
    });
  const httpStart = async () => {
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: options.starts }, post));
    const ms = performance.now() - started;
    return { ms, failed: results.filter((ok) => !ok).length, example: 'no 201 with a task id' };
  };
  // The same floor for the PUT of an activity: its answer parsed, as any client must to use it.
  const bpmBase = new URL(sim.bpmUrl);
  const activityPath = (id) => `${bpmBase.pathname}/activity/${encodeURIComponent(id)}?action=ACTION_START_ACTIVITY`;
  const activityHeaders = { ...headers, Accept: 'application/json' };
  const activityStarted = (status, body) => {
    if (status !== 200) return false;
    try {
      return typeof JSON.parse(body)?.data?.id === 'string';
    } catch {
      return false;
    }
  };
  const put = (id) =>
    new Promise((resolve) => {
      const request = http.request(
        { host: bpmBase.hostname, port: bpmBase.port, path: activityPath(id), method: 'PUT', agent, headers: activityHeaders },
        (response) => {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve(activityStarted(response.statusCode, body)));
        },
      );
      request.on('error', () => resolve(false));
      request.end();
    });
  const httpActivity = async () => {
    const ids = activityIds();
    const started = performance.now();
    const results = await Promise.all(ids.map(put));
    const ms = performance.now() - started;
    return { ms, failed: results.filter((ok) => !ok).length, example: 'no 200 with the activity' };
  };
  // The limit of any client built on axios: the same requests with a bare axios instance, taken
  // 8 at a time in arrival order as our nodes do (each one sent when one of the 8 before it ends).
  const bareAxios = axios.create({ httpAgent: agent, proxy: false, responseType: 'text', validateStatus: () => true, maxRedirects: 0 });
  const axiosLoop = (prepare, send, ok, missing) => async (prepared) => {
    const items = prepare(prepared);
    const started = performance.now();
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < items.length) {
        const response = await send(items[next++]).catch(() => null);
        if (!ok(response)) failed++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return { ms: performance.now() - started, failed, example: missing };
  };
  const axiosStart = axiosLoop(
    startMessages,
    () => bareAxios.post(startUrl.href, null, { headers }),
    (response) => response?.status === 201,
    'no 201 with a task id',
  );
  const axiosActivity = axiosLoop(
    activityIds,
    (id) =>
      bareAxios.put(`${sim.bpmUrl}/activity/${encodeURIComponent(id)}?action=ACTION_START_ACTIVITY`, null, { headers: activityHeaders }),
    (response) => activityStarted(response?.status, response?.data),
    'no 200 with the activity',
  );
  // The form's XML written by hand, as a client without our node must.
  const submitHeaders = { ...headers, 'Content-Type': 'application/xml; charset=utf-8' };
  delete submitHeaders['Content-Length'];
  const xmlText = (value) => String(value).replace(/[&<>"]/g, (c) => XML_ENTITIES[c]);
  const submitBody = (fields) =>
    '<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="value"><Panel>' +
    SUBMIT_FIELDS.map((name) => `<${name}>${xmlText(fields[name])}</${name}>`).join('') +
    '</Panel></Response></Form>';
  const axiosSubmit = axiosLoop(
    submitMessages,
    (msg) =>
      bareAxios.post(`${sim.inubitUrl}/task/submit/${encodeURIComponent(msg.taskId)}`, submitBody(msg.fields), { headers: submitHeaders }),
    (response) => response?.status === 204,
    'no 204',
  );
  // IBM BPM's answers parsed, as any client must to use them.
  const wleData = (status, body) => {
    if (status !== 200) return undefined;
    try {
      return JSON.parse(body)?.data;
    } catch {
      return undefined;
    }
  };
  // Variables never travel in a URL (README, "IBM BPM tasks"): the query goes as a form body, as ours sends it.
  const formHeaders = { ...activityHeaders, 'Content-Type': 'application/x-www-form-urlencoded' };
  delete formHeaders['Content-Length'];
  const finishHeaders = { ...formHeaders, 'X-HTTP-Method-Override': 'PUT' };
  const processForm = (variables) =>
    `action=start&bpdId=${encodeURIComponent(PROCESS.bpdId)}` +
    `&processAppId=${encodeURIComponent(PROCESS.processAppId)}&parts=all&params=${encodeURIComponent(JSON.stringify(variables))}`;
  const axiosProcess = axiosLoop(
    processMessages,
    (msg) => bareAxios.post(`${sim.bpmUrl}/process`, processForm(msg.variables), { headers: formHeaders }),
    (response) => {
      const data = wleData(response?.status, response?.data);
      return typeof data?.piid === 'string' && typeof data.tasks?.[0]?.tkiid === 'string';
    },
    'no 200 with the instance and its task',
  );
  // Two requests per task, the finish sent when the claim has answered.
  const taskUrl = (taskId) => `${sim.bpmUrl}/task/${encodeURIComponent(taskId)}`;
  const claimAndFinish = async (msg) => {
    const claimed = await bareAxios.put(`${taskUrl(msg.taskId)}?action=assign&toMe=true&parts=none`, null, { headers: activityHeaders });
    if (claimed.status !== 200) return claimed;
    return bareAxios.post(taskUrl(msg.taskId), `action=finish&parts=all&params=${encodeURIComponent(JSON.stringify(msg.variables))}`, {
      headers: finishHeaders,
    });
  };
  const axiosComplete = axiosLoop(
    given,
    claimAndFinish,
    (response) => wleData(response?.status, response?.data)?.status === 'Closed',
    'no 200 with the finished task',
  );
  // The event message written by hand (each value in CDATA), as a client without our node must; in a form body as ours sends it.
  const eventXml = (parameters) =>
    `<eventmsg><event processApp="${EVENT.processApp}">${EVENT.event}</event><parameters>` +
    EVENT_PARAMETERS.map((name) => `<parameter><key>${name}</key><value><![CDATA[${parameters[name]}]]></value></parameter>`).join('') +
    '</parameters></eventmsg>';
  const axiosMessage = axiosLoop(
    messageMessages,
    (msg) =>
      bareAxios.post(`${sim.bpmUrl}/process`, `action=sendMessage&message=${encodeURIComponent(eventXml(msg.parameters))}`, {
        headers: formHeaders,
      }),
    (response) => response?.status === 200,
    'no 200',
  );
  const once = () => [{ payload: 'list' }];
  const list = `list ${n.toLocaleString('en-US')}`;
  const start = `start ${options.starts.toLocaleString('en-US')} processes`;
  const activity = `start ${options.starts.toLocaleString('en-US')} activities`;
  const tasks = `list ${options.tasks.toLocaleString('en-US')} inubit tasks`;
  const submit = `submit ${options.submits.toLocaleString('en-US')} tasks`;
  const processes = `start ${options.starts.toLocaleString('en-US')} IBM BPM processes`;
  const completes = `complete ${options.completes.toLocaleString('en-US')} tasks`;
  const messages = `send ${options.messages.toLocaleString('en-US')} event messages`;
  const queueList = `list ${options.queue.toLocaleString('en-US')} queued tasks`;
  const drains = `drain ${options.drain.toLocaleString('en-US')} queued tasks`;
  return {
    groups: [
      {
        name: list,
        messages: n,
        variants: [
          {
            key: 'list-json',
            label: `${list}: ours (json)`,
            core: 'list-core',
            raw: 'list-raw-json',
            target: 1.5,
            run: flow(IDS.listJson, IDS.countListJson, n, isActivity, once),
          },
          {
            key: 'list-xml',
            label: `${list}: ours (xml)`,
            core: 'list-core',
            xmlCore: 'list-core-xml',
            raw: 'list-raw-xml',
            target: 1.5,
            run: flow(IDS.listXml, IDS.countListXml, n, isActivity, once),
          },
          {
            key: 'list-core',
            label: `${list}: core http request → change → split`,
            run: flow(IDS.listCore, IDS.countListCore, n, isActivity, once),
          },
          {
            key: 'list-core-xml',
            label: `${list}: core, xml: http request → xml → change → split`,
            run: flow(IDS.listCoreXml, IDS.countListCoreXml, n, isActivity, once),
          },
          { key: 'list-raw-json', label: `${list}: raw client, no Node-RED (json)`, run: rawActivities('json') },
          { key: 'list-raw-xml', label: `${list}: raw client, no Node-RED (xml)`, run: rawActivities('xml') },
        ],
      },
      {
        name: start,
        messages: options.starts,
        variants: [
          {
            key: 'start-ours',
            label: `${start}: ours (maxConcurrent 8)`,
            core: 'start-core',
            raw: 'start-raw',
            axios: 'start-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: flow(IDS.start, IDS.countStart, options.starts, isStarted, startMessages),
          },
          {
            key: 'start-core',
            label: `${start}: core http request (keep-alive)`,
            run: flow(IDS.startCore, IDS.countStartCore, options.starts, isStarted, startMessages),
          },
          { key: 'start-raw', label: `${start}: raw client loop (maxConcurrent 8)`, axios: 'start-axios', run: rawStart },
          { key: 'start-axios', label: `${start}: bare axios, 8 at a time (limit)`, core: 'start-core', run: axiosStart },
          {
            key: 'start-http',
            label: `${start}: node:http loop, no axios (floor)`,
            core: 'start-core',
            axios: 'start-axios',
            run: httpStart,
          },
        ],
      },
      ...(hasActivity
        ? [
            {
              name: activity,
              messages: options.starts,
              variants: [
                {
                  key: 'activity-ours',
                  label: `${activity}: ours (maxConcurrent 8)`,
                  core: 'activity-core',
                  raw: 'activity-raw',
                  axios: 'activity-axios',
                  target: 1.5,
                  axiosTarget: 1.25,
                  run: flow(IDS.activity, IDS.countActivity, options.starts, isActivityStarted, activityMessages),
                },
                {
                  key: 'activity-core',
                  label: `${activity}: core http request PUT (keep-alive)`,
                  run: flow(IDS.activityCore, IDS.countActivityCore, options.starts, isActivityStartedCore, activityMessages),
                },
                { key: 'activity-raw', label: `${activity}: raw client loop (maxConcurrent 8)`, axios: 'activity-axios', run: rawActivity },
                { key: 'activity-axios', label: `${activity}: bare axios, 8 at a time (limit)`, core: 'activity-core', run: axiosActivity },
                {
                  key: 'activity-http',
                  label: `${activity}: node:http loop, no axios (floor)`,
                  core: 'activity-core',
                  axios: 'activity-axios',
                  run: httpActivity,
                },
              ],
            },
          ]
        : []),
      ...(hasTasks
        ? [
            {
              name: tasks,
              messages: options.tasks,
              variants: [
                {
                  key: 'tasks-list-ours',
                  label: `${tasks}: ours`,
                  core: 'tasks-list-core',
                  raw: 'tasks-list-raw',
                  target: 3,
                  run: flow(IDS.tasks, IDS.countTasks, options.tasks, isTask, once),
                },
                {
                  key: 'tasks-list-core',
                  label: `${tasks}: core http request → xml → change → split`,
                  run: flow(IDS.tasksCore, IDS.countTasksCore, options.tasks, isTask, once),
                },
                { key: 'tasks-list-raw', label: `${tasks}: raw client, no Node-RED`, run: rawTasks },
              ],
            },
            {
              name: submit,
              messages: options.submits,
              variants: [
                {
                  key: 'tasks-submit-ours',
                  label: `${submit}: function → ours (maxConcurrent 8)`,
                  core: 'tasks-submit-core',
                  raw: 'tasks-submit-raw',
                  axios: 'tasks-submit-axios',
                  target: 1.5,
                  axiosTarget: 1.25,
                  run: flow(IDS.submitFields, IDS.countSubmit, options.submits, isSubmitted, submitFlowMessages),
                },
                {
                  key: 'tasks-submit-core',
                  label: `${submit}: core function → template → http request (keep-alive)`,
                  run: flow(IDS.submitCoreFields, IDS.countSubmitCore, options.submits, isSubmitted, submitFlowMessages),
                },
                {
                  key: 'tasks-submit-raw',
                  label: `${submit}: raw client loop (maxConcurrent 8)`,
                  axios: 'tasks-submit-axios',
                  run: rawSubmit,
                },
                {
                  key: 'tasks-submit-axios',
                  label: `${submit}: bare axios, 8 at a time (limit)`,
                  core: 'tasks-submit-core',
                  run: axiosSubmit,
                },
              ],
            },
          ]
        : []),
      ...(hasProcess
        ? [
            {
              name: processes,
              messages: options.starts,
              variants: [
                {
                  key: 'process-ours',
                  label: `${processes}: ours (maxConcurrent 8)`,
                  core: 'process-core',
                  raw: 'process-raw',
                  axios: 'process-axios',
                  target: 1.5,
                  axiosTarget: 1.25,
                  run: flow(IDS.process, IDS.countProcess, options.starts, isProcessStarted, processMessages),
                },
                {
                  key: 'process-core',
                  label: `${processes}: core change → http request POST → change (keep-alive)`,
                  run: flow(IDS.processCore, IDS.countProcessCore, options.starts, isProcessStarted, processMessages),
                },
                { key: 'process-raw', label: `${processes}: raw client loop (maxConcurrent 8)`, axios: 'process-axios', run: rawProcess },
                { key: 'process-axios', label: `${processes}: bare axios, 8 at a time (limit)`, core: 'process-core', run: axiosProcess },
              ],
            },
          ]
        : []),
      ...(hasComplete
        ? [
            {
              name: completes,
              messages: options.completes,
              variants: [
                {
                  key: 'complete-ours',
                  label: `${completes}: ours (maxConcurrent 8)`,
                  core: 'complete-core',
                  raw: 'complete-raw',
                  axios: 'complete-axios',
                  target: 1.5,
                  axiosTarget: 1.25,
                  prepare: openTasks,
                  run: flow(IDS.complete, IDS.countComplete, options.completes, isCompleted, given),
                },
                {
                  key: 'complete-core',
                  label: `${completes}: core http request PUT → change → http request PUT (keep-alive)`,
                  prepare: openTasks,
                  run: flow(IDS.completeCore, IDS.countCompleteCore, options.completes, isCompletedCore, given),
                },
                {
                  key: 'complete-raw',
                  label: `${completes}: raw client loop (maxConcurrent 8)`,
                  axios: 'complete-axios',
                  prepare: openTasks,
                  run: rawComplete,
                },
                {
                  key: 'complete-axios',
                  label: `${completes}: bare axios, 8 at a time (limit)`,
                  core: 'complete-core',
                  prepare: openTasks,
                  run: axiosComplete,
                },
              ],
            },
          ]
        : []),
      ...(hasMessage
        ? [
            {
              name: messages,
              messages: options.messages,
              variants: [
                {
                  key: 'message-ours',
                  label: `${messages}: ours (maxConcurrent 8)`,
                  core: 'message-core',
                  raw: 'message-raw',
                  axios: 'message-axios',
                  target: 1.5,
                  axiosTarget: 1.25,
                  run: flow(IDS.message, IDS.countMessage, options.messages, isSent, messageMessages),
                },
                {
                  key: 'message-core',
                  label: `${messages}: core template → change → http request POST (keep-alive)`,
                  run: flow(IDS.messageCore, IDS.countMessageCore, options.messages, isSent, messageMessages),
                },
                { key: 'message-raw', label: `${messages}: raw client loop (maxConcurrent 8)`, axios: 'message-axios', run: rawMessage },
                { key: 'message-axios', label: `${messages}: bare axios, 8 at a time (limit)`, core: 'message-core', run: axiosMessage },
              ],
            },
          ]
        : []),
      ...(hasQueue
        ? [
            {
              name: 'queue',
              messages: options.queue,
              variants: [
                {
                  key: 'queue-list-ours',
                  label: `${queueList}: ours (source queue)`,
                  core: 'queue-list-core',
                  target: 1.5,
                  prepare: queued,
                  run: flow(QUEUE_IDS.list, QUEUE_IDS.countList, options.queue, isQueued, once),
                },
                {
                  key: 'queue-list-core',
                  label: `${queueList}: core http request → change → split`,
                  prepare: queued,
                  run: flow(QUEUE_IDS.listCore, QUEUE_IDS.countListCore, options.queue, isQueued, once),
                },
              ],
            },
            {
              name: 'drain',
              messages: options.drain,
              variants: [
                { key: 'drain-one', label: `${drains}: one copy`, prepare: drainQueue, run: drain(1) },
                {
                  key: 'drain-two',
                  label: `${drains}: two copies, each its own user`,
                  core: 'drain-one',
                  target: 1.7,
                  prepare: drainQueue,
                  run: drain(COPIES),
                },
              ],
            },
          ]
        : []),
    ],
    hasActivity,
    hasTasks,
    hasProcess,
    hasComplete,
    hasMessage,
    hasQueue,
    instanceId,
    taskList: hasTasks ? taskList : undefined,
    async close() {
      bpmClient.close();
      inubitClient.close();
      agent.destroy();
      await copies?.close();
    },
  };
}

/** Which flows benchFlows deploys: those of the node types this build of the package has. */
function flowOptions(set) {
  return {
    activity: set.hasActivity,
    taskList: set.taskList,
    process: set.hasProcess,
    complete: set.hasComplete,
    message: set.hasMessage,
    queue: set.hasQueue,
  };
}

function within(promise, describe) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${RUN_TIMEOUT_MS / 1000} s: ${describe()}`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One run of a variant, with what it needs made first. */
async function runOnce(variant) {
  return variant.run(variant.prepare ? await variant.prepare() : undefined);
}

// ---------------------------------------------------------------------------------------------
// Timed runs: alternating A B C …, then C B A …, so that no variant always runs first

async function measureGroup(group, simulator, options, results) {
  for (const variant of group.variants) {
    results.set(variant.key, { variant, group, ms: [], cpuMs: [], simCpuMs: [], connections: 0, failed: 0, example: undefined });
  }
  for (let warmup = 0; warmup < options.warmups; warmup++) {
    for (const variant of group.variants) await runOnce(variant);
  }
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? group.variants : [...group.variants].reverse();
    for (const variant of order) {
      const result = results.get(variant.key);
      // What the run needs (fresh open tasks) is made before its clocks start.
      const prepared = variant.prepare ? await variant.prepare() : undefined;
      // No forced collection here: after one, V8 spends twice the CPU on the next 2,000 requests.
      const before = await simulator.usage({ keep: Boolean(variant.prepare) });
      const cpu = process.cpuUsage();
      const outcome = await variant.run(prepared);
      const used = process.cpuUsage(cpu);
      const after = await simulator.usage();
      result.ms.push(outcome.ms);
      // A drain's CPU time is that of the copies' own Node-RED processes.
      result.cpuMs.push(outcome.cpuMs ?? (used.user + used.system) / 1000);
      result.simCpuMs.push(after.cpuMs - before.cpuMs);
      result.connections = Math.max(result.connections, after.connections);
      result.failed += outcome.failed;
      result.example ??= outcome.example;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Memory: each list variant once in a fresh Node-RED process, so that its peak RSS is its own

async function memoryProbe(options) {
  const sim = JSON.parse(process.env.BENCH_SIMULATOR);
  const rt = await startRuntime();
  const set = scenarios(rt, sim, options);
  const { flows, credentials } = benchFlows(sim, set.instanceId, flowOptions(set));
  await rt.deploy(flows, credentials);
  const variant = set.groups.flatMap((group) => group.variants).find((candidate) => candidate.key === options.memoryProbe);
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
  const baseline = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = baseline;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 1);
  const { ms } = await variant.run();
  clearInterval(sampler);
  sampled = Math.max(sampled, process.memoryUsage.rss());
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  // The kernel's peak is exact when this run set it; otherwise Node-RED's start-up did.
  const peak = peakAfter > peakBefore ? peakAfter : sampled;
  process.stdout.write(`${JSON.stringify({ key: variant.key, baseline, peak, ms })}\n`);
  await set.close();
  await rt.stop();
}

function runMemoryProbe(key, sim, options) {
  const args = [
    __filename,
    '--memory-probe',
    key,
    ...['activities', 'starts', 'tasks', 'submits', 'completes', 'messages', 'queue', 'drain'].flatMap((name) => [
      `--${name}`,
      String(options[name]),
    ]),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(sim) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const line = output.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`the memory probe of ${key} exited with ${code}: ${output.trim()}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Report

const fmt = (value, digits = 1) => value.toFixed(digits);
const mb = (bytes) => `${fmt(bytes / 1048576)} MB`;

function report(results, memory, options, rt, simulator) {
  // A ratio is the median of the per-run ratios: run i of one variant against run i of the other,
  // which ran right next to it, so that a machine that slows down for a while affects both alike.
  const ratios = (key, other) => {
    const a = results.get(key).ms;
    const b = results.get(other).ms;
    return a.map((ms, run) => ms / b[run]);
  };
  const ratio = (key, other) => median(ratios(key, other));
  // The same for the CPU time of the Node-RED process: less disturbed by other load on the machine.
  const cpuRatio = (key, other) => {
    const b = results.get(other).cpuMs;
    return median(results.get(key).cpuMs.map((ms, run) => ms / b[run]));
  };
  const spread = (values) => `runs ${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)}`;
  console.log('');
  const rows = [];
  for (const { variant, ms, failed } of results.values()) {
    rows.push([
      variant.label,
      fmt(median(ms)),
      `${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))}`,
      results.has(variant.core) ? `${fmt(ratio(variant.core, variant.key), 2)}× faster` : '',
      results.has(variant.xmlCore) ? `${fmt(ratio(variant.xmlCore, variant.key), 2)}× faster` : '',
      results.has(variant.raw) ? `${fmt(ratio(variant.key, variant.raw), 2)}× raw time` : '',
      results.has(variant.axios) ? `${fmt(ratio(variant.key, variant.axios), 2)}× its time` : '',
      String(failed),
    ]);
  }
  printTable(['scenario', 'median ms', 'min–max ms', 'vs core (json)', 'vs core xml', 'vs raw', 'vs bare axios', 'failed'], rows);

  // One line per target; the raw client's ratio is information (the axios loop is the limit).
  console.log('\nTargets (reported, never asserted; median of the per-run ratios, their range in brackets):');
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  for (const { variant } of results.values()) {
    const lines = [];
    if (variant.target && results.has(variant.core)) {
      const speeds = ratios(variant.core, variant.key);
      const speed = median(speeds);
      lines.push(
        `${fmt(speed, 2)}× the core flow's speed (target ≥ ${variant.target}×) ${verdict(speed >= variant.target)} ` +
          `(${spread(speeds)}; CPU time ${fmt(cpuRatio(variant.key, variant.core), 2)}× the core's)`,
      );
    }
    if (variant.axiosTarget && results.has(variant.axios)) {
      const times = ratios(variant.key, variant.axios);
      const time = median(times);
      lines.push(
        `${fmt(time, 2)}× the bare axios loop's time (target ≤ ${variant.axiosTarget}×) ${verdict(time <= variant.axiosTarget)} ` +
          `(${spread(times)}; CPU time ${fmt(cpuRatio(variant.key, variant.axios), 2)}× its)`,
      );
    }
    if (variant.rawTarget && results.has(variant.raw)) {
      const times = ratios(variant.key, variant.raw);
      const time = median(times);
      lines.push(
        `${fmt(time, 2)}× the raw client's time (target ≤ ${variant.rawTarget}×) ${verdict(time <= variant.rawTarget)} (${spread(times)})`,
      );
    } else if (variant.target && results.has(variant.raw)) {
      const times = ratios(variant.key, variant.raw);
      lines.push(`${fmt(median(times), 2)}× the raw client loop's time (information, no target) (${spread(times)})`);
    }
    if (lines.length === 0) continue;
    console.log(`  ${variant.label}:`);
    for (const line of lines) console.log(`    ${line}`);
  }

  console.log("\nPer message, memory, and the simulator's share:");
  const perMessage = [];
  for (const { variant, group, ms, cpuMs, simCpuMs, connections } of results.values()) {
    const probe = memory.get(variant.key);
    perMessage.push([
      variant.label,
      fmt((median(ms) / group.messages) * 1000, 1),
      fmt((median(cpuMs) / group.messages) * 1000, 1),
      probe ? mb(probe.peak) : '',
      probe ? fmt(Math.max(0, probe.peak - probe.baseline) / group.messages, 0) : '',
      `${fmt(median(simCpuMs))} (${fmt((100 * median(simCpuMs)) / median(ms), 0)}%)`,
      String(connections),
    ]);
  }
  printTable(['scenario', 'µs/msg', 'CPU µs/msg', 'peak RSS', 'RSS B/msg', 'simulator CPU ms (% of wall)', 'new connections'], perMessage);

  const failures = [...results.values()].filter((result) => result.failed > 0);
  for (const { variant, failed, example } of failures) console.log(`  ${variant.label}: ${failed} failed, e.g. ${example}`);
  console.log('');
  console.log(
    `Node-RED ${rt.version} on Node.js ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}; ` +
      `${options.runs} runs each after ${options.warmups} warm-up(s), alternating order; medians; ` +
      'each ratio is the median of the per-run ratios of two variants.',
  );
  console.log(
    'CPU µs/msg: CPU time of the Node-RED process. Simulator CPU: the simulator runs in a process of its own; ' +
      'a small share of the wall time means it was not the bottleneck. New connections: the most TCP connections it accepted in one run.',
  );
  console.log(
    'Concurrency: ours, the raw loops, the bare axios and the node:http loops keep at most 8 requests in flight ' +
      '(maxConcurrent 8, 8 sockets) on reused connections; the core http request node has no limit, so all start, submit, complete and event messages are in flight at once.',
  );
  console.log(
    'Activities: the core http request node is wired straight after the list, so it also sends each listed activity ' +
      '(msg.payload) as a JSON body; ours, the raw, axios and node:http loops send an empty PUT and parse the JSON answer.',
  );
  console.log(
    "Tasks: each list flow reads the simulator's generated <Tasklist> (XML); the core one with the xml node (xml2js). Each submit " +
      "sends an object of three fields as the form's XML: both flows build msg.fields in a Function node, as users do; ours and the raw client send " +
      'the object, the core flow writes it through a mustache template node, ' +
      'the bare axios loop with a body written by string concatenation.',
  );
  console.log(
    'IBM BPM processes: each start sends msg.variables as the encoded JSON of params, ours and the bare axios loop in a form body (variables never in a URL), ' +
      'the core flow in the URL: it writes its URL in a change node ' +
      '(JSONata $encodeUrlComponent), and a change node after http request sets msg.instanceId, msg.taskId and msg.payload as ours does. ' +
      'Completions: claim (PUT action=assign&toMe=true) then finish (action=finish with msg.variables as params: a POST with X-HTTP-Method-Override: PUT and a form body for ours and the bare axios loop), two requests per task; ' +
      'the core flow builds the finish URL in a change node (JSONata). Each run completes open tasks the simulator made before the run started.',
  );
  console.log(
    'Event messages: each sends msg.parameters (four, the note with characters XML and forms must carry) as <eventmsg> XML, each value in CDATA, ' +
      'in the form body action=sendMessage&message=…; the core flow writes the XML in a mustache template node and the form body as an object in a change node (JSONata), ' +
      'the bare axios loop by string concatenation. The event is one no UCA takes: the simulator accepts it and changes nothing.',
  );
  console.log(
    `Task queue: each list reads the user's task list query (JSON) of tasks queued before the run. Each drain empties a queue made before the run from a simulator that answers every request after ${DRAIN_LATENCY_MS} ms: ` +
      "each copy runs in a Node-RED process of its own, as its own user (the CPU time is both processes'), lists up to 100 available tasks, claims a random quarter of them on average " +
      '(a Function node, then assign task with ifTaken drop), completes each claimed one without a claim, and polls again once all its claims are answered; ' +
      '"vs core" of two copies is their speed against one copy\'s, and "failed" counts tasks not claimed and completed exactly once.',
  );
  if (memory.size > 0)
    console.log('Peak RSS: each list flow run once in a fresh Node-RED process; RSS B/msg = (peak − RSS before the run) / messages.');
  console.log(
    `Main Node-RED process: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} over the whole benchmark; simulator process RSS ${mb(simulator.rss)}.`,
  );
}

function printProfiles(profiles) {
  for (const { key, file, profile: data } of profiles) {
    const { totalMs, functions, areas } = selfTimes(data, root);
    console.log(`\n${key}: ${fmt(totalMs)} ms sampled → ${file}`);
    console.log(
      `  by area:     ${areas
        .slice(0, 6)
        .map((area) => `${area.name} ${fmt(area.share * 100, 0)}%`)
        .join(', ')}`,
    );
    console.log('  top self time:');
    for (const fn of functions.slice(0, 10))
      console.log(`    ${fmt(fn.ms).padStart(7)} ms ${fmt(fn.share * 100, 1).padStart(5)}%  ${fn.name}`);
  }
}

// ---------------------------------------------------------------------------------------------

/** The comment at the top of this file, which says what the benchmark does and takes. */
function usage() {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith('//'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('//'));
  return lines
    .slice(start, end)
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  if (options.memoryProbe) return memoryProbe(options);

  const began = performance.now();
  const simulator = await startSimulatorProcess();
  const rt = await startRuntime();
  const set = scenarios(rt, simulator.info, options, simulator);
  const groups = selectScenarios(set.groups, options.only);
  const { flows, credentials } = benchFlows(simulator.info, set.instanceId, flowOptions(set));
  if (!set.hasActivity) console.log(`This build of the package has no ${ACTIVITY_TYPE} node: the activity group is left out.`);
  if (!set.hasTasks) console.log(`This build of the package lacks the ${TASK_TYPES.join(' or ')} node: the tasks group is left out.`);
  if (!set.hasProcess) console.log(`This build of the package has no ${PROCESS_TYPE} node: the process group is left out.`);
  if (!set.hasComplete) console.log(`This build of the package has no ${COMPLETE_TYPE} node: the complete group is left out.`);
  if (!set.hasMessage) console.log(`This build of the package has no ${MESSAGE_TYPE} node: the message group is left out.`);
  if (!set.hasQueue) console.log(`This build of the package has no ${ASSIGN_TYPE} node: the queue group is left out.`);
  await rt.deploy(flows, credentials);
  console.log(
    `Benchmark: Node-RED ${rt.version}, Node.js ${process.version}; simulator in process of its own; ` +
      `${options.activities} activities listed (instance ${set.instanceId}), ${options.starts} starts of each kind, ` +
      `${options.tasks} tasks listed, ${options.submits} submits, ${options.completes} completions, ` +
      `${options.messages} event messages, ${options.queue} queued tasks listed, ${options.drain} drained, ${options.runs} runs each.`,
  );

  const results = new Map();
  for (const group of groups) {
    process.stdout.write(`measuring ${group.name} …\n`);
    await measureGroup(group, simulator, options, results);
  }

  const profiles = [];
  if (options.profile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-profile-'));
    for (const group of groups) {
      for (const variant of group.variants) {
        const prepared = variant.prepare ? await variant.prepare() : undefined;
        const { file, profile: data } = await profile(dir, variant.key, () => variant.run(prepared));
        profiles.push({ key: variant.label, file, profile: data });
      }
    }
  }

  const memory = new Map();
  const probed = ['list-json', 'list-xml', 'list-core', 'list-core-xml', 'tasks-list-ours', 'tasks-list-core'].filter((key) =>
    results.has(key),
  );
  if (options.memory && probed.length > 0) {
    process.stdout.write('measuring peak memory …\n');
    for (const key of probed) memory.set(key, await runMemoryProbe(key, simulator.info, options));
  }

  const simUsage = await simulator.usage();
  report(results, memory, options, rt, simUsage);
  if (profiles.length > 0) printProfiles(profiles);
  console.log(`\nbenchmark finished in ${fmt((performance.now() - began) / 1000)} s`);

  await set.close();
  await rt.stop();
  await simulator.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.option ? `benchmark: ${error.message}` : `benchmark failed: ${error.stack || error}`);
    process.exit(1);
  },
);
