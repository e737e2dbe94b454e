'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { startProcessFlow, withoutProperties, loadFlow, credentials, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator, freePort } = require('../support/simulated');
const { answering } = require('../support/http');
const { ROOT, bpmRequests, queryOf, paramsOf, loadShowingValues, variablesClauses } = require('../support/ibm-bpm-tasks');
const pf = require('../simulator/ibm-bpm-process-fixtures');

const { HIRING_BPD, LOG_BPD, INTERNAL_BPD, RESTRICTED_BPD, PROCESS_APP, ARCHIVED_SNAPSHOT_ID } = pf;
const STATUS = 'ibm-bpm-start-process.status';
const CREDENTIALS_HINT = 'check the user name and password';

describe('ibm-bpm-start-process (README, "Nodes": start process)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const starts = () => bpmRequests(sim).filter((r) => r.method === 'POST' && r.rawPath === `${ROOT}/process`);
  const loadStart = (props = {}, server = {}) => loadFlow(startProcessFlow(sim, props, server), sim);
  /** The node starting the process `bpdId` (text), with `props`. */
  const loadBpd = (bpdId, props = {}, server = {}) => loadStart({ bpdId, bpdIdType: 'str', ...props }, server);

  describe('request', function () {
    it('sends POST {base}/process?action=start&bpdId=…&processAppId=…&parts=all with an empty body and Accept: application/json', async function () {
      await loadStart();
      await run({ payload: { comments: 'not sent' } });
      starts().should.have.length(1);
      sim.requests.should.have.length(1);
      const request = starts()[0];
      request.query.should.eql({ action: 'start', bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID, parts: 'all' });
      Object.keys(request.query).should.eql(['action', 'bpdId', 'processAppId', 'parts']);
      request.headers.accept.should.equal('application/json');
      request.headers['content-length'].should.equal('0');
      should(request.headers['content-type']).be.undefined();
      should(request.headers['x-http-method-override']).be.undefined();
      request.authUser.should.equal(sim.username);
    });

    it('adds &params={JSON of the variables} last, only when there are variables', async function () {
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      await run({ vars: { comments: 'a&b=c d', approved: true } });
      await run({ vars: {} });
      Object.keys(starts()[0].query).should.eql(['action', 'bpdId', 'processAppId', 'parts', 'params']);
      starts()[0].query.params.should.equal('{"comments":"a&b=c d","approved":true}');
      Object.keys(starts()[1].query).should.eql(['action', 'bpdId', 'processAppId', 'parts']);
    });

    it('sends snapshotId instead of processAppId when a snapshot is set', async function () {
      await loadStart({ snapshotId: PROCESS_APP.snapshotID, snapshotIdType: 'str' });
      const result = await run({});
      result.out.should.have.length(1);
      starts()[0].query.should.eql({ action: 'start', bpdId: HIRING_BPD.bpdId, snapshotId: PROCESS_APP.snapshotID, parts: 'all' });
      Object.keys(starts()[0].query).should.eql(['action', 'bpdId', 'snapshotId', 'parts']);
    });

    it('percent-encodes each value as a query value', async function () {
      await loadBpd('25.a&b=c d#ü+%', { processAppId: '2066.x?y', processAppIdType: 'str' });
      caughtWith(await run({}), 'BAD_REQUEST');
      const raw = sim.requests[0];
      raw.query.should.eql({ action: 'start', bpdId: '25.a&b=c d#ü+%', processAppId: '2066.x?y', parts: 'all' });
    });

    for (const [what, value] of [
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', ' \t '],
    ]) {
      it(`a bpdId that is ${what} is INVALID_INPUT, and no request is sent`, async function () {
        await loadStart({ bpdId: 'bpd', bpdIdType: 'msg' });
        caughtWith(await run({ bpd: value }), 'INVALID_INPUT').error.message.should.match(/bpdId/);
        sim.requests.should.have.length(0);
      });

      it(`a processAppId that is ${what} without a snapshotId is INVALID_INPUT, and no request is sent`, async function () {
        await loadStart({ processAppId: 'app', processAppIdType: 'msg', snapshotId: 'snap', snapshotIdType: 'msg' });
        caughtWith(await run({ app: value, snap: value }), 'INVALID_INPUT').error.message.should.match(/process app id/);
        sim.requests.should.have.length(0);
      });
    }

    for (const [what, value] of [
      ['an object', { id: 'x' }],
      ['a list', ['x']],
      ['a boolean', true],
    ]) {
      it(`an id that is ${what} is INVALID_INPUT, and no request is sent`, async function () {
        for (const name of ['bpdId', 'processAppId', 'snapshotId']) {
          await loadStart({ [name]: 'id', [`${name}Type`]: 'msg' });
          caughtWith(await run({ id: value }), 'INVALID_INPUT');
          await helper.unload();
        }
        sim.requests.should.have.length(0);
      });
    }

    it('a processAppId is not needed when a snapshotId is set', async function () {
      await loadStart({ processAppId: '', processAppIdType: 'str', snapshotId: PROCESS_APP.snapshotID, snapshotIdType: 'str' });
      (await run({})).out.should.have.length(1);
    });
  });

  describe('ids from TypedInputs', function () {
    it('reads str, msg, flow, global, env and jsonata for bpdId, processAppId and snapshotId', async function () {
      const each = (type, bpd, app, snapshot) => ({
        bpdId: bpd,
        bpdIdType: type,
        processAppId: app,
        processAppIdType: type,
        snapshotId: snapshot,
        snapshotIdType: type,
      });
      const cases = [
        [each('str', HIRING_BPD.bpdId, PROCESS_APP.processAppID, ''), () => {}, 'processAppId'],
        [each('msg', 'ids.bpd', 'ids.app', 'ids.none'), () => {}, 'processAppId'],
        [
          each('flow', 'bpd', 'app', 'snapshot'),
          (node) => {
            node.context().flow.set('bpd', HIRING_BPD.bpdId);
            node.context().flow.set('snapshot', PROCESS_APP.snapshotID);
          },
          'snapshotId',
        ],
        [
          each('global', 'bpd', 'app', 'snapshot'),
          (node) => {
            node.context().global.set('bpd', HIRING_BPD.bpdId);
            node.context().global.set('app', PROCESS_APP.processAppID);
          },
          'processAppId',
        ],
        [
          each('env', 'BPM_TEST_BPD', 'BPM_TEST_APP', 'BPM_TEST_SNAPSHOT'),
          () => {
            process.env.BPM_TEST_BPD = HIRING_BPD.bpdId;
            process.env.BPM_TEST_SNAPSHOT = PROCESS_APP.snapshotID;
          },
          'snapshotId',
        ],
        [each('jsonata', 'ids.bpd', '$string(ids.app)', 'ids.none'), () => {}, 'processAppId'],
      ];
      try {
        for (const [props, prepare, which] of cases) {
          sim.reset();
          await loadStart(props);
          prepare(helper.getNode('node'));
          const result = await run({ ids: { bpd: HIRING_BPD.bpdId, app: PROCESS_APP.processAppID } });
          result.out.should.have.length(1, `with ${props.bpdIdType}`);
          starts()[0].query.bpdId.should.equal(HIRING_BPD.bpdId);
          starts()[0].query[which].should.equal(
            which === 'snapshotId' ? PROCESS_APP.snapshotID : PROCESS_APP.processAppID,
            `with ${props.bpdIdType}`,
          );
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_BPD;
        delete process.env.BPM_TEST_SNAPSHOT;
      }
    });

    it('uses a number as its decimal text', async function () {
      await loadStart({ bpdId: 'bpd', bpdIdType: 'msg' });
      const msg = caughtWith(await run({ bpd: 25.5 }), 'NOT_FOUND');
      starts()[0].query.bpdId.should.equal('25.5');
      msg.serverError.errorNumber.should.equal('CWTBG0047E');
    });

    it('a JSONata expression that fails is INVALID_INPUT, and no request is sent', async function () {
      await loadStart({ bpdId: '$error("nope")', bpdIdType: 'jsonata' });
      caughtWith(await run({}), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  });

  describe('200', function () {
    it('sends the input message with payload = the new instance under data, instanceId = its piid, taskId = its first open task, statusCode', async function () {
      await loadStart();
      const result = await run({ payload: 'go', topic: 'keep me', custom: { a: [1] }, taskId: 'from before' });
      result.out.should.have.length(1);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.match({
        piid: '42891',
        name: `${HIRING_BPD.name}:42891`,
        state: 'STATE_RUNNING',
        executionState: 'Active',
        processTemplateID: HIRING_BPD.bpdId,
      });
      msg.payload.tasks.should.have.length(1);
      msg.payload.tasks[0].should.match({ status: 'Received', state: 'STATE_READY', name: HIRING_BPD.steps[0].name });
      msg.instanceId.should.equal('42891');
      msg.taskId.should.equal(msg.payload.tasks[0].tkiid).and.be.a.String();
      msg.statusCode.should.equal(200);
      msg.topic.should.equal('keep me');
      msg.custom.should.eql({ a: [1] });
      sim
        .bpmTasks('42891')
        .map((t) => t.tkiid)
        .should.eql([msg.taskId]);
    });

    it('removes msg.taskId when the instance has no open task (a process without a user task)', async function () {
      await loadBpd(LOG_BPD.bpdId);
      const msg = (await run({ taskId: 'from before' })).out[0];
      msg.payload.should.match({ state: 'STATE_FINISHED', executionState: 'Completed', tasks: [] });
      msg.instanceId.should.equal(msg.payload.piid);
      msg.should.not.have.property('taskId');
      msg.statusCode.should.equal(200);
    });

    it('the input variables come back in the instance: business objects with @metadata, lists as {selected, items}', async function () {
      await loadStart({ variables: 'payload', variablesType: 'msg' });
      const requisition = { reqNum: 'REQ-7', department: 'Sales', headcount: 3, salary: 70000.5, remote: true };
      const msg = (await run({ payload: { requisition, skills: ['CRM'], comments: 'Müller & Söhne "Q3"' } })).out[0];
      msg.payload.variables.should.eql({
        requisition: { ...requisition, '@metadata': { dirty: false, shared: false, className: 'Requisition' } },
        comments: 'Müller & Söhne "Q3"',
        approved: false,
        skills: { selected: [], items: ['CRM'] },
      });
    });

    it('every start is a new instance with its own ids', async function () {
      await loadStart();
      const result = await runMany([{}, {}, {}]);
      result.out
        .map((m) => m.instanceId)
        .sort()
        .should.eql(['42891', '42892', '42893']);
      new Set(result.out.map((m) => m.taskId)).size.should.equal(3);
    });

    it('shows a blue dot while requesting, then a green dot with the instance and its task, or the instance alone', async function () {
      await loadShowingValues('ibm-bpm-start-process', startProcessFlow(sim), credentials(sim));
      const withTask = await run({});
      const { taskId } = withTask.out[0];
      withTask.statuses[0].should.eql({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      withTask.status.should.eql({
        fill: 'green',
        shape: 'dot',
        text: `${STATUS}.startedTask ${JSON.stringify({ instanceId: '42891', taskId })}`,
      });
      await helper.unload();
      await loadShowingValues('ibm-bpm-start-process', startProcessFlow(sim, { bpdId: LOG_BPD.bpdId }), credentials(sim));
      (await run({})).status.should.eql({
        fill: 'green',
        shape: 'dot',
        text: `${STATUS}.started ${JSON.stringify({ instanceId: '42892' })}`,
      });
    });

    const answers = [
      ['a piid that is a number', { piid: 42, tasks: [{ tkiid: 7, status: 'Received' }] }, '42', '7'],
      [
        'closed tasks before the open one',
        {
          piid: '9',
          tasks: [
            { tkiid: '1', status: 'Closed' },
            { tkiid: '2', status: 'New' },
            { tkiid: '3', status: 'Received' },
          ],
        },
        '9',
        '2',
      ],
      ['no tasks list', { piid: '9' }, '9', undefined],
      ['only closed tasks', { piid: '9', tasks: [{ tkiid: '1', status: 'Closed' }] }, '9', undefined],
    ];
    for (const [what, data, instanceId, taskId] of answers) {
      it(`reads an answer with ${what}`, async function () {
        const server = await answering(() => ({ type: 'application/json', body: JSON.stringify({ status: '200', data }) }));
        try {
          await loadStart({}, { url: server.url.replace('/ibis/rest', ROOT) });
          const msg = (await run({ taskId: 'from before' })).out[0];
          msg.payload.should.eql(data);
          msg.instanceId.should.equal(instanceId);
          if (taskId === undefined) msg.should.not.have.property('taskId');
          else msg.taskId.should.equal(taskId);
        } finally {
          await server.close();
        }
      });
    }

    const broken = [
      ['no data', { status: '200' }],
      ['data without a piid', { status: '200', data: { name: 'x', tasks: [] } }],
      ['an empty piid', { status: '200', data: { piid: ' ' } }],
      ['data that is a list', { status: '200', data: [{ piid: '1' }] }],
    ];
    for (const [what, body] of broken) {
      it(`a 2xx with ${what} is INVALID_RESPONSE`, async function () {
        const server = await answering(() => ({ type: 'application/json', body: JSON.stringify(body) }));
        try {
          await loadStart({}, { url: server.url.replace('/ibis/rest', ROOT) });
          caughtWith(await run({}), 'INVALID_RESPONSE').statusCode.should.equal(200);
          server.requests.should.have.length(1);
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('what the server refuses (README, "Errors")', function () {
    /** Runs one start with `props` and `input`, and checks it ended in `code`/`status` with the server's `errorNumber`. */
    async function refused(props, input, code, status, errorNumber) {
      await loadStart(props);
      const msg = caughtWith(await run(input), code);
      msg.statusCode.should.equal(status);
      msg.serverError.should.have.properties(
        'status',
        'exceptionType',
        'errorNumber',
        'errorMessage',
        'errorMessageParameters',
        'programmersDetails',
      );
      msg.serverError.errorNumber.should.equal(errorNumber);
      msg.error.message.should.startWith('Starting process ');
      msg.error.message.should.containEql(`HTTP ${status}`);
      msg.error.message.should.containEql(msg.serverError.errorMessage);
      starts().should.have.length(1);
      return msg;
    }

    it('400 CWTBG0554E: an id without its prefix is BAD_REQUEST', async function () {
      await refused({ processAppId: 'Hiring', processAppIdType: 'str' }, {}, 'BAD_REQUEST', 400, 'CWTBG0554E');
    });

    it('400 CWTBG0012E: an unknown process app or snapshot is BAD_REQUEST', async function () {
      await refused({ processAppId: '2066.0000', processAppIdType: 'str' }, {}, 'BAD_REQUEST', 400, 'CWTBG0012E');
      await helper.unload();
      sim.reset();
      await refused({ snapshotId: '2064.0000', snapshotIdType: 'str' }, {}, 'BAD_REQUEST', 400, 'CWTBG0012E');
    });

    it('400 CWTBG0543E: a variable the process does not declare is BAD_REQUEST', async function () {
      const msg = await refused({ variables: '{"salary":1}', variablesType: 'json' }, {}, 'BAD_REQUEST', 400, 'CWTBG0543E');
      msg.serverError.errorMessageParameters.should.eql(['salary', HIRING_BPD.name]);
    });

    it('400 CWTBG0029E: a variable of the wrong type is BAD_REQUEST', async function () {
      await refused({ variables: '{"approved":"yes"}', variablesType: 'json' }, {}, 'BAD_REQUEST', 400, 'CWTBG0029E');
    });

    it('400 CWTBG0023E and CWTBG0022E (no bpdId; no process app or snapshot) never reach the server: the node refuses first', async function () {
      await loadStart({ bpdId: '', processAppId: '' });
      caughtWith(await run({}), 'INVALID_INPUT');
      await helper.unload();
      await loadStart({ processAppId: ' ', snapshotId: '' });
      caughtWith(await run({}), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });

    it('401 CWTBG0549E: a process the user may not start is UNAUTHORIZED, quoting the refusal and saying nothing of credentials', async function () {
      const msg = await refused({ bpdId: RESTRICTED_BPD.bpdId }, {}, 'UNAUTHORIZED', 401, 'CWTBG0549E');
      msg.error.message.should.containEql("not authorized to perform the 'start' action");
      msg.error.message.should.not.containEql(CREDENTIALS_HINT);
    });

    it('401 from wrong credentials is UNAUTHORIZED and says which credentials to check', async function () {
      await loadFlow(startProcessFlow(sim), sim, { password: 'wrong' });
      const msg = caughtWith(await run({}), 'UNAUTHORIZED');
      msg.statusCode.should.equal(401);
      msg.error.message.should.containEql(CREDENTIALS_HINT);
      JSON.stringify(msg).should.not.containEql(sim.password).and.not.containEql('wrong');
    });

    it('404 CWTBG0047E: an unknown process is NOT_FOUND', async function () {
      await refused({ bpdId: '25.0000' }, {}, 'NOT_FOUND', 404, 'CWTBG0047E');
    });

    it('409 CWTBG0587E: a process that is not exposed to start is CONFLICT', async function () {
      await refused({ bpdId: INTERNAL_BPD.bpdId }, {}, 'CONFLICT', 409, 'CWTBG0587E');
    });

    it('409 CWTBG0586E: a process of an archived snapshot is CONFLICT', async function () {
      await refused({ snapshotId: ARCHIVED_SNAPSHOT_ID, snapshotIdType: 'str' }, {}, 'CONFLICT', 409, 'CWTBG0586E');
    });

    it('nothing is started by a refused start', async function () {
      await loadStart({ variables: '{"approved":"yes"}', variablesType: 'json' });
      await run({});
      await helper.unload();
      await loadStart();
      (await run({})).out[0].instanceId.should.equal('42891');
    });
  });

  describe('retries (README, "Errors")', function () {
    /** The number of starts one message of `bpdId` sent, and how it ended. */
    async function attempts(bpdId, server = {}) {
      await loadBpd(bpdId, {}, { timeout: 300, ...server });
      const result = await run({});
      return { count: starts().length, result };
    }

    it('not repeated after a timeout: TIMEOUT after one request', async function () {
      const { count, result } = await attempts('slow-2000');
      count.should.equal(1);
      caughtWith(result, 'TIMEOUT');
    });

    it('not repeated after a reset: CONNECTION_FAILED after one request', async function () {
      const { count, result } = await attempts('reset');
      count.should.equal(1);
      caughtWith(result, 'CONNECTION_FAILED');
    });

    it('repeated after a 503: a start that the server refused once is sent again and succeeds', async function () {
      const { count, result } = await attempts('flaky-1');
      count.should.equal(2);
      result.out.should.have.length(1);
      result.out[0].instanceId.should.equal('42891');
      result.statuses.map((s) => s.text).should.containEql(`${STATUS}.retrying`);
    });

    it('repeated after a 503 up to `retries` more times: SERVICE_UNAVAILABLE after the last', async function () {
      const { count, result } = await attempts('status-503', { retries: 2 });
      count.should.equal(3);
      caughtWith(result, 'SERVICE_UNAVAILABLE');
    });

    it('repeated after a refused connection: CONNECTION_FAILED after the retries', async function () {
      const port = await freePort();
      await loadShowingValues(
        'ibm-bpm-start-process',
        startProcessFlow(sim, {}, { url: `http://127.0.0.1:${port}${ROOT}`, retries: 2 }),
        credentials(sim),
      );
      const result = await run({});
      caughtWith(result, 'CONNECTION_FAILED');
      result.statuses
        .map((s) => s.text)
        .filter((text) => text.startsWith(`${STATUS}.retrying`))
        .should.eql([`${STATUS}.retrying {"attempt":1}`, `${STATUS}.retrying {"attempt":2}`]);
    });

    it('never after a 500', async function () {
      const { count, result } = await attempts('status-500');
      count.should.equal(1);
      caughtWith(result, 'SERVER_ERROR');
    });
  });

  describe('variables (README, "Nodes": variables and form fields)', function () {
    variablesClauses({
      sim,
      loadWith: (props) => loadStart(props),
      input: () => ({}),
      sent: () => starts()[0],
      stored: (result) => result.out[0].payload.variables,
    });
  });

  describe('variables never in a URL, and long requests (README, "Nodes": variables and form fields)', function () {
    const app = PROCESS_APP.processAppID;
    /** The URL a start of the hiring process with `comments` has in the query form. */
    const urlWith = (comments) =>
      `${sim.bpmUrl}/process?action=start&bpdId=${encodeURIComponent(HIRING_BPD.bpdId)}&processAppId=${encodeURIComponent(app)}` +
      `&parts=all&params=${encodeURIComponent(JSON.stringify({ comments }))}`;
    /** Comments that make that URL exactly `length` characters long. */
    const commentsFor = (length) => 'x'.repeat(length - urlWith('').length);

    it('variables, however short, are sent as POST to the same path with the query as a form body: variables never travel in a URL', async function () {
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      (await run({ vars: { comments: 'short' } })).out.should.have.length(1);
      const [request] = starts();
      request.method.should.equal('POST');
      request.search.should.equal('');
      request.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
      should(request.headers['x-http-method-override']).be.undefined();
      Object.fromEntries(new URLSearchParams(request.body)).should.eql({
        action: 'start',
        bpdId: HIRING_BPD.bpdId,
        processAppId: app,
        parts: 'all',
        params: '{"comments":"short"}',
      });
    });

    it('a start without variables keeps its query in the URL and sends no body', async function () {
      await loadStart();
      (await run({})).out.should.have.length(1);
      const [request] = starts();
      request.query.should.eql({ action: 'start', bpdId: HIRING_BPD.bpdId, processAppId: app, parts: 'all' });
      should(request.headers['content-type']).be.undefined();
      request.body.should.equal('');
    });

    it('a long one is sent as POST to the same path with the query as an application/x-www-form-urlencoded body, no method override', async function () {
      // A server that takes no URL longer than 200 characters: the query is not in the URL.
      sim.setBpmMaxUrlLength(200);
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      const comments = commentsFor(2049);
      const msg = (await run({ vars: { comments } })).out[0];
      const request = starts()[0];
      request.rawPath.should.equal(`${ROOT}/process`);
      request.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
      should(request.headers['x-http-method-override']).be.undefined();
      const form = new URLSearchParams(request.body);
      [...form.keys()].should.eql(['action', 'bpdId', 'processAppId', 'parts', 'params']);
      Object.fromEntries(form).should.eql({
        action: 'start',
        bpdId: HIRING_BPD.bpdId,
        processAppId: app,
        parts: 'all',
        params: JSON.stringify({ comments }),
      });
      msg.payload.variables.comments.should.equal(comments);
    });

    it('a server with a URL limit takes the long form of a large variable set', async function () {
      sim.setBpmMaxUrlLength(1024);
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      const skills = Array.from({ length: 400 }, (_, i) => `skill ${i}`);
      const msg = (await run({ vars: { skills } })).out[0];
      msg.payload.variables.skills.items.should.eql(skills);
      paramsOf(starts()[0]).should.eql({ skills });
      starts()[0].headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
    });

    it('a server whose URL limit is lower than 2,048 characters takes variables of any length: they are in the body', async function () {
      sim.setBpmMaxUrlLength(1024);
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      const result = await run({ vars: { comments: commentsFor(1500) } });
      result.out.should.have.length(1);
      starts()[0].search.should.equal('');
    });
  });

  describe('CSRF token (README, "Authentication")', function () {
    beforeEach(function () {
      sim.setBpmCsrf('required');
    });
    const login = '/bpm/system/login';
    const paths = () => sim.requests.map((r) => (r.rawPath === login ? 'login' : `${r.method} ${r.rawPath}`));

    it('auto: the start refused for want of a token is sent once more with one', async function () {
      await loadStart();
      const result = await run({});
      result.out.should.have.length(1);
      paths().should.eql([`POST ${ROOT}/process`, 'login', `POST ${ROOT}/process`]);
      starts()
        .map((r) => r.csrfToken)
        .should.eql([null, sim.csrfTokens[0]]);
      sim.bpmTasks(result.out[0].instanceId).should.have.length(1);
    });

    it('always: the token is fetched before the start, also for the long form', async function () {
      await loadStart({ variables: 'vars', variablesType: 'msg' }, { csrf: 'always' });
      await run({});
      (await run({ vars: { comments: 'x'.repeat(3000) } })).out.should.have.length(1);
      paths().should.eql(['login', `POST ${ROOT}/process`, `POST ${ROOT}/process`]);
      starts()
        .map((r) => r.csrfToken)
        .should.eql([sim.csrfTokens[0], sim.csrfTokens[0]]);
      starts()[1].headers['content-type'].should.match(/x-www-form-urlencoded/);
    });

    it('an expired token: the refused start is sent once more with a new token', async function () {
      await loadStart({ variables: 'vars', variablesType: 'msg' });
      await run({});
      sim.expireCsrfTokens();
      (await run({ vars: { comments: 'x'.repeat(3000) } })).out.should.have.length(1);
      starts()
        .map((r) => r.csrfToken)
        .should.eql([null, sim.csrfTokens[0], sim.csrfTokens[0], sim.csrfTokens[1]]);
      sim.stats.logins.should.equal(2);
    });

    it('a second refusal is UNAUTHORIZED, and the error holds no token', async function () {
      await loadStart({}, { csrf: 'off' });
      const msg = caughtWith(await run({}), 'UNAUTHORIZED');
      msg.statusCode.should.equal(403);
      msg.serverError.errorNumber.should.equal('CWTBG0651E');
      starts().should.have.length(1);
    });
  });

  describe('every message ends once (README, "Errors")', function () {
    it('mixed outcomes at once: each input ends in exactly one output or one Catch, and no error holds a secret', async function () {
      sim.setBpmCsrf('required');
      await loadStart({ bpdId: 'bpd', bpdIdType: 'msg', variables: 'vars', variablesType: 'msg' });
      const inputs = [
        { bpd: HIRING_BPD.bpdId },
        { bpd: LOG_BPD.bpdId },
        { bpd: INTERNAL_BPD.bpdId },
        { bpd: RESTRICTED_BPD.bpdId },
        { bpd: '' },
        { bpd: HIRING_BPD.bpdId, vars: [1] },
        { bpd: HIRING_BPD.bpdId, vars: { nope: 1 } },
        { bpd: 'flaky-1' },
      ].map((msg, index) => ({ ...msg, index }));
      const result = await runMany(inputs);
      result.out
        .map((m) => m.index)
        .sort()
        .should.eql([0, 1, 7]);
      result.caught
        .map((m) => m.index)
        .sort()
        .should.eql([2, 3, 4, 5, 6]);
      result.completed
        .map((m) => m.index)
        .sort()
        .should.eql([0, 1, 7]);
      const seen = JSON.stringify([result.out, result.caught, result.statuses]);
      for (const secret of [sim.password, ...sim.csrfTokens, Buffer.from(`${sim.username}:${sim.password}`).toString('base64')]) {
        seen.should.not.containEql(secret);
      }
    });
  });

  describe('flows saved before a property existed', function () {
    it('a flow saved without snapshotId and variables starts with the process app and no variables', async function () {
      await loadFlow(withoutProperties(startProcessFlow(sim), 'node', 'snapshotId', 'snapshotIdType', 'variables', 'variablesType'), sim);
      (await run({ payload: { comments: 'not sent' } })).out.should.have.length(1);
      queryOf(starts()[0]).should.eql({ action: 'start', bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID, parts: 'all' });
    });
  });
});
