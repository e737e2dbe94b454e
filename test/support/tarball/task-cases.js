'use strict';
// The tarball test's cases of the task journeys of both servers, each on a tab of its own deployed
// next to the first, in the Node-RED that tarball.test.js started (`e2e`: its simulator, base URL,
// user directory, deploy and output).
const should = require('should');
const path = require('path');
const { request } = require('../http');
const { INUBIT_STARTERS } = require('../../simulator/fixtures');
const { HIRING_BPD, PROCESS_APP } = require('../../simulator/ibm-bpm-process-fixtures');
const { FLOW_TYPES } = require('../node-types');
const { buildFlow } = require('./journey-flow');
const { AUTH_SECRETS } = require('./auth-flow');
const { buildTaskFlow, buildBpmTaskFlow } = require('./task-flows');

const ownPackage = require(path.join(__dirname, '..', '..', '..', 'package.json'));

module.exports = function taskCases(e2e) {
  // Set once tarball.test.js has started Node-RED.
  let sim, baseUrl, deploy, post;
  before(() => ({ sim, baseUrl, deploy, post } = e2e));

  describe('inubit tasks: start, get with the form, submit; only new tasks', function () {
    /** POSTs to an endpoint of the tab; resolves with the message that arrived at its end. */
    const call = async (endpoint, body) => (await post(endpoint, body)).message;

    before(async function () {
      this.timeout(60000);
      await deploy(buildFlow(sim).concat(buildTaskFlow()), '/e2e/tasks/ready');
      sim.reset();
    });

    afterEach(() => sim.reset());

    it('a started task is read with its form and submitted with its first button and the given fields', async function () {
      const starter = INUBIT_STARTERS[0];
      const out = await call('/e2e/tasks/journey', {
        user: sim.username,
        starterId: starter.id,
        fields: { note: 'a & b', count: 2, done: true, empty: null },
      });
      should(out.error).be.undefined();
      out.should.have.property('statusCode', 204);
      (out.payload === null).should.be.true();
      out.should.not.have.property('nextTaskId');
      out.form.submitters.should.not.be.empty();
      const [submitted] = sim.submittedForms();
      submitted.should.match({ taskId: out.taskId, submitter: out.form.submitters[0].submitter });
      submitted.raw.should.endWith('<Panel><note>a &amp; b</note><count>2</count><done>true</done><empty/></Panel></Response></Form>');
      sim.requests
        .map((r) => `${r.method} ${r.segments.slice(0, 2).join('/')}`)
        .should.eql(['POST task/adhoc', 'GET task/tasks', 'GET task/data', 'POST task/submit']);
    });

    it('only new tasks: a second poll sends only the task added since', async function () {
      const first = await call('/e2e/tasks/new', { query: { count: 50 } });
      first.payload.length.should.be.above(0);
      const id = sim.addInubitTask(sim.username, { name: 'Neue Aufgabe' });
      const second = await call('/e2e/tasks/new', { query: { count: 50 } });
      second.payload.should.have.length(1);
      second.payload[0].should.match({ id, name: 'Neue Aufgabe' });
      second.should.have.property('total', first.payload.length + 1);
    });

    it('a task another user holds is LOCKED; an unknown one is NOT_FOUND with statusCode 200', async function () {
      const locked = sim.inubitTasks(sim.username).find((task) => task.locked && task.locked !== sim.username);
      should.exist(locked, 'the simulator has a task locked by another user');
      const out = await call('/e2e/tasks/get', { taskId: locked.id });
      out.error.should.match({ code: 'LOCKED' });
      out.should.have.property('statusCode', 423);
      const unknown = await call('/e2e/tasks/get', { taskId: 'no-such-task' });
      unknown.error.should.match({ code: 'NOT_FOUND' });
      unknown.should.have.property('statusCode', 200);
    });

    it('a task id ".." is refused without a request', async function () {
      const out = await call('/e2e/tasks/get', { taskId: '..' });
      out.error.should.match({ code: 'INVALID_INPUT' });
      sim.requests.should.have.length(0);
    });
  });

  describe('IBM BPM tasks: start a process, get its first task, complete it, list the tasks; ZenApiKey and CSRF tokens under /bas', function () {
    const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
    const ROOT = '/bas/rest/bpm/wle/v1';
    const isLogin = (r) => /\/bpm\/system\/login$/.test(r.rawPath);
    const zenHeader = () => Buffer.from(`${sim.username}:${AUTH_SECRETS.apiKey}`).toString('base64');
    // Variable sets whose query would make the URL longer than 2,048 characters.
    const LONG_TEXT = 'Needs experience with Node-RED flows, REST APIs & business processes; "remote" is fine. '.repeat(30);
    const INPUT = {
      requisition: { reqNum: 'REQ-E2E-1', department: 'Forschung & Entwicklung', headcount: 3, salary: 81000.5, remote: true },
      comments: LONG_TEXT,
      skills: Array.from({ length: 40 }, (_, i) => `skill ${i + 1}: ü/ß?&=#`),
    };
    const OUTPUT = { approved: true, comments: `Approved: ${LONG_TEXT}` };
    const answers = [];

    /** POSTs to an endpoint of the tab; resolves with the message that arrived at its end, and keeps the answer. */
    async function call(endpoint, body) {
      const answer = await post(endpoint, body);
      answers.push(JSON.stringify(answer));
      return answer.message;
    }

    before(async function () {
      this.timeout(60000);
      await deploy(buildFlow(sim).concat(buildBpmTaskFlow(sim)), '/e2e/bpm-tasks/ready');
      sim.reset();
    });

    afterEach(() => sim.reset());

    it('the four task nodes are installed from the tarball and enabled', async function () {
      const res = await request(baseUrl + '/nodes', { headers: { Accept: 'application/json' } });
      res.status.should.equal(200);
      // The task nodes: our flow nodes in the flow of this journey.
      const taskTypes = [
        ...new Set(
          buildBpmTaskFlow(sim)
            .map((node) => node.type)
            .filter((type) => FLOW_TYPES.includes(type)),
        ),
      ];
      taskTypes.should.have.length(4);
      const sets = JSON.parse(res.body).filter(
        (set) => set.module === ownPackage.name && taskTypes.some((type) => set.types.includes(type)),
      );
      []
        .concat(...sets.map((set) => set.types))
        .sort()
        .should.eql(taskTypes.slice().sort());
      for (const set of sets) {
        set.should.have.property('enabled', true);
        set.should.not.have.property('err');
      }
    });

    it('start → get → complete → list: a Closed first task, the next one open; one CSRF login; long variables in the long form', async function () {
      JSON.stringify(INPUT).length.should.be.above(2048);
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
      // A URL longer than 2,048 characters would be refused: only the long form passes.
      sim.setBpmMaxUrlLength(2048);

      const out = await call('/e2e/bpm-tasks/journey', { input: INPUT, output: OUTPUT });
      should(out.error).be.undefined();

      // The started instance, its first task, the completed task, and the tasks of the instance.
      const piid = out.instanceId;
      piid.should.be.a.String().and.match(/^\d+$/);
      out.started.should.match({ piid, bpdName: HIRING_BPD.name });
      out.started.variables.requisition.should.match(INPUT.requisition);
      out.started.variables.comments.should.equal(INPUT.comments);
      const [first, next] = sim.bpmTasks(piid);
      out.firstTask.should.match({ tkiid: first.tkiid, name: HIRING_BPD.steps[0].name, status: 'Received' });
      out.firstTask.data.variables.skills.items.should.eql(INPUT.skills);
      out.completed.should.match({ tkiid: first.tkiid, status: 'Closed', state: 'STATE_FINISHED', owner: sim.username });
      out.completed.data.variables.should.match(OUTPUT);
      out.payload
        .map((t) => [t.tkiid, t.status])
        .should.eql([
          [first.tkiid, 'Closed'],
          [next.tkiid, 'Received'],
        ]);
      out.payload[1].name.should.equal(HIRING_BPD.steps[1].name);
      sim.bpmTask(next.tkiid).data.variables.should.match(Object.assign({}, OUTPUT, { requisition: INPUT.requisition }));

      const seen = sim.requests.filter((r) => r.server === 'bpm');
      for (const r of seen) {
        r.rawPath.should.startWith('/bas/');
        r.authKinds.should.eql(['zenApiKey']);
        should(r.authUser).equal(sim.username);
      }
      // One login, at /bas/bpm/system/login, after the first request (csrf auto) was refused.
      const logins = seen.filter(isLogin);
      logins.should.have.length(1);
      logins[0].should.match({ method: 'POST', rawPath: '/bas/bpm/system/login' });
      JSON.parse(logins[0].body).should.eql(CSRF_LOGIN_BODY);
      sim.stats.logins.should.equal(1);
      sim.csrfTokens.should.have.length(1);
      const token = sim.csrfTokens[0];
      seen.indexOf(logins[0]).should.equal(1);

      const calls = seen.filter((r) => !isLogin(r));
      const shape = (r) =>
        `${r.method}${r.headers['x-http-method-override'] ? `(${r.headers['x-http-method-override']})` : ''} ${r.rawPath.slice(ROOT.length)} ${r.query.action || ''}`.trim();
      calls
        .map(shape)
        .should.eql([
          'POST /process start',
          'POST /process start',
          `GET /task/${first.tkiid}`,
          `PUT /task/${first.tkiid} assign`,
          `POST(PUT) /task/${first.tkiid} finish`,
          `GET /process/${piid}`,
        ]);
      should(calls[0].csrfToken).be.null();
      calls.slice(1).forEach((r) => should(r.csrfToken).equal(token));
      // The long form: the query in an application/x-www-form-urlencoded body, the URL without it.
      const [, start, , , finish] = calls;
      for (const r of [start, finish]) {
        r.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
        r.body.length.should.be.above(2048);
        r.headers.should.not.have.property('content-length', '0');
      }
      start.query.should.match({ action: 'start', bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID, parts: 'all' });
      JSON.parse(start.query.params).should.eql(INPUT);
      finish.query.should.match({ action: 'finish', parts: 'all' });
      JSON.parse(finish.query.params).should.eql(OUTPUT);

      // No secret in the answers or the log.
      for (const secret of [AUTH_SECRETS.apiKey, zenHeader(), token]) {
        answers.join('\n').includes(secret).should.be.false();
        e2e.output().includes(secret).should.be.false();
      }
    });

    it('short variables go in a form body, never in the URL; an output variable the process does not declare is BAD_REQUEST at the Catch node, outcome not-done, the task given back', async function () {
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
      const out = await call('/e2e/bpm-tasks/journey', { input: { comments: 'short' }, output: { approval: 'yes' } });
      out.error.should.match({ code: 'BAD_REQUEST', source: { id: 'bpm-complete' } });
      out.statusCode.should.equal(400);
      out.outcome.should.equal('not-done');
      out.serverError.errorNumber.should.equal('CWTBG0543E');
      const [first] = sim.bpmTasks(out.instanceId);
      out.taskId.should.equal(first.tkiid);
      first.should.match({ status: 'Received', state: 'STATE_READY', owner: null });
      const calls = sim.requests.filter((r) => r.server === 'bpm' && !isLogin(r));
      calls
        .map((r) => `${r.method} ${r.query.action || ''}${r.query.back ? ' back' : ''}`.trim())
        .should.eql(['POST start', 'POST start', 'GET', 'PUT assign', 'POST finish', 'PUT assign back']);
      calls[4].headers['x-http-method-override'].should.equal('PUT');
      for (const start of calls.slice(0, 2)) {
        start.search.should.equal('');
        start.rawPath.should.equal(`${ROOT}/process`);
        JSON.parse(new URLSearchParams(start.body).get('params')).should.eql({ comments: 'short' });
      }
      calls[4].search.should.equal('');
    });
  });
};
