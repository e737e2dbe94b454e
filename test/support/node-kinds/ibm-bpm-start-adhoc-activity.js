'use strict';
// The row of ibm-bpm-start-adhoc-activity in the table of node kinds (index.js).
const { startActivityFlow } = require('../flows');
const { COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-start-adhoc-activity',
  server: 'bpm',
  errorBody: 'wle',
  label: 'start ad-hoc activity',
  tip: 'Starts an ad-hoc activity of an IBM BPM process instance',
  codes: [...COMMON_CODES, 'CONFLICT'],
  help: { shown: [/Starts an ad-hoc activity/, /ACTION_START_ACTIVITY/, /assignTo/, /payload\.id/, /taskId/, /ready/i] },
  flow: (sim, props, server, extra) => startActivityFlow(sim, { activityId: 'payload', activityIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'PUT', segments: (key) => ['activity', key], query: { action: 'ACTION_START_ACTIVITY' } },
  reads: false,
  changes: true,
  valid: '2118.fine',
  outputs: 1,
  success(out, key = '2118.fine') {
    out.should.have.length(1);
    out[0].activityId.should.equal(key);
    out[0].payload.should.match({ id: key, executionState: 'WORKING' });
    out[0].taskId.should.equal(out[0].payload.taskId);
    out[0].statusCode.should.equal(200);
  },
  one: '2118.one',
  quiet: null,
  doing: (key) => new RegExp(`^Starting ad-hoc activity\\W+${literal(key)}\\W`),
  serverErrors: [
    ['not-startable', 400, 'BAD_REQUEST', 'CWTBG0548E'],
    ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
    ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
    ['unknown-activity', 404, 'NOT_FOUND', 'CWTBG0059E'],
    ['conflict', 409, 'CONFLICT', 'CWTBG0550E'],
    ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E', ['server-error']],
    ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
  ],
  malformed: {
    'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
    truncated: ['a 200 with truncated JSON', 200, 'INVALID_RESPONSE'],
    'wrong-type': ['a 200 that is not JSON', 200, 'INVALID_RESPONSE'],
    'no-data': ['a 200 without data', 200, 'INVALID_RESPONSE'],
    'data-not-object': ['a 200 whose data is not an object', 200, 'INVALID_RESPONSE'],
  },
  otherSuccess: [202, 204],
  variants: [['', {}]],
  queryValues: [['assignTo', { assignTo: 'value', assignToType: 'msg' }]],
  idFrom: (text) => `2118.${text}`,
};
