'use strict';
// README, "Examples": the examples of inubit and IBM BPM tasks (06–09), each run in Node-RED
// against the simulator (test/support/examples.js): each must do what its comment nodes promise.
require('should');
const { helper, catchSeesCode } = require('../support/runtime');
const fixtures = require('../simulator/fixtures');
const taskFixtures = require('../simulator/inubit-task-fixtures');
const processFixtures = require('../simulator/ibm-bpm-process-fixtures');
const { queryOf } = require('../support/ibm-bpm-tasks');
// Our nodes in the examples, by the types the flow builders know.
const { listTasksFlow, startProcessFlow, bpmListTasksFlow, completeTaskFlow } = require('../support/flows');
const { UUID_RE, example, nodeNamed, runningExamples } = require('../support/examples');

describe('examples: running the task ones against the simulator (06–09)', function () {
  const { state, loadExample, click, until } = runningExamples();
  let sim;
  before(() => ({ sim } = state));

  describe('06 Start an ad-hoc process and submit its task', function () {
    const LEAVE_REQUEST = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');

    it("user flow starts Leave request, reads the new task with its form and submits it with msg.fields and the form's first submitter", async function () {
      const ex = example('06');
      const inject = nodeNamed(ex, 'inject', 'user flow, Leave request');
      // The task nodes work the tasks of the user the server signs in as: the inject's user.
      inject.props.find((p) => p.p === 'user').v.should.equal(sim.username);
      const fields = JSON.parse(nodeNamed(ex, 'change', 'set the fields').rules[0].to);
      const received = await loadExample(ex);
      click(ex, 'user flow, Leave request');
      await until(() => received.submitted.length > 0, 'the submit');

      received['task and form'].should.have.length(1);
      const read = received['task and form'][0];
      read.taskId.should.be.a.String().and.match(UUID_RE);
      read.payload.should.match({ id: read.taskId, name: LEAVE_REQUEST.labels.de });
      read.form.fields.map((f) => f.name).should.eql(Object.keys(fields));
      read.form.submitters.should.have.length(1);
      read.form.submitters[0].submitter.should.equal('value');

      received.submitted.should.have.length(1);
      const msg = received.submitted[0];
      msg.should.match({ taskId: read.taskId, statusCode: 204, payload: null, user: sim.username });
      msg.should.not.have.property('nextTaskId');
      received.errors.should.be.empty();

      sim
        .submittedForms()
        .should.match([{ taskId: read.taskId, user: sim.username, submitter: 'value', fields }])
        .and.have.length(1);
      sim
        .inubitTasks(sim.username)
        .map((t) => t.id)
        .should.not.containEql(read.taskId);
      sim.requests
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([
          `POST /ibis/rest/task/adhoc/${sim.username}/${LEAVE_REQUEST.id}`,
          `GET /ibis/rest/task/tasks/${read.taskId}`,
          `GET /ibis/rest/task/data/${read.taskId}`,
          `POST /ibis/rest/task/submit/${read.taskId}`,
        ]);
    });

    it('started for another user, the task is not in the list: NOT_FOUND reaches the catch node, and nothing is submitted', async function () {
      const ex = example('06');
      const received = await loadExample(ex);
      helper
        .getNode(nodeNamed(ex, 'inject', 'user flow, Leave request').wires[0][0])
        .receive({ user: 'anna', starterId: LEAVE_REQUEST.id });
      await until(() => received.errors.length > 0, 'the error');
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('NOT_FOUND');
      received.errors[0].statusCode.should.equal(200);
      received['task and form'].should.be.empty();
      received.submitted.should.be.empty();
      sim.submittedForms().should.be.empty();
      received['status changes'].map((m) => m.status).should.matchAny({ fill: 'red', shape: 'ring', text: 'NOT_FOUND' });
    });
  });

  describe('07 Work an inubit task queue', function () {
    const POLL = 'every 30 s';
    const ACKNOWLEDGED = 'acknowledged';
    const LEFT = 'left for people';
    const tasks = taskFixtures.accountTasks();
    const notice = tasks.find((t) => t.name.en.startsWith('Notice:'));

    /** Clicks the poll button and waits until `count` more tasks have been routed. */
    async function poll(ex, received, count) {
      const routed = () => received[ACKNOWLEDGED].length + received[LEFT].length + received.errors.length;
      const before = routed();
      const lists = () => sim.requests.filter((r) => r.method === 'GET').length;
      const listed = lists();
      click(ex, POLL);
      await until(() => lists() > listed && routed() >= before + count, `${count} routed tasks`);
    }

    it('the first poll sends each task of the user once: the notice is acknowledged with submit(ok), the others are left for people', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);

      received[LEFT].map((m) => m.taskId).should.eql(tasks.filter((t) => t !== notice).map((t) => t.id));
      received[LEFT].forEach((m) => m.payload.name.should.not.startWith('Notice:'));
      received[ACKNOWLEDGED].should.have.length(1);
      received[ACKNOWLEDGED][0].should.match({ taskId: notice.id, statusCode: 204, payload: null, total: tasks.length });
      received.errors.should.be.empty();
      sim
        .submittedForms()
        .should.match([{ taskId: notice.id, user: sim.username, submitter: 'ok', fields: {} }])
        .and.have.length(1);
      sim.requests[0].should.match({ method: 'GET', rawPath: '/ibis/rest/task/tasks', query: { lang: 'en' } });
      sim.requests
        .slice(1)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`POST /ibis/rest/task/submit/${notice.id}`]);
      received['status changes'].map((m) => m.status.text).should.containEql(`${listTasksFlow.type}.status.newOf`);
    });

    it('the next poll sends only the tasks that appeared since, each once, routed by name', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);
      const newNotice = sim.addInubitTask(sim.username, {
        name: { de: 'Hinweis: Kantine geschlossen', en: 'Notice: canteen closed' },
        form: 'info',
      });
      const order = sim.addInubitTask(sim.username, { name: { de: 'Bestellung 4711 prüfen', en: 'Check order 4711' }, form: 'adhoc' });
      await poll(ex, received, 2);

      received[ACKNOWLEDGED].map((m) => m.taskId).should.eql([notice.id, newNotice]);
      received[LEFT].map((m) => m.taskId).should.eql([...tasks.filter((t) => t !== notice).map((t) => t.id), order]);
      received[ACKNOWLEDGED][1].parts.should.match({ index: 0, count: 2 });
      sim
        .submittedForms()
        .map((f) => `${f.taskId} ${f.submitter}`)
        .should.eql([`${notice.id} ok`, `${newNotice} ok`]);

      // A third poll finds nothing new and sends nothing.
      const lists = sim.requests.filter((r) => r.method === 'GET').length;
      click(ex, POLL);
      await until(() => sim.requests.filter((r) => r.method === 'GET').length > lists, 'the third list');
      received[ACKNOWLEDGED].should.have.length(2);
      received[LEFT].should.have.length(tasks.length);
      received.errors.should.be.empty();
    });

    it('a notice another user holds reaches the catch node as LOCKED, and the next poll does not send it again', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);
      const held = sim.addInubitTask(sim.username, {
        name: { de: 'Hinweis: Umzug', en: 'Notice: moving offices' },
        form: 'info',
        locked: 'anna',
      });
      await poll(ex, received, 1);
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('LOCKED');
      received.errors[0].should.match({ taskId: held, statusCode: 423 });
      await poll(ex, received, 0);
      received.errors.should.have.length(1);
      received[ACKNOWLEDGED].map((m) => m.taskId).should.eql([notice.id]);
      sim.requests.filter((r) => r.method === 'POST').should.have.length(2);
    });
  });

  describe('08 Start an IBM BPM process and complete its first task', function () {
    const BPM = '/rest/bpm/wle/v1';
    const [FIRST_STEP, NEXT_STEP] = processFixtures.HIRING_BPD.steps.map((s) => s.name);

    it('new position starts the process with the requisition; its first task is read, decided on, completed Closed with the output variables, and the next task appears', async function () {
      const ex = example('08');
      const start = nodeNamed(ex, startProcessFlow.type, 'start hiring process');
      const input = JSON.parse(start.variables);
      const received = await loadExample(ex);
      click(ex, 'new position');
      await until(() => received['next task'].length > 0, 'the next task');
      received.errors.should.be.empty();

      received['new instance'].should.have.length(1);
      const started = received['new instance'][0];
      started.instanceId.should.be.a.String().and.match(/^\d+$/);
      started.payload.should.match({ piid: started.instanceId, bpdName: 'Standard HR Open New Position', executionState: 'Active' });
      started.payload.variables.requisition.should.match(input.requisition);
      started.statusCode.should.equal(200);
      const piid = started.instanceId;
      const [first, next] = sim.bpmTasks(piid);
      started.taskId.should.equal(first.tkiid);

      received['first task'].should.have.length(1);
      const read = received['first task'][0];
      read.taskId.should.equal(first.tkiid);
      read.payload.should.match({ tkiid: first.tkiid, name: FIRST_STEP, status: 'Received', piid });
      read.payload.data.variables.requisition.should.match(input.requisition);

      // decide: the output variables computed from the task's variables.
      const variables = { approved: true, comments: `Checked by Node-RED: ${input.requisition.reqNum}` };
      received['completed task'].should.have.length(1);
      const completed = received['completed task'][0];
      completed.should.match({ taskId: first.tkiid, instanceId: piid, statusCode: 200, variables });
      completed.payload.should.match({ tkiid: first.tkiid, status: 'Closed', state: 'STATE_FINISHED', owner: sim.username });
      completed.payload.data.variables.should.match(variables);

      received['next task'].should.have.length(1);
      const open = received['next task'][0];
      open.should.match({ taskId: next.tkiid, instanceId: piid, parts: { index: 0, count: 1 } });
      open.payload.should.match({ tkiid: next.tkiid, name: NEXT_STEP, status: 'Received' });

      // The server holds what the flow did: the first task closed, the next one open, the variables set.
      sim
        .bpmTasks(piid)
        .map((t) => `${t.name}: ${t.status}`)
        .should.eql([`${FIRST_STEP}: Closed`, `${NEXT_STEP}: Received`]);
      sim.bpmTask(next.tkiid).data.variables.should.match(Object.assign({ requisition: input.requisition }, variables));
      sim.requests
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([
          `POST ${BPM}/process`,
          `GET ${BPM}/task/${first.tkiid}`,
          `PUT ${BPM}/task/${first.tkiid}`,
          `POST ${BPM}/task/${first.tkiid}`,
          `GET ${BPM}/process/${piid}`,
        ]);
      const [post, , claim, finish] = sim.requests;
      // Variables never travel in a URL: the start and the finish carry them in a form body.
      const form = (request) => Object.fromEntries(new URLSearchParams(request.body));
      post.search.should.equal('');
      form(post).should.match({ action: 'start', bpdId: start.bpdId, processAppId: start.processAppId, parts: 'all' });
      JSON.parse(form(post).params).should.eql(input);
      claim.query.should.eql({ action: 'assign', toMe: 'true', parts: 'none' });
      finish.headers['x-http-method-override'].should.equal('PUT');
      form(finish).should.match({ action: 'finish', parts: 'all' });
      JSON.parse(form(finish).params).should.eql(variables);
      received['status changes'].map((m) => m.status.text).should.containEql(`${completeTaskFlow.type}.status.completed`);
    });

    it('each click starts an instance of its own', async function () {
      const ex = example('08');
      const received = await loadExample(ex);
      click(ex, 'new position');
      await until(() => received['next task'].length > 0, 'the first journey');
      click(ex, 'new position');
      await until(() => received['next task'].length > 1, 'the second journey');
      const piids = received['new instance'].map((m) => m.instanceId);
      new Set(piids).size.should.equal(2);
      received['completed task'].map((m) => m.instanceId).should.eql(piids);
      received['next task'].map((m) => m.instanceId).should.eql(piids);
      received.errors.should.be.empty();
    });

    it('a task someone else has claimed reaches the catch node as CONFLICT, and the status node shows it; nothing is finished', async function () {
      const ex = example('08');
      const received = await loadExample(ex);
      const [, open] = processFixtures.BUILTIN_TASK_IDS;
      sim.claimBpmTask(open, 'anna');
      helper.getNode(nodeNamed(ex, completeTaskFlow.type, 'complete it').id).receive({ taskId: open, variables: { approved: true } });
      await until(() => received.errors.length > 0 && received['status changes'].length >= 2, 'the error');
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('CONFLICT');
      received.errors[0].should.match({ taskId: open, statusCode: 409 });
      received.errors[0].serverError.should.have.properties('errorNumber', 'errorMessage');
      received['completed task'].should.be.empty();
      received['next task'].should.be.empty();
      received['status changes'].map((m) => m.status).should.match([{ fill: 'blue' }, { fill: 'red', shape: 'ring', text: 'CONFLICT' }]);
      sim.requests.map((r) => `${r.method} ${r.rawPath} ${r.query.action}`).should.eql([`PUT ${BPM}/task/${open} assign`]);
      sim.bpmTask(open).should.match({ status: 'Received', owner: 'anna' });
    });
  });

  describe('09 Complete the open tasks of an IBM BPM instance', function () {
    const BPM = '/rest/bpm/wle/v1';
    const PIID = processFixtures.BUILTIN_PIID;
    const CLICK = `instance ${PIID}`;
    const COMPLETED = 'completed tasks';
    const EACH = 'each completed task';

    it(`instance ${PIID}: every open task is completed with the output variables, and the join sends one array of them, each Closed`, async function () {
      const ex = example('09');
      const variables = JSON.parse(nodeNamed(ex, completeTaskFlow.type, 'complete each').variables);
      const open = sim.bpmTasks(PIID).filter((t) => t.status !== 'Closed');
      open.should.not.be.empty();
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      received.errors.should.be.empty();

      received[COMPLETED].should.have.length(1);
      const joined = received[COMPLETED][0].payload;
      joined.should.be.an.Array().and.have.length(open.length);
      joined.map((t) => t.tkiid).should.eql(open.map((t) => t.tkiid));
      joined.forEach((task) => {
        task.should.match({ status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, piid: PIID });
        task.data.variables.should.match(variables);
      });

      received[EACH].should.have.length(open.length);
      for (const msg of received[EACH]) {
        const index = open.findIndex((t) => t.tkiid === msg.taskId);
        index.should.be.aboveOrEqual(0);
        msg.should.match({ statusCode: 200, instanceId: PIID, parts: { index, count: open.length, type: 'array' } });
        msg.payload.tkiid.should.equal(msg.taskId);
      }

      // On the server, no task of the instance is open any more.
      sim
        .bpmTasks(PIID)
        .filter((t) => t.status !== 'Closed')
        .should.be.empty();
      sim.requests[0].should.match({ method: 'GET', rawPath: `${BPM}/process/${PIID}`, query: { parts: 'all' } });
      const puts = sim.requests.slice(1);
      puts.should.have.length(2 * open.length);
      for (const task of open) {
        puts
          .filter((r) => r.rawPath === `${BPM}/task/${task.tkiid}`)
          .map((r) => `${r.method} ${queryOf(r).action}`)
          .should.eql(['PUT assign', 'POST finish']);
      }
      for (const finish of puts.filter((r) => queryOf(r).action === 'finish')) JSON.parse(queryOf(finish).params).should.eql(variables);
    });

    it('a second click finds no open task: nothing is completed, and the join sends nothing more', async function () {
      const ex = example('09');
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      const before = sim.requests.length;
      const list = nodeNamed(ex, 'ibm-bpm-list-tasks', 'open tasks').id;
      click(ex, CLICK);
      await until(() => sim.requests.length > before && state.messages.finished(list) === 2, 'the second list');
      sim.requests
        .slice(before)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`GET ${BPM}/process/${PIID}`]);
      received[COMPLETED].should.have.length(1);
      received[EACH].should.have.length(received[COMPLETED][0].payload.length);
      received.errors.should.be.empty();
      received['status changes'].map((m) => m.status.text).should.containEql(`${bpmListTasksFlow.type}.status.noTasks`);
    });

    it('a task someone else has claimed reaches the catch node as CONFLICT; it stays open, and the join sends nothing', async function () {
      const ex = example('09');
      const received = await loadExample(ex);
      const open = sim.bpmTasks(PIID).filter((t) => t.status !== 'Closed');
      for (const task of open) sim.claimBpmTask(task.tkiid, 'anna');
      click(ex, CLICK);
      await until(() => received.errors.length >= open.length, 'the errors');
      received.errors.map((m) => m.taskId).should.eql(open.map((t) => t.tkiid));
      for (const msg of received.errors) {
        if (catchSeesCode) msg.error.code.should.equal('CONFLICT');
        msg.statusCode.should.equal(409);
      }
      received[EACH].should.be.empty();
      received[COMPLETED].should.be.empty();
      sim
        .bpmTasks(PIID)
        .filter((t) => t.status !== 'Closed')
        .map((t) => t.owner)
        .should.eql(open.map(() => 'anna'));
      received['status changes'].map((m) => m.status).should.matchAny({ fill: 'red', shape: 'ring', text: 'CONFLICT' });
    });

    it('the instance example 08 started: its next task is completed, and with it the instance', async function () {
      const ex08 = example('08');
      const ex09 = example('09');
      // One tab with both flows; the test runtime takes one Catch and one Status node per flow, 08's.
      const without = (n) =>
        !['catch', 'status'].includes(n.type) && !(n.type === 'debug' && ['errors', 'status changes'].includes(n.name));
      const received = await loadExample({ name: 'both', nodes: [...ex08.nodes, ...ex09.nodes.filter(without)] });
      click(ex08, 'new position');
      await until(() => received['next task'].length > 0, 'the next task of 08');
      const piid = received['new instance'][0].instanceId;
      helper.getNode(nodeNamed(ex09, 'inject', CLICK).wires[0][0]).receive({ payload: piid });
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      received[COMPLETED][0].payload.map((t) => t.tkiid).should.eql([received['next task'][0].taskId]);
      sim
        .bpmTasks(piid)
        .map((t) => t.status)
        .should.eql(['Closed', 'Closed']);
      received.errors.should.be.empty();
    });
  });
});
