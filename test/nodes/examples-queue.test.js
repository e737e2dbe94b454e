'use strict';
// README, "Examples": the examples of a shared IBM BPM task queue and of event messages (10–11),
// each run in Node-RED against the simulator (test/support/examples.js): each must do what its
// comment nodes promise.
require('should');
const { helper, catchSeesCode } = require('../support/runtime');
const processFixtures = require('../simulator/ibm-bpm-process-fixtures');
const { queryOf } = require('../support/ibm-bpm-tasks');
// Our nodes in the examples, by the types the flow builders know.
const { assignTaskFlow } = require('../support/flows');
const eventFixtures = require('../simulator/ibm-bpm-event-fixtures');
const { example, nodeNamed, runningExamples } = require('../support/examples');

describe('examples: running the queue and event message ones against the simulator (10–11)', function () {
  const { state, loadExample, click, until } = runningExamples();
  let sim;
  before(() => ({ sim } = state));

  describe('10 Share an IBM BPM task queue between Node-RED copies', function () {
    const BPM = '/rest/bpm/wle/v1';
    const POLL = 'poll every 10 s';
    const OPEN = processFixtures.BUILTIN_TASK_IDS[1];

    it("a poll claims, works and completes every available task once, with the output variables, as the server's user", async function () {
      const ex = example('10');
      const variables = JSON.parse(nodeNamed(ex, 'change', 'the work').rules[0].to);
      const queued = sim.queueBpmTasks(3).map((t) => t.taskId);
      const received = await loadExample(ex);
      click(ex, POLL);
      await until(() => received.completed.length === 4, 'four completed tasks');
      received.completed
        .map((m) => m.taskId)
        .sort()
        .should.eql([OPEN, ...queued].sort());
      for (const msg of received.completed) {
        msg.should.match({ statusCode: 200, payload: { status: 'Closed', owner: sim.username } });
        msg.payload.data.variables.should.match(variables);
        sim.bpmTaskHistory(msg.taskId).should.eql([
          { action: 'claim', user: sim.username },
          { action: 'finish', user: sim.username },
        ]);
      }
      received['given back'].should.be.empty();
      received['check by hand'].should.be.empty();
      sim.requests[0].should.match({
        method: 'GET',
        rawPath: `${BPM}/tasks/query/IBM.DEFAULTALLTASKSLIST_75`,
        query: { interactionFilter: 'ASSESS_AVAILABLE', size: '100', offset: '0' },
      });
    });

    it('a task someone else took is dropped quietly: not worked, no error; the next poll sends only new tasks', async function () {
      const ex = example('10');
      const [taken, free] = sim.queueBpmTasks(2).map((t) => t.taskId);
      const received = await loadExample(ex);
      const claim = nodeNamed(ex, assignTaskFlow.type, 'claim').id;
      // Another copy takes the task between the list and the claim.
      sim.claimBpmTask(taken, 'nodered-worker-2');
      helper.getNode(claim).receive({ taskId: taken });
      click(ex, POLL);
      await until(() => received.completed.length === 2 && state.messages.finished(claim) === 3, 'the poll');
      received.completed
        .map((m) => m.taskId)
        .sort()
        .should.eql([OPEN, free].sort());
      received['given back'].should.be.empty();
      sim.bpmTask(taken).owner.should.equal('nodered-worker-2');
      const polls = () => sim.requests.filter((r) => r.method === 'GET' && r.segments[0] === 'tasks').length;
      const [later] = sim.queueBpmTasks(1).map((t) => t.taskId);
      click(ex, POLL);
      await until(() => polls() === 2 && received.completed.length === 3, 'the second poll');
      received.completed[2].taskId.should.equal(later);
    });

    it('a completion that did not happen is caught and the task given back to its team; one that may have is left to check by hand', async function () {
      const ex = example('10');
      const [lost, unknown] = sim.queueBpmTasks(2).map((t) => t.taskId);
      sim.claimBpmTask(OPEN, 'anna');
      // The first finish of `lost` never reaches the server; the answer to that of `unknown` is lost after it acted.
      sim.loseAnswers({ match: (r) => r.rawPath === `${BPM}/task/${lost}` && queryOf(r).action === 'finish', way: 'drop-before' });
      sim.loseAnswers({ match: (r) => r.rawPath === `${BPM}/task/${unknown}` && queryOf(r).action === 'finish', way: 'drop-after' });
      const received = await loadExample(ex);
      click(ex, POLL);
      await until(() => received['given back'].length === 1 && received['check by hand'].length === 1, 'the give-back and the check');
      received['given back'][0].should.match({ taskId: lost, payload: { owner: null, state: 'STATE_READY' } });
      sim.bpmTask(lost).should.match({ status: 'Received', owner: null });
      received['check by hand'][0].should.match({ taskId: unknown, outcome: 'done' });
      sim.bpmTask(unknown).status.should.equal('Closed');
      received.completed.should.be.empty();
    });
  });

  describe('11 Tell a waiting IBM BPM process that something happened', function () {
    const BPM = '/rest/bpm/wle/v1';
    const PIID = eventFixtures.BUILTIN_ORDER_PIID;
    const CLICK = 'payment for ORD-4711';
    const REACHED = 'task it reached';

    it('payment for ORD-4711: the event message goes in a form body, the waiting instance moves on, and list tasks shows its new task', async function () {
      const ex = example('11');
      sim.bpmTasks(PIID).should.eql([]);
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[REACHED].length > 0, 'the task it reached');
      received.errors.should.be.empty();
      received.accepted.should.have.length(1);
      received.accepted[0].should.match({ statusCode: 200, payload: 'ORD-4711', instanceId: PIID });
      received[REACHED].should.have.length(1);
      received[REACHED][0].should.match({ payload: { name: 'Ship order', status: 'Received', piid: PIID }, instanceId: PIID });
      const [sent, listed] = sim.requests;
      sent.should.match({ method: 'POST', rawPath: `${BPM}/process`, search: '' });
      queryOf(sent).should.eql({
        action: 'sendMessage',
        message:
          '<eventmsg><event processApp="HSS">PAYMENT_RECEIVED</event><parameters><parameter><key>orderNumber</key><value><![CDATA[ORD-4711]]></value></parameter></parameters></eventmsg>',
      });
      listed.should.match({ method: 'GET', rawPath: `${BPM}/process/${PIID}` });
    });

    it('a second click is accepted, and no instance waits any more: the same task is shown', async function () {
      const ex = example('11');
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[REACHED].length > 0, 'the first task');
      click(ex, CLICK);
      await until(() => received[REACHED].length > 1, 'the second list');
      received.accepted.should.have.length(2);
      received[REACHED].map((m) => m.taskId).should.eql([received[REACHED][0].taskId, received[REACHED][0].taskId]);
      sim.bpmTasks(PIID).should.have.length(1);
    });

    it('an answer lost after sending reaches "maybe sent: check first" with outcome unknown; the list is not asked', async function () {
      const ex = example('11');
      sim.loseAnswers({ match: (r) => r.method === 'POST', way: 'drop-after' });
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received['maybe sent: check first'].length > 0, 'the error');
      const [msg] = received['maybe sent: check first'];
      msg.outcome.should.equal('unknown');
      if (catchSeesCode) msg.error.code.should.equal('CONNECTION_FAILED');
      received['not sent: send it again'].should.be.empty();
      received[REACHED].should.be.empty();
      // The server took it before the connection dropped: the instance moved on all the same.
      sim.bpmTasks(PIID).should.have.length(1);
    });

    it('a server in maintenance (503 after the retries): "not sent: send it again" with outcome not-done', async function () {
      const ex = example('11');
      sim.setMaintenance(true);
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received['not sent: send it again'].length > 0, 'the error');
      const [msg] = received['not sent: send it again'];
      msg.should.match({ outcome: 'not-done', statusCode: 503 });
      received['maybe sent: check first'].should.be.empty();
    });
  });
});
