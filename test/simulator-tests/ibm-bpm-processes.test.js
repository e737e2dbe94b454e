'use strict';

// Checks the simulated IBM BPM processes and tasks with plain node:http, so client bugs
// cannot hide simulator bugs (and vice versa).

const http = require('http');
require('should');
const { startSimulator } = require('../simulator');
const pf = require('../simulator/ibm-bpm-process-fixtures');

const ROOT = '/rest/bpm/wle/v1';
const APP = pf.PROCESS_APP;
const HIRING = pf.HIRING_BPD.bpdId;
const LOG = pf.LOG_BPD.bpdId;
const OPEN = pf.BUILTIN_TASK_IDS[1];
const CLOSED = pf.BUILTIN_TASK_IDS[0];
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function call(sim, method, path, { auth = true, user, accept, headers: extra, body } = {}) {
  const headers = Object.assign({}, extra);
  if (auth) headers.Authorization = 'Basic ' + Buffer.from(`${user || sim.username}:${sim.password}`).toString('base64');
  if (accept) headers.Accept = accept;
  return new Promise((resolve, reject) => {
    const req = http.request(sim.url + path, { method, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const startQuery = (bpdId, rest = `processAppId=${APP.processAppID}`) =>
  `action=start&bpdId=${encodeURIComponent(bpdId)}&${rest}&parts=all`;
const withParams = (q, params) => `${q}&params=${encodeURIComponent(typeof params === 'string' ? params : JSON.stringify(params))}`;
const data = (r) => JSON.parse(r.body).data;
const wleError = (r) => JSON.parse(r.body).Data;

describe('BPM simulator: IBM BPM processes and tasks', function () {
  this.timeout(5000);
  let sim;

  before(async () => {
    sim = await startSimulator({ port: 0 });
  });
  after(() => sim && sim.close());
  beforeEach(() => sim.reset());

  const start = (query, options) => call(sim, 'POST', `${ROOT}/process?${query}`, options);
  const getInstance = (piid, options) => call(sim, 'GET', `${ROOT}/process/${encodeURIComponent(piid)}?parts=all`, options);
  const getTask = (tkiid, options) => call(sim, 'GET', `${ROOT}/task/${encodeURIComponent(tkiid)}?parts=all`, options);
  const claim = (tkiid, options) =>
    call(sim, 'PUT', `${ROOT}/task/${encodeURIComponent(tkiid)}?action=assign&toMe=true&parts=none`, options);
  const finish = (tkiid, params, options) =>
    call(
      sim,
      'PUT',
      `${ROOT}/task/${encodeURIComponent(tkiid)}?action=finish&parts=all${params === undefined ? '' : '&params=' + encodeURIComponent(JSON.stringify(params))}`,
      options,
    );

  describe('exposed processes', () => {
    it('lists the exposed BPDs with their ids, app, snapshot and start URL', async () => {
      const r = await call(sim, 'GET', `${ROOT}/exposed/process`);
      r.status.should.equal(200);
      r.headers['content-type'].should.equal('application/json;charset=UTF-8');
      const body = JSON.parse(r.body);
      body.status.should.equal('200');
      body.data.exposedItemsList.should.eql(pf.EXPOSED_PROCESSES);
      body.data.exposedItemsList.map((p) => p.itemID).should.eql([HIRING, LOG]);
      body.data.exposedItemsList[0].should.match({
        display: 'Standard HR Open New Position',
        processAppID: APP.processAppID,
        processAppName: 'Hiring Sample',
        snapshotID: APP.snapshotID,
        branchID: APP.branchID,
        type: 'process',
        startURL: `/rest/bpm/wle/v1/process?action=start&bpdId=${HIRING}&processAppId=${APP.processAppID}`,
      });
    });

    it('answers 405 with Allow: GET for a POST', async () => {
      const r = await call(sim, 'POST', `${ROOT}/exposed/process`);
      r.status.should.equal(405);
      r.headers.allow.should.equal('GET');
    });

    it('answers XML when asked', async () => {
      const r = await call(sim, 'GET', `${ROOT}/exposed/process`, { accept: 'application/xml' });
      r.status.should.equal(200);
      r.body.should.containEql('<exposedItemsList>').and.containEql(`<itemID>${HIRING}</itemID>`);
    });
  });

  describe('start a process (POST /process?action=start)', () => {
    it('starts the hiring process: a running instance with its first task Received/STATE_READY and the default variables', async () => {
      const r = await start(startQuery(HIRING));
      r.status.should.equal(200);
      const d = data(r);
      d.piid.should.match(/^\d+$/);
      d.should.match({
        name: `Standard HR Open New Position:${d.piid}`,
        state: 'STATE_RUNNING',
        executionState: 'Active',
        bpdName: 'Standard HR Open New Position',
        processTemplateID: HIRING,
        snapshotID: APP.snapshotID,
        starter: 'flow',
      });
      d.tasks.should.have.length(1);
      d.tasks[0].should.match({
        name: 'Submit position request',
        status: 'Received',
        state: 'STATE_READY',
        owner: null,
        assignedTo: 'Hiring Managers',
        assignedToType: 'group',
        piid: d.piid,
      });
      d.tasks[0].tkiid.should.match(/^\d+$/);
      d.variables.should.eql({
        requisition: {
          reqNum: '',
          department: 'HR',
          headcount: 1,
          salary: 0,
          remote: false,
          '@metadata': { dirty: false, shared: false, className: 'Requisition' },
        },
        comments: '',
        approved: false,
        skills: { selected: [], items: [] },
      });
      JSON.parse(d.data).should.eql(d.variables);
      sim.bpmTasks(d.piid).should.eql(d.tasks);
    });

    it('merges the input variables of params over the defaults (business objects field by field, lists from arrays)', async () => {
      const r = await start(
        withParams(startQuery(HIRING), { requisition: { reqNum: 'R-7', headcount: 3 }, skills: ['java', 'sql'], comments: 'ü & <x>' }),
      );
      r.status.should.equal(200);
      data(r).variables.should.match({
        requisition: { reqNum: 'R-7', department: 'HR', headcount: 3, salary: 0, remote: false },
        skills: { selected: [], items: ['java', 'sql'] },
        comments: 'ü & <x>',
        approved: false,
      });
    });

    it('starts by snapshotId instead of processAppId', async () => {
      const r = await start(startQuery(HIRING, `snapshotId=${APP.snapshotID}`));
      r.status.should.equal(200);
      data(r).tasks.should.have.length(1);
    });

    it('starts a process without a user task: completed at once, no tasks', async () => {
      const r = await start(withParams(startQuery(LOG), { message: 'hello', level: 2 }));
      r.status.should.equal(200);
      data(r).should.match({ state: 'STATE_FINISHED', executionState: 'Completed', tasks: [], variables: { message: 'hello', level: 2 } });
    });

    it('gives every start a new piid and new task ids', async () => {
      const a = data(await start(startQuery(HIRING)));
      const b = data(await start(startQuery(HIRING)));
      a.piid.should.not.equal(b.piid);
      a.tasks[0].tkiid.should.not.equal(b.tasks[0].tkiid);
    });

    it('takes the long form: a POST with the query as a form body', async () => {
      const r = await call(sim, 'POST', `${ROOT}/process`, {
        headers: FORM,
        body: withParams(startQuery(HIRING), { comments: 'x'.repeat(3000) }),
      });
      r.status.should.equal(200);
      data(r).variables.comments.should.have.length(3000);
      sim.requests[0].query.should.match({ action: 'start', bpdId: HIRING });
    });

    it('answers 400 CWTBG0023E without bpdId and CWTBG0022E without app, snapshot or branch', async () => {
      const noBpd = await start(`action=start&processAppId=${APP.processAppID}`);
      noBpd.status.should.equal(400);
      wleError(noBpd).errorNumber.should.equal('CWTBG0023E');
      const noApp = await start(`action=start&bpdId=${HIRING}`);
      noApp.status.should.equal(400);
      wleError(noApp).errorNumber.should.equal('CWTBG0022E');
    });

    it('answers 400 CWTBG0554E for ids without their prefix and CWTBG0012E for an unknown app', async () => {
      for (const q of [startQuery('12df9c48'), startQuery(HIRING, 'processAppId=7b7f'), startQuery(HIRING, 'snapshotId=2063.x')]) {
        const r = await start(q);
        r.status.should.equal(400);
        wleError(r).errorNumber.should.equal('CWTBG0554E');
      }
      const unknown = await start(startQuery(HIRING, 'processAppId=2066.0000'));
      unknown.status.should.equal(400);
      wleError(unknown).should.match({ errorNumber: 'CWTBG0012E', errorMessageParameters: ['2066.0000'] });
    });

    it('answers 400 for an unknown variable (CWTBG0543E), a mistyped one (CWTBG0029E) and params that are not a JSON object', async () => {
      const unknown = await start(withParams(startQuery(HIRING), { nope: 1 }));
      unknown.status.should.equal(400);
      wleError(unknown).should.match({ errorNumber: 'CWTBG0543E', errorMessageParameters: ['nope', 'Standard HR Open New Position'] });
      for (const bad of [{ approved: 'yes' }, { requisition: { headcount: 1.5 } }, { requisition: { color: 'red' } }, { skills: [1] }]) {
        const r = await start(withParams(startQuery(HIRING), bad));
        r.status.should.equal(400);
        wleError(r).errorNumber.should.equal('CWTBG0029E');
      }
      for (const text of ['{not json', '[1]', '"x"']) {
        const r = await start(withParams(startQuery(HIRING), text));
        r.status.should.equal(400);
        wleError(r).errorNumber.should.equal('CWTBG0029E');
      }
    });

    it('answers 404 CWTBG0047E for an unknown BPD, 409 CWTBG0587E for one not exposed, 409 CWTBG0586E from an archived snapshot', async () => {
      const unknown = await start(startQuery('25.0000'));
      unknown.status.should.equal(404);
      wleError(unknown).errorNumber.should.equal('CWTBG0047E');
      const internal = await start(startQuery(pf.INTERNAL_BPD.bpdId));
      internal.status.should.equal(409);
      wleError(internal).errorNumber.should.equal('CWTBG0587E');
      const archived = await start(startQuery(HIRING, `snapshotId=${pf.ARCHIVED_SNAPSHOT_ID}`));
      archived.status.should.equal(409);
      wleError(archived).errorNumber.should.equal('CWTBG0586E');
    });

    it('answers 401 CWTBG0549E to a start of a BPD exposed only to a team the user is not in; it is not listed', async () => {
      const r = await start(startQuery(pf.RESTRICTED_BPD.bpdId));
      r.status.should.equal(401);
      r.headers['content-type'].should.startWith('application/json');
      wleError(r).should.match({
        errorNumber: 'CWTBG0549E',
        errorMessage: "CWTBG0549E: You are not authorized to perform the 'start' action.",
        errorMessageParameters: ['start'],
      });
      pf.EXPOSED_PROCESSES.map((p) => p.itemID).should.not.containEql(pf.RESTRICTED_BPD.bpdId);
      (await getInstance('42891')).status.should.equal(404);
    });

    it('answers 401 with an HTML page without credentials, and 405 with Allow: POST for a GET', async () => {
      const r = await start(startQuery(HIRING), { auth: false });
      r.status.should.equal(401);
      r.headers['content-type'].should.startWith('text/html');
      const get = await call(sim, 'GET', `${ROOT}/process?${startQuery(HIRING)}`);
      get.status.should.equal(405);
      get.headers.allow.should.equal('POST');
    });

    it('takes the shared scenario keys as bpdId', async () => {
      (await start(startQuery('status-503'))).status.should.equal(503);
      (await start(startQuery('slow-150'))).status.should.equal(200);
      sim.requests[sim.requests.length - 1].heldMs.should.equal(150);
      (await start(startQuery('wrong-type'))).headers['content-type'].should.startWith('text/plain');
      await call(sim, 'POST', `${ROOT}/process?${startQuery('reset')}`).should.be.rejected();
    });

    it('redirects a start with a redirect key to the same query with the bpdId ok-after-redirect', async () => {
      const r = await start(startQuery('redirect-same'));
      r.status.should.equal(302);
      const location = new URL(r.headers.location);
      location.pathname.should.equal(`${ROOT}/process`);
      Object.fromEntries(location.searchParams).should.eql({
        action: 'start',
        bpdId: 'ok-after-redirect',
        processAppId: APP.processAppID,
        parts: 'all',
      });
      data(await start(startQuery('ok-after-redirect'))).processTemplateID.should.equal(HIRING);
    });

    it('takes its own keys as bpdId: forbidden (401), server-error, no-data, no-piid', async () => {
      const forbidden = await start(startQuery('forbidden'));
      forbidden.status.should.equal(401);
      wleError(forbidden).should.match({ errorNumber: 'CWTBG0549E', errorMessageParameters: ['start'] });
      const failed = await start(startQuery('server-error'));
      failed.status.should.equal(500);
      wleError(failed).should.match({ errorNumber: 'CWTBG0019E', errorMessageParameters: ['server-error'] });
      JSON.parse((await start(startQuery('no-data'))).body).should.eql({ status: '200' });
      const noPiid = data(await start(startQuery('no-piid')));
      noPiid.should.have.property('tasks').and.not.have.property('piid');
    });
  });

  describe('instances (GET /process/{piid})', () => {
    it('answers the built-in instance with all its tasks, the finished one Closed', async () => {
      const r = await getInstance(pf.BUILTIN_PIID);
      r.status.should.equal(200);
      const d = data(r);
      d.should.match({ piid: pf.BUILTIN_PIID, state: 'STATE_RUNNING', variables: { requisition: { reqNum: 'REQ-1001' } } });
      d.tasks
        .map((t) => [t.tkiid, t.status, t.state])
        .should.eql([
          [CLOSED, 'Closed', 'STATE_FINISHED'],
          [OPEN, 'Received', 'STATE_READY'],
        ]);
      d.tasks.forEach((t) => t.should.not.have.property('data'));
    });

    it('answers the finished built-in instance with both its tasks Closed', async () => {
      const d = data(await getInstance(pf.FINISHED_PIID));
      d.should.match({ piid: pf.FINISHED_PIID, state: 'STATE_FINISHED', executionState: 'Completed' });
      d.tasks.map((t) => [t.tkiid, t.status, t.state]).should.eql(pf.FINISHED_TASK_IDS.map((id) => [id, 'Closed', 'STATE_FINISHED']));
    });

    it('answers 404 CWTBG0059E for an unknown numeric piid and 400 CWTBG0553E for another', async () => {
      const unknown = await getInstance('999999');
      unknown.status.should.equal(404);
      wleError(unknown).errorNumber.should.equal('CWTBG0059E');
      const bad = await getInstance('abc');
      bad.status.should.equal(400);
      wleError(bad).errorNumber.should.equal('CWTBG0553E');
    });

    it('takes the shared scenario keys as piid; many-N gives N open tasks', async () => {
      (await getInstance('status-500')).status.should.equal(500);
      const many = data(await getInstance('many-25'));
      many.tasks.should.have.length(25);
      new Set(many.tasks.map((t) => t.tkiid)).size.should.equal(25);
      (await getInstance('ok-after-redirect')).status.should.equal(200);
      const redirect = await getInstance('redirect-same');
      redirect.status.should.equal(302);
      redirect.headers.location.should.endWith(`${ROOT}/process/ok-after-redirect?parts=all`);
      JSON.parse(data(await getInstance('echo-headers')).description).should.have.property('host');
    });

    it('takes its own keys as piid: forbidden (403), server-error, no-data, no-tasks', async () => {
      const forbidden = await getInstance('forbidden');
      forbidden.status.should.equal(403);
      wleError(forbidden).errorNumber.should.equal('CWTBG0549E');
      const failed = await getInstance('server-error');
      failed.status.should.equal(500);
      wleError(failed).errorNumber.should.equal('CWTBG0019E');
      JSON.parse((await getInstance('no-data')).body).should.eql({ status: '200' });
      const noTasks = data(await getInstance('no-tasks'));
      noTasks.should.have.property('piid', pf.BUILTIN_PIID).and.not.have.property('tasks');
    });
  });

  describe('tasks (GET /task/{tkiid})', () => {
    it('answers the task with its variables: business objects with @metadata, lists as {selected, items}', async () => {
      const r = await getTask(OPEN);
      r.status.should.equal(200);
      const d = data(r);
      d.should.match({
        tkiid: OPEN,
        name: 'Approve or reject requisition',
        status: 'Received',
        state: 'STATE_READY',
        owner: null,
        assignedTo: 'General Managers',
        assignedToType: 'group',
        piid: pf.BUILTIN_PIID,
        priority: 30,
      });
      d.data.variables.should.eql({
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
      sim.bpmTask(OPEN).should.eql(d);
    });

    it('answers XML with metadata elements', async () => {
      const r = await getTask(OPEN, { accept: 'application/xml' });
      r.status.should.equal(200);
      r.body.should.containEql('<className>Requisition</className>').and.not.containEql('@');
    });

    it('answers 404 CWTBG0059E for an unknown task and 400 CWTBG0553E for a bad id; scenario keys work', async () => {
      (await getTask('1')).status.should.equal(404);
      (await getTask('x')).status.should.equal(400);
      (await getTask('status-409')).status.should.equal(409);
      data(await getTask('ok-after-redirect')).should.match({ tkiid: 'ok-after-redirect', status: 'Received' });
    });

    it('takes its own keys as tkiid: forbidden (403 to a read, 401 to an action), server-error, no-data', async () => {
      const read = await getTask('forbidden');
      read.status.should.equal(403);
      wleError(read).errorNumber.should.equal('CWTBG0549E');
      for (const [refused, action] of [
        [await claim('forbidden'), 'assign'],
        [await finish('forbidden'), 'finish'],
      ]) {
        refused.status.should.equal(401);
        wleError(refused).should.match({ errorNumber: 'CWTBG0549E', errorMessageParameters: [action] });
      }
      for (const failed of [await getTask('server-error'), await claim('server-error'), await finish('server-error')]) {
        failed.status.should.equal(500);
        wleError(failed).errorNumber.should.equal('CWTBG0019E');
      }
      JSON.parse((await getTask('no-data')).body).should.eql({ status: '200' });
      JSON.parse((await finish('no-data')).body).should.eql({ status: '200' });
    });
  });

  describe('claim and finish (PUT /task/{tkiid})', () => {
    it('claims a free task: 200 without data for parts=none, then owned by the user', async () => {
      const r = await claim(OPEN);
      r.status.should.equal(200);
      JSON.parse(r.body).should.eql({ status: '200' });
      sim.bpmTask(OPEN).should.match({ owner: 'flow', state: 'STATE_CLAIMED', assignedTo: 'flow', assignedToType: 'user' });
    });

    it('claims a task already mine: 200', async () => {
      sim.claimBpmTask(OPEN, 'flow');
      (await claim(OPEN)).status.should.equal(200);
    });

    it("answers 409 CWTBG0014E to a claim of someone else's task or a closed one", async () => {
      sim.claimBpmTask(OPEN, 'someone');
      const r = await claim(OPEN);
      r.status.should.equal(409);
      wleError(r).should.match({ errorNumber: 'CWTBG0014E', errorMessageParameters: ['STATE_CLAIMED', OPEN, 'assign'] });
      (await claim(CLOSED)).status.should.equal(409);
      sim.bpmTask(OPEN).owner.should.equal('someone');
    });

    it('finishes a claimed task: Closed/STATE_FINISHED, the output variables stored, the instance completed after its last task', async () => {
      await claim(OPEN);
      const r = await finish(OPEN, { approved: true, comments: 'ok' });
      r.status.should.equal(200);
      data(r).should.match({
        tkiid: OPEN,
        status: 'Closed',
        state: 'STATE_FINISHED',
        data: { variables: { approved: true, comments: 'ok' } },
      });
      data(r).completionTime.should.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const inst = data(await getInstance(pf.BUILTIN_PIID));
      inst.variables.should.match({ approved: true, comments: 'ok' });
      inst.should.match({ state: 'STATE_FINISHED', executionState: 'Completed' });
      sim
        .bpmTasks(pf.BUILTIN_PIID)
        .map((t) => t.status)
        .should.eql(['Closed', 'Closed']);
    });

    it('creates the second task of a started process when the first is finished', async () => {
      const d = data(await start(startQuery(HIRING)));
      const first = d.tasks[0].tkiid;
      await claim(first);
      (await finish(first)).status.should.equal(200);
      sim
        .bpmTasks(d.piid)
        .map((t) => [t.name, t.status])
        .should.eql([
          ['Submit position request', 'Closed'],
          ['Approve or reject requisition', 'Received'],
        ]);
    });

    it('answers 401 CWTBG0549E to a finish of a task not claimed by the user', async () => {
      for (const owner of [null, 'someone']) {
        sim.claimBpmTask(OPEN, owner);
        const r = await finish(OPEN, { approved: true });
        r.status.should.equal(401);
        wleError(r).should.match({
          errorNumber: 'CWTBG0549E',
          errorMessage: "CWTBG0549E: You are not authorized to perform the 'finish' action.",
        });
      }
      sim.bpmTask(OPEN).status.should.equal('Received');
    });

    it('answers 409 to a finish of a finished task and 400 for a bad variable, storing nothing', async () => {
      (await finish(CLOSED)).status.should.equal(409);
      await claim(OPEN);
      const bad = await finish(OPEN, { approved: 'yes' });
      bad.status.should.equal(400);
      wleError(bad).errorNumber.should.equal('CWTBG0029E');
      (await finish(OPEN, { nope: 1 })).status.should.equal(400);
      sim.bpmTask(OPEN).should.match({ status: 'Received', data: { variables: { approved: false } } });
    });

    it('takes the long form: POST with X-HTTP-Method-Override: PUT and the query as a form body', async () => {
      const path = `${ROOT}/task/${OPEN}`;
      const claimed = await call(sim, 'POST', path, {
        headers: Object.assign({ 'X-HTTP-Method-Override': 'PUT' }, FORM),
        body: 'action=assign&toMe=true&parts=none',
      });
      claimed.status.should.equal(200);
      const params = encodeURIComponent(JSON.stringify({ comments: 'y'.repeat(3000) }));
      const r = await call(sim, 'POST', path, {
        headers: Object.assign({ 'X-HTTP-Method-Override': 'PUT' }, FORM),
        body: `action=finish&parts=all&params=${params}`,
      });
      r.status.should.equal(200);
      data(r).should.match({ status: 'Closed' });
      data(r).data.variables.comments.should.have.length(3000);
    });

    it('answers 400 CWTBG0547E for an unknown action and 405 with Allow for DELETE', async () => {
      const r = await call(sim, 'PUT', `${ROOT}/task/${OPEN}?action=fly`);
      r.status.should.equal(400);
      wleError(r).errorNumber.should.equal('CWTBG0547E');
      const del = await call(sim, 'DELETE', `${ROOT}/task/${OPEN}`);
      del.status.should.equal(405);
      del.headers.allow.should.equal('GET, PUT');
    });

    it('takes the shared scenario keys as tkiid', async () => {
      (await claim('status-503')).status.should.equal(503);
      data(await finish('ok-after-redirect')).should.match({ tkiid: 'ok-after-redirect', status: 'Closed' });
    });
  });

  describe('reset, URL limit, CSRF', () => {
    it('reset() restores the fixtures: started instances gone, claims and finishes undone', async () => {
      const d = data(await start(startQuery(HIRING)));
      await claim(OPEN);
      await finish(OPEN);
      sim.reset();
      (sim.bpmTasks(d.piid) === null).should.be.true();
      sim.bpmTask(OPEN).should.match({ status: 'Received', owner: null });
      data(await start(startQuery(HIRING))).piid.should.equal(d.piid);
    });

    it('startBpmProcesses(n) starts n hiring instances as the user, each with its open first task, which claim and finish take', async () => {
      const started = sim.startBpmProcesses(3);
      started.should.have.length(3);
      new Set(started.map((s) => s.instanceId)).size.should.equal(3);
      for (const { instanceId, taskId } of started) {
        sim
          .bpmTasks(instanceId)
          .should.match([{ tkiid: taskId, status: 'Received', state: 'STATE_READY', owner: null, originator: sim.username }]);
      }
      const { taskId } = started[1];
      (await claim(taskId)).status.should.equal(200);
      data(await finish(taskId, { approved: true })).should.match({
        tkiid: taskId,
        status: 'Closed',
        data: { variables: { approved: true } },
      });
      data(await start(startQuery(HIRING))).piid.should.not.equalOneOf(started.map((s) => s.instanceId));
      sim.startBpmProcesses(0).should.eql([]);
      (() => sim.startBpmProcesses(-1)).should.throw(RangeError);
      sim.reset();
      (sim.bpmTasks(started[0].instanceId) === null).should.be.true();
    });

    it('answers 414 to request targets longer than bpmMaxUrlLength; the long form passes', async () => {
      sim.setBpmMaxUrlLength(2048);
      const query = withParams(startQuery(HIRING), { comments: 'z'.repeat(2100) });
      const long = await start(query);
      long.status.should.equal(414);
      long.headers['content-type'].should.startWith('text/html');
      (await call(sim, 'POST', `${ROOT}/process`, { headers: FORM, body: query })).status.should.equal(200);
      (await start(startQuery(HIRING))).status.should.equal(200);
      sim.reset();
      (sim.bpmMaxUrlLength === null).should.be.true();
      (await start(query)).status.should.equal(200);
    });

    it('takes bpmMaxUrlLength as a start option and refuses a bad one', async () => {
      const other = await startSimulator({ port: 0, bpmMaxUrlLength: 100 });
      try {
        (await call(other, 'GET', `${ROOT}/exposed/process?x=${'a'.repeat(100)}`)).status.should.equal(414);
        (await call(other, 'GET', `${ROOT}/exposed/process`)).status.should.equal(200);
      } finally {
        await other.close();
      }
      (() => sim.setBpmMaxUrlLength(-1)).should.throw(/bpmMaxUrlLength/);
    });

    it('needs a CSRF token for all of it when bpmCsrf is required', async () => {
      sim.setBpmCsrf('required');
      for (const r of [
        await call(sim, 'GET', `${ROOT}/exposed/process`),
        await start(startQuery(HIRING)),
        await getInstance(pf.BUILTIN_PIID),
        await getTask(OPEN),
        await claim(OPEN),
        await finish(OPEN),
      ]) {
        r.status.should.equal(403);
        wleError(r).errorNumber.should.equal('CWTBG0651E');
      }
      const login = await call(sim, 'POST', '/bpm/system/login', {
        headers: { 'Content-Type': 'application/json' },
        body: '{"refresh-groups":false,"requested-lifetime":7200}',
      });
      const headers = { BPMCSRFToken: JSON.parse(login.body).csrf_token };
      (await claim(OPEN, { headers })).status.should.equal(200);
      (await finish(OPEN, {}, { headers })).status.should.equal(200);
    });
  });
});
