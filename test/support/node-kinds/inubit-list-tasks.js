'use strict';
// The row of inubit-list-tasks in the table of node kinds (index.js).
const { listTasksFlow } = require('../flows');
const { accountTasks } = require('../../simulator/inubit-task-fixtures');
const { NOT_INUBIT_XML, STATUS_KEY_ERRORS, COMMON_CODES } = require('./shared');

module.exports = {
  type: 'inubit-list-tasks',
  server: 'inubit',
  errorBody: 'inubit',
  label: 'list tasks',
  tip: 'Lists the tasks of an inubit user',
  codes: [...COMMON_CODES],
  help: {
    shown: [
      /Lists the tasks of an inubit user/,
      /GET \{base\}\/task\/tasks/,
      /parts/,
      /taskId/,
      /total/,
      /N new of M/,
      /1,000/,
      /redeploy/,
    ],
  },
  counted: { key: 'tasks', none: 'noTasks', words: { 'en-US': ['task', 'tasks'], de: ['Aufgabe', 'Aufgaben'] }, newOf: true },
  // The list is the signed-in user's: the key travels as the simulator's own query parameter `scenario`.
  flow: (sim, props, server, extra) => listTasksFlow(sim, { query: 'payload', queryType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: { scenario: key } }),
  request: { method: 'GET', segments: () => ['task', 'tasks'], query: (key) => ({ scenario: key }) },
  reads: true,
  // Not a scenario key: the account's own list.
  valid: 'account',
  outputs: accountTasks().length,
  success(out) {
    out.map((m) => m.payload.id).should.eql(accountTasks().map((t) => t.id));
    out.forEach((m) => {
      m.taskId.should.equal(m.payload.id);
      m.total.should.equal(accountTasks().length);
    });
  },
  one: 'many-1',
  quiet: 'many-0',
  failing: 'status-500',
  invalid: ['not', 'text'],
  doing: () => /^Listing the tasks\W/,
  serverErrors: STATUS_KEY_ERRORS,
  malformed: NOT_INUBIT_XML,
  otherSuccess: [202, 204],
  variants: [['', {}]],
  queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
  idFrom: (text) => text,
  objects: {
    props: { query: 'built', queryType: 'msg' },
    built: '{ start: 0, count: 50, skipped: null }',
    sent: (sim) => sim.requests[0].query.should.eql({ start: '0', count: '50' }),
  },
};
