'use strict';
// The row of ibm-bpm-complete-task in the table of node kinds (index.js).
const { completeTaskFlow } = require('../flows');
const { paramsOf } = require('../ibm-bpm-tasks');
const { CLOSED_BPM_TASK, NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-complete-task',
  server: 'bpm',
  errorBody: 'wle',
  label: 'complete task',
  tip: 'Completes an IBM BPM task',
  codes: [...COMMON_CODES, 'CONFLICT'],
  help: {
    properties: ['payload', 'taskId', 'statusCode'],
    words: ['action=assign&amp;toMe=true', 'action=finish', '8.5.7', 'CWTBG0549E', 'params', 'X-HTTP-Method-Override'],
    shown: [
      /Completes an IBM BPM task/,
      /action=assign&toMe=true/,
      /action=finish/,
      /8\.5\.7/,
      /CWTBG0549E/,
      /CSRF/,
      /X-HTTP-Method-Override/,
      /statusCode/,
    ],
  },
  // With claim, as the node's default: a fault ends the message at the claim, and a success is
  // the claim and the finish, so every count of requests still says what was sent and repeated.
  flow: (sim, props, server, extra) =>
    completeTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', claim: true, ...props }, server, extra),
  message: (key) => ({ payload: key }),
  // The first request: the claim.
  request: { method: 'PUT', segments: (key) => ['task', key], query: { action: 'assign', toMe: 'true', parts: 'none' } },
  requestsPerMessage: 2,
  reads: false,
  changes: true,
  // A scenario key stands for an open task that is always there.
  valid: 'ok-after-redirect',
  outputs: 1,
  success(out, key = 'ok-after-redirect') {
    out.should.have.length(1);
    out[0].taskId.should.equal(key);
    out[0].payload.should.match({ tkiid: key, status: 'Closed', state: 'STATE_FINISHED' });
    out[0].statusCode.should.equal(200);
  },
  one: 'ok-after-redirect',
  quiet: null,
  // Every fault ends the claim, but for an answer without data: that is what a claim answers.
  doing: (key) => new RegExp(`^${key === 'no-data' ? 'Completing' : 'Claiming'} task\\W+${literal(key)}\\W`),
  serverErrors: [
    WLE_ERRORS.badId,
    ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['assign']],
    WLE_ERRORS.unknown,
    [CLOSED_BPM_TASK, 409, 'CONFLICT', 'CWTBG0014E'],
    WLE_ERRORS.serverError,
  ],
  malformed: { ...NOT_WLE_JSON, 'no-data': ['a 200 without the finished task', 200, 'INVALID_RESPONSE', 2] },
  otherSuccess: [202, 204],
  variants: [['', {}]],
  // Its query values are fixed but for the output variables (params), which the node's own tests send.
  queryValues: [],
  objects: {
    props: { variables: 'built', variablesType: 'msg' },
    built: '{ comments: "built in a Function node", approved: true, requisition: { reqNum: "R-7", headcount: 2 }, skills: ["SQL", "CRM"] }',
    // The second request: the finish.
    sent: (sim) =>
      paramsOf(sim.requests[1]).should.eql({
        comments: 'built in a Function node',
        approved: true,
        requisition: { reqNum: 'R-7', headcount: 2 },
        skills: ['SQL', 'CRM'],
      }),
  },
};
