'use strict';
// README, "Examples": the examples of ad-hoc processes, activities and starters and of error
// handling (01–05), each run in Node-RED against the simulator (test/support/examples.js): each
// must do what its comment nodes promise.
const should = require('should');
const { helper, catchSeesCode } = require('../support/runtime');
const fixtures = require('../simulator/fixtures');
// Our nodes in the examples, by the types the flow builders know.
const { startFlow, listFlow, startActivityFlow } = require('../support/flows');
const { UUID_RE, example, nodeNamed, runningExamples } = require('../support/examples');

describe('examples: running the ad-hoc ones against the simulator (01–05)', function () {
  const { state, loadExample, click, until } = runningExamples();
  let sim;
  before(() => ({ sim } = state));

  describe('01 Start an ad-hoc process', function () {
    it('user anna starts the Leave request starter and "new task" receives the task id, taskId and statusCode 201', async function () {
      const ex = example('01');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');
      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      sim.requests.should.have.length(1);
      sim.requests[0].should.match({
        method: 'POST',
        rawPath: '/ibis/rest/task/adhoc/anna/74933f6c-72c6-44c5-9e90-91070f98c7dd',
        authUser: sim.username,
      });
    });
  });

  describe('02 List ad-hoc activities and re-join them', function () {
    const served = fixtures.builtinInstances()['102'];

    for (const format of ['json', 'xml']) {
      it(`${format.toUpperCase()}: instance 102 gives two single activity messages and one joined list of both`, async function () {
        const ex = example('02');
        const received = await loadExample(ex);
        const list = ex.nodes.find((n) => n.type === listFlow.type && n.format === format);
        should.exist(list, `no list node with format ${format}`);
        const inject = ex.nodes.find((n) => n.type === 'inject' && n.wires[0].includes(list.id));
        helper.getNode(inject.id).receive({});
        await until(() => received['each activity'].length >= 2 && received['the whole list'].length >= 1, 'the activities');

        received['each activity'].should.have.length(2);
        received['each activity'].forEach((msg, index) => {
          msg.payload.should.eql(served[index]);
          msg.instanceId.should.equal('102');
          msg.parts.should.match({ index, count: 2, type: 'array', len: 1 });
        });
        received['each activity'][0].parts.id.should.equal(received['each activity'][1].parts.id);
        received['the whole list'].should.have.length(1);
        received['the whole list'][0].payload.should.eql(served);

        sim.requests.should.have.length(1);
        sim.requests[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
        sim.requests[0].headers.accept.should.startWith(`application/${format}`);
      });
    }
  });

  describe('03 Handle errors', function () {
    const ERRORS = 'error, statusCode, serverError';
    const STATUSES = 'status changes';

    it('user ".." reaches the catch as INVALID_INPUT, without a request and without statusCode', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('INVALID_INPUT');
      msg.error.message.should.be.a.String().and.not.be.empty();
      msg.should.not.have.property('statusCode');
      msg.should.not.have.property('serverError');
      msg.payload.should.equal('..');
      received['task id'].should.be.empty();
      sim.requests.should.be.empty();
    });

    it('instance "abc" reaches the catch as BAD_REQUEST with statusCode 400 and the server\'s error', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.error.message.should.containEql('400');
      msg.statusCode.should.equal(400);
      msg.serverError.should.match({ errorNumber: 'CWTBG0553E' });
      msg.serverError.should.have.properties('exceptionType', 'errorMessage');
      received.activities.should.be.empty();
      sim.requests.should.have.length(1);
    });

    it('the switch on msg.outcome: the refused change leaves as "not done", the failed read as one without an outcome', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      await until(() => received['not done: safe to send again'].length > 0, "the change's error");
      received['not done: safe to send again'][0].outcome.should.equal('not-done');
      received['not done: safe to send again'][0].payload.should.equal('..');
      click(ex, 'instance "abc"');
      await until(() => received['a read: no outcome'].length > 0, "the read's error");
      received['a read: no outcome'][0].should.not.have.property('outcome');
      received['a read: no outcome'][0].statusCode.should.equal(400);
      received['done: carry on'].should.be.empty();
      received['unknown: check before sending again'].should.be.empty();
    });

    it('the status node passes on "requesting" and then the error code on a red ring', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length >= 2 && received[STATUSES].length >= 4, 'the statuses');
      const bySource = (type) => received[STATUSES].filter((m) => m.status.source.type === type).map((m) => m.status);
      // The test runtime has no message catalogues: status texts other than codes stay keys.
      const requesting = { fill: 'blue', text: /requesting$/ };
      const start = bySource(startFlow.type);
      start.should.have.length(2);
      start.should.match([requesting, { fill: 'red', shape: 'ring', text: 'INVALID_INPUT' }]);
      const list = bySource(listFlow.type);
      list.should.have.length(2);
      list.should.match([requesting, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
    });
  });

  describe('04 Start a ready ad-hoc activity', function () {
    const served = fixtures.builtinInstances()['104'];
    const ready = served.filter((a) => a.executionState === 'READY');
    const STARTED = 'started activities';
    const EACH = 'each started activity';

    before(function () {
      // The instance of the example must show what the switch is for.
      ready.length.should.be.aboveOrEqual(2);
      (served.length - ready.length).should.be.aboveOrEqual(1);
    });

    it('instance 104 starts exactly its READY activities, and the join sends the list of them, each WORKING', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');

      received[STARTED].should.have.length(1);
      const joined = received[STARTED][0].payload;
      joined.should.be.an.Array().and.have.length(ready.length);
      joined.map((a) => a.id).should.eql(ready.map((a) => a.id));
      joined.forEach((details, index) => {
        details.should.match({ name: ready[index].name, executionState: 'WORKING', activityType: ready[index].activityType });
        details.startTime.should.be.a.String();
        if (ready[index].activityType === 'USER_TASK') details.taskId.should.be.a.String();
        else should(details.taskId).be.null();
      });

      received[EACH].should.have.length(ready.length);
      for (const msg of received[EACH]) {
        const index = ready.findIndex((a) => a.id === msg.payload.id);
        index.should.be.aboveOrEqual(0);
        msg.activityId.should.equal(msg.payload.id);
        msg.statusCode.should.equal(200);
        msg.instanceId.should.equal('104');
        msg.parts.should.match({ index, count: ready.length, type: 'array' });
        if (msg.payload.taskId === null) msg.should.not.have.property('taskId');
        else msg.taskId.should.equal(msg.payload.taskId);
      }
      received.errors.should.be.empty();

      const puts = sim.requests.filter((r) => r.method === 'PUT');
      sim.requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.rawPath)
        .should.eql(['/rest/bpm/wle/v1/process/104/adHocActivities']);
      puts
        .map((r) => r.rawPath)
        .sort()
        .should.eql(ready.map((a) => `/rest/bpm/wle/v1/activity/${a.id}`).sort());
      for (const put of puts) put.query.should.eql({ action: 'ACTION_START_ACTIVITY' });
      sim.requests.should.have.length(1 + ready.length);
    });

    it('a second click lists the activities again and starts nothing: none is READY any more', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');
      const before = sim.requests.length;
      const list = nodeNamed(ex, 'ibm-bpm-list-adhoc-activities', 'list activities').id;
      click(ex, 'instance 104');
      await until(() => sim.requests.length > before && state.messages.finished(list) === 2, 'the second list');
      // The switch passes READY activities only, and the second list holds none.
      const listed = state.messages.sent(list).slice(served.length);
      listed.map((m) => m.payload.id).should.eql(served.map((a) => a.id));
      listed.forEach((m) => m.payload.executionState.should.not.equal('READY'));
      sim.requests
        .slice(before)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql(['GET /rest/bpm/wle/v1/process/104/adHocActivities']);
      received[STARTED].should.have.length(1);
      received[EACH].should.have.length(ready.length);
      received.errors.should.be.empty();
    });

    it('without "recreate message sequences" the join would never send: the switch option is what completes it', async function () {
      const ex = example('04');
      const changed = { name: ex.name, nodes: ex.nodes.map((n) => (n.type === 'switch' ? { ...n, repair: false } : n)) };
      const received = await loadExample(changed);
      click(changed, 'instance 104');
      // At rest: every start has finished and the join holds what reached it, waiting for more.
      await until(() => received[EACH].length >= ready.length, 'the started activities');
      received[EACH].forEach((msg) => msg.parts.count.should.equal(served.length));
      received[STARTED].should.be.empty();
    });

    it('an activity that cannot be started reaches the catch node as BAD_REQUEST, and the status node shows it', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      const notReady = served.find((a) => a.executionState !== 'READY');
      helper.getNode(nodeNamed(ex, startActivityFlow.type, 'start activity').id).receive({ payload: notReady });
      await until(() => received.errors.length > 0 && received['status changes'].length >= 2, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.serverError.should.have.properties('errorNumber', 'errorMessage');
      msg.payload.id.should.equal(notReady.id);
      received[EACH].should.be.empty();
      received[STARTED].should.be.empty();
      received['status changes'].map((m) => m.status).should.match([{ fill: 'blue' }, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
      sim.requests.map((r) => `${r.method} ${r.rawPath}`).should.eql([`PUT /rest/bpm/wle/v1/activity/${notReady.id}`]);
    });
  });

  describe('05 Pick an ad-hoc starter and start it', function () {
    const LEAVE_REQUEST = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');

    it('user anna lists the English labels and starts exactly the Leave request starter; "new task" receives the task id', async function () {
      should.exist(LEAVE_REQUEST, 'the simulator has no starter labelled "Leave request"');
      const ex = example('05');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');

      received['each starter'].map((m) => m.payload.label).should.eql(fixtures.INUBIT_STARTERS.map((s) => s.labels.en));
      received['each starter'].forEach((m) => {
        m.user.should.equal('anna');
        m.payload.lang.should.equal('en');
      });

      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      msg.user.should.equal('anna');
      received.errors.should.be.empty();

      sim.requests.should.have.length(2);
      sim.requests[0].should.match({ method: 'GET', rawPath: '/ibis/rest/task/adhoc/anna', authUser: sim.username });
      sim.requests[0].query.should.eql({ lang: 'en' });
      sim.requests[1].should.match({
        method: 'POST',
        rawPath: `/ibis/rest/task/adhoc/anna/${encodeURIComponent(LEAVE_REQUEST.id)}`,
        authUser: sim.username,
      });
      sim.requests[1].query.should.eql({ lang: 'en' });
    });

    it('an unknown user reaches the catch node as NOT_FOUND, and nothing is started', async function () {
      const ex = example('05');
      const received = await loadExample(ex);
      helper.getNode(nodeNamed(ex, 'inject', 'user anna').wires[0][0]).receive({ payload: 'unknown-user' });
      await until(() => received.errors.length > 0, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('NOT_FOUND');
      msg.statusCode.should.equal(404);
      received['each starter'].should.be.empty();
      received['new task'].should.be.empty();
      sim.requests.map((r) => r.method).should.eql(['GET']);
    });
  });
});
