'use strict';

// The simulated IBM BPM server's ad-hoc activities: their list and their start.

const should = require('should');
const { startSimulator } = require('../simulator');
const fixtures = require('../simulator/fixtures');
const { call, head, callFails, adhoc, START, activity, READY, NOT_READY } = require('../support/simulator-requests');

const DETAIL_KEYS = [
  'id',
  'name',
  'executionState',
  'activityType',
  'executionType',
  'optionType',
  'required',
  'repeatable',
  'startTime',
  'endTime',
  'hidden',
  'enablingDocumentID',
  'dueDate',
  'taskId',
  'taskOwnerUserId',
  'taskOwnerGroupId',
  'narrative',
  'preconditionType',
  'preconditionTriggers',
  'preconditionExpressions',
  'preconditionIsMatchAll',
];

describe('BPM simulator', function () {
  this.timeout(3000);
  let sim;

  before(async () => {
    sim = await startSimulator({ port: 0 });
  });
  after(() => sim && sim.close());
  beforeEach(() => {
    sim.reset();
  });

  describe('IBM BPM', () => {
    it('lists the two seed activities as JSON with a string status', async () => {
      const r = await call(sim, 'GET', adhoc(102), { accept: 'application/json' });
      r.status.should.equal(200);
      r.headers['content-type'].should.startWith('application/json');
      const body = JSON.parse(r.body);
      body.status.should.equal('200');
      body.data.activities.should.have.length(2);
      body.data.activities[0].name.should.equal('AdHocActivity 1');
    });

    it('lists the same activities as XML when asked', async () => {
      const r = await call(sim, 'GET', adhoc(102), { accept: 'application/xml' });
      r.status.should.equal(200);
      r.headers['content-type'].should.startWith('application/xml');
      r.body.should.startWith('<?xml');
      r.body.match(/<activities>/g).should.have.length(2);
      r.body.should.containEql('<endTime xsi:nil="true"/>');
    });

    it('escapes XML special characters', async () => {
      const r = await call(sim, 'GET', adhoc(103), { accept: 'application/xml' });
      r.body.should.containEql('<name>Tom &amp; Jerry &lt;draft&gt; &quot;quoted&quot; &apos;x&apos; ü€</name>');
    });

    it('answers 406 with a JSON WLE error for Accept text/plain', async () => {
      const r = await call(sim, 'GET', adhoc(102), { accept: 'text/plain' });
      r.status.should.equal(406);
      JSON.parse(r.body).status.should.equal('error');
    });

    it('answers 400 CWTBG0553E for a non-numeric instance id', async () => {
      const r = await call(sim, 'GET', adhoc('abc'));
      r.status.should.equal(400);
      const body = JSON.parse(r.body);
      body.Data.errorNumber.should.equal('CWTBG0553E');
      body.Data.errorMessageParameters.should.eql(['abc']);
    });

    it('answers 401 with an HTML page and a Basic challenge', async () => {
      const r = await call(sim, 'GET', adhoc(102), { auth: false });
      r.status.should.equal(401);
      r.headers['www-authenticate'].should.equal('Basic realm="defaultWIMFileBasedRealm"');
      r.headers['content-type'].should.startWith('text/html');
    });
  });

  describe('IBM BPM: start an ad-hoc activity (PUT /activity/{id})', () => {
    const put = (id, query, options) => call(sim, 'PUT', activity(id, query), options);
    const data = (r) => JSON.parse(r.body).data;

    it('instance 104 lists at least two READY activities and one that is not', async () => {
      const list = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
      list.should.eql(fixtures.STARTABLE_ACTIVITIES);
      READY.length.should.be.aboveOrEqual(2);
      NOT_READY.length.should.be.aboveOrEqual(1);
    });

    it('starts a READY activity: 200 with the details, WORKING since now, a task for the assignee', async () => {
      const before = Math.floor(Date.now() / 1000) * 1000;
      const r = await put(READY[0].id, `${START}&assignTo=${encodeURIComponent('j doe')}`);
      const after = Date.now();
      r.status.should.equal(200);
      r.headers['content-type'].should.equal('application/json;charset=UTF-8');
      const body = JSON.parse(r.body);
      body.status.should.equal('200');
      Object.keys(body.data).should.eql(DETAIL_KEYS);
      body.data.should.match({ id: READY[0].id, name: READY[0].name, executionState: 'WORKING', taskOwnerUserId: 'j doe' });
      body.data.taskId.should.match(/^\d+$/);
      body.data.preconditionTriggers.should.eql({ triggers: [] });
      // Started while the request was under way: between its sending and its answer.
      Date.parse(body.data.startTime).should.be.within(before, after);
    });

    it('records the PUT with its query', async () => {
      await put(READY[0].id, `${START}&assignTo=jdoe`);
      sim.requests.should.have.length(1);
      sim.requests[0].should.match({
        server: 'bpm',
        method: 'PUT',
        rawPath: `/rest/bpm/wle/v1/activity/${READY[0].id}`,
        query: { action: 'ACTION_START_ACTIVITY', assignTo: 'jdoe' },
        segments: ['activity', READY[0].id],
        authUser: 'flow',
      });
    });

    it('starts every READY activity of the list, and then lists them as WORKING', async () => {
      const list = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
      const ready = list.filter((a) => a.executionState === 'READY');
      for (const a of ready) {
        const r = await put(a.id);
        r.status.should.equal(200);
        data(r).executionState.should.equal('WORKING');
      }
      const after = JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities;
      after
        .filter((a) => ready.some((b) => b.id === a.id))
        .forEach((a) => {
          a.executionState.should.equal('WORKING');
          a.startTime.should.be.a.String();
        });
    });

    it('sets taskOwnerUserId null without assignTo, and taskId null for a called process', async () => {
      const user = data(await put(READY[0].id));
      should(user.taskOwnerUserId).be.null();
      const called = READY.find((a) => a.activityType === 'CALLED_PROCESS');
      const details = data(await put(called.id));
      should(details.taskId).be.null();
    });

    it('refuses a second start of a non-repeatable activity with 400 CWTBG0548E', async () => {
      const once = READY.find((a) => !a.repeatable);
      (await put(once.id)).status.should.equal(200);
      const again = await put(once.id);
      again.status.should.equal(400);
      const err = JSON.parse(again.body);
      err.status.should.equal('error');
      err.Data.errorNumber.should.equal('CWTBG0548E');
      err.Data.errorMessage.should.containEql('not valid');
    });

    it('starts a repeatable activity again, each time with a new task', async () => {
      const repeatable = READY.find((a) => a.repeatable && a.activityType === 'USER_TASK');
      const first = data(await put(repeatable.id));
      const second = data(await put(repeatable.id));
      first.taskId.should.not.equal(second.taskId);
    });

    it('refuses activities that are not READY (DISABLED, COMPLETED, WORKING)', async () => {
      const working = fixtures.SEED_ACTIVITIES.find((a) => a.executionState === 'WORKING');
      for (const a of [...NOT_READY, working]) {
        const r = await put(a.id);
        r.status.should.equal(400);
        const e = JSON.parse(r.body).Data;
        e.errorNumber.should.equal('CWTBG0548E');
        e.errorMessageParameters.should.eql(['ACTION_START_ACTIVITY', a.id, a.executionState]);
      }
    });

    it('forgets every start on reset()', async () => {
      const once = READY.find((a) => !a.repeatable);
      (await put(once.id)).status.should.equal(200);
      sim.reset();
      (await put(once.id)).status.should.equal(200);
      sim.reset();
      JSON.parse((await call(sim, 'GET', adhoc(104))).body).data.activities.should.eql(fixtures.STARTABLE_ACTIVITIES);
    });

    it('answers XML when the Accept header asks only for XML, JSON when it allows both', async () => {
      const xml = await put(READY[0].id, START, { accept: 'application/xml' });
      xml.status.should.equal(200);
      xml.headers['content-type'].should.equal('application/xml;charset=UTF-8');
      xml.body.should.containEql('<bpm:ResponseData');
      xml.body.should.containEql('<executionState>WORKING</executionState>');
      xml.body.should.containEql('<dueDate xsi:nil="true"/>');
      const json = await put('2118.any', START, { accept: 'application/json, application/xml' });
      json.headers['content-type'].should.startWith('application/json');
    });

    it('answers 405 with Allow: PUT for another method, but takes POST with X-HTTP-Method-Override: PUT', async () => {
      for (const method of ['GET', 'POST', 'DELETE']) {
        const r = await call(sim, method, activity(READY[0].id));
        r.status.should.equal(405);
        r.headers.allow.should.equal('PUT');
      }
      const r = await call(sim, 'POST', activity(READY[0].id), { headers: { 'X-HTTP-Method-Override': 'PUT' } });
      r.status.should.equal(200);
    });

    it('takes the long form: a POST with X-HTTP-Method-Override: PUT and the query as a form body', async () => {
      const r = await call(sim, 'POST', `/rest/bpm/wle/v1/activity/${READY[0].id}`, {
        headers: { 'X-HTTP-Method-Override': 'PUT', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${START}&assignTo=${encodeURIComponent('j doe')}`,
      });
      r.status.should.equal(200);
      JSON.parse(r.body).data.should.match({ id: READY[0].id, executionState: 'WORKING', taskOwnerUserId: 'j doe' });
      sim.requests[0].should.match({ method: 'POST', query: { action: 'ACTION_START_ACTIVITY', assignTo: 'j doe' } });
    });

    it('answers 400 CWTBG0547E for a missing or unknown action, and 400 CWTBG0548E for the other actions', async () => {
      const missing = await put(READY[0].id, '');
      missing.status.should.equal(400);
      JSON.parse(missing.body).Data.errorNumber.should.equal('CWTBG0547E');
      const unknown = await put(READY[0].id, 'action=ACTION_FLY');
      unknown.status.should.equal(400);
      JSON.parse(unknown.body).Data.should.match({ errorNumber: 'CWTBG0547E', errorMessage: /ACTION_FLY/ });
      for (const action of ['ACTION_VIEW_ACTIVITY', 'ACTION_DISABLE_ACTIVITY', 'ACTION_ENABLE_ACTIVITY']) {
        const r = await put(READY[0].id, `action=${action}`);
        r.status.should.equal(400);
        JSON.parse(r.body).Data.errorNumber.should.equal('CWTBG0548E');
      }
      // None of these started it.
      (await put(READY[0].id)).status.should.equal(200);
    });

    it('starts any other 2118.x id with made-up details, every time', async () => {
      for (let i = 0; i < 2; i++) {
        const r = await put('2118.a1b2c3', `${START}&assignTo=alice`);
        r.status.should.equal(200);
        data(r).should.match({
          id: '2118.a1b2c3',
          name: 'Ad-hoc activity 2118.a1b2c3',
          activityType: 'USER_TASK',
          executionState: 'WORKING',
          taskOwnerUserId: 'alice',
        });
        data(r).taskId.should.match(/^\d+$/);
      }
    });

    it('answers 404 CWTBG0059E for a numeric id and 400 CWTBG0553E for another id', async () => {
      const missing = await put('12345');
      missing.status.should.equal(404);
      JSON.parse(missing.body).Data.errorNumber.should.equal('CWTBG0059E');
      const bad = await put('abc');
      bad.status.should.equal(400);
      JSON.parse(bad.body).Data.errorNumber.should.equal('CWTBG0553E');
    });

    it('answers with-task with a task and no-task without one', async () => {
      const withTask = data(await put('with-task'));
      withTask.taskId.should.match(/^\d+$/);
      withTask.activityType.should.equal('USER_TASK');
      const noTask = await put('no-task');
      noTask.status.should.equal(200);
      should(data(noTask).taskId).be.null();
      data(noTask).activityType.should.equal('CALLED_PROCESS');
    });

    it('answers WLE errors for not-startable, unknown-activity, forbidden, conflict, server-error and maintenance', async () => {
      const cases = [
        ['not-startable', 400, 'CWTBG0548E'],
        ['unknown-activity', 404, 'CWTBG0059E'],
        ['forbidden', 403, 'CWTBG0549E'],
        ['conflict', 409, undefined],
        ['server-error', 500, 'CWTBG0019E'],
        ['maintenance', 503, undefined],
      ];
      for (const [key, status, number] of cases) {
        const r = await put(key);
        r.status.should.equal(status, key);
        const e = JSON.parse(r.body);
        e.status.should.equal('error');
        e.Data.errorMessage.should.be.a.String();
        if (number) e.Data.errorNumber.should.equal(number);
      }
      JSON.parse((await put('server-error')).body).Data.programmersDetails.should.equal(fixtures.STACK_TRACE);
      (await put('maintenance')).headers['retry-after'].should.equal('0');
      const xml = await put('forbidden', START, { accept: 'application/xml' });
      xml.body.should.containEql('<RestRuntimeException');
      xml.body.should.containEql('<errorNumber>CWTBG0549E</errorNumber>');
    });

    it('answers 200 without a data object for no-data and data-not-object', async () => {
      const none = await put('no-data');
      none.status.should.equal(200);
      JSON.parse(none.body).should.eql({ status: '200' });
      const text = await put('data-not-object');
      text.status.should.equal(200);
      JSON.parse(text.body).should.eql({ status: '200', data: 'x' });
    });

    it('answers text-fields with text that must stay text, in JSON and in XML', async () => {
      data(await put('text-fields')).should.eql(fixtures.TEXT_FIELDS_DETAILS);
      fixtures.TEXT_FIELDS_DETAILS.should.match({
        id: '2118.0042',
        name: '007',
        taskId: '000123',
        dueDate: null,
        narrative: 'a &amp; b <i>',
      });
      const xml = (await put('text-fields', START, { accept: 'application/xml' })).body;
      xml.should.containEql('<name>007</name>');
      xml.should.containEql('<taskId>000123</taskId>');
      xml.should.containEql('<narrative>a &amp;amp; b &lt;i&gt;</narrative>');
      xml.should.containEql('<triggers>0042</triggers>');
    });

    it('answers 503 for flaky-2 twice, then 200', async () => {
      (await put('flaky-2')).status.should.equal(503);
      (await put('flaky-2')).status.should.equal(503);
      (await put('flaky-2')).status.should.equal(200);
    });

    it('answers status-NNN with a WLE error of that status', async () => {
      const r = await put('status-418');
      r.status.should.equal(418);
      JSON.parse(r.body).status.should.equal('error');
    });

    it('answers 200 with the wrong body for login-page, truncated and wrong-type', async () => {
      const login = await put('login-page');
      login.status.should.equal(200);
      login.headers['content-type'].should.startWith('text/html');
      const cut = await put('truncated');
      cut.status.should.equal(200);
      (() => JSON.parse(cut.body)).should.throw();
      const text = await put('wrong-type');
      text.status.should.equal(200);
      text.headers['content-type'].should.startWith('text/plain');
    });

    it('echoes the request headers without authorization in the narrative', async () => {
      const r = await put('echo-headers', START, { headers: { 'X-Probe': 'yes' } });
      const headers = JSON.parse(data(r).narrative);
      headers['x-probe'].should.equal('yes');
      headers.should.not.have.property('authorization');
    });

    it('delays slow-N, drops the connection for reset and reset-mid-body', async () => {
      (await put('slow-200')).status.should.equal(200);
      sim.requests[sim.requests.length - 1].heldMs.should.equal(200);
      (await callFails(sim, 'PUT', activity('reset'))).code.should.equal('ECONNRESET');
      should.exist(await callFails(sim, 'PUT', activity('reset-mid-body')));
    });

    it('redirects redirect-same to ok-after-redirect, query kept, which starts', async () => {
      const r = await put('redirect-same');
      r.status.should.equal(302);
      r.headers.location.should.equal(`${sim.url}/rest/bpm/wle/v1/activity/ok-after-redirect?${START}`);
      (await put('ok-after-redirect')).status.should.equal(200);
    });

    it('declares a huge body for huge', async () => {
      const r = await head(sim, 'PUT', activity('huge'));
      r.status.should.equal(200);
      Number(r.headers['content-length']).should.be.above(20 * 1024 * 1024);
    });

    it('answers 401 with an HTML page under a prefix too, and records the request', async () => {
      const r = await call(sim, 'PUT', `/bpm/dev${activity(READY[0].id)}`, { auth: false });
      r.status.should.equal(401);
      r.headers['content-type'].should.startWith('text/html');
      sim.requests.should.have.length(1);
      sim.requests[0].should.match({ server: 'bpm', method: 'PUT', authUser: null, segments: ['activity', READY[0].id] });
      // Nothing was started.
      (await put(READY[0].id)).status.should.equal(200);
    });
  });
});
