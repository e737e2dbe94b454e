'use strict';
// The row of inubit-start-adhoc-process in the table of node kinds (index.js).
const { startFlow } = require('../flows');
const { NOT_A_CREATED_TASK, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'inubit-start-adhoc-process',
  server: 'inubit',
  errorBody: 'inubit',
  label: 'start ad-hoc process',
  tip: 'Starts an ad-hoc process',
  codes: [...COMMON_CODES],
  flow: (sim, props, server, extra) => startFlow(sim, { starterId: 'payload', starterIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'POST', segments: (key) => ['task', 'adhoc', 'alice', key], query: {} },
  reads: false,
  changes: true,
  valid: 'fine',
  outputs: 1,
  success(out) {
    out.should.have.length(1);
    out[0].payload.should.be.a.String().and.match(/^[0-9a-f-]{36}$/);
    out[0].taskId.should.equal(out[0].payload);
    out[0].statusCode.should.equal(201);
  },
  one: 'fine',
  quiet: 'no-task',
  doing: (key) => new RegExp(`^Starting ad-hoc process\\W+${literal(key)}\\W+for user\\W+alice\\W`),
  serverErrors: [
    ['forbidden', 403, 'UNAUTHORIZED'],
    ['unknown-starter', 404, 'NOT_FOUND'],
    ['server-error', 500, 'SERVER_ERROR'],
    ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
  ],
  malformed: NOT_A_CREATED_TASK,
  otherSuccess: [200, 202],
  variants: [['', {}]],
  queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
  idFrom: (text) => text,
};
