'use strict';
const fs = require('fs');
const should = require('should');
const { helper, logText } = require('../support/runtime');
const {
  SERVER_TYPE,
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  withoutProperties,
  loadFlow,
  run,
  runMany,
  caughtWith,
  statusShown,
} = require('../support/flows');
const { selfSignedCertificate, startHttpsServer } = require('../support/tls');
const { startSimulator } = require('../simulator');
const { useSimulator, freePort } = require('../support/simulated');
const { until } = require('../support/waits');

describe('config nodes inubit-server and ibm-bpm-server (README, "Config nodes")', function () {
  const sim = useSimulator();

  const flows = {
    inubit: (server, node = {}) => startFlow(sim, node, server),
    bpm: (server, node = {}) => listFlow(sim, { instanceId: '101', instanceIdType: 'str', ...node }, server),
  };
  const root = { inubit: '/ibis/rest', bpm: '/rest/bpm/wle/v1' };
  const firstPath = { inubit: '/task/adhoc/alice/starter-1', bpm: '/process/101/adHocActivities' };

  for (const kind of ['inubit', 'bpm']) {
    describe(SERVER_TYPE[kind], function () {
      it('appends the REST root to a bare http://host:port', async function () {
        await loadFlow(flows[kind]({ url: sim.url }), sim);
        const result = await run({});
        result.out.should.have.length(1);
        sim.requests[0].rawPath.should.equal(root[kind] + firstPath[kind]);
      });

      it('tolerates a trailing "/" on the url', async function () {
        await loadFlow(flows[kind]({ url: `${sim.url}${root[kind]}/` }), sim);
        const result = await run({});
        result.out.should.have.length(1);
        sim.requests[0].rawPath.should.equal(root[kind] + firstPath[kind]);
      });

      it('sends the credentials from the credential store as HTTP Basic authentication', async function () {
        await loadFlow(flows[kind]({}), sim);
        await run({});
        const expected = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
        sim.requests[0].headers.authorization.should.equal(expected);
      });

      it('answers UNAUTHORIZED when the password is wrong', async function () {
        await loadFlow(flows[kind]({}), sim, { password: 'wrong' });
        caughtWith(await run({}), 'UNAUTHORIZED').statusCode.should.equal(401);
      });

      it('sends no Authorization header when no credentials are set', async function () {
        await loadFlow(flows[kind]({}), sim, { username: '', password: '' });
        caughtWith(await run({}), 'UNAUTHORIZED');
        should(sim.requests[0].headers.authorization).be.undefined();
      });

      it('ends an attempt that takes longer than timeout milliseconds with TIMEOUT', async function () {
        const slow = kind === 'inubit' ? { starterId: 'slow-1000' } : { instanceId: 'slow-1000' };
        await loadFlow(flows[kind]({ timeout: 150, retries: 0 }, slow), sim);
        // TIMEOUT is the attempt's own timer ending it: an answer, however late, would be a success.
        const msg = caughtWith(await run({}), 'TIMEOUT');
        msg.error.message.should.match(/timed out: no complete answer within 150 ms/);
        should(msg.statusCode).be.undefined();
        sim.requests.should.have.length(1);
      });

      it('waits 30000 ms for a complete answer when the config node has no timeout', async function () {
        const slow = kind === 'inubit' ? { starterId: 'slow-1000' } : { instanceId: 'slow-1000' };
        const flow = flows[kind]({ retries: 0 }, slow).map((n) => {
          if (n.id !== 'srv') return n;
          const copy = { ...n };
          delete copy.timeout;
          return copy;
        });
        await loadFlow(flow, sim);
        // Waiting 30 s is too long for a test: while the message runs, a timer armed for exactly
        // 30000 ms fires after 200 ms instead. A TIMEOUT well before the slow answer then shows that
        // the attempt armed 30000 ms; any other default lets the answer arrive after 1 s.
        const armed = [];
        const original = global.setTimeout;
        global.setTimeout = function (callback, ms, ...args) {
          armed.push(ms);
          return original.call(this, callback, ms === 30000 ? 200 : ms, ...args);
        };
        let result;
        try {
          result = await run({});
        } finally {
          global.setTimeout = original;
        }
        const msg = caughtWith(result, 'TIMEOUT');
        msg.error.message.should.match(/no complete answer within 30000 ms/);
        armed.should.containEql(30000);
        sim.requests.should.have.length(1);
      });

      it('reads a timeout saved as text by the editor ("150")', async function () {
        const slow = kind === 'inubit' ? { starterId: 'slow-2000' } : { instanceId: 'slow-2000' };
        await loadFlow(flows[kind]({ timeout: '150', retries: '0' }, slow), sim);
        const msg = caughtWith(await run({}), 'TIMEOUT');
        msg.error.message.should.match(/no complete answer within 150 ms/);
        sim.requests.should.have.length(1);
      });

      it('reads retries saved as text by the editor ("0"): one request on a 503', async function () {
        const flaky = kind === 'inubit' ? { starterId: 'flaky-1' } : { instanceId: 'flaky-1' };
        await loadFlow(flows[kind]({ retries: '0' }, flaky), sim);
        caughtWith(await run({}), 'SERVICE_UNAVAILABLE').statusCode.should.equal(503);
        sim.requests.should.have.length(1);
      });

      it('reads maxConcurrent saved as text by the editor ("2")', async function () {
        const node = kind === 'inubit' ? { starterId: 'slow-100' } : { instanceId: 'slow-100' };
        await loadFlow(flows[kind]({ maxConcurrent: '2' }, node), sim);
        const result = await runMany(Array.from({ length: 6 }, () => ({})));
        result.caught.should.have.length(0);
        sim.stats.maxInFlight.should.equal(2);
      });

      it('applies maxConcurrent to all flow nodes of one server together', async function () {
        const slow = kind === 'inubit' ? { starterId: 'slow-150' } : { instanceId: 'slow-150' };
        const flow = flows[kind]({ maxConcurrent: 2 }, slow);
        const first = flow.find((n) => n.id === 'node');
        // The Catch and the Complete of the flow watch both nodes.
        for (const watcher of flow.filter((n) => n.id === 'on-error' || n.id === 'on-complete')) watcher.scope = ['node', 'node2'];
        flow.push({ ...first, id: 'node2', wires: [['out2']] }, { id: 'out2', z: 'tab', type: 'helper' });
        await loadFlow(flow, sim);
        const seen = { out: [], out2: [], caught: [], completed: [] };
        for (const id of Object.keys(seen)) helper.getNode(id).on('input', (msg) => seen[id].push(msg));
        for (let i = 0; i < 4; i++) {
          helper.getNode('node').receive({ n: i });
          helper.getNode('node2').receive({ n: i });
        }
        // Each node sends a message's output before it finishes it: all is there once all 8 have finished.
        await until(() => seen.caught.length + seen.completed.length >= 8, '8 finished messages');
        seen.caught.should.have.length(0);
        seen.completed.should.have.length(8);
        // One message per start, one per activity of the listed instance (two of them).
        const perInput = kind === 'inubit' ? 1 : 2;
        seen.out.should.have.length(4 * perInput);
        seen.out2.should.have.length(4 * perInput);
        sim.requests.should.have.length(8);
        sim.stats.maxInFlight.should.equal(2);
      });

      it('retries 2 times by default', async function () {
        const flaky = kind === 'inubit' ? { starterId: 'flaky-2' } : { instanceId: 'flaky-2' };
        const flow = flows[kind]({}, flaky).map((n) => {
          if (n.id !== 'srv') return n;
          const copy = { ...n };
          delete copy.retries;
          return copy;
        });
        await loadFlow(flow, sim);
        const result = await run({});
        result.caught.should.have.length(0);
        result.out.length.should.be.above(0);
        sim.requests.should.have.length(3);
        // The test runtime shows message keys, so "retry 1" and "retry 2" look the same here.
        const retrying = `${flow.find((n) => n.id === 'node').type}.status.retrying`;
        result.statuses.should.containEql({ fill: 'yellow', shape: 'ring', text: retrying });
        result.status.should.match({ fill: 'green' });
      });

      it('retries as often as retries says, then fails with SERVICE_UNAVAILABLE', async function () {
        const flaky = kind === 'inubit' ? { starterId: 'flaky-5' } : { instanceId: 'flaky-5' };
        await loadFlow(flows[kind]({ retries: 3 }, flaky), sim);
        const msg = caughtWith(await run({}), 'SERVICE_UNAVAILABLE');
        msg.statusCode.should.equal(503);
        sim.requests.should.have.length(4);
      });

      it('retries 0 times when retries is 0', async function () {
        const flaky = kind === 'inubit' ? { starterId: 'flaky-1' } : { instanceId: 'flaky-1' };
        await loadFlow(flows[kind]({ retries: 0 }, flaky), sim);
        caughtWith(await run({}), 'SERVICE_UNAVAILABLE');
        sim.requests.should.have.length(1);
      });

      it('keeps at most maxConcurrent requests in flight and queues the rest in arrival order', async function () {
        const ids = Array.from({ length: 12 }, (_, i) => `slow-${60 + i}`);
        const node = kind === 'inubit' ? { starterId: 'payload', starterIdType: 'msg' } : { instanceId: 'payload', instanceIdType: 'msg' };
        await loadFlow(flows[kind]({ maxConcurrent: 3 }, node), sim);
        const result = await runMany(ids.map((payload) => ({ payload })));
        result.caught.should.have.length(0);
        sim.stats.maxInFlight.should.equal(3);
        sim.requests.map((r) => r.segments[r.segments.length - (kind === 'inubit' ? 1 : 2)]).should.eql(ids);
      });

      it('allows 8 requests in flight by default', async function () {
        const node = kind === 'inubit' ? { starterId: 'slow-80' } : { instanceId: 'slow-80' };
        const flow = flows[kind]({}, node).map((n) => {
          if (n.id !== 'srv') return n;
          const copy = { ...n };
          delete copy.maxConcurrent;
          return copy;
        });
        await loadFlow(flow, sim);
        await runMany(Array.from({ length: 20 }, () => ({})));
        sim.stats.maxInFlight.should.equal(8);
      });

      it('warns once when credentials would go over plain http to a host that is not loopback', async function () {
        await loadFlow(flows[kind]({ url: 'http://bpm.example.invalid:8080' }), sim);
        logText().should.match(/unencrypted/);
        await helper.unload();
        await loadFlow(flows[kind]({}), sim);
        logText().should.not.match(/unencrypted/);
      });

      it('reports a url that is not http(s) as INVALID_INPUT without sending a request', async function () {
        await loadFlow(flows[kind]({ url: 'ftp://example.org' }), sim);
        caughtWith(await run({}), 'INVALID_INPUT');
        sim.requests.should.have.length(0);
      });

      it('reports a refused connection as CONNECTION_FAILED', async function () {
        const port = await freePort();
        await loadFlow(flows[kind]({ url: `http://127.0.0.1:${port}`, retries: 0 }), sim);
        const msg = caughtWith(await run({}), 'CONNECTION_FAILED');
        msg.error.message.should.match(/refused/);
      });

      it('retries a refused connection', async function () {
        const port = await freePort();
        await loadFlow(flows[kind]({ url: `http://127.0.0.1:${port}`, retries: 2 }), sim);
        let late;
        const pending = run({});
        try {
          // The first attempt is refused (the node shows that it retries); the server is up before the retry.
          await statusShown(helper.getNode('node'), (status) => status.fill === 'yellow', 'the status "retrying"');
          late = await startSimulator({ port });
          const result = await pending;
          result.out.should.have.length(1);
          late.requests.should.have.length(1);
        } finally {
          if (late) await late.close();
        }
      });
    });
  }

  describe('a config node saved without timeout, retries and maxConcurrent uses 30000, 2 and 8', function () {
    const flowNodes = [
      [startFlow.type, (key, server) => startFlow(sim, { starterId: key }, server)],
      [startersFlow.type, (key, server) => startersFlow(sim, { user: key }, server)],
      [listFlow.type, (key, server) => listFlow(sim, { instanceId: key, instanceIdType: 'str' }, server)],
      [startActivityFlow.type, (key, server) => startActivityFlow(sim, { activityId: key, activityIdType: 'str' }, server)],
    ];
    const withoutLimits = (flow) => withoutProperties(flow, 'srv', 'timeout', 'retries', 'maxConcurrent');

    for (const [type, flowOf] of flowNodes) {
      describe(type, function () {
        it('works, arms a 30000 ms timeout and retries 2 times on a 503', async function () {
          const flow = withoutLimits(flowOf('flaky-2'));
          const server = flow.find((n) => n.id === 'srv');
          server.should.not.have.properties('timeout', 'retries', 'maxConcurrent');
          await loadFlow(flow, sim);
          const armed = [];
          const original = global.setTimeout;
          global.setTimeout = function (callback, ms, ...args) {
            armed.push(ms);
            return original.call(this, callback, ms, ...args);
          };
          let result;
          try {
            result = await run({});
          } finally {
            global.setTimeout = original;
          }
          result.caught.should.have.length(0);
          result.out.length.should.be.above(0);
          sim.requests.should.have.length(3);
          armed.should.containEql(30000);
          result.statuses.should.containEql({ fill: 'yellow', shape: 'ring', text: `${type}.status.retrying` });
          result.status.should.match({ fill: 'green' });
        });

        it('fails with SERVICE_UNAVAILABLE after 2 retries', async function () {
          await loadFlow(withoutLimits(flowOf('flaky-3')), sim);
          caughtWith(await run({}), 'SERVICE_UNAVAILABLE').statusCode.should.equal(503);
          sim.requests.should.have.length(3);
        });

        it('allows 8 requests in flight', async function () {
          await loadFlow(withoutLimits(flowOf('slow-250')), sim);
          const result = await runMany(Array.from({ length: 10 }, () => ({})));
          result.caught.should.have.length(0);
          sim.requests.should.have.length(10);
          sim.stats.maxInFlight.should.equal(8);
        });
      });
    }
  });

  describe('tls', function () {
    let certificate;
    let server;
    before(async function () {
      certificate = selfSignedCertificate();
      server = await startHttpsServer(certificate);
    });
    after(async function () {
      await server.close();
      fs.rmSync(certificate.dir, { recursive: true, force: true });
    });

    const tlsNode = (props) => ({
      id: 'tlsconf',
      type: 'tls-config',
      name: '',
      cert: '',
      key: '',
      ca: '',
      certname: '',
      keyname: '',
      caname: '',
      servername: '',
      verifyservercert: true,
      alpnprotocol: '',
      ...props,
    });

    it('verifies the server certificate by default: a self-signed one fails with CONNECTION_FAILED', async function () {
      await loadFlow(startFlow(sim, {}, { url: server.url, retries: 0 }), sim);
      const msg = caughtWith(await run({}), 'CONNECTION_FAILED');
      msg.error.message.should.match(/TLS|certificate/i);
    });

    it('trusts the CA of a tls-config node', async function () {
      await loadFlow(startFlow(sim, {}, { url: server.url, tls: 'tlsconf' }, [tlsNode({ ca: certificate.cert })]), sim);
      const result = await run({});
      result.out[0].payload.should.equal('tls-task');
    });

    it('skips verification when the tls-config node turns it off', async function () {
      await loadFlow(listFlow(sim, {}, { url: server.url, tls: 'tlsconf' }, [tlsNode({ verifyservercert: false })]), sim);
      const result = await run({ payload: '100' });
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
    });
  });
});
