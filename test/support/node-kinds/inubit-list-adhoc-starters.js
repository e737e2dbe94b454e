'use strict';
// The row of inubit-list-adhoc-starters in the table of node kinds (index.js).
const { startersFlow } = require('../flows');
const { INUBIT_STARTERS } = require('../../simulator/fixtures');
const { NOT_INUBIT_XML, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'inubit-list-adhoc-starters',
  server: 'inubit',
  errorBody: 'inubit',
  label: 'list ad-hoc starters',
  tip: 'Lists the ad-hoc starters that a user may run',
  codes: [...COMMON_CODES],
  help: { shown: [/Lists the ad-hoc starters/, /msg\.user/, /msg\.payload\.id/, /0 starters/, /lang/] },
  flow: (sim, props, server, extra) => startersFlow(sim, { user: 'payload', userType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'GET', segments: (key) => ['task', 'adhoc', key], query: {} },
  reads: true,
  valid: 'alice',
  outputs: INUBIT_STARTERS.length,
  success(out, key = 'alice') {
    out.map((m) => m.payload.id).should.eql(INUBIT_STARTERS.map((s) => s.id));
    out.forEach((m) => m.user.should.equal(key));
  },
  one: 'one-starter',
  quiet: 'no-starters',
  doing: (key) => new RegExp(`^Listing the ad-hoc starters of user\\W+${literal(key)}\\W`),
  serverErrors: [
    ['forbidden', 403, 'UNAUTHORIZED'],
    ['unknown-user', 404, 'NOT_FOUND'],
    ['server-error', 500, 'SERVER_ERROR'],
    ['maintenance', 503, 'SERVICE_UNAVAILABLE'],
  ],
  malformed: NOT_INUBIT_XML,
  otherSuccess: [202],
  variants: [['', {}]],
  queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
  idFrom: (text) => text,
};
