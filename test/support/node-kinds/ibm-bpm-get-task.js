'use strict';
// The row of ibm-bpm-get-task in the table of node kinds (index.js).
const { bpmGetTaskFlow } = require('../flows');
const { BUILTIN_PIID } = require('../../simulator/ibm-bpm-process-fixtures');
const { OPEN_BPM_TASK, NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-get-task',
  server: 'bpm',
  errorBody: 'wle',
  label: 'get task',
  tip: 'Reads one IBM BPM task',
  codes: [...COMMON_CODES],
  help: {
    properties: ['payload', 'taskId'],
    words: ['/task/{taskId}?parts=all', 'data.variables'],
    shown: [/Reads one IBM BPM task/, /GET \{base\}\/task\/\{taskId\}\?parts=all/, /data\.variables/, /msg\.taskId/],
  },
  flow: (sim, props, server, extra) => bpmGetTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'GET', segments: (key) => ['task', key], query: { parts: 'all' } },
  reads: true,
  valid: OPEN_BPM_TASK,
  outputs: 1,
  success(out, key = OPEN_BPM_TASK) {
    out.should.have.length(1);
    out[0].taskId.should.equal(key);
    // A scenario key stands for a copy of the open task under its id; a redirect leads to its target.
    out[0].payload.should.match({ tkiid: key === 'redirect-same' ? 'ok-after-redirect' : key, status: 'Received', piid: BUILTIN_PIID });
    out[0].payload.data.variables.should.have.properties('requisition', 'comments', 'approved', 'skills');
  },
  one: OPEN_BPM_TASK,
  quiet: null,
  doing: (key) => new RegExp(`^Reading task\\W+${literal(key)}\\W`),
  serverErrors: [WLE_ERRORS.badId, WLE_ERRORS.forbidden, WLE_ERRORS.unknown, WLE_ERRORS.serverError],
  malformed: NOT_WLE_JSON,
  otherSuccess: [202, 204],
  variants: [['', {}]],
  queryValues: [],
};
