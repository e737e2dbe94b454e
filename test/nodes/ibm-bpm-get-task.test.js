'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { bpmGetTaskFlow, withoutProperties, loadFlow, credentials, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, startInstance, loadShowingValues } = require('../support/ibm-bpm-tasks');
const { BUILTIN_PIID, BUILTIN_TASK_IDS, HIRING_BPD } = require('../simulator/ibm-bpm-process-fixtures');

const STATUS = 'ibm-bpm-get-task.status';
const [CLOSED, OPEN] = BUILTIN_TASK_IDS;

describe('ibm-bpm-get-task (README, "Nodes": IBM BPM tasks)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const gets = () => bpmRequests(sim).filter((r) => r.method === 'GET');
  const loadGet = (props = {}, server = {}) => loadFlow(bpmGetTaskFlow(sim, props, server), sim);

  describe('request', function () {
    it('sends GET {base}/task/{taskId}?parts=all (msg.taskId by default) with Accept: application/json', async function () {
      await loadGet();
      await run({ taskId: OPEN, payload: 'not an id' });
      gets().should.have.length(1);
      sim.requests.should.have.length(1);
      gets()[0].rawPath.should.equal(`${ROOT}/task/${OPEN}`);
      gets()[0].query.should.eql({ parts: 'all' });
      gets()[0].headers.accept.should.equal('application/json');
      gets()[0].authUser.should.equal(sim.username);
    });

    it('takes msg.taskId in a flow saved without taskId and taskIdType', async function () {
      await loadFlow(withoutProperties(bpmGetTaskFlow(sim), 'node', 'taskId', 'taskIdType'), sim);
      const result = await run({ taskId: OPEN });
      result.out.should.have.length(1);
      gets()[0].rawPath.should.equal(`${ROOT}/task/${OPEN}`);
    });

    it('reads the task id from str, msg, flow, global, env and jsonata', async function () {
      const cases = [
        [{ taskId: OPEN, taskIdType: 'str' }, () => {}],
        [{ taskId: 'payload.task', taskIdType: 'msg' }, () => {}],
        [{ taskId: 't', taskIdType: 'flow' }, (node) => node.context().flow.set('t', OPEN)],
        [{ taskId: 't', taskIdType: 'global' }, (node) => node.context().global.set('t', OPEN)],
        [
          { taskId: 'BPM_TEST_TASK', taskIdType: 'env' },
          () => {
            process.env.BPM_TEST_TASK = OPEN;
          },
        ],
        [{ taskId: '$string(payload.task)', taskIdType: 'jsonata' }, () => {}],
      ];
      try {
        for (const [props, prepare] of cases) {
          sim.reset();
          await loadGet(props);
          prepare(helper.getNode('node'));
          (await run({ payload: { task: OPEN } })).out.should.have.length(1, `with ${props.taskIdType}`);
          gets()[0].rawPath.should.equal(`${ROOT}/task/${OPEN}`, `with ${props.taskIdType}`);
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_TASK;
      }
    });

    it('uses a number as its decimal text', async function () {
      await loadGet();
      const msg = (await run({ taskId: Number(OPEN) })).out[0];
      gets()[0].rawPath.should.equal(`${ROOT}/task/${OPEN}`);
      msg.taskId.should.equal(OPEN);
    });

    it('percent-encodes the task id as one segment', async function () {
      await loadGet();
      const msg = caughtWith(await run({ taskId: 'a/b c' }), 'BAD_REQUEST');
      gets()[0].rawPath.should.equal(`${ROOT}/task/a%2Fb%20c`);
      msg.serverError.errorNumber.should.equal('CWTBG0553E');
    });

    for (const [what, value] of [
      ['"."', '.'],
      ['".."', '..'],
      ['empty', ''],
      ['whitespace only', ' '],
      ['missing', undefined],
      ['a list', ['1']],
    ]) {
      it(`a task id that is ${what} is INVALID_INPUT, and no request is sent`, async function () {
        await loadGet();
        caughtWith(await run({ taskId: value }), 'INVALID_INPUT').error.message.should.match(/task id/);
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('200', function () {
    it('sends the input message with payload = the task under data, with data.variables, and msg.taskId', async function () {
      await loadGet();
      const result = await run({ taskId: OPEN, topic: 'keep me', instanceId: BUILTIN_PIID });
      result.out.should.have.length(1);
      result.completed.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.eql(sim.bpmTask(OPEN));
      msg.payload.should.match({
        tkiid: OPEN,
        name: HIRING_BPD.steps[1].name,
        status: 'Received',
        state: 'STATE_READY',
        piid: BUILTIN_PIID,
      });
      msg.taskId.should.equal(OPEN);
      msg.topic.should.equal('keep me');
      msg.instanceId.should.equal(BUILTIN_PIID);
    });

    it('data.variables: a business object with @metadata, a list as {selected, items}, text and booleans as sent', async function () {
      await loadGet();
      const { variables } = (await run({ taskId: OPEN })).out[0].payload.data;
      variables.should.eql({
        requisition: {
          reqNum: 'REQ-1001',
          department: 'Sales',
          headcount: 2,
          salary: 65000.5,
          remote: true,
          '@metadata': { dirty: false, shared: false, className: 'Requisition' },
        },
        comments: 'Two account managers for the north region',
        approved: false,
        skills: { selected: [], items: ['negotiation', 'CRM'] },
      });
    });

    it('a closed task is read as well', async function () {
      await loadGet();
      (await run({ taskId: CLOSED })).out[0].payload.should.match({
        tkiid: CLOSED,
        status: 'Closed',
        state: 'STATE_FINISHED',
        owner: sim.username,
      });
    });

    it('reads the task a start created, from msg.taskId as the start process node sets it', async function () {
      const { taskId } = await startInstance(sim);
      await loadGet();
      const msg = (await run({ taskId })).out[0];
      msg.payload.should.match({ tkiid: taskId, name: HIRING_BPD.steps[0].name, status: 'Received' });
      msg.payload.data.variables.requisition.department.should.equal('HR');
    });

    it("shows a green dot with the task's name", async function () {
      await loadShowingValues('ibm-bpm-get-task', bpmGetTaskFlow(sim), credentials(sim));
      const result = await run({ taskId: OPEN });
      result.statuses[0].should.eql({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.eql({
        fill: 'green',
        shape: 'dot',
        text: `${STATUS}.task ${JSON.stringify({ name: HIRING_BPD.steps[1].name })}`,
      });
    });

    for (const [what, body] of [
      ['no data', { status: '200' }],
      ['data that is a list', { status: '200', data: [] }],
      ['a body that is not JSON', '<html/>'],
    ]) {
      it(`a 200 with ${what} is INVALID_RESPONSE`, async function () {
        const server = await answering(() => ({ type: 'application/json', body: typeof body === 'string' ? body : JSON.stringify(body) }));
        try {
          await loadGet({}, { url: server.url.replace('/ibis/rest', ROOT) });
          caughtWith(await run({ taskId: '1' }), 'INVALID_RESPONSE').statusCode.should.equal(200);
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('what the server refuses (README, "Errors")', function () {
    it("404 CWTBG0059E: a task that does not exist is NOT_FOUND, with the server's error", async function () {
      await loadGet();
      const msg = caughtWith(await run({ taskId: '999999' }), 'NOT_FOUND');
      msg.statusCode.should.equal(404);
      msg.serverError.should.match({ errorNumber: 'CWTBG0059E', errorMessageParameters: ['999999'] });
      msg.serverError.should.have.properties('status', 'exceptionType', 'errorMessage', 'programmersDetails');
      msg.error.message.should.startWith('Reading task ');
      msg.error.message.should.containEql('HTTP 404');
      msg.error.message.should.containEql(msg.serverError.errorMessage);
    });

    it('400 CWTBG0553E: an id the server does not take is BAD_REQUEST', async function () {
      await loadGet();
      caughtWith(await run({ taskId: 'task-1' }), 'BAD_REQUEST').serverError.errorNumber.should.equal('CWTBG0553E');
    });
  });

  describe('retries (README, "Errors"): a read', function () {
    for (const [what, key, code] of [
      ['a timeout', 'slow-2000', 'TIMEOUT'],
      ['a reset', 'reset', 'CONNECTION_FAILED'],
      ['a 503', 'status-503', 'SERVICE_UNAVAILABLE'],
    ]) {
      it(`repeated after ${what}, up to retries more times`, async function () {
        await loadGet({}, { timeout: 300, retries: 2 });
        caughtWith(await run({ taskId: key }), code);
        gets().should.have.length(3);
      });
    }

    it('never after a 500', async function () {
      await loadGet({}, { retries: 2 });
      caughtWith(await run({ taskId: 'status-500' }), 'SERVER_ERROR');
      gets().should.have.length(1);
    });
  });

  describe('CSRF token (README, "Authentication")', function () {
    beforeEach(function () {
      sim.setBpmCsrf('required');
    });

    it('auto: the read refused for want of a token is sent once more with one', async function () {
      await loadGet();
      (await run({ taskId: OPEN })).out.should.have.length(1);
      gets()
        .map((r) => r.csrfToken)
        .should.eql([null, sim.csrfTokens[0]]);
    });

    it('always: the token is fetched before the first read', async function () {
      await loadGet({}, { csrf: 'always' });
      (await run({ taskId: OPEN })).out.should.have.length(1);
      sim.requests.map((r) => r.rawPath).should.eql(['/bpm/system/login', `${ROOT}/task/${OPEN}`]);
      should(sim.requests[1].csrfToken).equal(sim.csrfTokens[0]);
    });

    it('an expired token: the read refused with CWTBG0651E is sent once more with a new one', async function () {
      await loadGet({}, { csrf: 'always' });
      await run({ taskId: OPEN });
      sim.expireCsrfTokens();
      (await run({ taskId: OPEN })).out.should.have.length(1);
      gets()
        .map((r) => r.csrfToken)
        .should.eql([sim.csrfTokens[0], sim.csrfTokens[0], sim.csrfTokens[1]]);
      sim.stats.logins.should.equal(2);
    });

    it('a second refusal is UNAUTHORIZED', async function () {
      await loadGet({}, { csrf: 'off' });
      const msg = caughtWith(await run({ taskId: OPEN }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(403);
      msg.serverError.errorNumber.should.equal('CWTBG0651E');
      gets().should.have.length(1);
    });
  });

  describe('every message ends once (README, "Errors")', function () {
    it('mixed outcomes at once: each input ends in exactly one output or one Catch', async function () {
      await loadGet();
      const inputs = [OPEN, CLOSED, '999999', '', 'status-500', 'flaky-1'].map((taskId, index) => ({ taskId, index }));
      const result = await runMany(inputs);
      result.out
        .map((m) => m.index)
        .sort()
        .should.eql([0, 1, 5]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([2, 3, 4]);
      result.completed
        .map((m) => m.index)
        .sort()
        .should.eql([0, 1, 5]);
      JSON.stringify([result.out, result.caught]).should.not.containEql(sim.password);
    });
  });
});
