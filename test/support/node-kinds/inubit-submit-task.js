'use strict';
// The row of inubit-submit-task in the table of node kinds (index.js).
const { submitTaskFlow } = require('../flows');
const { LOCKED_TASK, NOT_A_CREATED_TASK, STATUS_KEY_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'inubit-submit-task',
  server: 'inubit',
  errorBody: 'inubit',
  label: 'submit task',
  tip: 'Submits the form of an inubit task',
  codes: [...COMMON_CODES, 'LOCKED'],
  help: {
    shown: [
      /Submits the form of an inubit task/,
      /POST \{base\}\/task\/submit\/\{taskId\}/,
      /<Response submitter=/,
      /nextTaskId/,
      /204/,
      /submit\(value\)/,
      /refused connection/,
    ],
  },
  flow: (sim, props, server, extra) => submitTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg', ...props }, server, extra),
  message: (key) => ({ payload: key }),
  request: { method: 'POST', segments: (key) => ['task', 'submit', key], query: {} },
  reads: false,
  changes: true,
  // A scenario key stands for a task that is always there, whose button submits `value`: 204.
  valid: 'ok-after-redirect',
  outputs: 1,
  success(out, key = 'ok-after-redirect') {
    out.should.have.length(1);
    (out[0].payload === null).should.be.true();
    out[0].should.not.have.property('nextTaskId');
    out[0].taskId.should.equal(key);
    out[0].statusCode.should.equal(204);
  },
  one: 'ok-after-redirect',
  quiet: null,
  failing: 'status-500',
  doing: (key) => new RegExp(`^Submitting task\\W+${literal(key)}\\W`),
  serverErrors: [['nope', 404, 'NOT_FOUND'], [LOCKED_TASK.id, 423, 'LOCKED'], ...STATUS_KEY_ERRORS],
  malformed: NOT_A_CREATED_TASK,
  otherSuccess: [200, 202],
  variants: [['', {}]],
  queryValues: [['lang', { lang: 'value', langType: 'msg' }]],
  unknownId: ['NOT_FOUND', 404],
  objects: {
    props: { fields: 'built', fieldsType: 'msg' },
    built: '{ Kommentar: "ok", Betrag: 12, Freigabe: true, Positionen: ["a", 2], Leer: null }',
    sent: (sim) =>
      sim.requests[0].body.should.containEql(
        '<Panel><Kommentar>ok</Kommentar><Betrag>12</Betrag><Freigabe>true</Freigabe><Positionen>a</Positionen><Positionen>2</Positionen><Leer/></Panel>',
      ),
  },
};
