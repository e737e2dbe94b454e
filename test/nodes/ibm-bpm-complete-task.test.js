'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const {
  completeTaskFlow,
  bpmListTasksFlow,
  withoutProperties,
  loadFlow,
  credentials,
  run,
  runMany,
  collect,
  caughtWith,
} = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, queryOf, paramsOf, startInstance, loadShowingValues, variablesClauses } = require('../support/ibm-bpm-tasks');
const { BUILTIN_PIID, BUILTIN_TASK_IDS, HIRING_BPD } = require('../simulator/ibm-bpm-process-fixtures');

const STATUS = 'ibm-bpm-complete-task.status';
const [CLOSED, OPEN] = BUILTIN_TASK_IDS;
const CLAIM = { action: 'assign', toMe: 'true', parts: 'none' };
const FINISH = { action: 'finish', parts: 'all' };
const CREDENTIALS_HINT = 'check the user name and password';

describe('ibm-bpm-complete-task (README, "Nodes": IBM BPM tasks)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  /** The requests to /task/… as the server took them: PUT, or POST standing for PUT. */
  const taskRequests = () => bpmRequests(sim).filter((r) => r.segments[0] === 'task');
  /** Each task request as "claim" or "finish". */
  const steps = () => taskRequests().map((r) => (queryOf(r).action === 'assign' ? 'claim' : queryOf(r).action));
  const finishes = () => taskRequests().filter((r) => queryOf(r).action === 'finish');
  const loadComplete = (props = {}, server = {}) => loadFlow(completeTaskFlow(sim, props, server), sim);
  /** The node taking its variables from msg.vars. */
  const loadVars = (props = {}, server = {}) => loadComplete({ variables: 'vars', variablesType: 'msg', ...props }, server);

  /**
   * Calls `hook(record)` as each request reaches the simulator, before it is answered, until the
   * returned function is called: so that a test can change the server between the claim and the finish.
   */
  function onArrival(hook) {
    const requests = sim.requests;
    requests.push = function (record) {
      hook(record);
      return Array.prototype.push.call(this, record);
    };
    return () => delete requests.push;
  }
  const isFinish = (record) => record.rawPath.startsWith(`${ROOT}/task/`) && record.query.action === 'finish';

  describe('request', function () {
    it('claims, then finishes: PUT {base}/task/{taskId}?action=assign&toMe=true&parts=none, then PUT …?action=finish&parts=all', async function () {
      await loadComplete();
      (await run({ taskId: OPEN, payload: { comments: 'not sent' } })).out.should.have.length(1);
      const [claim, finish] = taskRequests();
      sim.requests.should.have.length(2);
      for (const request of [claim, finish]) {
        request.method.should.equal('PUT');
        request.rawPath.should.equal(`${ROOT}/task/${OPEN}`);
        request.headers.accept.should.equal('application/json');
        request.headers['content-length'].should.equal('0');
        should(request.headers['content-type']).be.undefined();
        request.authUser.should.equal(sim.username);
      }
      claim.query.should.eql(CLAIM);
      Object.keys(claim.query).should.eql(['action', 'toMe', 'parts']);
      finish.query.should.eql(FINISH);
      Object.keys(finish.query).should.eql(['action', 'parts']);
    });

    it('adds &params={JSON of the variables} to the finish, last, only when there are variables', async function () {
      await loadVars();
      await run({ taskId: OPEN, vars: { comments: 'a&b=c d #1', approved: true } });
      steps().should.eql(['claim', 'finish']);
      taskRequests()[0].query.should.eql(CLAIM);
      Object.keys(finishes()[0].query).should.eql(['action', 'parts', 'params']);
      finishes()[0].query.params.should.equal('{"comments":"a&b=c d #1","approved":true}');
    });

    it('claim false: only the finish is sent', async function () {
      sim.claimBpmTask(OPEN, sim.username);
      await loadComplete({ claim: false });
      (await run({ taskId: OPEN })).out.should.have.length(1);
      steps().should.eql(['finish']);
      finishes()[0].query.should.eql(FINISH);
    });

    it('a flow saved without claim claims', async function () {
      await loadFlow(withoutProperties(completeTaskFlow(sim), 'node', 'claim'), sim);
      (await run({ taskId: OPEN })).out.should.have.length(1);
      steps().should.eql(['claim', 'finish']);
    });

    it('takes msg.taskId in a flow saved without taskId and taskIdType', async function () {
      await loadFlow(withoutProperties(completeTaskFlow(sim), 'node', 'taskId', 'taskIdType'), sim);
      (await run({ taskId: OPEN })).out[0].taskId.should.equal(OPEN);
    });

    it('reads the task id from str, msg, flow, global, env and jsonata', async function () {
      const cases = [
        [{ taskId: OPEN, taskIdType: 'str' }, () => {}],
        [{ taskId: 'payload.tkiid', taskIdType: 'msg' }, () => {}],
        [{ taskId: 't', taskIdType: 'flow' }, (node) => node.context().flow.set('t', OPEN)],
        [{ taskId: 't', taskIdType: 'global' }, (node) => node.context().global.set('t', OPEN)],
        [
          { taskId: 'BPM_TEST_TASK', taskIdType: 'env' },
          () => {
            process.env.BPM_TEST_TASK = OPEN;
          },
        ],
        [{ taskId: 'payload.tkiid', taskIdType: 'jsonata' }, () => {}],
      ];
      try {
        for (const [props, prepare] of cases) {
          sim.reset();
          await loadComplete(props);
          prepare(helper.getNode('node'));
          (await run({ payload: { tkiid: OPEN } })).out.should.have.length(1, `with ${props.taskIdType}`);
          taskRequests()
            .map((r) => r.rawPath)
            .should.eql([`${ROOT}/task/${OPEN}`, `${ROOT}/task/${OPEN}`]);
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_TASK;
      }
    });

    it('uses a number as its decimal text', async function () {
      await loadComplete();
      (await run({ taskId: Number(OPEN) })).out[0].taskId.should.equal(OPEN);
      taskRequests()[0].rawPath.should.equal(`${ROOT}/task/${OPEN}`);
    });

    for (const [what, value] of [
      ['"."', '.'],
      ['".."', '..'],
      ['empty', ''],
      ['whitespace only', ' '],
      ['missing', undefined],
      ['an object', { tkiid: OPEN }],
    ]) {
      it(`a task id that is ${what} is INVALID_INPUT, and no request is sent`, async function () {
        await loadComplete();
        caughtWith(await run({ taskId: value }), 'INVALID_INPUT').error.message.should.match(/task id/);
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('claim', function () {
    it('a free task is claimed, then finished', async function () {
      sim.bpmTask(OPEN).should.match({ owner: null, state: 'STATE_READY' });
      await loadComplete();
      (await run({ taskId: OPEN })).out[0].payload.should.match({ status: 'Closed', owner: sim.username });
    });

    it('a task the user claimed already is claimed again and finished', async function () {
      sim.claimBpmTask(OPEN, sim.username);
      await loadComplete();
      (await run({ taskId: OPEN })).out.should.have.length(1);
      steps().should.eql(['claim', 'finish']);
    });

    it("a task someone else claimed: CONFLICT, the claim's error; no finish is sent", async function () {
      sim.claimBpmTask(OPEN, 'someone-else');
      await loadComplete();
      const msg = caughtWith(await run({ taskId: OPEN }), 'CONFLICT');
      msg.statusCode.should.equal(409);
      msg.serverError.errorNumber.should.equal('CWTBG0014E');
      msg.error.message.should.startWith('Claiming task ');
      steps().should.eql(['claim']);
      sim.bpmTask(OPEN).should.match({ owner: 'someone-else', status: 'Received' });
    });

    it('claim false on a task nobody claimed: the finish is refused with 401 CWTBG0549E, UNAUTHORIZED quoting the refusal and saying nothing of credentials', async function () {
      await loadComplete({ claim: false });
      const msg = caughtWith(await run({ taskId: OPEN }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(401);
      msg.serverError.should.match({ errorNumber: 'CWTBG0549E', errorMessageParameters: ['finish'] });
      msg.error.message.should.startWith('Completing task ');
      msg.error.message.should.containEql("You are not authorized to perform the 'finish' action");
      msg.error.message.should.not.containEql(CREDENTIALS_HINT);
      msg.error.message.should.not.match(/credential|password/i);
      sim.bpmTask(OPEN).status.should.equal('Received');
    });

    it('a 401 from wrong credentials is UNAUTHORIZED and says which credentials to check', async function () {
      await loadFlow(completeTaskFlow(sim), sim, { password: 'wrong' });
      const msg = caughtWith(await run({ taskId: OPEN }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(401);
      msg.error.message.should.containEql(CREDENTIALS_HINT);
      steps().should.eql(['claim']);
    });

    it('a task finished already: CONFLICT, from the claim, and from the finish with claim false', async function () {
      await loadComplete();
      caughtWith(await run({ taskId: CLOSED }), 'CONFLICT').statusCode.should.equal(409);
      steps().should.eql(['claim']);
      await helper.unload();
      sim.reset();
      await loadComplete({ claim: false });
      const msg = caughtWith(await run({ taskId: CLOSED }), 'CONFLICT');
      msg.serverError.errorNumber.should.equal('CWTBG0014E');
      msg.error.message.should.startWith('Completing task ');
      steps().should.eql(['finish']);
    });

    it('a variable of the wrong type: BAD_REQUEST from the finish, outcome not-done; the task is given back, open and ready for its team', async function () {
      await loadVars();
      const msg = caughtWith(await run({ taskId: OPEN, vars: { approved: 'yes' } }), 'BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.outcome.should.equal('not-done');
      msg.serverError.errorNumber.should.equal('CWTBG0029E');
      steps().should.eql(['claim', 'finish', 'claim']);
      const giveBack = taskRequests()[2];
      giveBack.method.should.equal('PUT');
      queryOf(giveBack).should.eql({ action: 'assign', back: 'true', parts: 'none' });
      sim.bpmTask(OPEN).should.match({ status: 'Received', state: 'STATE_READY', owner: null });
    });

    it('with claim off, a failed finish gives nothing back: the task stays claimed by the flow', async function () {
      sim.claimBpmTask(OPEN, sim.username);
      await loadVars({ claim: false });
      caughtWith(await run({ taskId: OPEN, vars: { approved: 'yes' } }), 'BAD_REQUEST').outcome.should.equal('not-done');
      steps().should.eql(['finish']);
      sim.bpmTask(OPEN).should.match({ status: 'Received', state: 'STATE_CLAIMED', owner: sim.username });
    });

    it('a variable the process does not declare: BAD_REQUEST (CWTBG0543E)', async function () {
      await loadVars();
      caughtWith(await run({ taskId: OPEN, vars: { unknown: 1 } }), 'BAD_REQUEST').serverError.errorNumber.should.equal('CWTBG0543E');
    });

    it('a task that does not exist: NOT_FOUND from the claim', async function () {
      await loadComplete();
      caughtWith(await run({ taskId: '999999' }), 'NOT_FOUND').serverError.errorNumber.should.equal('CWTBG0059E');
      steps().should.eql(['claim']);
    });
  });

  describe('200', function () {
    it('sends the input message with payload = the task under data (now Closed), taskId and statusCode 200', async function () {
      await loadComplete();
      const result = await run({ taskId: OPEN, topic: 'keep me', instanceId: BUILTIN_PIID, payload: 'replaced' });
      result.out.should.have.length(1);
      result.completed.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.eql(sim.bpmTask(OPEN));
      msg.payload.should.match({ tkiid: OPEN, status: 'Closed', state: 'STATE_FINISHED', owner: sim.username });
      msg.payload.completionTime.should.be.a.String();
      msg.payload.data.variables.should.have.properties('requisition', 'comments', 'approved', 'skills');
      msg.taskId.should.equal(OPEN);
      msg.statusCode.should.equal(200);
      msg.topic.should.equal('keep me');
      msg.instanceId.should.equal(BUILTIN_PIID);
    });

    it('the output variables are stored, business objects field by field', async function () {
      await loadVars();
      const msg = (await run({ taskId: OPEN, vars: { approved: true, requisition: { headcount: 5 }, skills: ['SAP'] } })).out[0];
      msg.payload.data.variables.should.match({
        approved: true,
        requisition: { reqNum: 'REQ-1001', department: 'Sales', headcount: 5 },
        skills: { selected: [], items: ['SAP'] },
      });
      sim.bpmTask(OPEN).data.variables.approved.should.be.true();
    });

    it("the instance's next task appears in the list afterwards", async function () {
      const { piid, taskId } = await startInstance(sim);
      const more = [
        {
          id: 'list',
          z: 'tab',
          type: bpmListTasksFlow.type,
          name: '',
          server: 'srv',
          instanceId: 'payload.piid',
          instanceIdType: 'msg',
          state: 'open',
          emit: 'all',
          wires: [['listed']],
        },
        { id: 'listed', z: 'tab', type: 'helper' },
      ];
      const flow = completeTaskFlow(sim, {}, {}, more).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'list']] } : n));
      await loadFlow(flow, sim);
      const listed = collect('listed');
      (await run({ taskId })).out.should.have.length(1);
      const [next] = await listed.until(1);
      next.payload.should.match({ name: HIRING_BPD.steps[1].name, status: 'Received', piid });
      next.taskId.should.not.equal(taskId);
      sim
        .bpmTasks(piid)
        .map((t) => t.status)
        .should.eql(['Closed', 'Received']);
    });

    it('shows a green dot with the task id', async function () {
      await loadShowingValues('ibm-bpm-complete-task', completeTaskFlow(sim), credentials(sim));
      const result = await run({ taskId: OPEN });
      result.statuses[0].should.eql({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.completed {"taskId":"${OPEN}"}` });
    });

    for (const [what, body] of [
      ['no data', { status: '200' }],
      ['data that is a list', { status: '200', data: [] }],
    ]) {
      it(`a finish answered 200 with ${what} is INVALID_RESPONSE`, async function () {
        const server = await answering(() => ({ type: 'application/json', body: JSON.stringify(body) }));
        try {
          await loadComplete({}, { url: server.url.replace('/ibis/rest', ROOT) });
          caughtWith(await run({ taskId: '1' }), 'INVALID_RESPONSE').statusCode.should.equal(200);
          server.requests
            .map((r) => r.url)
            .should.eql([`${ROOT}/task/1?action=assign&toMe=true&parts=none`, `${ROOT}/task/1?action=finish&parts=all`]);
        } finally {
          await server.close();
        }
      });
    }
    // The claim's answer is a confirmation, not the task: a 200 with an empty body confirms too.
    for (const [what, claimBody, code] of [
      ['an empty body', '', null],
      ['the envelope with data', JSON.stringify({ status: '200', data: { tkiid: '1' } }), null],
      ['an error envelope', JSON.stringify({ status: 'error', Data: { errorNumber: 'CWTBG0019E' } }), 'INVALID_RESPONSE'],
      ['text that is not JSON', 'claimed', 'INVALID_RESPONSE'],
    ]) {
      it(`a claim answered 200 with ${what} ${code ? 'is INVALID_RESPONSE, and the finish is not sent' : 'confirms it: the finish follows'}`, async function () {
        const finished = { status: '200', data: { tkiid: '1', status: 'Closed' } };
        const server = await answering((req) => ({
          type: 'application/json',
          body: /action=assign/.test(req.url) ? claimBody : JSON.stringify(finished),
        }));
        try {
          await loadComplete({}, { url: server.url.replace('/ibis/rest', ROOT) });
          const result = await run({ taskId: '1' });
          if (code) {
            caughtWith(result, code).error.message.should.match(/^Claiming task "1" failed/);
            server.requests.should.have.length(1);
          } else {
            result.out.should.have.length(1);
            result.out[0].payload.should.eql(finished.data);
            server.requests.should.have.length(2);
          }
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('retries (README, "Errors"): it changes state', function () {
    for (const [what, key, code] of [
      ['a timeout', 'slow-2000', 'TIMEOUT'],
      ['a reset', 'reset', 'CONNECTION_FAILED'],
    ]) {
      it(`the claim is not repeated after ${what}, and nothing is finished`, async function () {
        await loadComplete({}, { timeout: 300, retries: 2 });
        caughtWith(await run({ taskId: key }), code);
        steps().should.eql(['claim']);
      });

      it(`the finish is not repeated after ${what}: the task is read instead (README, "When the answer is lost")`, async function () {
        await loadComplete({ claim: false }, { timeout: 300, retries: 2 });
        caughtWith(await run({ taskId: key }), code);
        const sent = taskRequests();
        sent
          .filter((r) => r.method !== 'GET')
          .map((r) => queryOf(r).action)
          .should.eql(['finish']);
        sent.slice(1).forEach((r) => r.method.should.equal('GET'));
        sent.length.should.be.above(1);
      });
    }

    it('a claim refused with 503 is repeated, then the task finished once', async function () {
      await loadComplete({}, { retries: 2 });
      (await run({ taskId: 'flaky-1' })).out.should.have.length(1);
      steps().should.eql(['claim', 'claim', 'finish']);
    });

    it('a finish refused with 503 is repeated alone: the claim is not sent again', async function () {
      let refused = false;
      const stop = onArrival((record) => {
        if (isFinish(record) && !refused) {
          refused = true;
          sim.setMaintenance(true);
        } else {
          sim.setMaintenance(false);
        }
      });
      try {
        await loadComplete({}, { retries: 2 });
        const msg = (await run({ taskId: OPEN })).out[0];
        msg.payload.status.should.equal('Closed');
      } finally {
        stop();
      }
      steps().should.eql(['claim', 'finish', 'finish']);
    });

    it('neither is repeated after a 500', async function () {
      await loadComplete({}, { retries: 2 });
      caughtWith(await run({ taskId: 'status-500' }), 'SERVER_ERROR');
      steps().should.eql(['claim']);
    });
  });

  describe('variables (README, "Nodes": variables and form fields)', function () {
    variablesClauses({
      sim,
      loadWith: (props) => loadComplete(props),
      input: () => ({ taskId: OPEN }),
      sent: () => finishes()[0],
      stored: () => sim.bpmTask(OPEN).data.variables,
    });
  });

  describe('long requests (README, "Nodes": variables and form fields)', function () {
    it('a finish whose URL would be longer than 2,048 characters is sent as POST with X-HTTP-Method-Override: PUT and the query as a form body', async function () {
      // A server that takes no URL longer than 200 characters: the query is not in the URL.
      sim.setBpmMaxUrlLength(200);
      await loadVars();
      const comments = 'Müller & Söhne '.repeat(200);
      const msg = (await run({ taskId: OPEN, vars: { comments } })).out[0];
      const [claim, finish] = taskRequests();
      claim.method.should.equal('PUT');
      finish.method.should.equal('POST');
      finish.rawPath.should.equal(`${ROOT}/task/${OPEN}`);
      finish.headers['x-http-method-override'].should.equal('PUT');
      finish.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
      const form = new URLSearchParams(finish.body);
      [...form.keys()].should.eql(['action', 'parts', 'params']);
      paramsOf(finish).should.eql({ comments });
      msg.payload.data.variables.comments.should.equal(comments);
      sim.bpmTask(OPEN).status.should.equal('Closed');
    });

    it('a finish with variables, however short, is a POST with X-HTTP-Method-Override: PUT and the query as a form body: variables never travel in a URL', async function () {
      await loadVars();
      await run({ taskId: OPEN, vars: { comments: 'short' } });
      const [finish] = finishes();
      finish.method.should.equal('POST');
      finish.headers['x-http-method-override'].should.equal('PUT');
      finish.rawPath.should.equal(`${ROOT}/task/${OPEN}`);
      finish.search.should.equal('');
      finish.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
      finish.body.should.equal('action=finish&parts=all&params=%7B%22comments%22%3A%22short%22%7D');
      sim.bpmTask(OPEN).status.should.equal('Closed');
    });

    it('a finish without variables stays a PUT with its query in the URL', async function () {
      await loadComplete();
      await run({ taskId: OPEN });
      const [finish] = finishes();
      finish.method.should.equal('PUT');
      should(finish.headers['x-http-method-override']).be.undefined();
      finish.query.should.eql({ action: 'finish', parts: 'all' });
    });
  });

  describe('CSRF token (README, "Authentication")', function () {
    beforeEach(function () {
      sim.setBpmCsrf('required');
    });
    const tokens = () => taskRequests().map((r) => r.csrfToken);

    it('auto: the claim refused for want of a token is sent once more with one, and the finish carries it', async function () {
      await loadComplete();
      (await run({ taskId: OPEN })).out.should.have.length(1);
      steps().should.eql(['claim', 'claim', 'finish']);
      tokens().should.eql([null, sim.csrfTokens[0], sim.csrfTokens[0]]);
      sim.stats.logins.should.equal(1);
    });

    it('always: the token is fetched first, and both requests carry it, the long form of the finish too', async function () {
      await loadVars({}, { csrf: 'always' });
      (await run({ taskId: OPEN, vars: { comments: 'x'.repeat(3000) } })).out.should.have.length(1);
      sim.requests[0].rawPath.should.equal('/bpm/system/login');
      steps().should.eql(['claim', 'finish']);
      tokens().should.eql([sim.csrfTokens[0], sim.csrfTokens[0]]);
      finishes()[0].headers['x-http-method-override'].should.equal('PUT');
    });

    it('a finish refused for an expired token is sent once more with a new one; the claim is not repeated', async function () {
      const stop = onArrival((record) => {
        if (isFinish(record) && record.csrfToken === sim.csrfTokens[0]) sim.expireCsrfTokens();
      });
      try {
        await loadComplete({}, { csrf: 'always' });
        (await run({ taskId: OPEN })).out[0].payload.status.should.equal('Closed');
      } finally {
        stop();
      }
      steps().should.eql(['claim', 'finish', 'finish']);
      tokens().should.eql([sim.csrfTokens[0], sim.csrfTokens[0], sim.csrfTokens[1]]);
      sim.stats.logins.should.equal(2);
    });

    it('a second refusal is UNAUTHORIZED; nothing is finished', async function () {
      await loadComplete({}, { csrf: 'off' });
      const msg = caughtWith(await run({ taskId: OPEN }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(403);
      msg.serverError.errorNumber.should.equal('CWTBG0651E');
      steps().should.eql(['claim']);
      sim.bpmTask(OPEN).status.should.equal('Received');
    });
  });

  describe('every message ends once (README, "Errors")', function () {
    it('mixed outcomes at once: each input ends in exactly one output or one Catch, and no error holds a secret', async function () {
      const other = await startInstance(sim);
      sim.claimBpmTask(other.taskId, 'someone-else');
      const mine = await startInstance(sim);
      sim.setBpmCsrf('required');
      await loadVars();
      const inputs = [
        { taskId: OPEN },
        { taskId: CLOSED },
        { taskId: other.taskId },
        { taskId: mine.taskId, vars: { approved: 'no' } },
        { taskId: '' },
        { taskId: OPEN, vars: 'text' },
        { taskId: 'flaky-1' },
      ].map((msg, index) => ({ ...msg, index }));
      const result = await runMany(inputs);
      result.out
        .map((m) => m.index)
        .sort()
        .should.eql([0, 6]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([1, 2, 3, 4, 5]);
      result.completed
        .map((m) => m.index)
        .sort()
        .should.eql([0, 6]);
      const seen = JSON.stringify([result.out, result.caught, result.statuses]);
      for (const secret of [sim.password, ...sim.csrfTokens, Buffer.from(`${sim.username}:${sim.password}`).toString('base64')]) {
        seen.should.not.containEql(secret);
      }
    });
  });
});
