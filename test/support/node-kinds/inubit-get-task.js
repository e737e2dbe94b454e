'use strict';
// The row of inubit-get-task in the table of node kinds (index.js).
const { getTaskFlow } = require('../flows');
const { ACCOUNT_TASK, LOCKED_TASK, ACCOUNT_TASK_PAYLOAD, NOT_INUBIT_XML, STATUS_KEY_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'inubit-get-task',
  server: 'inubit',
  errorBody: 'inubit',
  label: 'get task',
  tip: 'Reads one task of an inubit user',
  codes: [...COMMON_CODES, 'LOCKED'],
  help: { shown: [/Reads one task/, /msg\.taskId/, /GET \{base\}\/task\/data\/\{taskId\}/, /submitters/, /empty body/, /423/] },
  flow: (sim, props, server, extra) => getTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'GET', segments: (key) => ['task', 'tasks', key], query: {} },
  reads: true,
  valid: ACCOUNT_TASK.id,
  outputs: 1,
  success(out, key = ACCOUNT_TASK.id) {
    out.should.have.length(1);
    out[0].taskId.should.equal(key);
    // A scenario key stands for a task of that id; a redirect leads to the task of its target.
    out[0].payload.id.should.equal(key === 'redirect-same' ? 'ok-after-redirect' : key);
    if (key === ACCOUNT_TASK.id) out[0].payload.should.eql(ACCOUNT_TASK_PAYLOAD);
    else out[0].payload.should.have.properties('name', 'units', 'fields');
  },
  one: ACCOUNT_TASK.id,
  quiet: null,
  failing: 'status-500',
  doing: (key) => new RegExp(`^Reading task\\W+${literal(key)}\\W`),
  serverErrors: [[LOCKED_TASK.id, 423, 'LOCKED'], ...STATUS_KEY_ERRORS],
  malformed: NOT_INUBIT_XML,
  otherSuccess: [202, 204],
  variants: [['', {}]],
  queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
  // inubit's "no such task for this user": a 200 with an empty body.
  unknownId: ['NOT_FOUND', 200],
};
