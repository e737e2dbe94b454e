'use strict';

// The simulator's connections: keep-alive, their count, and a prompt close.

const http = require('http');
require('should');
const { startSimulator } = require('../simulator');
const { call, adhoc } = require('../support/simulator-requests');

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

  describe('connections', () => {
    it('reuses one keep-alive connection and counts it', async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        await call(sim, 'GET', adhoc(100), { agent });
        await call(sim, 'GET', adhoc(101), { agent });
        sim.requests.should.have.length(2);
        sim.requests[0].socketId.should.equal(sim.requests[1].socketId);
        sim.stats.connections.should.equal(1);
        sim.stats.inFlight.should.equal(0);
        sim.stats.maxInFlight.should.equal(1);
      } finally {
        agent.destroy();
      }
    });

    it('closes promptly while a keep-alive connection is open', async () => {
      // Kept alive for ten minutes: close() resolves only because it ends the connection itself.
      const own = await startSimulator({ port: 0, keepAliveTimeout: 10 * 60 * 1000 });
      const agent = new http.Agent({ keepAlive: true });
      try {
        (await call(own, 'GET', '/ibis/rest/healthcheck', { agent })).status.should.equal(200);
        const [socket] = Object.values(agent.freeSockets).flat();
        const closed = new Promise((resolve) => socket.once('close', resolve));
        await own.close();
        await closed;
      } finally {
        agent.destroy();
      }
    });
  });
});
