'use strict';
const util = require('util');
const should = require('should');
const { helper, logText, wait } = require('../support/runtime');
const { startFlow, listFlow, loadFlow, credentials, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');

describe('faults, bad input, load and secrets', function () {
  const sim = useSimulator({ password: 'Vry-s3cret-pw!' });

  const token = () => Buffer.from(`${sim.username}:${sim.password}`).toString('base64');

  describe('after every fault the node serves the next message normally', function () {
    // [scenario key, code of the start node, code of the list node where it differs]
    const faults = [
      ['slow-2000', 'TIMEOUT'],
      ['reset', 'CONNECTION_FAILED'],
      ['reset-mid-body', 'CONNECTION_FAILED'],
      // The start node's task id is cut off in the connection; the list node's document is
      // complete over HTTP but broken as JSON.
      ['truncated', 'CONNECTION_FAILED', 'INVALID_RESPONSE'],
      ['login-page', 'INVALID_RESPONSE'],
      ['wrong-type', 'INVALID_RESPONSE'],
      ['server-error', 'SERVER_ERROR'],
      ['status-418', 'HTTP_ERROR'],
      ['flaky-9', 'SERVICE_UNAVAILABLE'],
    ];
    for (const [key, code, listCode = code] of faults) {
      it(`start node: ${key}`, async function () {
        await loadFlow(startFlow(sim, { starterId: 'payload', starterIdType: 'msg' }, { timeout: 300, retries: 1 }), sim);
        const failed = await run({ payload: key });
        failed.out.should.have.length(0);
        failed.caught.should.have.length(1);
        if (code) failed.caught[0].error.message.should.be.a.String();
        // The code: on msg.error where the runtime passes it (Node-RED 4+), and in the status always.
        caughtWith(failed, code);
        const ok = await run({ payload: 'fine' });
        ok.out.should.have.length(1);
        ok.status.should.match({ fill: 'green' });
      });
      it(`list node: ${key}`, async function () {
        await loadFlow(listFlow(sim, {}, { timeout: 300, retries: 1 }), sim);
        const failed = await run({ payload: key });
        failed.out.should.have.length(0);
        failed.caught.should.have.length(1);
        caughtWith(failed, listCode);
        const ok = await run({ payload: '102' });
        ok.out.should.have.length(2);
        ok.status.should.match({ fill: 'green' });
      });
    }
  });

  describe('long and awkward values', function () {
    it('sends a long value (1,000 characters) percent-encoded in one segment', async function () {
      const value = 'ü/?#%&'.repeat(170).slice(0, 1000);
      await loadFlow(startFlow(sim, { user: 'payload', userType: 'msg' }), sim);
      const result = await run({ payload: value });
      result.out.should.have.length(1);
      sim.requests[0].segments.should.eql(['task', 'adhoc', value, 'starter-1']);
    });

    it('refuses a 10 kB value with INVALID_INPUT before any request', async function () {
      await loadFlow(listFlow(sim), sim);
      const result = await run({ payload: '1'.repeat(10240) });
      caughtWith(result, 'INVALID_INPUT').error.message.should.match(/too long/);
      sim.requests.should.have.length(0);
    });

    it('refuses text that is not valid Unicode (a lone surrogate) with INVALID_INPUT', async function () {
      await loadFlow(listFlow(sim), sim);
      caughtWith(await run({ payload: 'a\uD800b' }), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  });

  describe('load', function () {
    this.timeout(60000);

    for (const [name, flowOf, payloadOf, outputsPer] of [
      ['start', (s) => startFlow(s, { starterId: 'payload', starterIdType: 'msg' }), (i) => (i % 10 === 0 ? 'server-error' : `starter-${i}`), 1],
      ['list', (s) => listFlow(s), (i) => (i % 10 === 0 ? 'abc' : '101'), 1],
    ]) {
      it(`${name} node: 1,000 messages at once are each answered exactly once, with at most maxConcurrent in flight over reused connections`, async function () {
        await loadFlow(flowOf(sim), sim);
        const msgs = Array.from({ length: 1000 }, (_, i) => ({ payload: payloadOf(i), n: i }));
        const result = await runMany(msgs, { timeout: 50000, settle: 100 });
        result.out.should.have.length(900 * outputsPer);
        result.caught.should.have.length(100);
        const seen = [...result.out, ...result.caught].map((m) => m.n).sort((a, b) => a - b);
        seen.should.eql(Array.from({ length: 1000 }, (_, i) => i));
        result.caught.forEach((m) => (m.n % 10).should.equal(0));
        sim.stats.maxInFlight.should.be.belowOrEqual(8);
        sim.stats.connections.should.be.belowOrEqual(8);
        sim.requests.should.have.length(1000);
      });
    }

    it('memory stays flat over repeated rounds (no leaked listeners, timers or messages)', async function () {
      if (typeof global.gc !== 'function') this.skip();
      await loadFlow(startFlow(sim, { starterId: 'payload', starterIdType: 'msg' }), sim);
      const round = () => runMany(Array.from({ length: 500 }, (_, i) => ({ payload: i % 5 === 0 ? 'reset' : `s-${i}` })), { timeout: 30000, settle: 20 });
      // The test helper's spies remember every call; forget them so that only our nodes count.
      const settle = async () => {
        helper._sandbox.resetHistory();
        await wait(50);
        global.gc();
      };
      await round();
      await settle();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 4; i++) await round();
      await settle();
      const growth = process.memoryUsage().heapUsed - before;
      growth.should.be.below(8 * 1024 * 1024);
    });

    it('a redeploy in the middle of the load aborts requests in flight, finishes every message, and the new nodes work', async function () {
      const flow = startFlow(sim, { starterId: 'slow-200' });
      await loadFlow(flow, sim);
      const node = helper.getNode('node');
      const finished = new Map();
      const count = (n, how) => finished.set(n, (finished.get(n) || []).concat(how));
      node.error = (err, msg) => count(msg.n, `error ${err.code}`);
      const completed = helper.getNode('completed');
      completed.on('input', (msg) => count(msg.n, 'complete'));
      for (let i = 0; i < 200; i++) node.receive({ n: i });
      await wait(300);
      await helper.setFlows(startFlow(sim, { starterId: 'fresh' }), 'full', credentials(sim));
      await wait(100);
      finished.size.should.equal(200);
      for (const [, endings] of finished) endings.should.have.length(1);
      [...finished.values()].flat().some((how) => how === 'error CONNECTION_FAILED').should.be.true();
      const result = await run({ payload: 'after' });
      result.out.should.have.length(1);
      result.out[0].payload.should.match(/^[0-9a-f-]{36}$/);
    });
  });

  describe('secrets', function () {
    it('the password appears nowhere: not in msg, error text, status, or the log at any level', async function () {
      await loadFlow(startFlow(sim, { starterId: 'payload', starterIdType: 'msg' }, { retries: 1 }), sim);
      const node = helper.getNode('node');
      const keys = ['ok', 'server-error', 'unknown-starter', 'login-page', 'reset', 'flaky-1', 'redirect-same'];
      const result = await runMany(keys.map((payload) => ({ payload })), { settle: 50 });
      (result.out.length + result.caught.length).should.be.above(5);
      node.warn('check');
      const { credentials: _credentials, ...server } = helper.getNode('srv');
      const seen = JSON.stringify(result) + logText() + util.inspect(server, { depth: 5 });
      seen.should.not.containEql(sim.password);
      seen.should.not.containEql(token());
    });

    it('the config node keeps the credentials only in its credentials, not in its properties', async function () {
      await loadFlow(startFlow(sim), sim);
      const server = helper.getNode('srv');
      server.credentials.should.eql({ username: sim.username, password: sim.password });
      Object.keys(server).filter((k) => k !== 'credentials').forEach((k) => {
        const value = server[k];
        if (typeof value === 'string') value.should.not.containEql(sim.password);
      });
    });

    it('logs the plain-http warning once per config node, not per message', async function () {
      await loadFlow(startFlow(sim, {}, { url: 'http://192.0.2.1:9/ibis/rest', timeout: 100, retries: 0 }), sim);
      await runMany([{}, {}, {}]);
      logText().split('unencrypted').length.should.equal(2);
    });
  });
});
