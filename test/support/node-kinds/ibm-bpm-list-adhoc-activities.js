'use strict';
// The row of ibm-bpm-list-adhoc-activities in the table of node kinds (index.js).
const { listFlow } = require('../flows');
const { SEED_ACTIVITIES } = require('../../simulator/fixtures');
const { COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-list-adhoc-activities',
  server: 'bpm',
  errorBody: 'wle',
  label: 'list ad-hoc activities',
  tip: 'Lists the ad-hoc activities of an IBM BPM process instance',
  codes: [...COMMON_CODES, 'NOT_ACCEPTABLE'],
  counted: { key: 'activities', none: 'noActivities', words: { 'en-US': ['activity', 'activities'], de: ['Aktivität', 'Aktivitäten'] } },
  flow: (sim, props, server, extra) => listFlow(sim, props, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'GET', segments: (key) => ['process', key, 'adHocActivities'], query: {} },
  reads: true,
  valid: '102',
  outputs: 2,
  success(out, key = '102') {
    out.map((m) => m.payload).should.eql(SEED_ACTIVITIES);
    out.forEach((m) => m.instanceId.should.equal(key));
  },
  one: '101',
  quiet: '100',
  doing: (key) => new RegExp(`^Listing the ad-hoc activities of process instance\\W+${literal(key)}\\W`),
  serverErrors: [
    ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
    ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
    ['99999', 404, 'NOT_FOUND', 'CWTBG0059E'],
    ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E', []],
  ],
  malformed: {
    'login-page': ['a 200 HTML login page', 200, 'INVALID_RESPONSE'],
    truncated: ['a 200 with a truncated document', 200, 'INVALID_RESPONSE'],
    'wrong-type': ['a 200 with text/plain', 200, 'INVALID_RESPONSE'],
    'no-activities': ['a 200 without the activities list', 200, 'INVALID_RESPONSE'],
  },
  otherSuccess: [202],
  variants: [
    ['in JSON', { format: 'json' }],
    ['in XML', { format: 'xml' }],
  ],
  queryValues: [],
};
