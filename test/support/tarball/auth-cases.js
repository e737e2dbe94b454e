'use strict';
// The tarball test's cases of the authentication kinds, CSRF tokens and tenants: a second tab
// deployed through the admin API next to the first, in the Node-RED that tarball.test.js started
// (`e2e`: its simulator, base URL, user directory, deploy and output).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const should = require('should');
const { request } = require('../http');
const { CREDENTIAL_SECRET, decryptCredentials, wait } = require('./helpers');
const { UUID_RE } = require('../../simulator/fixture-ids');
const { buildFlow } = require('./journey-flow');
const { AUTH_SECRETS, PORTAL_TENANT, buildAuthFlow } = require('./auth-flow');

module.exports = function authCases(e2e) {
  describe('authentication kinds, CSRF tokens and tenants, deployed through the admin API', function () {
    let sim, baseUrl, userDir, deploy, post, servedActivities, servedStarterIds;
    before(() => ({ sim, baseUrl, userDir, deploy, post, servedActivities, servedStarterIds } = e2e));
    const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
    // What the Authorization header carries: ZenApiKey base64(username:apiKey).
    const zenHeader = () => Buffer.from(`${sim.username}:${AUTH_SECRETS.apiKey}`).toString('base64');
    // The raw answers of this block: the whole messages that arrived at the end of each flow.
    const answers = [];

    /** POSTs to an endpoint of the authentication tab; resolves with the message that arrived at its end. */
    async function call(endpoint, body) {
      const answer = await post(endpoint, body);
      answers.push(JSON.stringify(answer));
      return answer.message;
    }

    /**
     * Waits until the Node-RED output shows `text` at least `times` times: the debug node may log
     * a message after the answer went out.
     */
    async function waitForOutput(text, times = 1) {
      const count = () => e2e.output().split(text).length - 1;
      for (let i = 0; i < 100 && count() < times; i++) await wait(50);
      count().should.be.aboveOrEqual(times, `the debug node logged ${text} ${count()} times`);
    }

    /** Fails if any of `secrets` is in the flows (admin API, flows.json), the Node-RED output or the messages. */
    async function expectNowhere(secrets) {
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      flows.status.should.equal(200);
      flows.body.should.containEql('cfg-zen');
      const places = {
        'GET /flows': flows.body,
        'flows.json': fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8'),
        'the Node-RED output': e2e.output(),
        'the messages': answers.join('\n'),
      };
      secrets.should.not.be.empty();
      secrets.forEach((secret, i) => {
        secret.should.be.a.String().and.not.be.empty();
        for (const [where, text] of Object.entries(places)) {
          // The failure names the secret by its index only.
          text.includes(secret).should.equal(false, `${where} contains secret #${i}`);
        }
      });
    }

    /** Cloud Pak for Business Automation: ZenApiKey and a BPMCSRFToken on every REST call. */
    function cloudPakServer() {
      sim.setBpmAuth('zenApiKey');
      sim.setApiKey(AUTH_SECRETS.apiKey);
      sim.setBpmCsrf('required');
    }

    const isLogin = (r) => /\/bpm\/system\/login$/.test(r.rawPath);

    before(async function () {
      this.timeout(60000);
      // One full deploy: the first tab as before, the new one after it; the same Node-RED.
      await deploy(buildFlow(sim).concat(buildAuthFlow(sim)), '/e2e/auth/ready');
      sim.reset();
    });

    // The modes set by a test must not outlive it.
    afterEach(() => sim.reset());

    it('the credentials of every kind are only in the encrypted credential store', async function () {
      const stored = decryptCredentials(fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8'), CREDENTIAL_SECRET);
      stored.should.have.property('cfg-zen').eql({ username: sim.username, token: AUTH_SECRETS.apiKey });
      stored.should.have.property('cfg-portal').eql({
        username: sim.username,
        password: AUTH_SECRETS.leftoverPassword,
        token: AUTH_SECRETS.portalToken,
      });
      stored.should.have.property('cfg-bearer-bpm').with.property('token', AUTH_SECRETS.bearerWrong);
      // What the editor sees of them.
      const creds = await request(baseUrl + '/credentials/ibm-bpm-server/cfg-zen', { headers: { Accept: 'application/json' } });
      creds.status.should.equal(200);
      JSON.parse(creds.body).should.eql({ username: sim.username, has_password: false, has_token: true });
      // The properties are kept as deployed.
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      const byId = new Map(JSON.parse(flows.body).flows.map((n) => [n.id, n]));
      byId.get('cfg-zen').should.match({ authType: 'zenApiKey', csrf: 'auto' });
      byId.get('cfg-zen').should.not.have.property('credentials');
      byId.get('cfg-portal').should.match({ authType: 'portalToken', tenant: PORTAL_TENANT, userType: 'processUser' });
      await expectNowhere(Object.values(AUTH_SECRETS).concat(zenHeader()));
    });

    it('ZenApiKey and CSRF tokens under /bas: list the ad-hoc activities, keep the READY ones, start each', async function () {
      const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
      ready.length.should.be.above(1);
      sim.reset();
      cloudPakServer();

      const assignee = 'zen-' + crypto.randomBytes(4).toString('hex');
      const out = await call('/e2e/auth/zen/start-ready', { instanceId: '104', assignTo: assignee });
      should(out.error).be.undefined();
      out.payload.map((a) => a.id).should.eql(ready.map((a) => a.id));
      out.payload.forEach((a) => a.executionState.should.equal('WORKING'));

      const seen = sim.requests.filter((r) => r.server === 'bpm');
      for (const r of seen) {
        r.rawPath.should.startWith('/bas/');
        r.authKinds.should.eql(['zenApiKey']);
        should(r.authUser).equal(sim.username);
      }
      // One login, at {root}/bpm/system/login with the root taken from the base URL.
      const logins = seen.filter(isLogin);
      logins.should.have.length(1);
      logins[0].method.should.equal('POST');
      logins[0].rawPath.should.equal('/bas/bpm/system/login');
      logins[0].headers['content-type'].should.match(/^application\/json/);
      JSON.parse(logins[0].body).should.eql(CSRF_LOGIN_BODY);
      sim.stats.logins.should.equal(1);
      sim.csrfTokens.should.have.length(1);
      const token = sim.csrfTokens[0];

      // csrf auto: the first request (cfg-zen's first since the deploy) goes without a token, is
      // refused, and is sent once more with one.
      const calls = seen.filter((r) => !isLogin(r));
      const list = '/bas/rest/bpm/wle/v1/process/104/adHocActivities';
      calls
        .slice(0, 2)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`GET ${list}`, `GET ${list}`]);
      seen.indexOf(logins[0]).should.equal(1);
      should(calls[0].csrfToken).be.null();
      calls.slice(1).forEach((r) => should(r.csrfToken).equal(token));
      const starts = calls.slice(2);
      starts.map((r) => r.method).should.eql(ready.map(() => 'PUT'));
      starts
        .map((r) => r.segments[1])
        .sort()
        .should.eql(ready.map((a) => a.id).sort());
      starts.forEach((r) => {
        r.rawPath.should.startWith('/bas/rest/bpm/wle/v1/activity/');
        r.query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: assignee });
      });

      // Every message of the list node and of the start node is in the log.
      await waitForOutput(`taskOwnerUserId: '${assignee}'`, ready.length);
      await expectNowhere([AUTH_SECRETS.apiKey, zenHeader(), token]);
    });

    it('ZenApiKey and CSRF tokens: a burst of 20 messages, one login per config node; expired tokens, one new login each', async function () {
      this.timeout(30000);
      cloudPakServer();
      const endpoint = (i) => (i % 2 === 0 ? '/e2e/auth/zen/start-activity' : '/e2e/auth/zen2/start-activity');
      const prefix = (i) => (i % 2 === 0 ? '/bas/' : '/bas2/');

      /** Sends `n` messages at once, half through each config node; checks every one started its activity. */
      async function burst(name, n) {
        const ids = Array.from({ length: n }, (_, i) => `2118.${name}-${i}`);
        const outs = await Promise.all(ids.map((activityId, i) => call(endpoint(i), { activityId })));
        outs.forEach((out, i) => {
          should(out.error).be.undefined();
          out.activityId.should.equal(ids[i]);
          out.payload.should.match({ id: ids[i], executionState: 'WORKING' });
        });
        return ids;
      }
      /** Per config node: the logins and the requests that started an activity (a 200 needs a valid token). */
      function byConfig(since) {
        const seen = sim.requests.slice(since).filter((r) => r.server === 'bpm');
        seen.forEach((r) => r.authKinds.should.eql(['zenApiKey']));
        return ['/bas/', '/bas2/'].map((p) => ({
          logins: seen.filter((r) => isLogin(r) && r.rawPath.startsWith(p)),
          calls: seen.filter((r) => !isLogin(r) && r.rawPath.startsWith(p)),
        }));
      }

      const first = await burst('burst', 20);
      byConfig(0).forEach(({ logins }) => logins.should.have.length(1));
      sim.stats.logins.should.equal(2);
      const firstTokens = sim.csrfTokens;
      firstTokens.should.have.length(2);
      // Each config node sends its own token, and each activity was started once with it.
      const tokenOf = byConfig(0).map(({ calls }) => {
        // cfg-zen still holds the token of the test before, which this server never issued.
        const sent = new Set(calls.map((r) => r.csrfToken).filter((t) => firstTokens.includes(t)));
        sent.size.should.equal(1);
        return [...sent][0];
      });
      tokenOf.slice().sort().should.eql(firstTokens.slice().sort());
      first.forEach((id, i) => {
        const withToken = sim.requests.filter((r) => r.method === 'PUT' && r.segments[1] === id && firstTokens.includes(r.csrfToken));
        withToken.should.have.length(1);
        withToken[0].rawPath.should.startWith(prefix(i));
        withToken[0].csrfToken.should.equal(tokenOf[i % 2]);
      });

      // The server forgets its tokens: the next messages are refused once, then sent with a new token.
      sim.expireCsrfTokens();
      const since = sim.requests.length;
      const second = await burst('after-expiry', 10);
      byConfig(since).forEach(({ logins, calls }, c) => {
        logins.should.have.length(1);
        const sent = [...new Set(calls.map((r) => r.csrfToken))];
        sent.should.containEql(tokenOf[c]);
        sent.should.have.length(2);
      });
      sim.stats.logins.should.equal(4);
      const allTokens = sim.csrfTokens;
      allTokens.should.have.length(4);
      second.forEach((id, i) => {
        const accepted = sim.requests.filter((r) => r.method === 'PUT' && r.segments[1] === id && !firstTokens.includes(r.csrfToken));
        accepted.should.have.length(1);
        accepted[0].rawPath.should.startWith(prefix(i));
      });

      await waitForOutput(`activityId: '2118.burst-`, 20);
      await waitForOutput(`activityId: '2118.after-expiry-`, 10);
      await expectNowhere([AUTH_SECRETS.apiKey, zenHeader(), ...allTokens]);
    });

    it("portal token with tenant and user base processUser: list a user's starters, start each", async function () {
      const ids = await servedStarterIds('many-3');
      ids.should.have.length(3);
      sim.reset();
      sim.setInubitAuth('portalToken');
      sim.setToken(AUTH_SECRETS.portalToken);
      // Only this tenant is known: any other `client` is a 404.
      sim.setTenants([PORTAL_TENANT]);

      const out = await call('/e2e/auth/portal/start-every-starter', { user: 'many-3', lang: 'en' });
      should(out.error).be.undefined();
      out.payload.should.have.length(3);
      out.payload.forEach((taskId) => taskId.should.match(UUID_RE));

      const seen = sim.requests.filter((r) => r.server === 'inubit');
      seen.map((r) => r.method).should.eql(['GET', 'POST', 'POST', 'POST']);
      seen[0].segments.should.eql(['task', 'adhoc', 'many-3']);
      seen
        .slice(1)
        .map((r) => r.segments)
        .sort()
        .should.eql(ids.map((id) => ['task', 'adhoc', 'many-3', id]).sort());
      for (const r of seen) {
        r.query.should.eql({ lang: 'en', client: PORTAL_TENANT, userType: 'processUser' });
        r.authKinds.should.eql(['portalToken']);
        r.headers['x-auth-token'].should.equal(`Bearer ${AUTH_SECRETS.portalToken}`);
        // The user name and password left over from basic are not sent.
        r.headers.should.not.have.property('authorization');
      }

      for (const taskId of out.payload) await waitForOutput(`'${taskId}'`);
      await expectNowhere([AUTH_SECRETS.portalToken, AUTH_SECRETS.leftoverPassword]);
    });

    it('a wrong bearer token: UNAUTHORIZED at the Catch node, the token in no message', async function () {
      sim.setBpmAuth('bearer');
      sim.setInubitAuth('bearer');
      sim.setToken(AUTH_SECRETS.bearerRight);

      const bpm = await call('/e2e/auth/bearer/start-activity', { activityId: '2118.bearer' });
      const inubit = await call('/e2e/auth/bearer/starters', { user: 'anna' });
      for (const [out, source] of [
        [bpm, 'bearer-bpm-start'],
        [inubit, 'bearer-inubit-starters'],
      ]) {
        out.error.code.should.equal('UNAUTHORIZED');
        out.error.source.id.should.equal(source);
        out.statusCode.should.equal(401);
        out.error.message.should.containEql('401');
        out.error.message.should.not.containEql(AUTH_SECRETS.bearerWrong);
        out.error.message.should.not.containEql(AUTH_SECRETS.bearerRight);
      }
      const seen = sim.requests.filter((r) => r.server !== 'other');
      seen.length.should.be.above(1);
      for (const r of seen) {
        r.authKinds.should.eql(['bearer']);
        r.headers.authorization.should.equal(`Bearer ${AUTH_SECRETS.bearerWrong}`);
      }
      // A 401 is no CSRF refusal: no login.
      sim.stats.logins.should.equal(0);

      await waitForOutput(`id: 'bearer-bpm-start'`);
      await waitForOutput(`id: 'bearer-inubit-starters'`);
      await expectNowhere([AUTH_SECRETS.bearerWrong, AUTH_SECRETS.bearerRight, AUTH_SECRETS.leftoverPassword]);
    });

    it('config nodes saved without authType, csrf, tenant and userType work as basic (and csrf auto)', async function () {
      // The first tab's config nodes were saved without the authentication properties.
      const saved = JSON.parse(fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8'));
      const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
      for (const list of [saved, JSON.parse(flows.body).flows]) {
        for (const id of ['cfg-bpm', 'cfg-inubit']) {
          const node = list.find((n) => n.id === id);
          should.exist(node, id);
          for (const property of ['authType', 'csrf', 'tenant', 'userType']) node.should.not.have.property(property);
        }
      }

      const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
      const ids = await servedStarterIds('many-3');
      sim.reset();
      // An IBM BPM server that requires CSRF tokens: csrf left out is auto, so it still works.
      sim.setBpmCsrf('required');

      const activities = await post('/e2e/start-ready', { instanceId: '104', assignTo: 'anna' });
      activities.started.map((a) => a.id).should.eql(ready.map((a) => a.id));
      const bpm = sim.requests.filter((r) => r.server === 'bpm');
      bpm.forEach((r) => {
        r.authKinds.should.eql(['basic']);
        should(r.authUser).equal(sim.username);
      });
      const logins = bpm.filter(isLogin);
      logins.should.have.length(1);
      logins[0].rawPath.should.equal('/bpm/system/login');

      const started = await post('/e2e/start-every-starter', { user: 'many-3', lang: 'en' });
      started.taskIds.should.have.length(ids.length);
      const inubit = sim.requests.filter((r) => r.server === 'inubit');
      inubit.should.have.length(1 + ids.length);
      inubit.forEach((r) => {
        r.authKinds.should.eql(['basic']);
        should(r.authUser).equal(sim.username);
        // No tenant, no user base.
        r.query.should.eql({ lang: 'en' });
      });
    });
  });
};
