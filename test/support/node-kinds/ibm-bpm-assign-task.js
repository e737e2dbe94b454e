'use strict';
// The row of ibm-bpm-assign-task in the table of node kinds (index.js).
const { assignTaskFlow } = require('../flows');
const { CLOSED_BPM_TASK, NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-assign-task',
  server: 'bpm',
  errorBody: 'wle',
  label: 'assign task',
  tip: 'Claims an IBM BPM task',
  codes: [...COMMON_CODES, 'CONFLICT'],
  help: {
    properties: ['payload', 'taskId', 'statusCode'],
    words: ['action=assign&amp;toMe=true&amp;parts=all', 'back=true', 'toUser', 'toGroup', 'CWTBG0549E', 'drop'],
    shown: [
      /Claims an IBM BPM task/,
      /action=assign&toMe=true&parts=all/,
      /back=true/,
      /toGroup/,
      /CWTBG0549E/,
      /taken by others/,
      /statusCode/,
    ],
  },
  // To me, as the node's default: a claim.
  flow: (sim, props, server, extra) => assignTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'PUT', segments: (key) => ['task', key], query: { action: 'assign', toMe: 'true', parts: 'all' } },
  reads: false,
  changes: true,
  // A scenario key stands for an open task that is always there: claimed for the user.
  valid: 'ok-after-redirect',
  outputs: 1,
  success(out, key = 'ok-after-redirect') {
    out.should.have.length(1);
    out[0].taskId.should.equal(key);
    out[0].payload.should.match({ tkiid: key, state: 'STATE_CLAIMED', status: 'Received' });
    out[0].statusCode.should.equal(200);
  },
  one: 'ok-after-redirect',
  quiet: null,
  doing: (key) => new RegExp(`^Claiming task\\W+${literal(key)}\\W`),
  // A claim refused with 401 reads the task, which refuses the read too: the refusal stands.
  serverErrors: [
    WLE_ERRORS.badId,
    ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['assign']],
    WLE_ERRORS.unknown,
    [CLOSED_BPM_TASK, 409, 'CONFLICT', 'CWTBG0014E'],
    WLE_ERRORS.serverError,
  ],
  malformed: NOT_WLE_JSON,
  otherSuccess: [202, 204],
  variants: [['', {}]],
  // Its query values are fixed but for a user or group to assign to, which the node's own tests send.
  queryValues: [],
};
