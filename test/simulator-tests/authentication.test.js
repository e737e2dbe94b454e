'use strict';

// Both simulated servers' kinds of authentication, and the login form in front of them.

require('should');
const { startSimulator } = require('../simulator');
const { call, adhoc, activity, starters, READY } = require('../support/simulator-requests');

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

  describe('authentication kinds', () => {
    it('takes Basic on both servers by default and records the kind of each request', async () => {
      sim.should.match({
        inubitAuth: 'basic',
        bpmAuth: 'basic',
        token: 'sim-bearer-token',
        apiKey: 'sim-api-key',
        bpmCsrf: 'off',
        maintenance: false,
      });
      (await call(sim, 'GET', starters('jdoe'))).status.should.equal(200);
      (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
      (await call(sim, 'GET', adhoc(102), { auth: false })).status.should.equal(401);
      sim.requests
        .map((r) => [r.authKind, r.authKinds, r.authUser, r.csrfToken])
        .should.eql([
          ['basic', ['basic'], 'flow', null],
          ['basic', ['basic'], 'flow', null],
          [null, [], null, null],
        ]);
    });

    it('bearer: takes the token on both servers and refuses Basic and a wrong token', async () => {
      sim.setInubitAuth('bearer');
      sim.setBpmAuth('bearer');
      const bearer = { Authorization: 'Bearer sim-bearer-token' };
      (await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false, headers: bearer })).status.should.equal(201);
      (await call(sim, 'GET', adhoc(102), { auth: false, headers: bearer })).status.should.equal(200);
      sim.requests
        .map((r) => [r.authKind, r.authUser])
        .should.eql([
          ['bearer', null],
          ['bearer', null],
        ]);

      const basicInubit = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x');
      basicInubit.status.should.equal(401);
      JSON.parse(basicInubit.body).statusCode.should.equal(401);
      const basicBpm = await call(sim, 'GET', adhoc(102));
      basicBpm.status.should.equal(401);
      basicBpm.headers['content-type'].should.startWith('text/html');
      basicBpm.headers['www-authenticate'].should.equal('Bearer realm="defaultWIMFileBasedRealm"');
      const wrong = { Authorization: 'Bearer other' };
      (await call(sim, 'GET', starters('jdoe'), { auth: false, headers: wrong })).status.should.equal(401);
      (await call(sim, 'GET', adhoc(102), { auth: false, headers: wrong })).status.should.equal(401);

      sim.setToken('next-token');
      sim.token.should.equal('next-token');
      (await call(sim, 'GET', adhoc(102), { auth: false, headers: bearer })).status.should.equal(401);
      (await call(sim, 'GET', adhoc(102), { auth: false, headers: { Authorization: 'Bearer next-token' } })).status.should.equal(200);
    });

    it('zenApiKey (IBM only): takes base64(username:apiKey) and refuses Basic, Bearer and a wrong key or user', async () => {
      sim.setBpmAuth('zenApiKey');
      const zen = (text) => ({ Authorization: 'ZenApiKey ' + Buffer.from(text).toString('base64') });
      const ok = await call(sim, 'GET', adhoc(102), { auth: false, headers: zen('flow:sim-api-key') });
      ok.status.should.equal(200);
      sim.requests[0].should.match({ authKind: 'zenApiKey', authUser: 'flow' });
      for (const headers of [zen('flow:wrong'), zen('other:sim-api-key'), { Authorization: 'Bearer sim-bearer-token' }]) {
        (await call(sim, 'GET', adhoc(102), { auth: false, headers })).status.should.equal(401);
      }
      const basic = await call(sim, 'GET', adhoc(102));
      basic.status.should.equal(401);
      basic.headers['www-authenticate'].should.equal('ZenApiKey realm="defaultWIMFileBasedRealm"');
      sim.setApiKey('k2');
      (await call(sim, 'GET', adhoc(102), { auth: false, headers: zen('flow:k2') })).status.should.equal(200);
      // inubit knows no API keys, IBM no portal tokens.
      (() => sim.setInubitAuth('zenApiKey')).should.throw(RangeError);
      (() => sim.setBpmAuth('portalToken')).should.throw(RangeError);
      (() => sim.setBpmAuth('kerberos')).should.throw(RangeError);
      sim.inubitAuth.should.equal('basic');
    });

    it('portalToken (inubit only): takes X-AUTH-TOKEN: Bearer, with userType=processUser too', async () => {
      sim.setInubitAuth('portalToken');
      const portal = { 'X-AUTH-TOKEN': 'Bearer sim-bearer-token' };
      const list = await call(sim, 'GET', starters('jdoe', 'userType=processUser'), { auth: false, headers: portal });
      list.status.should.equal(200);
      list.body.should.match(/<Modules version="5\.3" userType="processUser">/);
      const start = await call(sim, 'POST', `${starters('jdoe')}/x?userType=processUser`, { auth: false, headers: portal });
      start.status.should.equal(201);
      start.headers['x-user-type'].should.equal('processUser');
      (await call(sim, 'GET', starters('jdoe'), { auth: false, headers: portal })).status.should.equal(200);
      sim.requests
        .map((r) => [r.authKind, r.authUser])
        .should.eql([
          ['portalToken', null],
          ['portalToken', null],
          ['portalToken', null],
        ]);

      // The token in the wrong header, Basic, a wrong token, and inubit's own user base all fail.
      for (const [path, headers] of [
        [starters('jdoe'), { Authorization: 'Bearer sim-bearer-token' }],
        [starters('jdoe'), { 'X-AUTH-TOKEN': 'Bearer other' }],
        [starters('jdoe'), { 'X-AUTH-TOKEN': 'sim-bearer-token' }],
        [starters('jdoe', 'userType=processEngineUser'), portal],
      ]) {
        (await call(sim, 'GET', path, { auth: false, headers })).status.should.equal(401, JSON.stringify(headers));
      }
      (await call(sim, 'GET', starters('jdoe'))).status.should.equal(401);
      sim.setInubitVersion(8);
      const html = await call(sim, 'GET', starters('jdoe'));
      html.status.should.equal(401);
      html.headers['content-type'].should.startWith('text/html');
      // Basic credentials sent along do not spoil a valid token; both kinds are recorded.
      (await call(sim, 'GET', starters('jdoe'), { headers: portal })).status.should.equal(200);
      sim.requests[sim.requests.length - 1].authKinds.should.eql(['basic', 'portalToken']);
    });

    it('none: answers both servers without credentials, and with them', async () => {
      sim.setInubitAuth('none');
      sim.setBpmAuth('none');
      (await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false })).status.should.equal(201);
      (await call(sim, 'GET', starters('jdoe'), { auth: false })).status.should.equal(200);
      (await call(sim, 'PUT', activity(READY[0].id), { auth: false })).status.should.equal(200);
      (await call(sim, 'GET', adhoc(102))).status.should.equal(200);
      sim.requests.map((r) => r.authKind).should.eql([null, null, null, 'basic']);
    });

    it('form: redirects a request without valid credentials to {origin}[/prefix]/login.html', async () => {
      sim.setInubitAuth('form');
      sim.setBpmAuth('form');
      const cases = [
        ['POST', '/ibis/rest/task/adhoc/jdoe/x', `${sim.url}/login.html`],
        ['GET', starters('jdoe'), `${sim.url}/login.html`],
        ['GET', adhoc(102), `${sim.url}/login.html`],
        ['PUT', `/bas${activity(READY[0].id)}`, `${sim.url}/bas/login.html`],
        ['GET', '/bpm/dev/rest/bpm/wle/v1/systems', `${sim.url}/bpm/dev/login.html`],
      ];
      for (const [method, path, location] of cases) {
        for (const auth of [false, { Authorization: 'Basic ' + Buffer.from('flow:wrong').toString('base64') }]) {
          const r = await call(sim, method, path, { auth: false, headers: auth || {} });
          r.status.should.equal(302, path);
          r.headers.location.should.equal(location);
        }
      }
      // The application server also takes Basic credentials.
      (await call(sim, 'GET', starters('jdoe'))).status.should.equal(200);
      (await call(sim, 'GET', `/bas${adhoc(102)}`)).status.should.equal(200);
      (await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false })).status.should.equal(200);
    });

    it('serves the login form at /login.html and below a prefix', async () => {
      for (const path of ['/login.html', '/bas/login.html', '/bpm/dev/login.html']) {
        const r = await call(sim, 'GET', path, { auth: false });
        r.status.should.equal(200);
        r.headers['content-type'].should.startWith('text/html');
        r.body.should.containEql('<form action="j_security_check" method="post">');
        r.body.should.match(/<input type="password"/);
      }
    });

    it('takes the modes as start options, and reset() restores them', async () => {
      const own = await startSimulator({ port: 0, inubitAuth: 'portalToken', bpmAuth: 'zenApiKey', token: 'tok', apiKey: 'key' });
      try {
        const zen = { Authorization: 'ZenApiKey ' + Buffer.from('flow:key').toString('base64') };
        (await call(own, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(200);
        (await call(own, 'GET', starters('jdoe'), { auth: false, headers: { 'X-AUTH-TOKEN': 'Bearer tok' } })).status.should.equal(200);
        own.setInubitAuth('basic');
        own.setBpmAuth('none');
        own.setToken('x');
        own.setApiKey('y');
        own.reset();
        own.should.match({ inubitAuth: 'portalToken', bpmAuth: 'zenApiKey', token: 'tok', apiKey: 'key' });
        (await call(own, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(200);
      } finally {
        await own.close();
      }
      (() => startSimulator({ port: 0, inubitAuth: 'zenApiKey' })).should.throw(RangeError);
      (() => startSimulator({ port: 0, bpmCsrf: 'auto' })).should.throw(RangeError);
      (() => startSimulator({ port: 0, csrfLifetimeMs: 0 })).should.throw(RangeError);
      (() => startSimulator({ port: 0, tenants: 'acme' })).should.throw(TypeError);
    });

    it('leaves X-AUTH-TOKEN and BPMCSRFToken out of echo-headers too', async () => {
      const r = await call(sim, 'PUT', activity('echo-headers'), {
        headers: { 'X-AUTH-TOKEN': 'Bearer t', BPMCSRFToken: 'c', 'X-Probe': 'yes' },
      });
      const headers = JSON.parse(JSON.parse(r.body).data.narrative);
      headers['x-probe'].should.equal('yes');
      headers.should.not.have.properties(['authorization', 'x-auth-token', 'bpmcsrftoken']);
      sim.requests[0].headers.should.have.properties({ 'x-auth-token': 'Bearer t', bpmcsrftoken: 'c' });
    });
  });
});
