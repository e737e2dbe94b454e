'use strict';

// IBM BPM's task resources (routes and keys in ibm-bpm-processes.js): a task with its
// variables, its assignment (claim, give back, hand on) and its finish, which opens the
// instance's next task or completes the instance.

const pf = require('./ibm-bpm-process-fixtures');
const { firstValue } = require('./http');
const { bpmError } = require('./ibm-bpm-documents');
const { mergeParams } = require('./ibm-bpm-variables');
const { bpmTimestamp } = require('./ibm-bpm-process-store');
const { TASK_ATTRS, sendData, sharedKey, badId, keyApi } = require('./ibm-bpm-process-answers');

function partsAll(ctx) {
  const parts = firstValue(ctx.query.parts);
  return parts === undefined || parts === 'all' || String(parts).split('|').includes('data');
}

// A claim of a task another user holds: 409 on tasks with an even id, 401 CWTBG0549E on those
// with an odd one, as servers differ (README, "Several Node-RED copies").
function heldByOther(ctx, fmt, task) {
  if (Number(task.tkiid) % 2 === 0) return notNow(ctx, fmt, task, 'assign');
  bpmError(ctx, 401, fmt, {
    errorNumber: 'CWTBG0549E',
    message: "You are not authorized to perform the 'assign' action.",
    params: ['assign'],
  });
}

function notNow(ctx, fmt, task, action) {
  bpmError(ctx, 409, fmt, {
    errorNumber: 'CWTBG0014E',
    message: `The state '${task.state}' of object '${task.tkiid}' does not allow the requested action '${action}'.`,
    params: [task.state, task.tkiid, action],
  });
}

// The task resources of one simulator: `store` its instances and tasks, `scenarios` the shared keys.
function bpmTaskResources({ store, scenarios }) {
  function sendTask(ctx, fmt, task) {
    const parts = firstValue(ctx.query.parts);
    if (parts === 'none') return sendData(ctx, fmt, null, TASK_ATTRS);
    sendData(ctx, fmt, store.renderTask(task, partsAll(ctx)), TASK_ATTRS);
  }

  function assign(ctx, fmt, task) {
    const user = store.userOf(ctx);
    const given = ['toMe', 'back', 'toUser', 'toGroup'].filter((k) => {
      const v = firstValue(ctx.query[k]);
      return typeof v === 'string' && v !== '' && v !== 'false';
    });
    if (given.length !== 1) {
      return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0548E',
        message: 'The action assign needs exactly one of toMe, back, toUser and toGroup.',
        params: ['assign'],
      });
    }
    const how = given[0];
    if (task.status === 'Closed') return notNow(ctx, fmt, task, 'assign');
    const free = task.owner === null || task.owner === user;
    if (how === 'toMe' && !free) return heldByOther(ctx, fmt, task);
    if (how === 'toMe' || how === 'toUser') {
      if (!free) return notNow(ctx, fmt, task, 'assign');
      task.owner = how === 'toMe' ? user : firstValue(ctx.query.toUser);
      task.state = 'STATE_CLAIMED';
    } else if (how === 'back') {
      if (!free) return notNow(ctx, fmt, task, 'assign');
      task.owner = null;
      task.state = 'STATE_READY';
    } else {
      if (!free) return notNow(ctx, fmt, task, 'assign');
      task.owner = null;
      task.group = firstValue(ctx.query.toGroup);
      task.state = 'STATE_READY';
    }
    const entry = { action: how === 'toMe' ? 'claim' : how, user };
    if (how === 'toUser' || how === 'toGroup') entry.to = firstValue(ctx.query[how]);
    task.history.push(entry);
    sendTask(ctx, fmt, task);
  }

  function finish(ctx, fmt, task, action) {
    if (task.status === 'Closed') return notNow(ctx, fmt, task, action);
    const user = store.userOf(ctx);
    if (task.owner !== user) {
      return bpmError(ctx, 401, fmt, {
        errorNumber: 'CWTBG0549E',
        message: `You are not authorized to perform the '${action}' action.`,
        params: [action],
      });
    }
    const inst = store.instance(task.piid);
    const values = mergeParams(ctx, fmt, inst.bpd, inst.values);
    if (values === null) return;
    const now = bpmTimestamp();
    inst.values = values;
    inst.lastModificationTime = now;
    Object.assign(task, { status: 'Closed', state: 'STATE_FINISHED', completionTime: now });
    task.history.push({ action: 'finish', user });
    if (task.step + 1 < inst.bpd.steps.length) store.reach(inst, task.step + 1, now);
    else store.complete(inst, now);
    sendTask(ctx, fmt, task);
  }

  // -- GET and PUT /task/{tkiid} ---------------------------------------------------------

  function task(ctx, fmt, tkiid, method) {
    const found = store.task(tkiid);
    const action = firstValue(ctx.query.action);
    if (method === 'PUT' && !['assign', 'finish', 'complete'].includes(action)) {
      const named = typeof action === 'string' ? action : '';
      return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0547E',
        message: `The action '${named}' is not valid. Valid actions are assign, finish, complete.`,
        params: [named],
      });
    }
    if (found) {
      if (method !== 'PUT') return sendTask(ctx, fmt, found);
      if (action === 'assign') return assign(ctx, fmt, found);
      return finish(ctx, fmt, found, action);
    }
    if (sharedKey(ctx, fmt, tkiid, `task ${tkiid}`, method === 'PUT' ? action : null)) return;
    // Scenario keys: a copy of the built-in open task under the key, finished for a finish.
    const keyTask = () => {
      const t = Object.assign({}, store.task(pf.BUILTIN_TASK_IDS[1]), { tkiid });
      if (method === 'PUT' && action !== 'assign')
        Object.assign(t, { status: 'Closed', state: 'STATE_FINISHED', owner: store.userOf(ctx) });
      if (method === 'PUT' && action === 'assign') Object.assign(t, { state: 'STATE_CLAIMED', owner: store.userOf(ctx) });
      return t;
    };
    const api = keyApi(
      ctx,
      fmt,
      () => sendTask(ctx, fmt, keyTask()),
      () => store.renderTask(keyTask(), true),
      (extra) => Object.assign(store.renderTask(keyTask(), true), extra),
      TASK_ATTRS,
    );
    if (scenarios.run(ctx, tkiid, 1, api)) return;
    return badId(ctx, fmt, 'task', tkiid);
  }

  return { task };
}

module.exports = { bpmTaskResources };
