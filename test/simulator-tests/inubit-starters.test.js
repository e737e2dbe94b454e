'use strict';

// The simulated inubit server's ad-hoc starters: their list, their start, tenant and user base.

require('should');
const { startSimulator } = require('../simulator');
const fixtures = require('../simulator/fixtures');
const { UUID_RE } = require('../simulator/fixture-ids');
const { call, callFails, starters, modules } = require('../support/simulator-requests');

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

  describe('inubit', () => {
    it('answers 201 with a text task id as application/plain', async () => {
      const r = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/74933f6c-72c6-44c5-9e90-91070f98c7dd');
      r.status.should.equal(201);
      r.headers['content-type'].should.equal('application/plain');
      r.body.should.match(/^[0-9a-f-]{36}$/);
    });

    it('answers 204 without a body for no-task', async () => {
      const r = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/no-task');
      r.status.should.equal(204);
      r.body.should.equal('');
    });

    it('answers 401 as JSON on version 9 and as HTML on version 8', async () => {
      const json = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false });
      json.status.should.equal(401);
      json.headers['content-type'].should.startWith('application/json');
      const parsed = JSON.parse(json.body);
      parsed.should.have.properties({ statusCode: 401, message: 'Unauthorized access', path: '/rest/task/adhoc/jdoe/x' });
      parsed.timestamp.should.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);

      sim.setInubitVersion(8);
      const html = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/x', { auth: false });
      html.status.should.equal(401);
      html.headers['content-type'].should.startWith('text/html');
      html.body.should.containEql('<title>Error 401 Unauthorized</title>');
    });

    it('needs no credentials for the healthcheck', async () => {
      const r = await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false });
      r.status.should.equal(200);
      JSON.parse(r.body).should.have.properties({ status: 'OK', maintenancemode: 0 });
    });

    it('answers 503 for flaky-1 once, then 201', async () => {
      const first = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/flaky-1');
      first.status.should.equal(503);
      first.headers['retry-after'].should.equal('0');
      const second = await call(sim, 'POST', '/ibis/rest/task/adhoc/jdoe/flaky-1');
      second.status.should.equal(201);
    });

    it('records percent-decoded segments and the raw path', async () => {
      await call(sim, 'POST', '/ibis/rest/task/adhoc/a%2Fb%20c/PAB%20HR%40%40%40140?lang=en');
      const rec = sim.requests[sim.requests.length - 1];
      rec.server.should.equal('inubit');
      rec.rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c/PAB%20HR%40%40%40140');
      rec.segments.should.eql(['task', 'adhoc', 'a/b c', 'PAB HR@@@140']);
      rec.query.should.eql({ lang: 'en' });
      rec.authUser.should.equal('flow');
    });
  });

  describe('inubit: list ad-hoc starters (GET /task/adhoc/{user})', () => {
    it('lists the default starters as <Modules> XML with German labels by default', async () => {
      const r = await call(sim, 'GET', starters('jdoe'));
      r.status.should.equal(200);
      r.headers['content-type'].should.equal('application/xml');
      r.body.should.startWith('<?xml');
      r.body.should.match(/<Modules version="5\.3">/);
      const list = modules(r.body);
      list.length.should.be.aboveOrEqual(3);
      list.should.eql(fixtures.INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.de, role: s.role, 'xml:lang': 'de' })));
    });

    it('has inubit 9 UUIDs, an inubit 8 composite id and a label that needs entities', async () => {
      const r = await call(sim, 'GET', starters('jdoe'));
      const ids = modules(r.body).map((m) => m.id);
      ids.filter((id) => UUID_RE.test(id)).length.should.be.aboveOrEqual(2);
      ids.should.containEql('PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140');
      r.body.should.containEql('label="Reisekosten &amp; Spesen &lt;Entwurf&gt; &quot;eilig&quot; &apos;Q3&apos; Best&#228;tigung"');
    });

    it('gives English labels and xml:lang="en" for lang=en, and records client and userType', async () => {
      const r = await call(sim, 'GET', starters('jdoe', 'lang=en&client=acme&userType=processEngineUser'));
      r.status.should.equal(200);
      modules(r.body).should.eql(fixtures.INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.en, role: s.role, 'xml:lang': 'en' })));
      sim.requests[0].query.should.eql({ lang: 'en', client: 'acme', userType: 'processEngineUser' });
      sim.requests[0].segments.should.eql(['task', 'adhoc', 'jdoe']);
    });

    it('answers German for lang=de and for a language it does not have', async () => {
      for (const query of ['lang=de', 'lang=fr']) {
        const r = await call(sim, 'GET', starters('jdoe', query));
        modules(r.body)
          .map((m) => m['xml:lang'])
          .should.eql(fixtures.INUBIT_STARTERS.map(() => 'de'));
      }
    });

    it('starts every listed starter with POST /task/adhoc/{user}/{id}', async () => {
      const list = modules((await call(sim, 'GET', starters('a/b c'))).body);
      for (const m of list) {
        const r = await call(sim, 'POST', `${starters('a/b c')}/${encodeURIComponent(m.id)}`);
        [201, 204].should.containEql(r.status);
        sim.requests[sim.requests.length - 1].segments.should.eql(['task', 'adhoc', 'a/b c', m.id]);
      }
    });

    it('answers an empty <Modules/> for no-starters and exactly one for one-starter', async () => {
      const none = await call(sim, 'GET', starters('no-starters'));
      none.status.should.equal(200);
      none.body.should.match(/<Modules version="5\.3"\/>/);
      modules(none.body).should.eql([]);
      const one = await call(sim, 'GET', starters('one-starter'));
      modules(one.body).should.have.length(1);
    });

    it('answers N starters with unique ids for many-N', async () => {
      const r = await call(sim, 'GET', starters('many-250'));
      const list = modules(r.body);
      list.should.have.length(250);
      new Set(list.map((m) => m.id)).size.should.equal(250);
    });

    it('leaves out role and xml:lang for no-lang, and adds attributes for extra-attributes', async () => {
      const bare = modules((await call(sim, 'GET', starters('no-lang'))).body);
      bare.length.should.be.above(0);
      bare.forEach((m) => Object.keys(m).should.eql(['id', 'label']));
      const extra = modules((await call(sim, 'GET', starters('extra-attributes'))).body);
      extra[0].should.have.properties({ description: 'Antrag auf Urlaub & Freizeitausgleich', priority: '01' });
    });

    it('answers 200 with the wrong body for login-page, truncated and wrong-type', async () => {
      const login = await call(sim, 'GET', starters('login-page'));
      login.status.should.equal(200);
      login.headers['content-type'].should.startWith('text/html');
      const cut = await call(sim, 'GET', starters('truncated'));
      cut.status.should.equal(200);
      cut.headers['content-type'].should.equal('application/xml');
      cut.body.should.startWith('<?xml');
      cut.body.should.not.containEql('</Modules>');
      const json = await call(sim, 'GET', starters('wrong-type'));
      json.status.should.equal(200);
      json.headers['content-type'].should.startWith('application/json');
      json.body.should.equal('[]');
    });

    it('answers inubit errors for server-error, maintenance, unknown-user and status-NNN', async () => {
      for (const [user, status] of [
        ['server-error', 500],
        ['maintenance', 503],
        ['unknown-user', 404],
        ['status-418', 418],
      ]) {
        const r = await call(sim, 'GET', starters(user));
        r.status.should.equal(status);
        JSON.parse(r.body).should.have.properties({ statusCode: status, path: `/rest/task/adhoc/${user}` });
      }
      (await call(sim, 'GET', starters('maintenance'))).headers['retry-after'].should.equal('0');
    });

    it('answers 503 for flaky-2 twice, then the list', async () => {
      (await call(sim, 'GET', starters('flaky-2'))).status.should.equal(503);
      (await call(sim, 'GET', starters('flaky-2'))).status.should.equal(503);
      const r = await call(sim, 'GET', starters('flaky-2'));
      r.status.should.equal(200);
      modules(r.body).should.have.length(fixtures.INUBIT_STARTERS.length);
    });

    it('delays slow-N, drops the connection for reset and echoes headers without authorization', async () => {
      (await call(sim, 'GET', starters('slow-200'))).status.should.equal(200);
      sim.requests[sim.requests.length - 1].heldMs.should.equal(200);
      (await callFails(sim, 'GET', starters('reset'))).code.should.equal('ECONNRESET');
      const echo = await call(sim, 'GET', starters('echo-headers'), { headers: { 'X-Probe': 'yes' } });
      const label = JSON.parse(modules(echo.body)[0].label);
      label['x-probe'].should.equal('yes');
      label.should.not.have.property('authorization');
    });

    it('answers 401 as JSON on version 9 and as HTML on version 8, and records the request', async () => {
      const json = await call(sim, 'GET', starters('jdoe'), { auth: false });
      json.status.should.equal(401);
      JSON.parse(json.body).should.have.properties({ statusCode: 401, path: '/rest/task/adhoc/jdoe' });
      sim.setInubitVersion(8);
      const html = await call(sim, 'GET', starters('jdoe'), { auth: false });
      html.status.should.equal(401);
      html.headers['content-type'].should.startWith('text/html');
      sim.requests.map((r) => r.rawPath).should.eql(['/ibis/rest/task/adhoc/jdoe', '/ibis/rest/task/adhoc/jdoe']);
    });

    it('answers 405 for a POST to the list', async () => {
      const r = await call(sim, 'POST', starters('jdoe'));
      r.status.should.equal(405);
      r.headers.allow.should.equal('GET');
    });
  });

  describe('inubit: tenant and user base', () => {
    it('echoes client and userType as <Modules> attributes, also on an empty list', async () => {
      const r = await call(sim, 'GET', starters('jdoe', 'client=acme&userType=processEngineUser&lang=en'));
      r.status.should.equal(200);
      r.body.should.match(/<Modules version="5\.3" client="acme" userType="processEngineUser">/);
      modules(r.body).should.have.length(fixtures.INUBIT_STARTERS.length);
      (await call(sim, 'GET', starters('no-starters', 'client=acme'))).body.should.match(/<Modules version="5\.3" client="acme"\/>/);
      (await call(sim, 'GET', starters('jdoe', 'client=a%26b%C3%A4'))).body.should.match(/<Modules version="5\.3" client="a&amp;b&#228;">/);
      const many = await call(sim, 'GET', starters('many-3', 'userType=processUser'));
      many.body.should.match(/<Modules version="5\.3" userType="processUser">/);
      (await call(sim, 'GET', starters('many-3'))).body.should.match(/<Modules version="5\.3">/);
    });

    it('echoes them as X-Client and X-User-Type on a start, which stays application/plain', async () => {
      const r = await call(sim, 'POST', `${starters('jdoe')}/x?client=acme&userType=processUser`);
      r.status.should.equal(201);
      r.headers['content-type'].should.equal('application/plain');
      r.headers.should.have.properties({ 'x-client': 'acme', 'x-user-type': 'processUser' });
      const plain = await call(sim, 'POST', `${starters('jdoe')}/x`);
      plain.headers.should.not.have.properties(['x-client', 'x-user-type']);
      (await call(sim, 'POST', `${starters('jdoe')}/no-task?client=acme`)).headers['x-client'].should.equal('acme');
      // Text that a header cannot carry is percent-encoded.
      (await call(sim, 'POST', `${starters('jdoe')}/x?client=M%C3%BCller`)).headers['x-client'].should.equal('M%C3%BCller');
    });

    it('with a list of tenants, answers 404 "Unknown client" to another client', async () => {
      sim.setTenants(['acme', 'globex']);
      sim.tenants.should.eql(['acme', 'globex']);
      for (const [method, path] of [
        ['GET', starters('jdoe', 'client=initech')],
        ['POST', `${starters('jdoe')}/x?client=initech`],
      ]) {
        const r = await call(sim, method, path);
        r.status.should.equal(404);
        JSON.parse(r.body).should.have.properties({ statusCode: 404, message: 'Unknown client' });
      }
      (await call(sim, 'GET', starters('jdoe', 'client=globex'))).status.should.equal(200);
      (await call(sim, 'POST', `${starters('jdoe')}/x?client=acme`)).status.should.equal(201);
      (await call(sim, 'POST', `${starters('jdoe')}/x`)).status.should.equal(201);
      // Credentials are checked first.
      (await call(sim, 'GET', starters('jdoe', 'client=initech'), { auth: false })).status.should.equal(401);
      sim.reset();
      (await call(sim, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(200);
      const own = await startSimulator({ port: 0, tenants: ['acme'] });
      try {
        (await call(own, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(404);
        own.setTenants(null);
        (await call(own, 'GET', starters('jdoe', 'client=initech'))).status.should.equal(200);
      } finally {
        await own.close();
      }
    });
  });
});
