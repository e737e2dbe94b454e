'use strict';

// IBM BPM's task list query, the queue of the user a request authenticates as:
//   GET /tasks/query/{query}?interactionFilter=ASSESS_AVAILABLE|WORK_ON|ASSESS_AND_WORK_ON|CHECK_COMPLETED|BROWSE_ALL
//       [&size=N (default 25)][&offset=N (default 0)][&processAppName=NAME]
// over the simulator's tasks, in the order of their ids: ASSESS_AVAILABLE the open tasks nobody
// holds (every user is a member of every team here: the simulator knows no directory), WORK_ON
// the open tasks the user holds, CHECK_COMPLETED the closed tasks the user held, BROWSE_ALL every
// task. The answer is the WLE envelope with `items` (the query's attributes in capitals) and
// `totalCount`. The queries are IBM.DEFAULTALLTASKSLIST_75 and the saved query
// SAVED.MY_REVIEWS (the same tasks); another name is 404. Keys in the query's place: the
// shared scenario keys (many-N: N available tasks made up for the answer) and
//   no-items      a 200 whose data has no items list

const pf = require('./ibm-bpm-process-fixtures');
const { firstValue } = require('./http');
const { bpmError } = require('./ibm-bpm-documents');
const { sendData, keyApi } = require('./ibm-bpm-process-answers');

const QUERIES = ['IBM.DEFAULTALLTASKSLIST_75', 'SAVED.MY_REVIEWS'];
const FILTERS = ['ASSESS_AVAILABLE', 'WORK_ON', 'ASSESS_AND_WORK_ON', 'CHECK_COMPLETED', 'BROWSE_ALL'];
const DEFAULT_SIZE = 25;
const ATTRIBUTES = [
  'TKIID',
  'TAD_DISPLAY_NAME',
  'NAME',
  'PI_PIID',
  'PI_NAME',
  'PI_DISPLAY_NAME',
  'OWNER',
  'STATUS',
  'STATE',
  'PRIORITY',
  'DUE',
  'IS_AT_RISK',
  'ASSIGNED_TO_ROLE_DISPLAY_NAME',
  'PROCESS_APP_ACRONYM',
];
const DAY_MS = 24 * 60 * 60 * 1000;

// Whether task `task` (as the store keeps it) is in `user`'s queue for `filter`.
function selects(filter, task, user) {
  const open = task.status !== 'Closed';
  switch (filter) {
    case 'ASSESS_AVAILABLE':
      return open && task.owner === null;
    case 'WORK_ON':
      return open && task.owner === user;
    case 'ASSESS_AND_WORK_ON':
      return open && (task.owner === null || task.owner === user);
    case 'CHECK_COMPLETED':
      return !open && task.owner === user;
    default:
      return true;
  }
}

// A whole number from a query value, `fallback` when it is missing, null when it is not one.
function wholeNumber(value, fallback) {
  if (value === undefined) return fallback;
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

// The task list query of one simulator: `store` its instances and tasks, `scenarios` the shared keys.
function bpmTaskQueue({ store, scenarios }) {
  // One task as the query lists it.
  function item(task) {
    const instance = store.instance(task.piid);
    const step = instance.bpd.steps[task.step];
    return {
      TKIID: task.tkiid,
      TAD_DISPLAY_NAME: step.name,
      NAME: step.name,
      PI_PIID: task.piid,
      PI_NAME: `${instance.bpd.name}:${instance.piid}`,
      PI_DISPLAY_NAME: `${instance.bpd.name}:${instance.piid}`,
      OWNER: task.owner,
      STATUS: task.status,
      STATE: task.state,
      PRIORITY: 30,
      DUE: new Date(Date.parse(task.activationTime) + DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      IS_AT_RISK: false,
      ASSIGNED_TO_ROLE_DISPLAY_NAME: task.group,
      PROCESS_APP_ACRONYM: pf.PROCESS_APP.processAppAcronym,
    };
  }

  function answer(name, items, offset, requested, total) {
    return {
      identifier: name,
      query: name,
      entityTypeName: 'TASK',
      attributeInfo: ATTRIBUTES.map((attr) => ({
        name: attr,
        type: attr === 'PRIORITY' ? 'Integer' : attr === 'IS_AT_RISK' ? 'Boolean' : 'String',
      })),
      offset,
      size: items.length,
      requestedSize: requested,
      totalCount: total,
      countLimitExceeded: false,
      countLimit: 0,
      items,
    };
  }

  // GET /tasks/query/{name}
  function query(ctx, fmt, name) {
    const q = (key) => firstValue(ctx.query[key]);
    const invalid = (param, value) =>
      bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0553E',
        message: `The value '${value}' of the parameter ${param} is not valid.`,
        params: [value, param],
      });
    const filter = q('interactionFilter') === undefined ? 'ASSESS_AND_WORK_ON' : q('interactionFilter');
    if (!FILTERS.includes(filter)) return invalid('interactionFilter', filter);
    const size = wholeNumber(q('size'), DEFAULT_SIZE);
    if (size === null) return invalid('size', q('size'));
    const offset = wholeNumber(q('offset'), 0);
    if (offset === null) return invalid('offset', q('offset'));
    const app = q('processAppName');
    const user = store.userOf(ctx);
    const listed = () => {
      const matching = [];
      for (const task of store.allTasks()) {
        if (app !== undefined && app !== pf.PROCESS_APP.processAppName) continue;
        if (selects(filter, task, user)) matching.push(task);
      }
      matching.sort((a, b) => Number(a.tkiid) - Number(b.tkiid));
      return answer(name, matching.slice(offset, offset + size).map(item), offset, size, matching.length);
    };
    if (QUERIES.includes(name)) return sendData(ctx, fmt, listed(), '');
    if (name === 'no-items') {
      const { items: _items, ...withoutItems } = listed();
      return sendData(ctx, fmt, withoutItems, '');
    }
    const api = keyApi(
      ctx,
      fmt,
      () => sendData(ctx, fmt, listed(), ''),
      listed,
      (extra) => Object.assign(listed(), extra),
      '',
    );
    // many-N: N available tasks, made up for the answer.
    api.many = (n) => {
      const base = item(store.task(pf.BUILTIN_TASK_IDS[1]));
      const items = new Array(n);
      for (let i = 0; i < n; i++) items[i] = Object.assign({}, base, { TKIID: String(1000000 + i), PI_PIID: String(500000 + i) });
      sendData(ctx, fmt, answer(name, items, 0, n, n), '');
    };
    if (scenarios.run(ctx, name, 2, api)) return;
    return bpmError(ctx, 404, fmt, {
      errorNumber: 'CWTBG0059E',
      message: `The task list query ${name} does not exist.`,
      params: [name],
    });
  }

  return { query };
}

module.exports = { bpmTaskQueue };
