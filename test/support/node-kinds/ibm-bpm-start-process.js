'use strict';
// The row of ibm-bpm-start-process in the table of node kinds (index.js).
const { startProcessFlow } = require('../flows');
const { paramsOf } = require('../ibm-bpm-tasks');
const { HIRING_BPD, INTERNAL_BPD, PROCESS_APP } = require('../../simulator/ibm-bpm-process-fixtures');
const { NOT_WLE_JSON, WLE_ERRORS, COMMON_CODES, literal } = require('./shared');

module.exports = {
  type: 'ibm-bpm-start-process',
  server: 'bpm',
  errorBody: 'wle',
  label: 'start process',
  tip: 'Starts an instance of an IBM BPM business process definition',
  codes: [...COMMON_CODES, 'CONFLICT'],
  help: {
    properties: ['payload', 'instanceId', 'taskId', 'statusCode'],
    words: ['action=start', 'bpdId', 'processAppId', 'snapshotId', 'params', 'X-HTTP-Method-Override'],
    shown: [
      /Starts an instance of an IBM BPM business process definition/,
      /POST \{base\}\/process\?action=start/,
      /msg\.instanceId|instanceId/,
      /taskId/,
      /statusCode/,
      /X-HTTP-Method-Override/,
      /no variables are sent/,
    ],
  },
  // The key is the bpdId, of the simulator's process app.
  flow: (sim, props, server, extra) =>
    startProcessFlow(
      sim,
      { bpdId: 'payload', bpdIdType: 'msg', processAppId: PROCESS_APP.processAppID, processAppIdType: 'str', ...props },
      server,
      extra,
    ),
  message: (key) => ({ payload: key }),
  request: {
    method: 'POST',
    segments: () => ['process'],
    query: (key) => ({ action: 'start', bpdId: key, processAppId: PROCESS_APP.processAppID, parts: 'all' }),
  },
  reads: false,
  changes: true,
  valid: HIRING_BPD.bpdId,
  outputs: 1,
  // A scenario key starts the hiring process too.
  success(out) {
    out.should.have.length(1);
    const [msg] = out;
    msg.payload.should.match({ processTemplateID: HIRING_BPD.bpdId, state: 'STATE_RUNNING', tasks: [{ status: 'Received' }] });
    msg.instanceId.should.equal(msg.payload.piid).and.be.a.String();
    msg.taskId.should.equal(msg.payload.tasks[0].tkiid);
    msg.statusCode.should.equal(200);
  },
  one: HIRING_BPD.bpdId,
  quiet: null,
  // An empty bpdId: a query value may be `..`.
  invalid: ' ',
  doing: (key) => new RegExp(`^Starting process\\W+${literal(key)}\\W`),
  serverErrors: [
    ['abc', 400, 'BAD_REQUEST', 'CWTBG0554E', ['abc', 'bpdId']],
    ['forbidden', 401, 'UNAUTHORIZED', 'CWTBG0549E'],
    ['25.0badc0de', 404, 'NOT_FOUND', 'CWTBG0047E'],
    [INTERNAL_BPD.bpdId, 409, 'CONFLICT', 'CWTBG0587E'],
    WLE_ERRORS.serverError,
  ],
  malformed: { ...NOT_WLE_JSON, 'no-piid': ['a 200 whose instance has no piid', 200, 'INVALID_RESPONSE'] },
  otherSuccess: [202, 204],
  variants: [['', {}]],
  // Its other query values are ids the server checks (processAppId, snapshotId) and the variables as
  // JSON (params): the node's own tests send them; the key itself travels as a query value.
  queryValues: [],
  // A bpdId without its prefix "25.": 400, whose parameters name the parameter too.
  unknownId: ['BAD_REQUEST', 400],
  objects: {
    props: { variables: 'built', variablesType: 'msg' },
    built: '{ comments: "built in a Function node", approved: true, requisition: { reqNum: "R-7", headcount: 2 }, skills: ["SQL", "CRM"] }',
    sent: (sim) =>
      paramsOf(sim.requests[0]).should.eql({
        comments: 'built in a Function node',
        approved: true,
        requisition: { reqNum: 'R-7', headcount: 2 },
        skills: ['SQL', 'CRM'],
      }),
  },
};
