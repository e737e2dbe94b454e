'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { assignTaskFlow, withoutProperties, loadFlow, credentials, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, queryOf, loadShowingValues } = require('../support/ibm-bpm-tasks');
const { BUILTIN_TASK_IDS } = require('../simulator/ibm-bpm-process-fixtures');

const STATUS = 'ibm-bpm-assign-task.status';
const [CLOSED, OPEN] = BUILTIN_TASK_IDS;
const CLAIM = { action: 'assign', toMe: 'true', parts: 'all' };
const CREDENTIALS_HINT = 'check the user name and password';
const REFUSAL = {
  status: 'error',
  Data: {
    status: 'error',
    exceptionType: 'com.lombardisoftware.core.TeamWorksException',
    errorNumber: 'CWTBG0549E',
    errorMessage: "CWTBG0549E: You are not authorized to perform the 'assign' action.",
    errorMessageParameters: ['assign'],
    programmersDetails: '',
  },
};

describe('ibm-bpm-assign-task (README, "Nodes": IBM BPM tasks, assign task)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const puts = () => bpmRequests(sim).filter((r) => r.method === 'PUT');
  const gets = () => bpmRequests(sim).filter((r) => r.method === 'GET');
  const loadAssign = (props = {}, server = {}) => loadFlow(assignTaskFlow(sim, props, server), sim);
  const loadShowing = (props = {}) => loadShowingValues('ibm-bpm-assign-task', assignTaskFlow(sim, props), credentials(sim));
  /** Two queued tasks: the first with an even id (a claim of it when held answers 409), the second odd (401). */
  function twoQueued() {
    const [even, odd] = sim.queueBpmTasks(2).map((t) => t.taskId);
    (Number(even) % 2).should.equal(0);
    return { even, odd };
  }
  /** A stand-in server: each claim refused with 401 CWTBG0549E 'assign', each read answering the task `task`. */
  async function refusingServer(task) {
    return answering((req) =>
      req.method === 'PUT'
        ? { status: 401, type: 'application/json', body: JSON.stringify(REFUSAL) }
        : { type: 'application/json', body: JSON.stringify({ status: '200', data: task }) },
    );
  }

  describe('request', function () {
    it('sends PUT {base}/task/{taskId}?action=assign&toMe=true&parts=all with Accept: application/json', async function () {
      await loadAssign();
      (await run({ taskId: OPEN, payload: { not: 'sent' } })).out.should.have.length(1);
      sim.requests.should.have.length(1);
      const [claim] = puts();
      claim.rawPath.should.equal(`${ROOT}/task/${OPEN}`);
      claim.query.should.eql(CLAIM);
      Object.keys(claim.query).should.eql(['action', 'toMe', 'parts']);
      claim.headers.accept.should.equal('application/json');
      claim.headers['content-length'].should.equal('0');
      claim.authUser.should.equal(sim.username);
    });

    it('a flow saved without taskId, to and ifTaken claims the task of msg.taskId, and a taken one is an error', async function () {
      const { even } = twoQueued();
      await loadFlow(
        withoutProperties(assignTaskFlow(sim), 'node', 'taskId', 'taskIdType', 'to', 'assignee', 'assigneeType', 'ifTaken'),
        sim,
      );
      (await run({ taskId: OPEN })).out[0].payload.owner.should.equal(sim.username);
      puts()[0].query.should.eql(CLAIM);
      sim.claimBpmTask(even, 'anna');
      caughtWith(await run({ taskId: even }), 'CONFLICT');
    });

    it('reads the task id from str, msg, flow, global, env and jsonata; a number is its decimal text', async function () {
      const cases = [
        [{ taskId: OPEN, taskIdType: 'str' }, () => {}],
        [{ taskId: 'payload.tkiid', taskIdType: 'msg' }, () => {}],
        [{ taskId: 't', taskIdType: 'flow' }, (node) => node.context().flow.set('t', Number(OPEN))],
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
          await loadAssign(props);
          prepare(helper.getNode('node'));
          (await run({ payload: { tkiid: OPEN } })).out[0].taskId.should.equal(OPEN, `with ${props.taskIdType}`);
          puts()
            .map((r) => r.rawPath)
            .should.eql([`${ROOT}/task/${OPEN}`]);
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_TASK;
      }
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
        await loadAssign();
        const msg = caughtWith(await run({ taskId: value }), 'INVALID_INPUT');
        msg.error.message.should.match(/task id/);
        msg.outcome.should.equal('not-done');
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('to', function () {
    it("me (the default): claims the task for the server configuration's user", async function () {
      await loadAssign({ to: 'me' });
      (await run({ taskId: OPEN })).out[0].payload.should.match({ owner: sim.username, state: 'STATE_CLAIMED' });
      sim.bpmTaskHistory(OPEN).should.eql([{ action: 'claim', user: sim.username }]);
    });

    it('back: sends back=true instead of toMe=true, and the task is ready for its team again', async function () {
      sim.claimBpmTask(OPEN, sim.username);
      await loadAssign({ to: 'back' });
      (await run({ taskId: OPEN })).out[0].payload.should.match({ owner: null, state: 'STATE_READY', assignedToType: 'group' });
      puts()[0].query.should.eql({ action: 'assign', back: 'true', parts: 'all' });
      should(sim.bpmTask(OPEN).owner).be.null();
    });

    it('user: sends toUser={assignee}; the assignee comes from str, msg, flow, global or env', async function () {
      const cases = [
        [{ assignee: 'anna', assigneeType: 'str' }, () => {}],
        [{ assignee: 'who', assigneeType: 'msg' }, () => {}],
        [{ assignee: 'u', assigneeType: 'flow' }, (node) => node.context().flow.set('u', 'anna')],
        [{ assignee: 'u', assigneeType: 'global' }, (node) => node.context().global.set('u', 'anna')],
        [
          { assignee: 'BPM_TEST_USER', assigneeType: 'env' },
          () => {
            process.env.BPM_TEST_USER = 'anna';
          },
        ],
      ];
      try {
        for (const [props, prepare] of cases) {
          sim.reset();
          await loadAssign({ to: 'user', ...props });
          prepare(helper.getNode('node'));
          (await run({ taskId: OPEN, who: 'anna' })).out[0].payload.owner.should.equal('anna', `with ${props.assigneeType}`);
          puts()[0].query.should.eql({ action: 'assign', toUser: 'anna', parts: 'all' });
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_USER;
      }
    });

    it('group: sends toGroup={assignee}', async function () {
      await loadAssign({ to: 'group', assignee: 'Auditors', assigneeType: 'str' });
      (await run({ taskId: OPEN })).out[0].payload.should.match({ owner: null, assignedTo: 'Auditors' });
      puts()[0].query.should.eql({ action: 'assign', toGroup: 'Auditors', parts: 'all' });
      Object.keys(puts()[0].query).should.eql(['action', 'toGroup', 'parts']);
    });

    for (const to of ['user', 'group']) {
      it(`${to}: an empty assignee is INVALID_INPUT, and no request is sent`, async function () {
        await loadAssign({ to, assignee: 'who', assigneeType: 'msg' });
        for (const who of ['', '  ', undefined, null]) {
          const msg = caughtWith(await run({ taskId: OPEN, who }), 'INVALID_INPUT');
          msg.error.message.should.match(new RegExp(`${to} to assign to`));
          msg.outcome.should.equal('not-done');
        }
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('on success', function () {
    it('one message: msg.payload the task under data, msg.taskId, msg.statusCode 200, the other properties kept, no msg.outcome', async function () {
      await loadAssign();
      const result = await run({ taskId: Number(OPEN), topic: 'kept', outcome: 'not-done' });
      result.out.should.have.length(1);
      const [msg] = result.out;
      msg.payload.should.eql(sim.bpmTask(OPEN));
      msg.payload.data.variables.should.have.properties('requisition', 'approved');
      msg.taskId.should.equal(OPEN);
      msg.statusCode.should.equal(200);
      msg.topic.should.equal('kept');
      msg.should.not.have.property('outcome');
    });

    it('shows a green dot "assigned" with the task id', async function () {
      await loadShowing();
      const result = await run({ taskId: OPEN });
      result.statuses[0].should.eql({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.assigned {"taskId":"${OPEN}"}` });
    });

    it('a 200 without the task under data is INVALID_RESPONSE, outcome done', async function () {
      await loadAssign();
      const msg = caughtWith(await run({ taskId: 'no-data' }), 'INVALID_RESPONSE');
      msg.outcome.should.equal('done');
      msg.error.message.should.match(/the task was assigned$/);
    });
  });

  describe('taken by someone else', function () {
    it('a 409 (CWTBG0014E) is CONFLICT, outcome not-done; the task stays with its holder', async function () {
      const { even } = twoQueued();
      sim.claimBpmTask(even, 'anna');
      await loadAssign();
      const msg = caughtWith(await run({ taskId: even }), 'CONFLICT');
      msg.statusCode.should.equal(409);
      msg.serverError.errorNumber.should.equal('CWTBG0014E');
      msg.outcome.should.equal('not-done');
      msg.error.message.should.startWith(`Claiming task "${even}" failed: HTTP 409`);
      gets().should.have.length(0);
      sim.bpmTask(even).owner.should.equal('anna');
    });

    it('a 401 CWTBG0549E refusing assign reads the task (as get task does); an owner makes it CONFLICT, its message naming the owner', async function () {
      const { odd } = twoQueued();
      sim.claimBpmTask(odd, 'anna');
      await loadAssign();
      const msg = caughtWith(await run({ taskId: odd }), 'CONFLICT');
      msg.statusCode.should.equal(401);
      msg.serverError.should.match({ errorNumber: 'CWTBG0549E', errorMessageParameters: ['assign'] });
      msg.error.message.should.containEql('is claimed by "anna"');
      msg.error.message.should.containEql("You are not authorized to perform the 'assign' action");
      msg.error.message.should.not.containEql(CREDENTIALS_HINT);
      msg.outcome.should.equal('not-done');
      bpmRequests(sim)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`PUT ${ROOT}/task/${odd}`, `GET ${ROOT}/task/${odd}`]);
      gets()[0].query.should.eql({ parts: 'all' });
    });

    it("an owner that is the node's own user counts as taken too: another copy works as the same user", async function () {
      const server = await refusingServer({ tkiid: '7', owner: sim.username, status: 'Received' });
      try {
        await loadAssign({}, { url: server.url.replace('/ibis/rest', ROOT) });
        caughtWith(await run({ taskId: '7' }), 'CONFLICT').error.message.should.containEql(`is claimed by "${sim.username}"`);
      } finally {
        await server.close();
      }
    });

    it('a task without an owner: the refusal stands, UNAUTHORIZED, quoting the server and saying nothing of credentials', async function () {
      const server = await refusingServer({ tkiid: '7', owner: null, status: 'Received' });
      try {
        await loadAssign({}, { url: server.url.replace('/ibis/rest', ROOT) });
        const msg = caughtWith(await run({ taskId: '7' }), 'UNAUTHORIZED');
        msg.statusCode.should.equal(401);
        msg.error.message.should.containEql("You are not authorized to perform the 'assign' action");
        msg.error.message.should.not.match(/credential|password/i);
        server.requests.map((r) => r.method).should.eql(['PUT', 'GET']);
      } finally {
        await server.close();
      }
    });

    it('a read that fails leaves the refusal as it was: UNAUTHORIZED', async function () {
      await loadAssign();
      const msg = caughtWith(await run({ taskId: 'forbidden' }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(401);
      msg.serverError.errorNumber.should.equal('CWTBG0549E');
      gets().should.have.length(1);
    });

    it('a 401 from wrong credentials is UNAUTHORIZED, says which credentials to check, and reads nothing', async function () {
      await loadFlow(assignTaskFlow(sim), sim, { password: 'wrong' });
      caughtWith(await run({ taskId: OPEN }), 'UNAUTHORIZED').error.message.should.containEql(CREDENTIALS_HINT);
      sim.requests.should.have.length(1);
    });

    it('back, user and group: a 409 is CONFLICT, and no read follows', async function () {
      const { even } = twoQueued();
      sim.claimBpmTask(even, 'anna');
      for (const props of [{ to: 'back' }, { to: 'user', assignee: 'ben' }, { to: 'group', assignee: 'Auditors' }]) {
        sim.requests.length = 0;
        await loadAssign({ ifTaken: 'drop', ...props });
        caughtWith(await run({ taskId: even }), 'CONFLICT').statusCode.should.equal(409);
        gets().should.have.length(0);
        await helper.unload();
      }
    });
  });

  describe('if taken: drop', function () {
    it('a task taken by someone else (409, or 401 and an owner) ends its message quietly: nothing sent, nothing to Catch', async function () {
      const { even, odd } = twoQueued();
      sim.claimBpmTask(even, 'anna');
      sim.claimBpmTask(odd, 'anna');
      await loadAssign({ ifTaken: 'drop' });
      for (const taskId of [even, odd]) {
        const result = await run({ taskId });
        result.out.should.have.length(0);
        result.caught.should.have.length(0);
        result.completed.should.have.length(1);
      }
      sim.bpmTask(even).owner.should.equal('anna');
    });

    it('the status counts "N taken by others", also beside a later success', async function () {
      const { even, odd } = twoQueued();
      sim.claimBpmTask(even, 'anna');
      sim.claimBpmTask(odd, 'ben');
      await loadShowing({ ifTaken: 'drop' });
      (await run({ taskId: even })).status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.taken {"count":1}` });
      (await run({ taskId: odd })).status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.taken {"count":2}` });
      (await run({ taskId: OPEN })).status.should.eql({
        fill: 'green',
        shape: 'dot',
        text: `${STATUS}.assignedTaken {"taskId":"${OPEN}","count":2}`,
      });
    });

    it('other errors still go to Catch: an unknown task, a refusal the read cannot explain, bad input', async function () {
      await loadAssign({ ifTaken: 'drop' });
      const result = await runMany([
        { taskId: '99999', index: 0 },
        { taskId: 'forbidden', index: 1 },
        { taskId: '.', index: 2 },
      ]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([0, 1, 2]);
      result.out.should.have.length(0);
    });
  });

  describe('outcome (README, "When the answer is lost")', function () {
    it('a timeout is TIMEOUT, outcome unknown, and the claim is not repeated', async function () {
      await loadAssign({}, { timeout: 300, retries: 2 });
      caughtWith(await run({ taskId: 'slow-2000' }), 'TIMEOUT').outcome.should.equal('unknown');
      puts().should.have.length(1);
    });

    it('a reset is CONNECTION_FAILED, outcome unknown, and the claim is not repeated', async function () {
      await loadAssign({}, { retries: 2 });
      caughtWith(await run({ taskId: 'reset' }), 'CONNECTION_FAILED').outcome.should.equal('unknown');
      puts().should.have.length(1);
    });

    it('a 503 is repeated up to retries more times', async function () {
      await loadAssign({}, { retries: 2 });
      caughtWith(await run({ taskId: 'status-503' }), 'SERVICE_UNAVAILABLE').outcome.should.equal('not-done');
      puts().should.have.length(3);
    });
  });

  describe('every message ends once (README, "Errors")', function () {
    it('mixed outcomes at once: each input ends in exactly one output or one Catch, and no error holds a secret', async function () {
      const { even, odd } = twoQueued();
      sim.claimBpmTask(even, 'anna');
      await loadAssign();
      const inputs = [{ taskId: OPEN }, { taskId: CLOSED }, { taskId: even }, { taskId: odd }, { taskId: '' }, { taskId: 'flaky-1' }].map(
        (msg, index) => ({ ...msg, index }),
      );
      const result = await runMany(inputs);
      result.out
        .map((m) => m.index)
        .sort()
        .should.eql([0, 3, 5]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([1, 2, 4]);
      const seen = JSON.stringify([result.out, result.caught, result.statuses]);
      for (const secret of [sim.password, Buffer.from(`${sim.username}:${sim.password}`).toString('base64')])
        seen.should.not.containEql(secret);
      should(queryOf(puts()[0]).toMe).equal('true');
    });
  });
});
