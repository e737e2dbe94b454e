'use strict';
// The tarball test's third and fourth tabs: the task journeys of both servers as a new user wires them.
const { HIRING_BPD, PROCESS_APP } = require('../../simulator/ibm-bpm-process-fixtures');
const { coreNodes, REPLY_WITH_MESSAGE } = require('./core-nodes');
const { AUTH_SECRETS } = require('./auth-flow');

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

module.exports = { buildTaskFlow, buildBpmTaskFlow };
