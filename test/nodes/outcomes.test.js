'use strict';
// README, "When the answer is lost": whether a change happened. The simulator loses answers on
// purpose (it applies a change and drops the connection, applies it and answers after the timeout,
// drops the connection without applying it); the nodes say so in msg.outcome, check an unanswered
// submit or finish by reading the task, give back a task they claimed, and let a change already
// sent finish when the flow stops.
const should = require('should');
const { helper } = require('../support/runtime');
const { loadFlow, run, caughtWith, submitTaskFlow, completeTaskFlow, bpmGetTaskFlow } = require('../support/flows');
const { useSimulator, freePort } = require('../support/simulated');
const { NODE_KINDS, ROOT } = require('../support/node-kinds');
const { queryOf, startInstance } = require('../support/ibm-bpm-tasks');
const { accountTasks } = require('../simulator/inubit-task-fixtures');
const { requestsArrived, until } = require('../support/waits');

const [LEAVE] = accountTasks();
/** The button of LEAVE's form: its submit creates the next task (201). */
const APPROVE = { submitter: 'approve', submitterType: 'str' };

describe('when the answer is lost (README, "When the answer is lost")', function () {
  const sim = useSimulator();

  /** The requests of inubit's submit of `taskId`. */
  const isSubmit = (taskId) => (record) => record.method === 'POST' && record.rawPath === `${ROOT.inubit}/task/submit/${taskId}`;
  /** IBM BPM's finish of task `taskId`, in the URL or the long form. */
  const isFinish = (taskId) => (record) => record.rawPath === `${ROOT.bpm}/task/${taskId}` && queryOf(record).action === 'finish';
  const actionsOn = (taskId) =>
    sim.requests
      .filter((r) => r.rawPath === `${ROOT.bpm}/task/${taskId}`)
      .map((r) => (r.method === 'GET' ? 'read' : queryOf(r).back ? 'give back' : queryOf(r).action));

  describe('msg.outcome on every error of a node that changes something', function () {
    for (const kind of NODE_KINDS.filter((k) => k.changes)) {
      describe(kind.type, function () {
        it('INVALID_INPUT: not-done, and said in words', async function () {
          await loadFlow(kind.flow(sim, {}), sim);
          const msg = caughtWith(await run(kind.message(kind.invalid)), 'INVALID_INPUT');
          msg.outcome.should.equal('not-done');
          msg.error.message.should.match(/: the [\w -]+ was not \w+$/);
          sim.requests.should.have.length(0);
        });

        it('a refused connection: not-done', async function () {
          const port = await freePort();
          await loadFlow(kind.flow(sim, {}, { url: `http://127.0.0.1:${port}${ROOT[kind.server]}`, retries: 0 }), sim);
          caughtWith(await run(kind.message(kind.valid)), 'CONNECTION_FAILED').outcome.should.equal('not-done');
        });

        it('an outcome left on the message by an earlier error is removed from the message sent on success', async function () {
          await loadFlow(kind.flow(sim, {}), sim);
          const result = await run({ ...kind.message(kind.valid), outcome: 'unknown' });
          result.out.should.have.length(kind.outputs);
          result.out.forEach((msg) => msg.should.not.have.property('outcome'));
        });
      });
    }

    for (const kind of NODE_KINDS.filter((k) => !k.changes)) {
      it(`${kind.type} only reads: it sets no outcome`, async function () {
        await loadFlow(kind.flow(sim, {}), sim);
        should(caughtWith(await run(kind.message(kind.failing)), 'SERVER_ERROR').outcome).be.undefined();
      });
    }
  });

  describe(`${submitTaskFlow.type}: an unanswered submit checks itself`, function () {
    const loadSubmit = (server = {}) => loadFlow(submitTaskFlow(sim, APPROVE, { timeout: 500, ...server }), sim);

    it('the server submitted it and dropped the connection: CONNECTION_FAILED, and a read of the task settles it done', async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'drop-after' });
      await loadSubmit();
      const msg = caughtWith(await run({ taskId: LEAVE.id }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('done');
      msg.error.message.should.match(/checked by reading the task afterwards: the task was submitted$/);
      sim
        .submittedForms()
        .map((form) => form.taskId)
        .should.eql([LEAVE.id]);
      // One submit, never repeated, then one read of the task.
      sim.requests.map((r) => r.method).should.eql(['POST', 'GET']);
      sim.requests[1].rawPath.should.equal(`${ROOT.inubit}/task/tasks/${LEAVE.id}`);
    });

    it('the server submitted it and answered after the timeout: TIMEOUT, settled done', async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'late', ms: 1500 });
      await loadSubmit();
      const msg = caughtWith(await run({ taskId: LEAVE.id }), 'TIMEOUT');
      msg.outcome.should.equal('done');
      sim.submittedForms().should.have.length(1);
    });

    it('the connection dropped before the server acted: the task is still there, settled not-done, and may be sent again', async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'drop-before' });
      await loadSubmit();
      const msg = caughtWith(await run({ taskId: LEAVE.id }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('not-done');
      msg.error.message.should.match(/: the task was not submitted$/);
      sim.submittedForms().should.have.length(0);
      // Sent again, it is submitted.
      (await run({ taskId: LEAVE.id })).out.should.have.length(1);
      sim.submittedForms().should.have.length(1);
    });

    it('when the read fails too, the outcome stays unknown', async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'drop-after' });
      sim.loseAnswers({ match: (r) => r.method === 'GET', way: 'drop-before', times: 10 });
      await loadSubmit({ retries: 1 });
      const msg = caughtWith(await run({ taskId: LEAVE.id }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('unknown');
      msg.error.message.should.match(/: the task may have been submitted: check before sending it again$/);
    });
  });

  describe(`${completeTaskFlow.type}: an unanswered finish checks itself; a failed one gives the task back`, function () {
    const loadComplete = (props = {}, server = {}) =>
      loadFlow(
        completeTaskFlow(sim, { variables: '{"comments":"lost"}', variablesType: 'json', ...props }, { timeout: 500, ...server }),
        sim,
      );

    it('the server finished it and dropped the connection: CONNECTION_FAILED, a read finds it Closed: done, nothing given back', async function () {
      const { taskId } = await startInstance(sim);
      sim.loseAnswers({ match: isFinish(taskId), way: 'drop-after' });
      await loadComplete();
      const msg = caughtWith(await run({ taskId }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('done');
      msg.error.message.should.match(/: the task was completed$/);
      sim.bpmTask(taskId).status.should.equal('Closed');
      actionsOn(taskId).should.eql(['assign', 'finish', 'read']);
    });

    it('the server finished it and answered after the timeout: TIMEOUT, settled done', async function () {
      const { taskId } = await startInstance(sim);
      sim.loseAnswers({ match: isFinish(taskId), way: 'late', ms: 1500 });
      await loadComplete();
      caughtWith(await run({ taskId }), 'TIMEOUT').outcome.should.equal('done');
      sim.bpmTask(taskId).status.should.equal('Closed');
    });

    it('the connection dropped before the server acted: a read finds it open: not-done, and the node gives back the task it claimed', async function () {
      const { taskId } = await startInstance(sim);
      sim.loseAnswers({ match: isFinish(taskId), way: 'drop-before' });
      await loadComplete();
      const msg = caughtWith(await run({ taskId }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('not-done');
      actionsOn(taskId).should.eql(['assign', 'finish', 'read', 'give back']);
      sim.bpmTask(taskId).should.match({ status: 'Received', state: 'STATE_READY', owner: null });
      // Sent again, it is completed.
      (await run({ taskId })).out.should.have.length(1);
      sim.bpmTask(taskId).status.should.equal('Closed');
    });

    it('with claim off, the flow holds the task: nothing is given back after a finish that did not happen', async function () {
      const { taskId } = await startInstance(sim);
      sim.claimBpmTask(taskId, sim.username);
      sim.loseAnswers({ match: isFinish(taskId), way: 'drop-before' });
      await loadComplete({ claim: false });
      caughtWith(await run({ taskId }), 'CONNECTION_FAILED').outcome.should.equal('not-done');
      actionsOn(taskId).should.eql(['finish', 'read']);
      sim.bpmTask(taskId).should.match({ status: 'Received', owner: sim.username });
    });

    it("a give-back that fails is written to the log, and the finish's error is the message's", async function () {
      const { taskId } = await startInstance(sim);
      sim.loseAnswers({ match: isFinish(taskId), way: 'drop-before' });
      sim.loseAnswers({ match: (r) => queryOf(r).back === 'true', way: 'drop-before' });
      await loadComplete();
      const warnings = [];
      helper.getNode('node').warn = (text) => warnings.push(text);
      const msg = caughtWith(await run({ taskId }), 'CONNECTION_FAILED');
      msg.outcome.should.equal('not-done');
      msg.error.message.should.match(/^Completing task/);
      warnings.should.have.length(1);
      warnings[0].should.match(new RegExp(`^Giving task\\W+${taskId}\\W+back`));
    });
  });

  describe('stopping never cuts a change off', function () {
    it('a redeploy while a submit waits for a slow answer: the server answers it, and the log names the task and the outcome', async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'late', ms: 300 });
      await loadFlow(submitTaskFlow(sim, APPROVE, { timeout: 5000 }), sim);
      const node = helper.getNode('node');
      const warnings = [];
      node.warn = (text) => warnings.push(text);
      const errors = [];
      node.error = (err) => errors.push(err);
      node.receive({ taskId: LEAVE.id });
      await requestsArrived(sim, 1);
      await helper.unload();
      sim.requests[0].answered.should.be.true();
      should(sim.requests[0].closedByClient).be.undefined();
      sim.submittedForms().should.have.length(1);
      warnings.should.eql([`submit task ${LEAVE.id} finished after the flow stopped: done (201)`]);
      errors.should.have.length(0);
    });

    it("a change that does not finish within the server's timeout is ended then: its outcome unknown, in the log", async function () {
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'late', ms: 3000 });
      await loadFlow(submitTaskFlow(sim, APPROVE, { timeout: 200, retries: 0 }), sim);
      const node = helper.getNode('node');
      const warnings = [];
      node.warn = (text) => warnings.push(text);
      // The check that follows an unanswered submit is itself lost: the outcome stays unknown.
      sim.loseAnswers({ match: (r) => r.method === 'GET', way: 'drop-before', times: 5 });
      node.receive({ taskId: LEAVE.id });
      await requestsArrived(sim, 1);
      await helper.unload();
      warnings.should.eql([`submit task ${LEAVE.id} finished after the flow stopped: unknown (TIMEOUT)`]);
    });

    it("a change is left at most 10 seconds to finish, even when the server's timeout is longer: then ended, its outcome unknown, in the log", async function () {
      this.timeout(40000);
      // The answer would come after 15 s, within the server's timeout of 60 s.
      sim.loseAnswers({ match: isSubmit(LEAVE.id), way: 'late', ms: 15000 });
      await loadFlow(submitTaskFlow(sim, APPROVE, { timeout: 60000, retries: 0 }), sim);
      const node = helper.getNode('node');
      const warnings = [];
      node.warn = (text) => warnings.push(text);
      sim.loseAnswers({ match: (r) => r.method === 'GET', way: 'drop-before', times: 5 });
      node.receive({ taskId: LEAVE.id });
      await requestsArrived(sim, 1);
      await helper.unload();
      // Close ended the submit before its answer: the node closed the connection, unanswered.
      should(sim.requests[0].answered).be.undefined();
      await until(() => sim.requests[0].closedByClient === true, "the submit's connection closed by the node");
      warnings.should.have.length(1);
      warnings[0].should.startWith(`submit task ${LEAVE.id} finished after the flow stopped: unknown (`);
    });

    it('a redeploy while a read waits aborts it at once', async function () {
      await loadFlow(bpmGetTaskFlow(sim, { taskId: 'payload', taskIdType: 'msg' }, { timeout: 60000 }), sim);
      const node = helper.getNode('node');
      const errors = [];
      node.error = (err) => errors.push(err);
      node.receive({ payload: 'slow-60000' });
      await requestsArrived(sim, 1);
      await helper.unload();
      // Close did not wait for the answer: the connection was closed by the node, unanswered.
      await until(() => sim.requests[0].closedByClient === true, "the read's connection closed by the node");
      should(sim.requests[0].answered).be.undefined();
      errors.map((err) => err.code).should.eql(['CONNECTION_FAILED']);
    });
  });
});
