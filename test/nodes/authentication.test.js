'use strict';
const util = require('util');
const should = require('should');
const { helper, logText } = require('../support/runtime');
const { startFlow, listFlow, startersFlow, startActivityFlow, runMany, run, caughtWith } = require('../support/flows');
const { load } = require('../support/runtime');
const { useSimulator, freePort } = require('../support/simulated');

const TOKEN_KINDS = ['bearer', 'zenApiKey', 'portalToken'];

/** The four flow nodes, each as node `node` behind config node `srv`, and the message it takes. */
function flows(sim, serverProps) {
  return {
    'list ad-hoc starters': [
      startFlow(sim, {}, serverProps),
      { type: startersFlow.type, user: 'anna', userType: 'str', lang: '', langType: 'str' },
      {},
    ],
    'start ad-hoc process': [startFlow(sim, {}, serverProps), {}, {}],
    'list ad-hoc activities': [listFlow(sim, {}, serverProps), {}, { payload: '101' }],
    'start ad-hoc activity': [
      listFlow(sim, {}, serverProps),
      { type: startActivityFlow.type, activityId: 'payload.id', activityIdType: 'msg', assignTo: '', assignToType: 'str' },
      { payload: { id: '2118.42' } },
    ],
  };
}

/** A flow of one node with `props` replacing those of the node in `base`. */
function variant(base, props) {
  return base.map((node) =>
    node.id === 'node'
      ? { id: node.id, z: node.z, wires: node.wires, name: '', server: 'srv', ...(props.type ? props : { ...node, ...props }) }
      : node,
  );
}

async function loadWith(flow, credentials) {
  await load(flow, { srv: credentials });
}

const isInubit = (name) => name.includes('starters') || name.includes('process');

describe('authentication, CSRF tokens, tenants (README, "Connecting to your server")', function () {
  const sim = useSimulator();

  describe('authType', function () {
    for (const name of ['list ad-hoc starters', 'start ad-hoc process', 'list ad-hoc activities', 'start ad-hoc activity']) {
      const kinds = isInubit(name) ? ['basic', 'bearer', 'portalToken', 'none'] : ['basic', 'bearer', 'zenApiKey', 'none'];
      for (const kind of kinds) {
        it(`${name}: ${kind} sends only what ${kind} uses, and the server accepts it`, async function () {
          if (isInubit(name)) sim.setInubitAuth(kind);
          else sim.setBpmAuth(kind);
          const [flow, props, msg] = flows(sim, { authType: kind })[name];
          const credential = kind === 'zenApiKey' ? sim.apiKey : sim.token;
          // Every credential is filled in; the kind decides what is sent.
          await loadWith(variant(flow, props), { username: sim.username, password: sim.password, token: credential });
          const result = await run(msg);
          result.caught.should.have.length(0);
          result.completed.should.have.length(1);
          const request = sim.requests.find((r) => r.server !== 'other');
          should(request.authKinds).eql(kind === 'none' ? [] : [kind]);
          if (kind !== 'basic')
            JSON.stringify(request.headers).should.not.containEql(Buffer.from(`${sim.username}:${sim.password}`).toString('base64'));
        });
      }
    }

    it('a config node saved without authType is basic', async function () {
      const flow = startFlow(sim);
      delete flow.find((node) => node.id === 'srv').authType;
      await loadWith(flow, { username: sim.username, password: sim.password });
      (await run({})).out.should.have.length(1);
      sim.requests[0].authKinds.should.eql(['basic']);
    });

    for (const kind of TOKEN_KINDS) {
      it(`${kind}: a wrong token is UNAUTHORIZED, and the token appears nowhere`, async function () {
        const inubit = kind === 'portalToken';
        if (inubit) sim.setInubitAuth(kind);
        else sim.setBpmAuth(kind);
        const flow = inubit ? startFlow(sim, {}, { authType: kind }) : listFlow(sim, {}, { authType: kind });
        await loadWith(flow, { username: sim.username, token: 'wrong-token-value' });
        const result = await run(inubit ? {} : { payload: '101' });
        const msg = caughtWith(result, 'UNAUTHORIZED');
        msg.statusCode.should.equal(401);
        msg.error.message.should.match(
          inubit ? /check the portal token/ : kind === 'bearer' ? /check the bearer token/ : /check the user name and the API key/,
        );
        const { credentials: _credentials, ...server } = helper.getNode('srv');
        (JSON.stringify(result) + logText() + util.inspect(server, { depth: 5 })).should.not.containEql('wrong-token-value');
      });
    }

    it('warns once at deploy when the kind lacks its credential, without any secret', async function () {
      await loadWith(listFlow(sim, {}, { authType: 'zenApiKey' }), { username: sim.username, password: sim.password });
      logText().should.match(/The authentication is zenApiKey, but no API key is set/);
      logText().should.not.containEql(sim.password);
      await helper.unload();
      await loadWith(listFlow(sim, {}, { authType: 'bearer' }), { token: sim.token });
      logText().should.not.match(/The authentication is/);
    });

    it("the token is kept in the credential store only, never in the config node's properties", async function () {
      sim.setBpmAuth('bearer');
      await loadWith(listFlow(sim, {}, { authType: 'bearer' }), { token: sim.token });
      const server = helper.getNode('srv');
      server.credentials.should.have.property('token', sim.token);
      const { credentials: _credentials, ...properties } = server;
      util.inspect(properties, { depth: 6 }).should.not.containEql(sim.token);
    });
  });

  describe('ibm-bpm-server csrf', function () {
    beforeEach(function () {
      sim.setBpmCsrf('required');
    });

    it('auto (default): 100 messages at once need one login, and every one is answered', async function () {
      await loadWith(listFlow(sim), { username: sim.username, password: sim.password });
      const result = await runMany(
        Array.from({ length: 100 }, () => ({ payload: '101' })),
        { timeout: 15000 },
      );
      result.caught.should.have.length(0);
      result.completed.should.have.length(100);
      sim.stats.logins.should.equal(1);
      const login = sim.requests.find((r) => r.rawPath === '/bpm/system/login');
      login.method.should.equal('POST');
      JSON.parse(login.body).should.eql({ 'refresh-groups': false, 'requested-lifetime': 7200 });
    });

    it('the start of an activity refused for want of a token is sent once more with one', async function () {
      const [flow, props] = flows(sim, {})['start ad-hoc activity'];
      await loadWith(variant(flow, props), { username: sim.username, password: sim.password });
      const result = await run({ payload: { id: '2118.42' } });
      result.out.should.have.length(1);
      const puts = sim.requests.filter((r) => r.method === 'PUT');
      puts.map((r) => r.csrfToken).should.eql([null, sim.csrfTokens[0]]);
    });

    it('always: the token is fetched before the first request', async function () {
      await loadWith(listFlow(sim, {}, { csrf: 'always' }), { username: sim.username, password: sim.password });
      await run({ payload: '101' });
      sim.requests.map((r) => r.rawPath).should.eql(['/bpm/system/login', '/rest/bpm/wle/v1/process/101/adHocActivities']);
    });

    it('off: no token is fetched, the refusal is UNAUTHORIZED', async function () {
      await loadWith(listFlow(sim, {}, { csrf: 'off' }), { username: sim.username, password: sim.password });
      const msg = caughtWith(await run({ payload: '101' }), 'UNAUTHORIZED');
      msg.statusCode.should.equal(403);
      msg.serverError.errorNumber.should.equal('CWTBG0651E');
      sim.stats.logins.should.equal(0);
    });

    it('expired tokens are renewed with one login, and the refused messages are sent once more', async function () {
      await loadWith(listFlow(sim), { username: sim.username, password: sim.password });
      await run({ payload: '101' });
      sim.expireCsrfTokens();
      const result = await runMany(Array.from({ length: 20 }, () => ({ payload: '101' })));
      result.completed.should.have.length(20);
      sim.stats.logins.should.equal(2);
    });

    it('a prefixed base URL (/bas) logs in below the same prefix, with ZenApiKey', async function () {
      sim.setBpmAuth('zenApiKey');
      await loadWith(listFlow(sim, {}, { url: `${sim.url}/bas/rest/bpm/wle/v1`, authType: 'zenApiKey' }), {
        username: sim.username,
        token: sim.apiKey,
      });
      const result = await run({ payload: '101' });
      result.caught.should.have.length(0);
      sim.requests[0].rawPath.should.equal('/bas/rest/bpm/wle/v1/process/101/adHocActivities');
      sim.requests[1].rawPath.should.equal('/bas/bpm/system/login');
      sim.requests[1].authKinds.should.eql(['zenApiKey']);
    });

    for (const [failure, code] of [
      [401, 'UNAUTHORIZED'],
      [500, 'SERVER_ERROR'],
      ['html', 'INVALID_RESPONSE'],
    ]) {
      it(`a failed login (${failure}) is the error of the message that needed it: ${code}`, async function () {
        sim.setCsrfLoginFailure(failure);
        await loadWith(listFlow(sim, {}, { csrf: 'always', retries: 0 }), { username: sim.username, password: sim.password });
        const msg = caughtWith(await run({ payload: '101' }), code);
        msg.error.message.should.match(/^Listing the ad-hoc activities of process instance "101" failed: the login for a CSRF token/);
        sim.requests.filter((r) => r.method === 'GET').should.have.length(0);
      });
    }

    it('the CSRF token appears nowhere: not in msg, status or the log', async function () {
      await loadWith(listFlow(sim, { instanceId: 'payload', instanceIdType: 'msg' }), { username: sim.username, password: sim.password });
      const result = await runMany([{ payload: '101' }, { payload: 'server-error' }, { payload: 'echo-headers' }]);
      sim.csrfTokens.should.not.be.empty();
      const seen = JSON.stringify(result) + logText();
      for (const token of sim.csrfTokens) seen.should.not.containEql(token);
    });
  });

  describe('inubit-server tenant and userType', function () {
    it('are sent as client= and userType= on every /task/… request of both nodes', async function () {
      for (const name of ['list ad-hoc starters', 'start ad-hoc process']) {
        sim.reset();
        const [flow, props] = flows(sim, { tenant: 'ACME', userType: 'processEngineUser' })[name];
        await loadWith(variant(flow, props), { username: sim.username, password: sim.password });
        (await run({})).caught.should.have.length(0);
        sim.requests[0].query.should.match({ client: 'ACME', userType: 'processEngineUser' });
        await helper.unload();
      }
    });

    it('portal users: portalToken with userType processUser', async function () {
      sim.setInubitAuth('portalToken');
      await loadWith(startFlow(sim, {}, { authType: 'portalToken', userType: 'processUser' }), { token: sim.token });
      (await run({})).out.should.have.length(1);
      sim.requests[0].query.should.eql({ userType: 'processUser' });
    });

    it("an unknown tenant is the server's 404", async function () {
      sim.setTenants(['ACME']);
      await loadWith(startFlow(sim, {}, { tenant: 'Other' }), { username: sim.username, password: sim.password });
      caughtWith(await run({}), 'NOT_FOUND');
    });
  });

  describe('form login', function () {
    it('a list redirected to a login page: INVALID_RESPONSE, "the server asked for a login"', async function () {
      sim.setBpmAuth('form');
      await loadWith(listFlow(sim, {}, { authType: 'none' }), {});
      const msg = caughtWith(await run({ payload: '101' }), 'INVALID_RESPONSE');
      msg.error.message.should.containEql('the server asked for a login: check the authentication settings');
    });

    it('a start redirected to a login page: HTTP_ERROR, "the server asked for a login"', async function () {
      sim.setInubitAuth('form');
      await loadWith(startFlow(sim, {}, { authType: 'none' }), {});
      const msg = caughtWith(await run({}), 'HTTP_ERROR');
      msg.error.message.should.containEql('the server asked for a login: check the authentication settings');
    });
  });

  describe('Test connection', function () {
    const post = (path, body) =>
      helper
        .request()
        .post(path)
        .send(body)
        .expect(200)
        .then((res) => res.body);

    for (const [kind, type, setMode, credentials] of [
      ['basic', 'inubit-server', 'setInubitAuth', (s) => ({ username: s.username, password: s.password })],
      ['portalToken', 'inubit-server', 'setInubitAuth', (s) => ({ token: s.token })],
      ['bearer', 'ibm-bpm-server', 'setBpmAuth', (s) => ({ token: s.token })],
      ['zenApiKey', 'ibm-bpm-server', 'setBpmAuth', (s) => ({ username: s.username, token: s.apiKey })],
    ]) {
      const url = (s) => (type === 'inubit-server' ? s.inubitUrl : s.bpmUrl);
      it(`${type}, ${kind}: reachable with the right credential, unauthorized naming what to check with a wrong one`, async function () {
        sim[setMode](kind);
        await load(type === 'inubit-server' ? startFlow(sim) : listFlow(sim), {});
        const right = await post(`/${type}/test-connection`, { url: url(sim), authType: kind, ...credentials(sim) });
        right.result.should.equal('reachable');
        const wrong = await post(`/${type}/test-connection`, {
          url: url(sim),
          authType: kind,
          username: sim.username,
          password: 'wrong',
          token: 'wrong',
        });
        wrong.result.should.equal('unauthorized');
        wrong.message.should.match(
          { basic: /user name and password/, bearer: /bearer token/, zenApiKey: /API key/, portalToken: /portal token/ }[kind],
        );
      });
    }

    it('ibm-bpm-server with CSRF tokens: says a token was received', async function () {
      sim.setBpmCsrf('required');
      await load(listFlow(sim), {});
      const answer = await post('/ibm-bpm-server/test-connection', { url: sim.bpmUrl, username: sim.username, password: sim.password });
      answer.result.should.equal('reachable');
      answer.message.should.containEql('a CSRF token was received');
      JSON.stringify(answer).should.not.containEql(sim.csrfTokens[0]);
    });

    it("inubit-server, a token that names a user (JWT): lists that user's starters", async function () {
      const jwt = `h.${Buffer.from(JSON.stringify({ preferred_username: 'anna' })).toString('base64url')}.s`;
      sim.setInubitAuth('bearer');
      sim.setToken(jwt);
      await load(startFlow(sim), {});
      const answer = await post('/inubit-server/test-connection', { url: sim.inubitUrl, authType: 'bearer', token: jwt });
      answer.result.should.equal('reachable');
      answer.message.should.containEql('accepts user anna');
      sim.requests.some((r) => r.rawPath === '/ibis/rest/task/adhoc/anna').should.be.true();
    });

    it('none against a server that requires credentials: unauthorized, choose an authentication kind', async function () {
      await load(startFlow(sim), {});
      const answer = await post('/inubit-server/test-connection', { url: sim.inubitUrl, authType: 'none' });
      answer.result.should.equal('unauthorized');
      answer.message.should.containEql('choose an authentication kind');
    });

    it('maintenance mode and an unreachable server, with a token kind', async function () {
      sim.setInubitAuth('portalToken');
      sim.setMaintenance(true);
      await load(startFlow(sim), {});
      (await post('/inubit-server/test-connection', { url: sim.inubitUrl, authType: 'portalToken', token: sim.token })).result.should.equal(
        'maintenance',
      );
      const port = await freePort();
      (
        await post('/ibm-bpm-server/test-connection', { url: `http://127.0.0.1:${port}`, authType: 'bearer', token: 't' })
      ).result.should.equal('unreachable');
    });

    it('a form login page: "the server asked for a login"', async function () {
      sim.setBpmAuth('form');
      await load(listFlow(sim), {});
      const answer = await post('/ibm-bpm-server/test-connection', { url: sim.bpmUrl, authType: 'none' });
      answer.result.should.equal('login');
      answer.message.should.containEql('the server asked for a login: check the authentication settings');
    });

    it("the starter picker uses the server's kind, tenant and user base", async function () {
      sim.setInubitAuth('bearer');
      await load(startFlow(sim, {}, { authType: 'bearer', tenant: 'ACME', userType: 'processUser' }), { srv: { token: sim.token } });
      const answer = await post('/inubit-server/starters', {
        server: { id: 'srv', url: sim.inubitUrl, authType: 'bearer', tenant: 'ACME', userType: 'processUser' },
        user: 'anna',
      });
      answer.result.should.equal('reachable');
      answer.starters.length.should.be.above(0);
      sim.requests[0].authKinds.should.eql(['bearer']);
      sim.requests[0].query.should.match({ client: 'ACME', userType: 'processUser' });
    });
  });
});
