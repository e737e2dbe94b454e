'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { startFlow, listFlow, startProcessFlow, loadFlow } = require('../support/flows');
const { EXPOSED_PROCESSES } = require('../simulator/ibm-bpm-process-fixtures');
const { useSimulator, freePort } = require('../support/simulated');
const { answering } = require('../support/http');

describe('editor support: Test connection, the starter picker and the process picker', function () {
  const sim = useSimulator();

  const post = (path, body) =>
    helper
      .request()
      .post(path)
      .send(body)
      .expect(200)
      .then((res) => res.body);

  for (const [type, flowOf, url] of [
    ['inubit-server', (s) => startFlow(s), (s) => s.url],
    ['ibm-bpm-server', (s) => listFlow(s), (s) => s.bpmUrl],
  ]) {
    describe(type, function () {
      it('reports reachable with the credentials typed into the dialog', async function () {
        await loadFlow(flowOf(sim), sim);
        const answer = await post(`/${type}/test-connection`, { url: url(sim), username: sim.username, password: sim.password });
        answer.result.should.equal('reachable');
        JSON.stringify(answer).should.not.containEql(sim.password);
        sim.requests.some((r) => r.authUser === sim.username).should.be.true();
      });

      it('uses the stored password when the dialog shows only the placeholder', async function () {
        await loadFlow(flowOf(sim), sim);
        const answer = await post(`/${type}/test-connection`, { id: 'srv', url: url(sim), username: sim.username, password: '__PWRD__' });
        answer.result.should.equal('reachable');
      });

      it('lends the stored password only from a config node of its own type', async function () {
        // The deployed server node `srv` is of the other type: its password is not used here.
        const other = type === 'inubit-server' ? listFlow(sim) : startFlow(sim);
        await loadFlow(other, sim);
        const answer = await post(`/${type}/test-connection`, { id: 'srv', url: url(sim), username: sim.username, password: '__PWRD__' });
        answer.result.should.equal('unauthorized');
      });

      it('reports unauthorized for a wrong password, without echoing it', async function () {
        await loadFlow(flowOf(sim), sim);
        const answer = await post(`/${type}/test-connection`, { url: url(sim), username: sim.username, password: 'not-the-one' });
        answer.result.should.equal('unauthorized');
        JSON.stringify(answer).should.not.containEql('not-the-one');
      });

      it('reports unreachable when nothing listens', async function () {
        await loadFlow(flowOf(sim), sim);
        const port = await freePort();
        const answer = await post(`/${type}/test-connection`, { url: `http://127.0.0.1:${port}`, username: 'x', password: 'y' });
        answer.result.should.equal('unreachable');
        answer.code.should.equal('CONNECTION_FAILED');
      });

      it('reports an unusable url as an error', async function () {
        await loadFlow(flowOf(sim), sim);
        const answer = await post(`/${type}/test-connection`, { url: 'not a url' });
        answer.result.should.equal('error');
        answer.code.should.equal('INVALID_INPUT');
      });
    });
  }

  it('inubit-server: asks the health check before checking the user', async function () {
    await loadFlow(startFlow(sim), sim);
    const answer = await post('/inubit-server/test-connection', {
      url: `${sim.url}/ibis/rest`,
      username: sim.username,
      password: sim.password,
      timeout: 200,
    });
    // The simulator is not in maintenance mode: the health check passes and the user is checked.
    answer.result.should.equal('reachable');
    sim.requests.map((r) => r.segments[0]).should.containEql('healthcheck');
    // The user is checked by listing the user's ad-hoc starters, after the health check.
    const health = sim.requests.findIndex((r) => r.segments[0] === 'healthcheck');
    const userCheck = sim.requests.findIndex(
      (r) => r.segments[0] === 'task' && r.segments[1] === 'adhoc' && r.segments[2] === sim.username,
    );
    userCheck.should.be.above(-1);
    health.should.be.below(userCheck);
    sim.requests
      .slice(0, health)
      .filter((r) => r.server === 'inubit')
      .should.eql([]);
  });

  it('inubit-server: lists the ad-hoc starters a user may run, with the stored credentials', async function () {
    await loadFlow(startFlow(sim), sim);
    const answer = await post('/inubit-server/starters', { server: { id: 'srv', url: sim.inubitUrl }, user: 'a/b c' });
    answer.result.should.equal('reachable');
    answer.starters.should.be.an.Array();
    answer.starters.length.should.be.above(2);
    answer.starters.forEach((starter) => {
      starter.id.should.be.a.String();
      starter.label.should.be.a.String();
    });
    answer.starters.map((s) => s.id).should.containEql('PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140');
    const request = sim.requests.find((r) => r.method === 'GET' && r.segments[0] === 'task');
    request.rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c');
  });

  it('inubit-server: the starter list refuses a missing user', async function () {
    await loadFlow(startFlow(sim), sim);
    const answer = await post('/inubit-server/starters', { server: { id: 'srv', url: sim.inubitUrl }, user: '' });
    answer.result.should.equal('error');
    answer.code.should.equal('INVALID_INPUT');
    should(answer.starters).be.undefined();
  });

  // The process picker of the start process node (README, "Nodes", start process).
  describe('ibm-bpm-server: the processes the server exposes to start', function () {
    it('lists the exposed processes with their ids, process app and snapshot, with the stored credentials', async function () {
      await loadFlow(startProcessFlow(sim), sim);
      const answer = await post('/ibm-bpm-server/exposed-processes', { server: { id: 'srv', url: sim.bpmUrl } });
      answer.result.should.equal('reachable');
      answer.processes
        .map((p) => [p.display, p.itemID, p.processAppID, p.processAppName, p.snapshotID])
        .should.eql(EXPOSED_PROCESSES.map((p) => [p.display, p.itemID, p.processAppID, p.processAppName, p.snapshotID]));
      const request = sim.requests.find((r) => r.server === 'bpm' && r.method === 'GET');
      request.rawPath.should.equal('/rest/bpm/wle/v1/exposed/process');
      request.authUser.should.equal(sim.username);
    });

    it('reports unauthorized for a wrong password, without echoing it and without a list', async function () {
      await loadFlow(startProcessFlow(sim), sim);
      const answer = await post('/ibm-bpm-server/exposed-processes', {
        server: { url: sim.bpmUrl, username: sim.username, password: 'not-the-one' },
      });
      answer.result.should.equal('unauthorized');
      answer.code.should.equal('UNAUTHORIZED');
      should(answer.processes).be.undefined();
      JSON.stringify(answer).should.not.containEql('not-the-one');
    });

    it('lists them from a server that requires a CSRF token: fetches one and sends the list request with it', async function () {
      sim.setBpmCsrf('required');
      await loadFlow(startProcessFlow(sim), sim);
      const answer = await post('/ibm-bpm-server/exposed-processes', { server: { id: 'srv', url: sim.bpmUrl } });
      answer.result.should.equal('reachable');
      answer.processes.map((p) => p.itemID).should.eql(EXPOSED_PROCESSES.map((p) => p.itemID));
      const listed = sim.requests.filter((r) => r.server === 'bpm' && r.method === 'GET' && r.rawPath.endsWith('/exposed/process'));
      listed.some((r) => r.csrfToken !== null && sim.csrfTokens.includes(r.csrfToken)).should.be.true('no list request with a CSRF token');
    });

    // README, "Errors": UNAUTHORIZED blames the credentials only when the server refused them.
    for (const [what, answer, blamed] of [
      [
        "a 403 with IBM BPM's refusal of the action",
        {
          status: 403,
          type: 'application/json',
          body: JSON.stringify({
            status: 'error',
            Data: {
              status: 'error',
              exceptionType: 'com.lombardisoftware.core.TeamWorksException',
              errorNumber: 'CWTBG0549E',
              errorMessage: "CWTBG0549E: You are not authorized to perform the 'list' action.",
              errorMessageParameters: ['list'],
            },
          }),
        },
        false,
      ],
      [
        'a 403 page of the application server',
        { status: 403, type: 'text/html', body: '<html><head><title>Error 403: AuthorizationFailed</title></head></html>' },
        true,
      ],
    ]) {
      it(`reports unauthorized for ${what}${blamed ? ', naming the credentials to check' : ', quoting it and saying nothing of credentials'}`, async function () {
        const server = await answering(() => answer);
        try {
          await loadFlow(startProcessFlow(sim), sim);
          const report = await post('/ibm-bpm-server/exposed-processes', {
            server: { url: server.url.replace('/ibis/rest', '/rest/bpm/wle/v1'), username: 'u', password: 'p' },
          });
          report.result.should.equal('unauthorized');
          report.statusCode.should.equal(403);
          if (blamed) report.message.should.match(/check the user name and password/);
          else report.message.should.match(/CWTBG0549E: You are not authorized/).and.not.match(/user name|password|credential/);
        } finally {
          await server.close();
        }
      });
    }

    it('reports unreachable when nothing listens', async function () {
      await loadFlow(startProcessFlow(sim), sim);
      const port = await freePort();
      const answer = await post('/ibm-bpm-server/exposed-processes', {
        server: { url: `http://127.0.0.1:${port}`, username: 'x', password: 'y' },
      });
      answer.result.should.equal('unreachable');
      answer.code.should.equal('CONNECTION_FAILED');
    });
  });
});
