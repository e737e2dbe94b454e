'use strict';
// The row of ibm-bpm-list-tasks in the table of node kinds (index.js).
const { bpmListTasksFlow } = require('../flows');
const { BUILTIN_PIID, FINISHED_PIID } = require('../../simulator/ibm-bpm-process-fixtures');
const { OPEN_BPM_TASK, NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
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
};
