'use strict';
// The row of ibm-bpm-send-message in the table of node kinds (index.js).
const { sendMessageFlow } = require('../flows');
const { xmlEscape } = require('../../simulator/xml');
const { PROCESS_APP } = require('../../simulator/ibm-bpm-process-fixtures');
const { NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-send-message',
  server: 'bpm',
  errorBody: 'wle',
  label: 'send message',
  tip: 'Sends an event message to IBM BPM',
  codes: [...COMMON_CODES],
  help: {
    properties: ['payload', 'statusCode'],
    words: ['action=sendMessage', '&lt;eventmsg&gt;', 'ucaname', 'CDATA', ']]&gt;', 'application/x-www-form-urlencoded', 'null'],
    shown: [
      /Sends an event message to IBM BPM/,
      /POST \{base\}\/process/,
      /action=sendMessage&message=/,
      /<eventmsg>/,
      /CDATA/,
      /never put in the URL/,
      /statusCode/,
    ],
  },
  // The key is the event name, to the simulator's process app; no parameters.
  flow: (sim, props, server, extra) => sendMessageFlow(sim, { event: 'payload', eventType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  // The query travels as a form body; the simulator's record holds it in `query` as for a URL.
  request: {
    method: 'POST',
    segments: () => ['process'],
    query: (key) => ({
      action: 'sendMessage',
      message: `<eventmsg><event processApp="${PROCESS_APP.processAppAcronym}">${xmlEscape(key)}</event></eventmsg>`,
    }),
  },
  reads: false,
  changes: true,
  // An event no UCA takes is accepted all the same: the Event Manager answers before it looks.
  valid: 'PAYMENT_RECEIVED',
  outputs: 1,
  success(out, key = 'PAYMENT_RECEIVED') {
    out.should.have.length(1);
    out[0].payload.should.equal(key);
    out[0].statusCode.should.equal(200);
    out[0].should.not.have.properties('instanceId', 'taskId');
  },
  one: 'PAYMENT_RECEIVED',
  quiet: null,
  invalid: ' ',
  doing: (key) => new RegExp(`^Sending event message\\W+${literal(key)}\\W+to process app\\W+${PROCESS_APP.processAppAcronym}\\W`),
  serverErrors: [['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E', ['sendMessage']], WLE_ERRORS.serverError],
  // The server's confirmation is a 200 with the JSON envelope (or nothing): a `data` is not needed.
  malformed: { 'login-page': NOT_WLE_JSON['login-page'], truncated: NOT_WLE_JSON.truncated, 'wrong-type': NOT_WLE_JSON['wrong-type'] },
  otherSuccess: [202, 204],
  variants: [['', {}]],
  queryValues: [],
  idFrom: (text) => text,
  objects: {
    props: { parameters: 'built', parametersType: 'msg' },
    built: '{ orderNumber: "ORD-4711", amount: 12.5, paid: true, note: null }',
    sent: (sim) =>
      sim.bpmEventMessages()[0].parameters.should.eql([
        ['orderNumber', 'ORD-4711'],
        ['amount', '12.5'],
        ['paid', 'true'],
        ['note', ''],
      ]),
  },
};
