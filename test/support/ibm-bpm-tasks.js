'use strict';
// The IBM BPM process and task nodes' tests share these: requests to the simulated server made
// without the nodes (to start an instance or move a task on), the requests a node sent, and the
// clauses of the README's task variables that the start and the complete node both fulfil.
const path = require('path');
const should = require('should');
const { request } = require('./http');
const { run, caughtWith } = require('./flows');
const { HIRING_BPD, PROCESS_APP } = require('../simulator/ibm-bpm-process-fixtures');

const ROOT = '/rest/bpm/wle/v1';

// The runtime is loaded on first use: the table of node kinds reads paramsOf in tests without one.
const runtime = () => require('./runtime');

/** A request to the simulated IBM BPM server as its user, with Basic authentication; resolves with the JSON answer. */
async function bpm(sim, method, pathAndQuery) {
  const authorization = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
  const answer = await request(`${sim.bpmUrl}${pathAndQuery}`, {
    method,
    headers: { Authorization: authorization, Accept: 'application/json' },
  });
  should(answer.status).equal(200, `${method} ${pathAndQuery}: ${answer.body}`);
  return JSON.parse(answer.body).data;
}

/** Starts an instance of `bpd` (the hiring process by default) outside the nodes; resolves with { piid, taskId } (its first task). */
async function startInstance(sim, bpd = HIRING_BPD) {
  const data = await bpm(sim, 'POST', `/process?action=start&bpdId=${bpd.bpdId}&processAppId=${PROCESS_APP.processAppID}&parts=all`);
  return { piid: data.piid, taskId: data.tasks.length > 0 ? data.tasks[0].tkiid : undefined };
}

/** Claims and finishes task `tkiid` outside the nodes. */
async function finishTask(sim, tkiid) {
  await bpm(sim, 'PUT', `/task/${tkiid}?action=assign&toMe=true&parts=none`);
  await bpm(sim, 'PUT', `/task/${tkiid}?action=finish&parts=all`);
}

/** The requests the IBM BPM server got (CSRF logins left out), each as "METHOD path" with the action for /task. */
function bpmRequests(sim) {
  return sim.requests.filter((r) => r.server === 'bpm' && r.rawPath.startsWith(ROOT));
}

/** The query a request carried: in its URL, or (the long form) in its form body. */
function queryOf(record) {
  if (record.method === 'POST' && /x-www-form-urlencoded/.test(String(record.headers['content-type']))) {
    return Object.fromEntries(new URLSearchParams(record.body));
  }
  return record.query;
}

/** The variables a request sent as `params`, or undefined when it sent none. */
function paramsOf(record) {
  const params = queryOf(record).params;
  return params === undefined ? undefined : JSON.parse(params);
}

/** Loads `flow` with node `node` of `type` whose `RED._` shows each status key with its values, as `key {json}`. */
function loadShowingValues(type, flow, credentials) {
  const nodes = path.join(__dirname, '..', '..', 'nodes');
  const text = (key, values) => (values === undefined ? key : `${key} ${JSON.stringify(values)}`);
  const showing = (RED) => require(path.join(nodes, `${type}.js`))(Object.assign(Object.create(RED), { _: text }));
  return runtime().helper.load([require(path.join(nodes, 'ibm-bpm-server.js')), showing], flow, credentials);
}

/**
 * The clauses of the README's task variables ("Nodes": variables and form fields) for a node that
 * sends them as `params`: `sim`; `loadWith(props)` loads the node with the variables properties
 * `props` and resolves when a message may be sent; `input()` the message to send (a fresh one each
 * time); `sent()` the request that carries the variables; `stored(result)` the variables the server
 * then holds (read back from the answer or the server).
 */
function variablesClauses({ sim, loadWith, input, sent, stored }) {
  const { helper } = runtime();
  const VARIABLES = { comments: 'From the flow', approved: true };
  const fresh = async (props, prepare = () => {}) => {
    sim.reset();
    await loadWith(props);
    prepare(helper.getNode('node'));
  };

  it('a plain object is sent as the JSON of params, and the server holds it', async function () {
    await fresh({ variables: 'vars', variablesType: 'msg' });
    const result = await run({ ...input(), vars: VARIABLES });
    result.out.should.have.length(1);
    paramsOf(sent()).should.eql(VARIABLES);
    stored(result).should.match(VARIABLES);
  });

  it('reads json, msg, flow, global, jsonata and env', async function () {
    const cases = [
      [{ variables: JSON.stringify(VARIABLES), variablesType: 'json' }],
      [{ variables: 'payload.vars', variablesType: 'msg' }],
      [{ variables: 'v', variablesType: 'flow' }, (node) => node.context().flow.set('v', VARIABLES)],
      [{ variables: 'v', variablesType: 'global' }, (node) => node.context().global.set('v', VARIABLES)],
      [{ variables: '{"comments": payload.vars.comments, "approved": $not(false)}', variablesType: 'jsonata' }],
      [
        { variables: 'BPM_TEST_VARIABLES', variablesType: 'env' },
        () => {
          process.env.BPM_TEST_VARIABLES = JSON.stringify(VARIABLES);
        },
      ],
    ];
    try {
      for (const [props, prepare] of cases) {
        await fresh(props, prepare);
        const result = await run({ ...input(), payload: { vars: VARIABLES } });
        result.out.should.have.length(1, `with ${props.variablesType}`);
        paramsOf(sent()).should.eql(VARIABLES, `with ${props.variablesType}`);
        stored(result).should.match(VARIABLES);
        await helper.unload();
      }
    } finally {
      delete process.env.BPM_TEST_VARIABLES;
    }
  });

  it('json: read once at deploy, the same variables for every message; JSON that does not parse is INVALID_INPUT and nothing is sent', async function () {
    await fresh({ variables: '{"comments":"fixed"}', variablesType: 'json' });
    (await run({ ...input(), payload: { comments: 'not this' } })).out.should.have.length(1);
    paramsOf(sent()).should.eql({ comments: 'fixed' });
    await helper.unload();
    await fresh({ variables: '{"comments":', variablesType: 'json' });
    caughtWith(await run(input()), 'INVALID_INPUT');
    caughtWith(await run(input()), 'INVALID_INPUT');
    bpmRequests(sim).should.have.length(0);
  });

  it('env: JSON text giving an object; empty text sends none; other text is INVALID_INPUT and nothing is sent', async function () {
    try {
      process.env.BPM_TEST_VARIABLES = ' ';
      await fresh({ variables: 'BPM_TEST_VARIABLES', variablesType: 'env' });
      (await run(input())).out.should.have.length(1);
      should(paramsOf(sent())).be.undefined();
      await helper.unload();
      for (const text of ['comments=x', '[1,2]', '"text"']) {
        process.env.BPM_TEST_VARIABLES = text;
        await fresh({ variables: 'BPM_TEST_VARIABLES', variablesType: 'env' });
        caughtWith(await run(input()), 'INVALID_INPUT');
        bpmRequests(sim).should.have.length(0, text);
        await helper.unload();
      }
    } finally {
      delete process.env.BPM_TEST_VARIABLES;
    }
  });

  for (const [what, value] of [
    ['a list', [{ comments: 'x' }]],
    ['text', '{"comments":"x"}'],
    ['a number', 5],
    ['a function', () => ({ comments: 'x' })],
    ['a date', new Date(0)],
  ]) {
    it(`${what} is INVALID_INPUT, and nothing is sent`, async function () {
      await fresh({ variables: 'vars', variablesType: 'msg' });
      const msg = caughtWith(await run({ ...input(), vars: value }), 'INVALID_INPUT');
      msg.error.message.should.match(/variables/);
      bpmRequests(sim).should.have.length(0);
    });
  }

  it('undefined, null and "" send no params', async function () {
    await fresh({ variables: 'vars', variablesType: 'msg' });
    for (const vars of [undefined, null, '']) {
      sim.reset();
      (await run({ ...input(), vars })).out.should.have.length(1);
      queryOf(sent()).should.not.have.property('params');
    }
  });

  it('an empty object sends no params', async function () {
    await fresh({ variables: '{}', variablesType: 'json' });
    (await run(input())).out.should.have.length(1);
    queryOf(sent()).should.not.have.property('params');
  });

  it("none by default: a message's payload is never sent unless the flow says so", async function () {
    await fresh({});
    (await run({ ...input(), payload: VARIABLES })).out.should.have.length(1);
    queryOf(sent()).should.not.have.property('params');
    await helper.unload();
    // A flow saved without the variables properties.
    await fresh({ variables: undefined, variablesType: undefined });
    (await run({ ...input(), payload: VARIABLES })).out.should.have.length(1);
    queryOf(sent()).should.not.have.property('params');
  });
}

module.exports = { ROOT, bpm, startInstance, finishTask, bpmRequests, queryOf, paramsOf, loadShowingValues, variablesClauses };
