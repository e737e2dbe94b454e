'use strict';

// Both simulated servers in maintenance mode.

require('should');
const { startSimulator } = require('../simulator');
const { call, adhoc, activity, starters, LOGIN_BODY, READY } = require('../support/simulator-requests');

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

  describe('maintenance mode', () => {
    it('inubit: 503 on /task/..., with or without credentials; the healthcheck says maintenancemode 1', async () => {
      sim.setMaintenance(true);
      sim.maintenance.should.equal(true);
      for (const [method, path, auth] of [
        ['GET', starters('jdoe'), true],
        ['POST', `${starters('jdoe')}/x`, true],
        ['POST', `${starters('jdoe')}/x`, false],
      ]) {
        const r = await call(sim, method, path, { auth });
        r.status.should.equal(503);
        r.headers['retry-after'].should.equal('0');
        JSON.parse(r.body).should.have.properties({ statusCode: 503, path: path.replace(/^\/ibis/, '').replace(/\?.*$/, '') });
      }
      const health = await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false });
      health.status.should.equal(200);
      JSON.parse(health.body).should.have.properties({ status: 'OK', maintenancemode: 1 });
      sim.setMaintenance(false);
      JSON.parse((await call(sim, 'GET', '/ibis/rest/healthcheck', { auth: false })).body).maintenancemode.should.equal(0);
      (await call(sim, 'POST', `${starters('jdoe')}/x`)).status.should.equal(201);
    });

    it('IBM BPM: 503 on everything, the login included, until reset()', async () => {
      sim.setMaintenance(true);
      for (const [method, path, auth] of [
        ['GET', adhoc(102), true],
        ['GET', adhoc(102), false],
        ['PUT', activity(READY[0].id), true],
        ['GET', '/bas/rest/bpm/wle/v1/systems', true],
        ['GET', '/rest/bpm/wle/v1/nothing-here', true],
        ['POST', '/bas/bpm/system/login', true],
      ]) {
        const r = await call(sim, method, path, {
          auth,
          headers: { 'Content-Type': 'application/json' },
          body: method === 'POST' ? LOGIN_BODY : undefined,
        });
        r.status.should.equal(503, path);
        JSON.parse(r.body).status.should.equal('error');
      }
      sim.stats.tokensIssued.should.equal(0);
      sim.reset();
      sim.maintenance.should.equal(false);
      (await call(sim, 'PUT', activity(READY[0].id))).status.should.equal(200);
      const own = await startSimulator({ port: 0, maintenance: true });
      try {
        (await call(own, 'GET', adhoc(102))).status.should.equal(503);
        JSON.parse((await call(own, 'GET', '/ibis/rest/healthcheck')).body).maintenancemode.should.equal(1);
      } finally {
        await own.close();
      }
    });
  });
});
