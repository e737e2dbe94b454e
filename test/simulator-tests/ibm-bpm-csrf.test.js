'use strict';

// The simulated IBM BPM server's CSRF login and tokens.

require('should');
const { startSimulator } = require('../simulator');
const { call, adhoc, activity, LOGIN_BODY, READY } = require('../support/simulator-requests');
const { until } = require('../support/waits');

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

  describe('IBM BPM: CSRF tokens', () => {
    const JSON_TYPE = { 'Content-Type': 'application/json' };
    const login = (prefix = '', options = {}) =>
      call(
        sim,
        'POST',
        `${prefix}/bpm/system/login`,
        Object.assign({ body: LOGIN_BODY }, options, { headers: Object.assign({}, JSON_TYPE, options.headers) }),
      );
    const token = async (prefix = '') => JSON.parse((await login(prefix)).body).csrf_token;
    const withToken = (t) => ({ headers: { BPMCSRFToken: t } });
    const verifyError = (r) => {
      r.status.should.equal(403);
      r.headers['content-type'].should.startWith('application/json');
      const e = JSON.parse(r.body);
      e.status.should.equal('error');
      e.Data.should.match({ errorNumber: 'CWTBG0651E', errorMessage: 'CWTBG0651E: The BPMCSRFToken token header could not be verified.' });
    };

    it('logs in below the prefix and without one: 201 with a token, its lifetime and the user', async () => {
      for (const prefix of ['/bas', '', '/bpm/dev']) {
        const r = await login(prefix);
        r.status.should.equal(201);
        r.headers['content-type'].should.startWith('application/json');
        const body = JSON.parse(r.body);
        Object.keys(body).should.eql(['csrf_token', 'expiration', 'user_id', 'user_name']);
        body.csrf_token.should.match(/^[A-Za-z0-9_-]{16,}$/);
        body.should.match({ expiration: 7200, user_id: 'flow', user_name: 'flow' });
      }
      sim.requests
        .map((r) => [r.server, r.method, r.rawPath, r.body])
        .should.eql([
          ['bpm', 'POST', '/bas/bpm/system/login', LOGIN_BODY],
          ['bpm', 'POST', '/bpm/system/login', LOGIN_BODY],
          ['bpm', 'POST', '/bpm/dev/bpm/system/login', LOGIN_BODY],
        ]);
      sim.stats.should.match({ logins: 3, tokensIssued: 3 });
      sim.csrfTokens.should.have.length(3);
      new Set(sim.csrfTokens).size.should.equal(3);
    });

    it('caps the expiration by csrfLifetimeMs and answers 200 when csrfLoginStatus is 200', async () => {
      sim.setCsrfLifetimeMs(60000);
      sim.setCsrfLoginStatus(200);
      const r = await login();
      r.status.should.equal(200);
      JSON.parse(r.body).expiration.should.equal(60);
      sim.setCsrfLifetimeMs(10 * 3600 * 1000);
      JSON.parse((await login()).body).expiration.should.equal(7200);
      (() => sim.setCsrfLoginStatus(302)).should.throw(RangeError);
    });

    it('answers 400 to another Content-Type or body, and 405 to another method', async () => {
      const bad = [
        [{ 'Content-Type': 'text/plain' }, LOGIN_BODY],
        [{ 'Content-Type': 'application/x-www-form-urlencoded' }, LOGIN_BODY],
        [JSON_TYPE, ''],
        [JSON_TYPE, 'not json'],
        [JSON_TYPE, '{"refresh-groups":true,"requested-lifetime":7200}'],
        [JSON_TYPE, '{"refresh-groups":false,"requested-lifetime":3600}'],
        [JSON_TYPE, '{"refresh-groups":false}'],
        [JSON_TYPE, '{"refresh-groups":false,"requested-lifetime":7200,"x":1}'],
        [JSON_TYPE, '[false,7200]'],
      ];
      for (const [headers, body] of bad) {
        const r = await call(sim, 'POST', '/bas/bpm/system/login', { headers, body });
        r.status.should.equal(400, body);
        JSON.parse(r.body).status.should.equal('error');
      }
      // Whitespace, key order and a charset do not matter.
      const ok = await call(sim, 'POST', '/bpm/system/login', {
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: '{ "requested-lifetime": 7200, "refresh-groups": false }',
      });
      ok.status.should.equal(201);
      const get = await call(sim, 'GET', '/bpm/system/login');
      get.status.should.equal(405);
      get.headers.allow.should.equal('POST');
      sim.stats.should.match({ logins: bad.length + 2, tokensIssued: 1 });
    });

    it('needs the configured authentication for the login', async () => {
      (await login('/bas', { auth: false })).status.should.equal(401);
      sim.setBpmAuth('bearer');
      (await login('/bas')).status.should.equal(401);
      (await login('/bas', { auth: false, headers: { Authorization: 'Bearer sim-bearer-token' } })).status.should.equal(201);
      sim.setBpmAuth('form');
      const form = await login('/bas', { auth: false });
      form.status.should.equal(302);
      form.headers.location.should.equal(`${sim.url}/bas/login.html`);
      sim.stats.tokensIssued.should.equal(1);
    });

    it('off: needs no token and ignores one that is not valid', async () => {
      (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
      (await call(sim, 'GET', adhoc(102), withToken('made-up'))).status.should.equal(200);
      sim.requests[1].csrfToken.should.equal('made-up');
    });

    it('required: refuses a missing or unknown token with 403 CWTBG0651E as JSON, takes an issued one', async () => {
      sim.setBpmCsrf('required');
      verifyError(await call(sim, 'GET', adhoc(102)));
      verifyError(await call(sim, 'GET', adhoc(102), { accept: 'application/xml' }));
      verifyError(await call(sim, 'PUT', activity(READY[0].id), withToken('made-up')));
      verifyError(await call(sim, 'GET', '/rest/bpm/wle/v1/nothing-here'));
      // Nothing was started.
      const t = await token('/bas');
      const started = await call(sim, 'PUT', `/bas${activity(READY[0].id)}`, withToken(t));
      started.status.should.equal(200);
      JSON.parse(started.body).data.executionState.should.equal('WORKING');
      (await call(sim, 'GET', '/rest/bpm/wle/v1/systems', { headers: { bpmcsrftoken: t } })).status.should.equal(200);
      (await call(sim, 'GET', adhoc(102), Object.assign({ accept: 'application/xml' }, withToken(t)))).status.should.equal(200);
      sim.requests
        .filter((r) => r.rawPath.includes('/rest/'))
        .map((r) => r.csrfToken)
        .should.eql([null, null, 'made-up', null, t, t, t]);
      // The authentication comes first.
      (await call(sim, 'GET', adhoc(102), Object.assign({ auth: false }, withToken(t)))).status.should.equal(401);
    });

    it('expireCsrfTokens() makes every issued token fail until a new login', async () => {
      sim.setBpmCsrf('required');
      const first = await token();
      const second = await token();
      (await call(sim, 'GET', adhoc(102), withToken(first))).status.should.equal(200);
      sim.expireCsrfTokens();
      verifyError(await call(sim, 'GET', adhoc(102), withToken(first)));
      verifyError(await call(sim, 'GET', adhoc(102), withToken(second)));
      const third = await token();
      (await call(sim, 'GET', adhoc(102), withToken(third))).status.should.equal(200);
      sim.stats.logins.should.equal(3);
    });

    it('lets a token expire after csrfLifetimeMs', async () => {
      sim.setBpmCsrf('required');
      sim.setCsrfLifetimeMs(150);
      const r = await login();
      JSON.parse(r.body).expiration.should.equal(0);
      const t = JSON.parse(r.body).csrf_token;
      (await call(sim, 'GET', adhoc(102), withToken(t))).status.should.equal(200);
      // Once its lifetime has passed, by the clock the simulator itself reads.
      const expires = Date.now() + 150;
      await until(() => Date.now() > expires, "the token's lifetime to pass");
      verifyError(await call(sim, 'GET', adhoc(102), withToken(t)));
    });

    it('fails the login on demand: a status with a WLE error, or a 200 HTML page', async () => {
      for (const status of [500, 401, 403]) {
        sim.setCsrfLoginFailure(status);
        const r = await login();
        r.status.should.equal(status);
        const body = JSON.parse(r.body);
        body.status.should.equal('error');
        body.should.not.have.property('csrf_token');
        body.Data.errorMessage.should.be.a.String();
      }
      sim.setCsrfLoginFailure('html');
      const html = await login();
      html.status.should.equal(200);
      html.headers['content-type'].should.startWith('text/html');
      html.body.should.containEql('j_security_check');
      sim.stats.should.match({ logins: 4, tokensIssued: 0 });
      sim.setCsrfLoginFailure(null);
      (await login()).status.should.equal(201);
      (() => sim.setCsrfLoginFailure('xml')).should.throw(RangeError);
    });

    it('reset() forgets tokens and counts and restores the start options', async () => {
      const own = await startSimulator({
        port: 0,
        bpmCsrf: 'required',
        csrfLifetimeMs: 60000,
        csrfLoginStatus: 200,
        csrfLoginFailure: 503,
      });
      try {
        own.bpmCsrf.should.equal('required');
        (await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY })).status.should.equal(503);
        own.setCsrfLoginFailure(null);
        const r = await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY });
        r.status.should.equal(200);
        JSON.parse(r.body).expiration.should.equal(60);
        const t = JSON.parse(r.body).csrf_token;
        own.setBpmCsrf('off');
        own.setCsrfLifetimeMs(1000);
        own.reset();
        own.should.match({ bpmCsrf: 'required', csrfLifetimeMs: 60000 });
        own.stats.should.match({ logins: 0, tokensIssued: 0 });
        own.csrfTokens.should.eql([]);
        verifyError(await call(own, 'GET', adhoc(102), withToken(t)));
        (await call(own, 'POST', '/bpm/system/login', { headers: JSON_TYPE, body: LOGIN_BODY })).status.should.equal(503);
      } finally {
        await own.close();
      }
    });
  });
});
