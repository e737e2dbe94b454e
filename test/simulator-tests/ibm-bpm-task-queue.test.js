'use strict';

// Checks the simulated IBM BPM task queue, the assignment of tasks per user, further users and
// the latency with plain node:http, so client bugs cannot hide simulator bugs (and vice versa).

const http = require('http');
require('should');
const { startSimulator } = require('../simulator');
const pf = require('../simulator/ibm-bpm-process-fixtures');

const ROOT = '/rest/bpm/wle/v1';
const QUERY = 'IBM.DEFAULTALLTASKSLIST_75';
const OPEN = pf.BUILTIN_TASK_IDS[1];
const PASSWORDS = { anna: 'anna-pw', ben: 'ben-pw' };
// What each user signs in with: carl is no user until a test adds him.
const SIGN_IN = { ...PASSWORDS, carl: 'carl-pw' };

function call(sim, method, path, user) {
  const password = user === undefined ? sim.password : SIGN_IN[user];
  const headers = {
    Accept: 'application/json',
    Authorization: 'Basic ' + Buffer.from(`${user || sim.username}:${password}`).toString('base64'),
  };
  return new Promise((resolve, reject) => {
    const req = http.request(sim.url + path, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const data = (r) => JSON.parse(r.body).data;
const wleError = (r) => JSON.parse(r.body).Data;

describe('BPM simulator: the IBM BPM task queue and assignment per user', function () {
  this.timeout(5000);
  let sim;

  before(async () => {
    sim = await startSimulator({ port: 0, users: PASSWORDS });
  });
  after(() => sim && sim.close());
  beforeEach(() => sim.reset());

  const queue = (query, user, name = QUERY) => call(sim, 'GET', `${ROOT}/tasks/query/${encodeURIComponent(name)}?${query}`, user);
  const assign = (tkiid, how, user) => call(sim, 'PUT', `${ROOT}/task/${encodeURIComponent(tkiid)}?action=assign&${how}&parts=all`, user);
  const ids = (r) => data(r).items.map((item) => item.TKIID);

  describe('GET /tasks/query/{query}', () => {
    it('ASSESS_AVAILABLE: the open tasks nobody holds, in the order of their ids, with the attributes in capitals and totalCount', async () => {
      const queued = sim.queueBpmTasks(3);
      const r = await queue('interactionFilter=ASSESS_AVAILABLE&size=100&offset=0');
      r.status.should.equal(200);
      const answer = data(r);
      ids(r).should.eql([OPEN, ...queued.map((t) => t.taskId)]);
      answer.totalCount.should.equal(4);
      answer.should.match({ query: QUERY, offset: 0, size: 4, requestedSize: 100 });
      answer.items[1].should.match({
        TKIID: queued[0].taskId,
        PI_PIID: queued[0].instanceId,
        TAD_DISPLAY_NAME: 'Review expense claim',
        NAME: 'Review expense claim',
        OWNER: null,
        STATUS: 'Received',
        STATE: 'STATE_READY',
        PRIORITY: 30,
        IS_AT_RISK: false,
        ASSIGNED_TO_ROLE_DISPLAY_NAME: 'Claims Reviewers',
      });
      answer.items[1].DUE.should.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('WORK_ON: the open tasks the user holds; ASSESS_AND_WORK_ON both; each user sees their own', async () => {
      const [a, b] = sim.queueBpmTasks(2);
      (await assign(a.taskId, 'toMe=true', 'anna')).status.should.equal(200);
      ids(await queue('interactionFilter=WORK_ON', 'anna')).should.eql([a.taskId]);
      ids(await queue('interactionFilter=WORK_ON', 'ben')).should.eql([]);
      ids(await queue('interactionFilter=ASSESS_AVAILABLE', 'ben')).should.eql([OPEN, b.taskId]);
      ids(await queue('interactionFilter=ASSESS_AND_WORK_ON', 'anna')).should.eql([OPEN, a.taskId, b.taskId]);
      ids(await queue('interactionFilter=ASSESS_AND_WORK_ON', 'ben')).should.eql([OPEN, b.taskId]);
    });

    it('size and offset cut the list, totalCount still counts all; processAppName filters by the process app', async () => {
      sim.queueBpmTasks(5);
      const r = await queue('interactionFilter=ASSESS_AVAILABLE&size=2&offset=1');
      data(r).items.should.have.length(2);
      data(r).totalCount.should.equal(6);
      ids(
        await queue(`interactionFilter=ASSESS_AVAILABLE&processAppName=${encodeURIComponent(pf.PROCESS_APP.processAppName)}`),
      ).should.have.length(6);
      ids(await queue('interactionFilter=ASSESS_AVAILABLE&processAppName=Other')).should.eql([]);
    });

    it('a saved query works too; an unknown one is 404; a wrong filter or size is 400; no-items and the scenario keys in its place', async () => {
      (await queue('interactionFilter=ASSESS_AVAILABLE', undefined, 'SAVED.MY_REVIEWS')).status.should.equal(200);
      const unknown = await queue('interactionFilter=ASSESS_AVAILABLE', undefined, 'NO.SUCH');
      unknown.status.should.equal(404);
      wleError(unknown).errorNumber.should.equal('CWTBG0059E');
      (await queue('interactionFilter=SOMETHING')).status.should.equal(400);
      (await queue('size=ten')).status.should.equal(400);
      const noItems = await queue('interactionFilter=ASSESS_AVAILABLE', undefined, 'no-items');
      noItems.status.should.equal(200);
      data(noItems).should.not.have.property('items');
      (await queue('', undefined, 'status-503')).status.should.equal(503);
      data(await queue('', undefined, 'many-3')).items.should.have.length(3);
    });
  });

  describe('assignment per user (PUT /task/{tkiid}?action=assign)', () => {
    it("a claim of a task another user holds: 409 CWTBG0014E on an even id, 401 CWTBG0549E 'assign' on an odd one", async () => {
      const [even, odd] = sim.queueBpmTasks(2).map((t) => t.taskId);
      (Number(even) % 2).should.equal(0);
      for (const id of [even, odd]) (await assign(id, 'toMe=true', 'anna')).status.should.equal(200);
      const conflict = await assign(even, 'toMe=true', 'ben');
      conflict.status.should.equal(409);
      wleError(conflict).errorNumber.should.equal('CWTBG0014E');
      const refused = await assign(odd, 'toMe=true', 'ben');
      refused.status.should.equal(401);
      wleError(refused).should.match({ errorNumber: 'CWTBG0549E', errorMessageParameters: ['assign'] });
      sim.bpmTask(even).owner.should.equal('anna');
      sim.bpmTask(odd).owner.should.equal('anna');
    });

    it('a claim by the user who holds the task succeeds again; back by the holder frees it; toUser and toGroup', async () => {
      const [t] = sim.queueBpmTasks(1).map((q) => q.taskId);
      (await assign(t, 'toMe=true', 'anna')).status.should.equal(200);
      (await assign(t, 'toMe=true', 'anna')).status.should.equal(200);
      (await assign(t, 'back=true', 'ben')).status.should.equal(409);
      const back = await assign(t, 'back=true', 'anna');
      data(back).should.match({ owner: null, state: 'STATE_READY' });
      data(await assign(t, 'toUser=ben', 'anna')).should.match({ owner: 'ben', state: 'STATE_CLAIMED' });
      (await assign(t, 'back=true', 'ben')).status.should.equal(200);
      data(await assign(t, 'toGroup=Auditors', 'anna')).should.match({ owner: null, assignedTo: 'Auditors' });
      sim.bpmTaskHistory(t).should.eql([
        { action: 'claim', user: 'anna' },
        { action: 'claim', user: 'anna' },
        { action: 'back', user: 'anna' },
        { action: 'toUser', user: 'anna', to: 'ben' },
        { action: 'back', user: 'ben' },
        { action: 'toGroup', user: 'anna', to: 'Auditors' },
      ]);
    });

    it('the history records each assignment and the finish with its user', async () => {
      const [t] = sim.queueBpmTasks(1).map((q) => q.taskId);
      await assign(t, 'toMe=true', 'ben');
      (await call(sim, 'PUT', `${ROOT}/task/${t}?action=finish&parts=all`, 'ben')).status.should.equal(200);
      sim.bpmTaskHistory(t).should.eql([
        { action: 'claim', user: 'ben' },
        { action: 'finish', user: 'ben' },
      ]);
      sim.bpmTask(t).status.should.equal('Closed');
    });
  });

  describe('users and latency', () => {
    it('further users sign in with their own passwords; addUser() adds one until reset()', async () => {
      (await queue('', 'anna')).status.should.equal(200);
      (await call(sim, 'GET', `${ROOT}/systems`, 'carl')).status.should.equal(401);
      sim.addUser('carl', SIGN_IN.carl);
      (await call(sim, 'GET', `${ROOT}/systems`, 'carl')).status.should.equal(200);
      sim.reset();
      (await call(sim, 'GET', `${ROOT}/systems`, 'carl')).status.should.equal(401);
      (await queue('', 'anna')).status.should.equal(200);
    });

    it('with a latency, a request waits before it is handled: two claims of one task race, and exactly one wins', async () => {
      sim.setLatencyMs(20);
      const [t] = sim.queueBpmTasks(1).map((q) => q.taskId);
      const answers = await Promise.all([assign(t, 'toMe=true', 'anna'), assign(t, 'toMe=true', 'ben')]);
      const refused = Number(t) % 2 === 0 ? 409 : 401;
      answers
        .map((r) => r.status)
        .sort()
        .should.eql([200, refused]);
      sim.bpmTaskHistory(t).should.have.length(1);
    });
  });
});
