'use strict';
// ibm-bpm-list-tasks with source queue (README, "Nodes": the task queue): the tasks of the config
// node's user across instances.
require('should');
const { helper } = require('../support/runtime');
const { bpmListTasksFlow, withoutProperties, loadFlow, credentials, run, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, loadShowingValues } = require('../support/ibm-bpm-tasks');
const { BUILTIN_PIID, BUILTIN_TASK_IDS } = require('../simulator/ibm-bpm-process-fixtures');

const STATUS = 'ibm-bpm-list-tasks.status';
const OPEN = BUILTIN_TASK_IDS[1];

describe('ibm-bpm-list-tasks: source queue (README, "Nodes": the task queue)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const gets = () => bpmRequests(sim).filter((r) => r.method === 'GET');
  const ids = (result) => result.out.map((m) => m.payload.tkiid);
  const loadList = (props = {}, server = {}) => loadFlow(bpmListTasksFlow(sim, props, server), sim);
  const QUERY = 'IBM.DEFAULTALLTASKSLIST_75';
  const loadQueue = (props = {}, server = {}) => loadList({ source: 'queue', ...props }, server);
  const queries = () => gets().filter((r) => r.segments[0] === 'tasks');
  const taskIds = (result) => result.out.map((m) => m.taskId);
  /** A stand-in server answering every request with the WLE envelope around `data`. */
  const standIn = (data) => answering(() => ({ type: 'application/json', body: JSON.stringify({ status: '200', data }) }));

  it('sends GET {base}/tasks/query/IBM.DEFAULTALLTASKSLIST_75?interactionFilter=ASSESS_AVAILABLE&size=100&offset=0 with Accept: application/json', async function () {
    await loadQueue();
    await run({ payload: 'ignored' });
    sim.requests.should.have.length(1);
    const [request] = queries();
    request.rawPath.should.equal(`${ROOT}/tasks/query/${QUERY}`);
    request.query.should.eql({ interactionFilter: 'ASSESS_AVAILABLE', size: '100', offset: '0' });
    Object.keys(request.query).should.eql(['interactionFilter', 'size', 'offset']);
    request.headers.accept.should.equal('application/json');
    request.authUser.should.equal(sim.username);
  });

  it('interaction: available (the default) ASSESS_AVAILABLE, claimed WORK_ON, both ASSESS_AND_WORK_ON', async function () {
    for (const [interaction, filter] of [
      ['available', 'ASSESS_AVAILABLE'],
      ['claimed', 'WORK_ON'],
      ['both', 'ASSESS_AND_WORK_ON'],
      [undefined, 'ASSESS_AVAILABLE'],
    ]) {
      sim.reset();
      await loadQueue({ interaction });
      await run({});
      queries()[0].query.interactionFilter.should.equal(filter, String(interaction));
      await helper.unload();
    }
  });

  it('claimed lists the tasks the user holds, available those nobody holds', async function () {
    const [mine, free] = sim.queueBpmTasks(2);
    sim.claimBpmTask(mine.taskId, sim.username);
    await loadQueue({ interaction: 'claimed' });
    taskIds(await run({})).should.eql([mine.taskId]);
    await helper.unload();
    await loadQueue({ interaction: 'available' });
    taskIds(await run({})).should.eql([OPEN, free.taskId]);
  });

  it('processAppName: sent as &processAppName=… when set, from str, msg, flow, global or env; empty sends none', async function () {
    const app = 'Hiring Sample';
    const cases = [
      [{ processAppName: app, processAppNameType: 'str' }, () => {}],
      [{ processAppName: 'app', processAppNameType: 'msg' }, () => {}],
      [{ processAppName: 'a', processAppNameType: 'flow' }, (node) => node.context().flow.set('a', app)],
      [{ processAppName: 'a', processAppNameType: 'global' }, (node) => node.context().global.set('a', app)],
      [
        { processAppName: 'BPM_TEST_APP', processAppNameType: 'env' },
        () => {
          process.env.BPM_TEST_APP = app;
        },
      ],
    ];
    try {
      for (const [props, prepare] of cases) {
        sim.reset();
        await loadQueue(props);
        prepare(helper.getNode('node'));
        taskIds(await run({ app })).should.eql([OPEN], props.processAppNameType);
        queries()[0].query.should.eql({ interactionFilter: 'ASSESS_AVAILABLE', size: '100', offset: '0', processAppName: app });
        await helper.unload();
      }
    } finally {
      delete process.env.BPM_TEST_APP;
    }
    sim.reset();
    await loadQueue({ processAppName: 'Another App', processAppNameType: 'str' });
    (await run({})).out.should.have.length(0);
    await helper.unload();
    await loadQueue({ processAppName: '', processAppNameType: 'str' });
    await run({});
    queries()[1].query.should.not.have.property('processAppName');
  });

  it('size and query: sent as saved, the query name one path segment, percent-encoded', async function () {
    sim.queueBpmTasks(3);
    await loadQueue({ size: 2, query: 'SAVED.MY_REVIEWS' });
    const result = await run({});
    result.out.should.have.length(2);
    queries()[0].rawPath.should.equal(`${ROOT}/tasks/query/SAVED.MY_REVIEWS`);
    queries()[0].query.size.should.equal('2');
    await helper.unload();
    await loadQueue({ size: '5', query: 'My queries/open tasks' });
    caughtWith(await run({}), 'NOT_FOUND').error.message.should.startWith('Listing the task queue "My queries/open tasks"');
    queries()[1].rawPath.should.equal(`${ROOT}/tasks/query/My%20queries%2Fopen%20tasks`);
    queries()[1].query.size.should.equal('5');
  });

  for (const [what, props] of [
    ['size 0', { size: 0 }],
    ['a size that is no whole number', { size: '1.5' }],
    ['a size above 100,000', { size: 100001 }],
    ['an interaction it does not know', { interaction: 'mine' }],
    ['query ".."', { query: '..' }],
  ]) {
    it(`${what} is INVALID_INPUT, and no request is sent`, async function () {
      await loadQueue(props);
      caughtWith(await run({}), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  }

  it("one message per item, in the server's order: msg.payload the item as sent, msg.parts, msg.taskId the TKIID, msg.instanceId the PI_PIID, msg.total", async function () {
    const queued = sim.queueBpmTasks(2);
    await loadQueue();
    const outer = { id: 'outer', index: 0, count: 1 };
    const result = await run({ payload: 'x', parts: outer, topic: 'kept' });
    result.out.should.have.length(3);
    const answer = JSON.parse(JSON.stringify(result.out.map((m) => m.payload)));
    answer.map((item) => item.TKIID).should.eql([OPEN, ...queued.map((t) => t.taskId)]);
    answer[1].should.match({
      TKIID: queued[0].taskId,
      PI_PIID: queued[0].instanceId,
      OWNER: null,
      STATUS: 'Received',
      PRIORITY: 30,
      IS_AT_RISK: false,
    });
    const id = result.out[0].parts.id;
    result.out.forEach((m, index) => {
      m.parts.should.eql({ id, index, count: 3, type: 'array', len: 1, parts: outer });
      m.taskId.should.equal(m.payload.TKIID).and.be.a.String();
      m.instanceId.should.equal(m.payload.PI_PIID);
      m.total.should.equal(3);
      m.topic.should.equal('kept');
    });
    result.out[0].instanceId.should.equal(BUILTIN_PIID);
  });

  it('a TKIID or PI_PIID that is a number is text; an item without PI_PIID removes msg.instanceId; a totalCount that is no number removes msg.total', async function () {
    const items = [
      { TKIID: 7, PI_PIID: 9, STATUS: 'Received' },
      { TKIID: '8', NAME: 'no instance' },
    ];
    const server = await standIn({ items, totalCount: '2' });
    try {
      await loadQueue({}, { url: server.url.replace('/ibis/rest', ROOT) });
      const result = await run({ instanceId: 'from before', total: 99 });
      result.out.map((m) => m.payload).should.eql(items);
      result.out.map((m) => m.taskId).should.eql(['7', '8']);
      result.out[0].instanceId.should.equal('9');
      result.out[1].should.not.have.property('instanceId');
      result.out.forEach((m) => m.should.not.have.property('total'));
    } finally {
      await server.close();
    }
  });

  it('no items sends nothing, is no error, and the status says "0 tasks"', async function () {
    sim.claimBpmTask(OPEN, 'anna');
    await loadShowingValues('ibm-bpm-list-tasks', bpmListTasksFlow(sim, { source: 'queue' }), credentials(sim));
    const result = await run({});
    result.out.should.have.length(0);
    result.caught.should.have.length(0);
    result.completed.should.have.length(1);
    result.status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.noTasks` });
  });

  for (const [what, data] of [
    ['no items', { totalCount: 0 }],
    ['items that are not a list', { items: { TKIID: '1' } }],
    ['a list that holds something other than tasks', { items: ['1'] }],
  ]) {
    it(`a 200 whose data has ${what} is INVALID_RESPONSE`, async function () {
      const server = await standIn(data);
      try {
        await loadQueue({}, { url: server.url.replace('/ibis/rest', ROOT) });
        caughtWith(await run({}), 'INVALID_RESPONSE').statusCode.should.equal(200);
        server.requests.should.have.length(1);
      } finally {
        await server.close();
      }
    });
  }

  it('emit new: a task is sent only when its id was not in the previous answer to the same query with the same parameters', async function () {
    await loadShowingValues(
      'ibm-bpm-list-tasks',
      bpmListTasksFlow(sim, { source: 'queue', emit: 'new', processAppName: 'app', processAppNameType: 'msg' }),
      credentials(sim),
    );
    taskIds(await run({})).should.eql([OPEN]);
    taskIds(await run({})).should.eql([]);
    const [queued] = sim.queueBpmTasks(1);
    const result = await run({});
    taskIds(result).should.eql([queued.taskId]);
    result.out[0].parts.should.match({ index: 0, count: 1 });
    result.out[0].total.should.equal(2);
    result.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.newOf {"count":1,"total":2}` });
    // Other parameters are another request, with a previous answer of its own.
    taskIds(await run({ app: 'Hiring Sample' })).should.eql([OPEN, queued.taskId]);
    taskIds(await run({})).should.eql([]);
  });

  it('instanceId and state apply to instance only: the payload is no instance id, and closed tasks are not listed', async function () {
    await loadQueue({ instanceId: 'payload', instanceIdType: 'msg', state: 'all' });
    taskIds(await run({ payload: '..' })).should.eql([OPEN]);
    sim.requests.should.have.length(1);
  });

  it('a flow saved without source, interaction, processAppName, size and query lists the tasks of the instance, as before', async function () {
    await loadFlow(
      withoutProperties(
        bpmListTasksFlow(sim, { interaction: 'both', size: 5, query: 'X' }),
        'node',
        'source',
        'interaction',
        'processAppName',
        'processAppNameType',
        'size',
        'query',
      ),
      sim,
    );
    ids(await run({ payload: BUILTIN_PIID })).should.eql([OPEN]);
    gets()[0].rawPath.should.equal(`${ROOT}/process/${BUILTIN_PIID}`);
  });

  it('a read: repeated after a timeout, a reset or a 503, up to retries more times', async function () {
    for (const [key, code] of [
      ['slow-2000', 'TIMEOUT'],
      ['reset', 'CONNECTION_FAILED'],
      ['status-503', 'SERVICE_UNAVAILABLE'],
    ]) {
      sim.reset();
      await loadQueue({ query: key }, { timeout: 300, retries: 2 });
      caughtWith(await run({}), code);
      queries().should.have.length(3);
      await helper.unload();
    }
  });
});
