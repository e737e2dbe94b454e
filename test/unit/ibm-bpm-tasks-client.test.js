'use strict';
const should = require('should');
const { IbmBpmClient } = require('../../nodes/lib/ibm-bpm/client');
const documents = require('../../nodes/lib/ibm-bpm/documents');
const { startSimulator } = require('../simulator');
const pf = require('../simulator/ibm-bpm-process-fixtures');

const { HIRING_BPD, LOG_BPD, PROCESS_APP, BUILTIN_PIID, BUILTIN_TASK_IDS, EXPOSED_PROCESSES } = pf;
const [CLOSED, OPEN] = BUILTIN_TASK_IDS;

/** The error `promise` rejects with (fails when it resolves). */
async function failure(promise) {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
  should(outcome.error).be.an.Error();
  return outcome.error;
}

/** The error `read` throws (fails when it does not). */
function thrown(read) {
  try {
    read();
  } catch (error) {
    return error;
  }
  throw new Error('nothing was thrown');
}

const wle = (data) => JSON.stringify({ status: '200', data });

describe('IBM BPM processes and tasks: WLE readers (no Node-RED)', function () {
  describe('readInstance', function () {
    it('gives the instance under data and its piid as text, also when the server sent a number', function () {
      documents.readInstance(wle({ piid: '42891', name: 'x' })).should.eql({ instance: { piid: '42891', name: 'x' }, instanceId: '42891' });
      documents.readInstance(wle({ piid: 42891 })).instanceId.should.equal('42891');
    });

    for (const [what, body] of [
      ['no data', JSON.stringify({ status: '200' })],
      ['data that is a list', wle([{ piid: '1' }])],
      ['no piid', wle({ name: 'x' })],
      ['an empty piid', wle({ piid: '  ' })],
      ['a piid that is an object', wle({ piid: { id: 1 } })],
      ['a piid that is not a finite number', JSON.stringify({ status: '200', data: { piid: null } })],
      ['a body that is not JSON', '<html>login</html>'],
      ['truncated JSON', wle({ piid: '1' }).slice(0, 10)],
    ]) {
      it(`${what}: INVALID_RESPONSE`, function () {
        thrown(() => documents.readInstance(body)).code.should.equal('INVALID_RESPONSE');
      });
    }
  });

  describe('readInstanceTasks', function () {
    it("gives every task of data.tasks in the server's order, closed ones included", function () {
      const tasks = [
        { tkiid: '2', status: 'Closed' },
        { tkiid: '1', status: 'Received' },
      ];
      documents.readInstanceTasks(wle({ piid: '9', tasks })).should.eql(tasks);
      documents.readInstanceTasks(wle({ piid: '9', tasks: [] })).should.eql([]);
    });

    for (const [what, data] of [
      ['no tasks', { piid: '9' }],
      ['tasks that are an object', { tasks: { tkiid: '1' } }],
      ['tasks that hold text', { tasks: ['1'] }],
      ['tasks that hold null', { tasks: [null] }],
    ]) {
      it(`${what}: INVALID_RESPONSE`, function () {
        thrown(() => documents.readInstanceTasks(wle(data))).code.should.equal('INVALID_RESPONSE');
      });
    }
  });

  describe('readExposedProcesses', function () {
    it('gives the entries of data.exposedItemsList that are objects', function () {
      documents.readExposedProcesses(wle({ exposedItemsList: [{ itemID: '25.1' }, 'x', null] })).should.eql([{ itemID: '25.1' }]);
    });

    it('no exposedItemsList: INVALID_RESPONSE', function () {
      thrown(() => documents.readExposedProcesses(wle({}))).code.should.equal('INVALID_RESPONSE');
    });
  });

  describe('tasks', function () {
    it('isOpenTask: every status but Closed', function () {
      documents.isOpenTask({ status: 'Received' }).should.be.true();
      documents.isOpenTask({ status: 'New' }).should.be.true();
      documents.isOpenTask({}).should.be.true();
      documents.isOpenTask({ status: 'Closed' }).should.be.false();
    });

    it('taskIdOf: the tkiid as text; none when it is missing or empty', function () {
      documents.taskIdOf({ tkiid: '189812' }).should.equal('189812');
      documents.taskIdOf({ tkiid: 7 }).should.equal('7');
      should(documents.taskIdOf({})).be.undefined();
      should(documents.taskIdOf({ tkiid: '' })).be.undefined();
      should(documents.taskIdOf({ tkiid: null })).be.undefined();
    });

    it('firstOpenTaskId: the first task that is not Closed and has an id; none when there is none', function () {
      documents
        .firstOpenTaskId({
          tasks: [{ tkiid: '1', status: 'Closed' }, { status: 'Received' }, { tkiid: 3, status: 'Received' }, { tkiid: '4' }],
        })
        .should.equal('3');
      should(documents.firstOpenTaskId({ tasks: [{ tkiid: '1', status: 'Closed' }] })).be.undefined();
      should(documents.firstOpenTaskId({ tasks: [] })).be.undefined();
      should(documents.firstOpenTaskId({})).be.undefined();
      should(documents.firstOpenTaskId({ tasks: 'x' })).be.undefined();
    });

    it('taskName: the display name, else the name, else the id', function () {
      documents.taskName({ displayName: 'Shown', name: 'n' }, '1').should.equal('Shown');
      documents.taskName({ displayName: '', name: 'n' }, '1').should.equal('n');
      documents.taskName({}, '1').should.equal('1');
    });
  });
});

describe('IbmBpmClient: processes and tasks against the simulator (no Node-RED)', function () {
  let sim;
  let bpm;
  before(async function () {
    sim = await startSimulator({ port: 0 });
    bpm = new IbmBpmClient({ url: sim.bpmUrl, username: sim.username, password: sim.password, retries: 0 });
  });
  after(async function () {
    bpm.close();
    await sim.close();
  });
  beforeEach(function () {
    sim.reset();
  });

  const hiring = { bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID };

  describe('startProcess', function () {
    it('gives the new instance, its piid as text, its first open task and the status', async function () {
      const started = await bpm.startProcess(hiring, { comments: 'hi' });
      started.instanceId.should.equal('42891');
      started.instance.piid.should.equal('42891');
      started.instance.variables.comments.should.equal('hi');
      started.taskId.should.equal(started.instance.tasks[0].tkiid);
      started.statusCode.should.equal(200);
    });

    it('a process without a user task: no taskId', async function () {
      should((await bpm.startProcess({ bpdId: LOG_BPD.bpdId, processAppId: PROCESS_APP.processAppID })).taskId).be.undefined();
    });

    it('a snapshotId is sent instead of the processAppId', async function () {
      await bpm.startProcess({ ...hiring, snapshotId: PROCESS_APP.snapshotID });
      sim.requests[0].query.should.eql({ action: 'start', bpdId: HIRING_BPD.bpdId, snapshotId: PROCESS_APP.snapshotID, parts: 'all' });
    });

    it('refuses a missing bpdId, a missing app without a snapshot and variables of the wrong shape before any request', async function () {
      for (const [process, variables] of [
        [{ processAppId: PROCESS_APP.processAppID }],
        [{ bpdId: HIRING_BPD.bpdId }],
        [hiring, ['x']],
        [hiring, 'x'],
        [hiring, 1],
      ]) {
        (await failure(bpm.startProcess(process, variables))).code.should.equal('INVALID_INPUT');
      }
      sim.requests.should.have.length(0);
    });

    it("a server refusal carries its code, status and the server's error", async function () {
      const error = await failure(bpm.startProcess({ bpdId: pf.INTERNAL_BPD.bpdId, processAppId: PROCESS_APP.processAppID }));
      error.code.should.equal('CONFLICT');
      error.statusCode.should.equal(409);
      error.serverError.errorNumber.should.equal('CWTBG0587E');
    });

    it('a refusal of the start to the user (401 CWTBG0549E) says nothing of credentials', async function () {
      const error = await failure(bpm.startProcess({ bpdId: pf.RESTRICTED_BPD.bpdId, processAppId: PROCESS_APP.processAppID }));
      error.code.should.equal('UNAUTHORIZED');
      error.message.should.containEql('CWTBG0549E').and.not.containEql('check the user name and password');
    });
  });

  describe('listExposedProcesses', function () {
    it('gives the exposed processes as the server lists them', async function () {
      (await bpm.listExposedProcesses()).should.eql(EXPOSED_PROCESSES);
    });
  });

  describe('listTasks', function () {
    it('gives every task of the instance, closed ones included, and the instance id as text', async function () {
      const list = await bpm.listTasks(Number(BUILTIN_PIID));
      list.instanceId.should.equal(BUILTIN_PIID);
      list.tasks
        .map((t) => [t.tkiid, t.status])
        .should.eql([
          [CLOSED, 'Closed'],
          [OPEN, 'Received'],
        ]);
    });

    it('refuses "." and ".." before any request', async function () {
      for (const id of ['.', '..']) (await failure(bpm.listTasks(id))).code.should.equal('INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  });

  describe('getTask', function () {
    it('gives the task under data with its variables', async function () {
      const read = await bpm.getTask(OPEN);
      read.taskId.should.equal(OPEN);
      read.task.should.eql(sim.bpmTask(OPEN));
      read.task.data.variables.skills.should.eql({ selected: [], items: ['negotiation', 'CRM'] });
    });
  });

  describe('completeTask', function () {
    it('claims, then finishes with the variables: the task Closed, the variables stored', async function () {
      const done = await bpm.completeTask(OPEN, { approved: true });
      done.should.match({ taskId: OPEN, statusCode: 200, task: { status: 'Closed', owner: sim.username } });
      sim.requests.map((r) => r.query.action).should.eql(['assign', 'finish']);
      sim.bpmTask(OPEN).data.variables.approved.should.be.true();
    });

    it('claim false: the finish alone, refused for a task not claimed (UNAUTHORIZED, no word of credentials)', async function () {
      const error = await failure(bpm.completeTask(OPEN, undefined, { claim: false }));
      error.code.should.equal('UNAUTHORIZED');
      error.serverError.errorNumber.should.equal('CWTBG0549E');
      error.message.should.not.containEql('check the user name and password');
      sim.requests.map((r) => r.query.action).should.eql(['finish']);
    });

    it("someone else's task: CONFLICT from the claim, no finish", async function () {
      sim.claimBpmTask(OPEN, 'someone-else');
      (await failure(bpm.completeTask(OPEN))).code.should.equal('CONFLICT');
      sim.requests.map((r) => r.query.action).should.eql(['assign']);
    });

    it('variables of the wrong shape: INVALID_INPUT before any request, the claim included', async function () {
      for (const variables of [[1], 'x', 5, () => ({})])
        (await failure(bpm.completeTask(OPEN, variables))).code.should.equal('INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  });
});
