'use strict';

// The process instances and tasks of one simulated IBM BPM server, shared by the process and
// task resources: the built-in instances of ibm-bpm-process-fixtures.js and
// ibm-bpm-event-fixtures.js, those that starts and event messages create, and the documents both
// resources answer for them. A step that waits for a message event gets its task only when the
// event comes (moveOn). reset() restores the built-in ones.

const pf = require('./ibm-bpm-process-fixtures');
const ef = require('./ibm-bpm-event-fixtures');
const { renderVariables } = require('./ibm-bpm-variables');

const FIRST_PIID = 42891;
const FIRST_TKIID = 189900;

function bpmTimestamp() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// The store of one simulator: `sim` for its user name.
function processStore({ sim }) {
  // piid -> instance { piid, bpd, state, executionState, starter, creationTime, lastModificationTime, values, taskIds, waiting }
  // (waiting: { step, event } while the instance waits for a message event, else null)
  let instances;
  // tkiid -> task { tkiid, piid, step, status, state, owner, group, activationTime, startTime, completionTime, history }
  let tasks;
  let nextPiid;
  let nextTkiid;

  function newTask(instance, step, now) {
    const tkiid = String(nextTkiid++);
    const task = {
      tkiid,
      piid: instance.piid,
      step,
      status: 'Received',
      state: 'STATE_READY',
      owner: null,
      group: instance.bpd.steps[step].teamName,
      activationTime: now,
      startTime: now,
      completionTime: null,
      // Each assignment and the finish: { action, user }, oldest first.
      history: [],
    };
    tasks.set(tkiid, task);
    instance.taskIds.push(tkiid);
    return task;
  }

  function newInstance(bpd, values, starter, piid) {
    const now = bpmTimestamp();
    const instance = {
      piid: piid || String(nextPiid++),
      bpd,
      state: 'STATE_RUNNING',
      executionState: 'Active',
      starter,
      creationTime: now,
      lastModificationTime: now,
      values,
      taskIds: [],
      waiting: null,
    };
    instances.set(instance.piid, instance);
    if (bpd.steps.length > 0) reach(instance, 0, now);
    else complete(instance, now);
    return instance;
  }

  // Brings `instance` to `step`: its task, or a wait at the message event in front of it.
  function reach(instance, step, now) {
    const event = instance.bpd.steps[step].waitsFor;
    if (event) instance.waiting = { step, event };
    else newTask(instance, step, now);
  }

  // The message event `instance` waits for came: the task of the step behind it appears.
  function moveOn(instance, now) {
    const { step } = instance.waiting;
    instance.waiting = null;
    instance.lastModificationTime = now;
    return newTask(instance, step, now);
  }

  function complete(instance, now) {
    instance.state = 'STATE_FINISHED';
    instance.executionState = 'Completed';
    instance.lastModificationTime = now;
  }

  function init() {
    instances = new Map();
    tasks = new Map();
    nextPiid = FIRST_PIID;
    nextTkiid = FIRST_TKIID;
    // The built-in instance: its first task finished by the simulator's user, its second open.
    const values = Object.assign({}, pf.HIRING_BPD.defaults, {
      requisition: { reqNum: 'REQ-1001', department: 'Sales', headcount: 2, salary: 65000.5, remote: true },
      comments: 'Two account managers for the north region',
      skills: ['negotiation', 'CRM'],
    });
    nextTkiid = Number(pf.BUILTIN_TASK_IDS[0]);
    const instance = newInstance(pf.HIRING_BPD, values, sim.username, pf.BUILTIN_PIID);
    const first = tasks.get(instance.taskIds[0]);
    Object.assign(first, { status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, completionTime: first.startTime });
    newTask(instance, 1, first.startTime);
    // The finished instance: both tasks done by the simulator's user.
    nextTkiid = Number(pf.FINISHED_TASK_IDS[0]);
    const done = newInstance(pf.HIRING_BPD, Object.assign({}, values, { approved: true }), sim.username, pf.FINISHED_PIID);
    newTask(done, 1, done.creationTime);
    for (const id of done.taskIds)
      Object.assign(tasks.get(id), { status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, completionTime: done.creationTime });
    complete(done, done.creationTime);
    // The order waiting for its payment: no task yet.
    newInstance(ef.ORDER_BPD, Object.assign({}, ef.BUILTIN_ORDER), sim.username, ef.BUILTIN_ORDER_PIID);
    nextTkiid = FIRST_TKIID;
  }
  init();

  function renderTask(task, withData) {
    const instance = instances.get(task.piid);
    const step = instance.bpd.steps[task.step];
    const mine = task.owner !== null;
    const out = {
      tkiid: task.tkiid,
      name: step.name,
      displayName: step.name,
      description: '',
      status: task.status,
      state: task.state,
      kind: 'KIND_PARTICIPATING',
      priority: 30,
      priorityName: 'Normal',
      activationTime: task.activationTime,
      startTime: task.startTime,
      completionTime: task.completionTime,
      dueTime: null,
      atRiskTime: null,
      isAtRisk: false,
      owner: task.owner,
      originator: instance.starter,
      assignedTo: mine ? task.owner : task.group,
      assignedToDisplayName: mine ? task.owner : task.group,
      assignedToID: mine ? task.owner : step.teamID,
      assignedToType: mine ? 'user' : 'group',
      teamID: step.teamID,
      teamName: step.teamName,
      piid: task.piid,
      processInstanceName: `${instance.bpd.name}:${instance.piid}`,
      processAppName: pf.PROCESS_APP.processAppName,
      serviceID: '1.5c4a3b2d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
      flowObjectID: `bpdid:${instance.bpd.bpdId.slice(3, 11)}-step-${task.step + 1}`,
      nextTaskId: null,
      clientTypes: ['IBM_WLE_Coach'],
      collaboration: { status: '' },
    };
    if (withData) out.data = { variables: renderVariables(instance.bpd, instance.values) };
    return out;
  }

  function renderInstance(instance, extra = {}) {
    const app = pf.PROCESS_APP;
    const variables = renderVariables(instance.bpd, instance.values);
    return Object.assign(
      {
        piid: instance.piid,
        name: `${instance.bpd.name}:${instance.piid}`,
        description: '',
        creationTime: instance.creationTime,
        lastModificationTime: instance.lastModificationTime,
        dueDate: null,
        state: instance.state,
        executionState: instance.executionState,
        bpdName: instance.bpd.name,
        processTemplateID: instance.bpd.bpdId,
        processTemplateName: instance.bpd.name,
        processAppID: app.processAppID,
        processAppName: app.processAppName,
        processAppAcronym: app.processAppAcronym,
        snapshotID: app.snapshotID,
        snapshotName: app.snapshotName,
        branchID: app.branchID,
        branchName: app.branchName,
        starter: instance.starter,
        tasks: instance.taskIds.map((id) => renderTask(tasks.get(id), false)),
        variables,
        data: JSON.stringify(variables),
        businessData: [],
      },
      extra,
    );
  }

  return {
    instance: (piid) => instances.get(piid),
    task: (tkiid) => tasks.get(tkiid),
    allTasks: () => tasks.values(),
    // The user a request acts as: the one it authenticates, else the simulator's.
    userOf: (ctx) => ctx.record.authUser || sim.username,
    newInstance,
    newTask,
    reach,
    moveOn,
    // The instances waiting for message event `event`, oldest first.
    waitingFor: (event) => [...instances.values()].filter((instance) => instance.waiting !== null && instance.waiting.event === event),
    complete,
    renderTask,
    renderInstance,
    reset: init,
  };
}

module.exports = { FIRST_TKIID, bpmTimestamp, processStore };
