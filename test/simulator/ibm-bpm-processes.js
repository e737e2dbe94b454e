'use strict';

// IBM BPM's processes and tasks, below the REST root:
//   GET  /exposed/process                                 the BPDs exposed to start
//   POST /process?action=start&bpdId=25.…&processAppId=2066.…|snapshotId=2064.…[&params={…}]&parts=all
//   POST /process?action=sendMessage&message=<eventmsg>…                 an event message (ibm-bpm-events.js)
//   GET  /process/{piid}?parts=all                        an instance with all its tasks
//   GET  /task/{tkiid}?parts=all                          a task with data.variables
//   PUT  /task/{tkiid}?action=assign&toMe=true|back=true|toUser=U|toGroup=G[&parts=none]
//   PUT  /task/{tkiid}?action=finish|complete[&params={…}]&parts=all
//   GET  /tasks/query/{query}?interactionFilter=…&size=…&offset=…    the user's task queue (ibm-bpm-task-queue.js)
// Starts, claims and finishes change the instances and tasks until reset(). Variables are
// checked against the BPD's declarations (ibm-bpm-process-fixtures.js); business objects are
// answered with "@metadata", lists as {selected, items}. The shared scenario keys work as
// piid, tkiid and bpdId (a redirect of a start leads to the same query with the bpdId
// ok-after-redirect). Keys of these resources themselves, in the same places:
//   forbidden     403 CWTBG0549E for a read; 401 CWTBG0549E for an action (start, assign, finish)
//   server-error  500 CWTBG0019E with the server's stack trace
//   no-data       a 200 without data (for a claim with parts=none that is its usual answer)
//   no-piid       a start: a 200 whose instance has no piid
//   no-tasks      an instance: a 200 whose instance has no tasks list
// Here the process resources; the task resources are in ibm-bpm-tasks.js, the instances and
// tasks both share in ibm-bpm-process-store.js.

const pf = require('./ibm-bpm-process-fixtures');
const { firstValue } = require('./http');
const { bpmError } = require('./ibm-bpm-documents');
const { mergeParams } = require('./ibm-bpm-variables');
const { FIRST_TKIID, processStore } = require('./ibm-bpm-process-store');
const { bpmTaskResources } = require('./ibm-bpm-tasks');
const { bpmEvents } = require('./ibm-bpm-events');
const { bpmTaskQueue } = require('./ibm-bpm-task-queue');
const { EXPOSED_ATTRS, INSTANCE_ATTRS, sendData, sharedKey, badId, keyApi } = require('./ibm-bpm-process-answers');

// The processes and tasks of one simulator: `sim` for its user name, `scenarios` the shared keys.
function bpmProcesses({ sim, scenarios }) {
  const store = processStore({ sim });
  const { task } = bpmTaskResources({ store, scenarios });
  const events = bpmEvents({ store, scenarios });
  const { query: queue } = bpmTaskQueue({ store, scenarios });
  const { newInstance, renderInstance, renderTask, userOf } = store;

  // -- GET /exposed/process -------------------------------------------------------

  function exposed(ctx, fmt) {
    sendData(ctx, fmt, { exposedItemsList: pf.EXPOSED_PROCESSES }, EXPOSED_ATTRS);
  }

  // -- POST /process?action=start -------------------------------------------------

  function start(ctx, fmt) {
    const q = (name) => {
      const v = firstValue(ctx.query[name]);
      return typeof v === 'string' && v !== '' ? v : null;
    };
    const invalid = (errorNumber, message, params) => bpmError(ctx, 400, fmt, { errorNumber, message, params });
    const action = q('action');
    if (action === 'sendMessage') return events.send(ctx, fmt);
    if (action !== 'start') {
      return invalid('CWTBG0547E', `The action '${action || ''}' is not valid. Valid actions are start, sendMessage.`, [action || '']);
    }
    const bpdId = q('bpdId');
    if (bpdId === null) return invalid('CWTBG0023E', 'The parameter bpdId is required.', ['bpdId']);
    const appId = q('processAppId');
    const snapshotId = q('snapshotId');
    const branchId = q('branchId');
    if (appId === null && snapshotId === null && branchId === null) {
      return invalid('CWTBG0022E', 'Either a snapshot, a branch or a process application is required.', []);
    }
    for (const [name, value, prefix] of [
      ['processAppId', appId, '2066.'],
      ['snapshotId', snapshotId, '2064.'],
      ['branchId', branchId, '2063.'],
    ]) {
      if (value !== null && !value.startsWith(prefix)) {
        return invalid('CWTBG0554E', `The value '${value}' of ${name} does not start with ${prefix}`, [value, name]);
      }
    }
    const app = pf.PROCESS_APP;
    const archived = snapshotId === pf.ARCHIVED_SNAPSHOT_ID;
    const known =
      (appId === null || appId === app.processAppID) &&
      (branchId === null || branchId === app.branchID) &&
      (snapshotId === null || snapshotId === app.snapshotID || archived);
    if (!known) {
      const value = appId !== null && appId !== app.processAppID ? appId : snapshotId !== null ? snapshotId : branchId;
      return invalid('CWTBG0012E', `The process application, branch or snapshot '${value}' is not valid.`, [value]);
    }

    const bpd = pf.BPDS.find((b) => b.bpdId === bpdId);
    if (!bpd) {
      // The keys start the hiring process.
      const hiring = pf.HIRING_BPD;
      const newHiring = () => newInstance(hiring, Object.assign({}, hiring.defaults), userOf(ctx));
      if (sharedKey(ctx, fmt, bpdId, `the business process definition ${bpdId}`, 'start')) return;
      if (bpdId === 'no-piid') {
        const { piid: _piid, ...withoutPiid } = renderInstance(newHiring());
        return sendData(ctx, fmt, withoutPiid, INSTANCE_ATTRS);
      }
      const doStart = () => {
        const values = mergeParams(ctx, fmt, hiring, hiring.defaults);
        if (values !== null) sendData(ctx, fmt, renderInstance(newInstance(hiring, values, userOf(ctx))), INSTANCE_ATTRS);
      };
      const api = keyApi(
        ctx,
        fmt,
        doStart,
        () => renderInstance(newHiring()),
        (extra) => renderInstance(newHiring(), extra),
        INSTANCE_ATTRS,
      );
      // The key is a query value: a redirect leads to the same query with the bpdId ok-after-redirect.
      if (scenarios.run(ctx, bpdId, 'bpdId', api)) return;
      if (!/^25\.[0-9a-f-]+$/.test(bpdId)) {
        return invalid('CWTBG0554E', `The value '${bpdId}' of bpdId does not start with 25.`, [bpdId, 'bpdId']);
      }
      return bpmError(ctx, 404, fmt, {
        errorNumber: 'CWTBG0047E',
        message: `The business process definition with the ID ${bpdId} was not found.`,
        params: [bpdId],
      });
    }
    if (!bpd.exposed && bpd.exposedTo) {
      return bpmError(ctx, 401, fmt, {
        errorNumber: 'CWTBG0549E',
        message: "You are not authorized to perform the 'start' action.",
        params: ['start'],
      });
    }
    if (!bpd.exposed) {
      return bpmError(ctx, 409, fmt, {
        errorNumber: 'CWTBG0587E',
        message: `The business process definition ${bpd.name} (${bpdId}) is not exposed to start.`,
        params: [bpd.name, bpdId],
      });
    }
    if (archived) {
      return bpmError(ctx, 409, fmt, {
        errorNumber: 'CWTBG0586E',
        message: `The snapshot ${snapshotId} is archived: ${bpd.name} cannot be started from it.`,
        params: [snapshotId, bpd.name],
      });
    }
    const values = mergeParams(ctx, fmt, bpd, bpd.defaults);
    if (values === null) return;
    sendData(ctx, fmt, renderInstance(newInstance(bpd, values, userOf(ctx))), INSTANCE_ATTRS);
  }

  // -- GET /process/{piid} ----------------------------------------------------------

  function instance(ctx, fmt, piid) {
    const found = store.instance(piid);
    if (found) return sendData(ctx, fmt, renderInstance(found), INSTANCE_ATTRS);
    if (sharedKey(ctx, fmt, piid, `process instance ${piid}`, null)) return;
    const builtin = () => store.instance(pf.BUILTIN_PIID);
    if (piid === 'no-tasks') {
      const { tasks: _tasks, ...withoutTasks } = renderInstance(builtin());
      return sendData(ctx, fmt, withoutTasks, INSTANCE_ATTRS);
    }
    const api = keyApi(
      ctx,
      fmt,
      () => sendData(ctx, fmt, renderInstance(builtin()), INSTANCE_ATTRS),
      () => renderInstance(builtin()),
      (extra) => renderInstance(builtin(), extra),
      INSTANCE_ATTRS,
    );
    // many-N: an instance with N open tasks.
    api.many = (n) => {
      const base = builtin();
      const open = renderTask(store.task(base.taskIds[1]), false);
      const list = new Array(n);
      for (let i = 0; i < n; i++) {
        list[i] = Object.assign({}, open, {
          tkiid: String(FIRST_TKIID + 1000000 + i),
          name: `${open.name} ${i + 1}`,
          displayName: `${open.name} ${i + 1}`,
        });
      }
      sendData(ctx, fmt, renderInstance(base, { tasks: list }), INSTANCE_ATTRS);
    };
    if (scenarios.run(ctx, piid, 1, api)) return;
    return badId(ctx, fmt, 'process instance', piid);
  }

  function checkTask(tkiid) {
    const t = store.task(String(tkiid));
    if (!t) throw new RangeError(`no task ${tkiid}`);
    return t;
  }

  return {
    exposed,
    start,
    instance,
    task,
    queue,
    // The tasks of instance `piid` as GET /process/{piid} lists them, or null.
    tasksOf(piid) {
      const inst = store.instance(String(piid));
      return inst ? inst.taskIds.map((id) => renderTask(store.task(id), false)) : null;
    },
    // Task `tkiid` with its variables, or null.
    taskOf(tkiid) {
      const t = store.task(String(tkiid));
      return t ? renderTask(t, true) : null;
    },
    // Starts `count` instances of `bpd` (the hiring process) with its default variables, as
    // `user` would: [{ piid, tkiid }], tkiid the open first task of each, nobody's yet.
    startHiring(count, user, bpd = pf.HIRING_BPD) {
      const out = new Array(count);
      for (let i = 0; i < count; i++) {
        const inst = newInstance(bpd, Object.assign({}, bpd.defaults), user);
        out[i] = { piid: inst.piid, tkiid: inst.taskIds[0] };
      }
      return out;
    },
    // What happened to task `tkiid`: its assignments and its finish, oldest first.
    historyOf(tkiid) {
      return checkTask(tkiid).history.map((entry) => Object.assign({}, entry));
    },
    // Makes `user` the owner of an open task (null: back to its team).
    claim(tkiid, user) {
      const t = checkTask(tkiid);
      t.owner = user === null ? null : String(user);
      t.state = user === null ? 'STATE_READY' : 'STATE_CLAIMED';
      t.history.push({ action: user === null ? 'back' : 'claim', user: user === null ? null : String(user) });
    },
    // The event messages accepted since the last reset, oldest first: { processApp, snapshot, ucaName, event, queue, parameters: [[key, value], …] }.
    eventMessages: events.received,
    reset() {
      store.reset();
      events.reset();
    },
  };
}

module.exports = { bpmProcesses };
