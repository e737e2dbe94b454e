'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { bpmListTasksFlow, withoutProperties, loadFlow, credentials, run, runMany, collect, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, startInstance, finishTask, loadShowingValues } = require('../support/ibm-bpm-tasks');
const { BUILTIN_PIID, BUILTIN_TASK_IDS, LOG_BPD } = require('../simulator/ibm-bpm-process-fixtures');

const STATUS = 'ibm-bpm-list-tasks.status';
const [CLOSED, OPEN] = BUILTIN_TASK_IDS;

describe('ibm-bpm-list-tasks (README, "Nodes": IBM BPM tasks)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const gets = () => bpmRequests(sim).filter((r) => r.method === 'GET');
  const ids = (result) => result.out.map((m) => m.payload.tkiid);
  const loadList = (props = {}, server = {}) => loadFlow(bpmListTasksFlow(sim, props, server), sim);
  const loadShowing = (props = {}) => loadShowingValues('ibm-bpm-list-tasks', bpmListTasksFlow(sim, props), credentials(sim));
  /** An instance of the hiring process with its first task finished: that one Closed, the second open. */
  async function movedOn() {
    const { piid, taskId } = await startInstance(sim);
    await finishTask(sim, taskId);
    return { piid, closed: taskId, open: sim.bpmTasks(piid)[1].tkiid };
  }

  describe('request', function () {
    it('sends GET {base}/process/{instanceId}?parts=all with Accept: application/json', async function () {
      await loadList();
      await run({ payload: BUILTIN_PIID });
      gets().should.have.length(1);
      sim.requests.should.have.length(1);
      gets()[0].rawPath.should.equal(`${ROOT}/process/${BUILTIN_PIID}`);
      gets()[0].query.should.eql({ parts: 'all' });
      gets()[0].headers.accept.should.equal('application/json');
      gets()[0].authUser.should.equal(sim.username);
    });

    it('takes the instance id from msg.payload by default, and in a flow saved without instanceId', async function () {
      await loadFlow(withoutProperties(bpmListTasksFlow(sim), 'node', 'instanceId', 'instanceIdType', 'state', 'emit'), sim);
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
      gets()[0].rawPath.should.equal(`${ROOT}/process/${BUILTIN_PIID}`);
    });

    it('takes msg.instanceId as a start process node sets it, when told so', async function () {
      await loadList({ instanceId: 'instanceId', instanceIdType: 'msg' });
      ids(await run({ instanceId: BUILTIN_PIID, payload: 'not an id' })).should.eql([OPEN]);
    });

    it('uses a number as its decimal text', async function () {
      await loadList();
      const result = await run({ payload: Number(BUILTIN_PIID) });
      gets()[0].rawPath.should.equal(`${ROOT}/process/${BUILTIN_PIID}`);
      result.out[0].instanceId.should.equal(BUILTIN_PIID);
    });

    it('percent-encodes the instance id as one segment', async function () {
      await loadList();
      const msg = caughtWith(await run({ payload: 'a/b c' }), 'BAD_REQUEST');
      gets()[0].rawPath.should.equal(`${ROOT}/process/a%2Fb%20c`);
      msg.serverError.errorNumber.should.equal('CWTBG0553E');
    });

    for (const [what, value] of [
      ['"."', '.'],
      ['".."', '..'],
      ['empty', ''],
      ['whitespace only', '  '],
      ['missing', undefined],
      ['an object', { piid: '1' }],
    ]) {
      it(`an instance id that is ${what} is INVALID_INPUT, and no request is sent`, async function () {
        await loadList();
        caughtWith(await run({ payload: value }), 'INVALID_INPUT').error.message.should.match(/instance id/);
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('state', function () {
    it('open (the default): every task whose status is not Closed', async function () {
      await loadList();
      const result = await run({ payload: BUILTIN_PIID });
      ids(result).should.eql([OPEN]);
      result.out[0].payload.status.should.not.equal('Closed');
    });

    it("all: the closed tasks too, in the server's order", async function () {
      await loadList({ state: 'all' });
      const result = await run({ payload: BUILTIN_PIID });
      ids(result).should.eql([CLOSED, OPEN]);
      result.out.map((m) => m.payload.status).should.eql(['Closed', 'Received']);
    });

    it('a flow saved without state lists the open tasks', async function () {
      await loadFlow(withoutProperties(bpmListTasksFlow(sim), 'node', 'state'), sim);
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
    });
  });

  describe('one message per task', function () {
    it('msg.payload: the task as the server sent it', async function () {
      await loadList({ state: 'all' });
      const result = await run({ payload: BUILTIN_PIID });
      result.out.map((m) => m.payload).should.eql(sim.bpmTasks(BUILTIN_PIID));
      const open = result.out[1].payload;
      open.should.match({
        tkiid: OPEN,
        status: 'Received',
        state: 'STATE_READY',
        owner: null,
        assignedToType: 'group',
        piid: BUILTIN_PIID,
      });
      should(open.dueTime).be.null();
      open.priority.should.equal(30);
    });

    it("msg.parts: one id for the list, index, count, type array, len 1; the input's parts nested inside", async function () {
      await loadList({ state: 'all' });
      const outer = { id: 'outer', index: 0, count: 1 };
      const result = await run({ payload: 'many-3', parts: outer });
      const id = result.out[0].parts.id;
      id.should.be.a.String().and.not.equal('outer');
      result.out.map((m) => m.parts).should.eql([0, 1, 2].map((index) => ({ id, index, count: 3, type: 'array', len: 1, parts: outer })));
    });

    it("msg.taskId: the tkiid of the message's own task, as text; msg.instanceId", async function () {
      await loadList();
      const result = await run({ payload: 'many-3', taskId: 'from before' });
      result.out.map((m) => m.taskId).should.eql(result.out.map((m) => m.payload.tkiid));
      result.out.forEach((m) => {
        m.taskId.should.be.a.String().and.match(/^\d+$/);
        m.instanceId.should.equal('many-3');
      });
    });

    it('a tkiid that is a number is text in msg.taskId; a task without one removes msg.taskId', async function () {
      const tasks = [
        { tkiid: 7, status: 'Received' },
        { name: 'no id', status: 'Received' },
      ];
      const server = await answering(() => ({
        type: 'application/json',
        body: JSON.stringify({ status: '200', data: { piid: '9', tasks } }),
      }));
      try {
        await loadList({}, { url: server.url.replace('/ibis/rest', ROOT) });
        const result = await run({ payload: 9, taskId: 'from before' });
        result.out.map((m) => m.payload).should.eql(tasks);
        result.out[0].taskId.should.equal('7');
        result.out[1].should.not.have.property('taskId');
        result.out.forEach((m) => m.instanceId.should.equal('9'));
      } finally {
        await server.close();
      }
    });

    it('other properties of the input message are kept, each message a copy of its own', async function () {
      await loadList();
      const result = await run({ payload: 'many-2', topic: 'keep me', nested: { a: [1] } });
      result.out.forEach((m) => {
        m.topic.should.equal('keep me');
        m.nested.should.eql({ a: [1] });
      });
      result.out[0].nested.should.not.equal(result.out[1].nested);
      result.completed.should.have.length(1);
    });

    it('a core Join node in automatic mode rebuilds the list', async function () {
      const join = [
        {
          id: 'rejoin',
          z: 'tab',
          type: 'join',
          mode: 'auto',
          build: 'array',
          property: 'payload',
          propertyType: 'msg',
          key: 'topic',
          joiner: '\\n',
          joinerType: 'str',
          accumulate: false,
          timeout: '',
          count: '',
          reduceRight: false,
          wires: [['joined']],
        },
        { id: 'joined', z: 'tab', type: 'helper' },
      ];
      const flow = bpmListTasksFlow(sim, { state: 'all' }, {}, join).map((n) =>
        n.id === 'node' ? { ...n, wires: [['out', 'rejoin']] } : n,
      );
      await loadFlow(flow, sim);
      const joined = collect('joined');
      await run({ payload: BUILTIN_PIID });
      const [msg] = await joined.until(1);
      msg.payload.should.eql(sim.bpmTasks(BUILTIN_PIID));
    });

    it('shows a green dot with the number of tasks', async function () {
      await loadShowing({ state: 'all' });
      const result = await run({ payload: BUILTIN_PIID });
      result.statuses[0].should.eql({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.tasks {"count":2}` });
    });

    it('an empty list sends nothing, is no error, and the status says "0 tasks"', async function () {
      const { piid } = await startInstance(sim, LOG_BPD);
      await loadList({ state: 'all' });
      const result = await run({ payload: piid });
      result.out.should.have.length(0);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
      result.status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.noTasks` });
    });

    it('an instance whose tasks are all closed sends nothing with state open', async function () {
      const { piid, closed, open } = await movedOn();
      await finishTask(sim, open);
      await loadList();
      const result = await run({ payload: piid });
      result.out.should.have.length(0);
      result.completed.should.have.length(1);
      sim
        .bpmTasks(piid)
        .map((t) => t.tkiid)
        .should.eql([closed, open]);
    });

    const broken = [
      ['no tasks', { status: '200', data: { piid: '9' } }],
      ['tasks that are not a list', { status: '200', data: { piid: '9', tasks: { tkiid: '1' } } }],
      ['a list that holds something other than tasks', { status: '200', data: { piid: '9', tasks: ['1'] } }],
      ['no data', { status: '200' }],
    ];
    for (const [what, body] of broken) {
      it(`a 200 with ${what} is INVALID_RESPONSE`, async function () {
        const server = await answering(() => ({ type: 'application/json', body: JSON.stringify(body) }));
        try {
          await loadList({}, { url: server.url.replace('/ibis/rest', ROOT) });
          caughtWith(await run({ payload: '9' }), 'INVALID_RESPONSE').statusCode.should.equal(200);
          server.requests.should.have.length(1);
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('what the server refuses (README, "Errors")', function () {
    it("404 CWTBG0059E: an instance that does not exist is NOT_FOUND, with the server's error", async function () {
      await loadList();
      const msg = caughtWith(await run({ payload: '999999' }), 'NOT_FOUND');
      msg.statusCode.should.equal(404);
      msg.serverError.should.match({ errorNumber: 'CWTBG0059E', errorMessageParameters: ['999999'] });
      msg.error.message.should.startWith('Listing the tasks of process instance ');
      msg.error.message.should.containEql(msg.serverError.errorMessage);
    });
  });

  describe('retries (README, "Errors"): a read', function () {
    for (const [what, key, code] of [
      ['a timeout', 'slow-2000', 'TIMEOUT'],
      ['a reset', 'reset', 'CONNECTION_FAILED'],
      ['a 503', 'status-503', 'SERVICE_UNAVAILABLE'],
    ]) {
      it(`repeated after ${what}, up to retries more times`, async function () {
        await loadList({}, { timeout: 300, retries: 2 });
        caughtWith(await run({ payload: key }), code);
        gets().should.have.length(3);
      });
    }

    it('a read that failed once is answered by the retry', async function () {
      await loadList({}, { timeout: 300 });
      const result = await run({ payload: 'flaky-1' });
      result.out.should.have.length(1);
      gets().should.have.length(2);
    });
  });

  describe('emit new (README, "Nodes": only new tasks)', function () {
    const loadNew = (props = {}) => loadList({ emit: 'new', ...props });

    it('the first answer counts as new: every task is sent', async function () {
      await loadNew({ state: 'all' });
      ids(await run({ payload: BUILTIN_PIID })).should.eql([CLOSED, OPEN]);
    });

    it('sends only the tasks that were not in the previous answer for the same instance', async function () {
      const { piid, taskId: first } = await startInstance(sim);
      await loadNew();
      ids(await run({ payload: piid })).should.eql([first]);
      ids(await run({ payload: piid })).should.eql([]);
      await finishTask(sim, first);
      const second = sim.bpmTasks(piid)[1].tkiid;
      const result = await run({ payload: piid });
      ids(result).should.eql([second]);
      result.out[0].taskId.should.equal(second);
      result.out[0].parts.should.match({ index: 0, count: 1 });
      ids(await run({ payload: piid })).should.eql([]);
    });

    it('remembers per instance: another instance has its own previous answer', async function () {
      const one = await startInstance(sim);
      const two = await startInstance(sim);
      await loadNew();
      ids(await run({ payload: one.piid })).should.eql([one.taskId]);
      ids(await run({ payload: two.piid })).should.eql([two.taskId]);
      ids(await run({ payload: one.piid })).should.eql([]);
      ids(await run({ payload: Number(two.piid) })).should.eql([]);
    });

    it('with state open, the closed tasks are not counted', async function () {
      await loadShowingValues('ibm-bpm-list-tasks', bpmListTasksFlow(sim, { emit: 'new' }), credentials(sim));
      (await run({ payload: BUILTIN_PIID })).status.should.eql({
        fill: 'green',
        shape: 'dot',
        text: `${STATUS}.newOf {"count":1,"total":1}`,
      });
    });

    it('the status says "N new of M"', async function () {
      const { piid, taskId } = await startInstance(sim);
      await loadShowingValues('ibm-bpm-list-tasks', bpmListTasksFlow(sim, { emit: 'new', state: 'all' }), credentials(sim));
      (await run({ payload: piid })).status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.newOf {"count":1,"total":1}` });
      await finishTask(sim, taskId);
      (await run({ payload: piid })).status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.newOf {"count":1,"total":2}` });
      (await run({ payload: piid })).status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.newOf {"count":0,"total":2}` });
    });

    it('nothing survives a redeploy: the first answer after one counts as new', async function () {
      await loadNew();
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
      ids(await run({ payload: BUILTIN_PIID })).should.eql([]);
      await helper.setFlows(bpmListTasksFlow(sim, { emit: 'new' }), 'full', credentials(sim));
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
    });

    it('emit all (the default, also in a flow saved without emit) sends every task each time', async function () {
      await loadFlow(withoutProperties(bpmListTasksFlow(sim), 'node', 'emit'), sim);
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
    });
  });

  describe('CSRF token (README, "Authentication")', function () {
    beforeEach(function () {
      sim.setBpmCsrf('required');
    });

    it('auto: the read refused for want of a token is sent once more with one', async function () {
      await loadList();
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
      gets()
        .map((r) => r.csrfToken)
        .should.eql([null, sim.csrfTokens[0]]);
    });

    it('always: the token is fetched before the first read; an expired one is renewed and the read sent once more', async function () {
      await loadList({}, { csrf: 'always' });
      await run({ payload: BUILTIN_PIID });
      sim.requests[0].rawPath.should.equal('/bpm/system/login');
      sim.expireCsrfTokens();
      ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
      gets()
        .map((r) => r.csrfToken)
        .should.eql([sim.csrfTokens[0], sim.csrfTokens[0], sim.csrfTokens[1]]);
    });
  });

  describe('every message ends once (README, "Errors")', function () {
    it('mixed outcomes at once: each input ends in exactly one Complete or one Catch, and no error holds a secret', async function () {
      await loadList();
      const inputs = [BUILTIN_PIID, '999999', '.', 'many-0', 'many-2', 'status-500'].map((payload, index) => ({ payload, index }));
      const result = await runMany(inputs);
      result.completed
        .map((m) => m.index)
        .sort()
        .should.eql([0, 3, 4]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([1, 2, 5]);
      result.out.should.have.length(3);
      JSON.stringify([result.out, result.caught, result.statuses]).should.not.containEql(sim.password);
    });
  });
});
