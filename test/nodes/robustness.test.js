'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const should = require('should');
const { helper, load, logText } = require('../support/runtime');
const { SERVER_TYPE, loadFlow, credentials, run, runMany, caughtWith, functionNode } = require('../support/flows');
const { followMessages } = require('../support/message-flow');
const { useSimulator } = require('../support/simulated');
const { skipTest } = require('../support/skip');
const { simulatorIdle, until } = require('../support/waits');
const { NODE_KINDS, STATUSES, ROOT, queryOf } = require('../support/node-kinds');

describe('faults, bad input, load and secrets', function () {
  const sim = useSimulator({ password: 'Vry-s3cret-pw!' });

  const token = () => Buffer.from(`${sim.username}:${sim.password}`).toString('base64');

  describe('after every fault the node serves the next message normally', function () {
    for (const kind of NODE_KINDS) {
      describe(kind.type, function () {
        // [scenario key, the code it ends in]: every fault the simulator can make of this node's request.
        const faults = [
          ['slow-2000', 'TIMEOUT'],
          ['reset', 'CONNECTION_FAILED'],
          ['reset-mid-body', 'CONNECTION_FAILED'],
          ...Object.entries(kind.malformed).map(([key, [, , code]]) => [key, code]),
          ...kind.serverErrors.map(([key, , code]) => [key, code]),
          ...STATUSES.map(([status, code]) => [`status-${status}`, code]),
          ...kind.otherSuccess.map((status) => [`status-${status}`, 'INVALID_RESPONSE']),
          ['flaky-9', 'SERVICE_UNAVAILABLE'],
        ];
        for (const [key, code] of faults) {
          it(`${key}: ${code}, then the next message is served`, async function () {
            await loadFlow(kind.flow(sim, {}, { timeout: 300, retries: 1 }), sim);
            const failed = await run(kind.message(key));
            failed.out.should.have.length(0);
            failed.caught.should.have.length(1);
            failed.caught[0].error.message.should.be.a.String();
            // The code: on msg.error where the runtime passes it (Node-RED 4+), and in the status always.
            caughtWith(failed, code);
            const ok = await run(kind.message(kind.valid));
            ok.out.should.have.length(kind.outputs);
            kind.success(ok.out, kind.valid);
            ok.caught.should.have.length(0);
            ok.status.should.match({ fill: 'green' });
          });
        }
      });
    }
  });

  describe('long and awkward values', function () {
    const awkward = 'ü/?#%&=+ '.repeat(120).slice(0, 1000);

    for (const kind of NODE_KINDS) {
      describe(kind.type, function () {
        it(`sends a long value (1,000 characters) percent-encoded in one ${typeof kind.request.query === 'function' ? 'query value' : 'segment'}`, async function () {
          const value = kind.idFrom ? kind.idFrom(awkward) : awkward;
          await loadFlow(kind.flow(sim, {}), sim);
          const result = await run(kind.message(value));
          sim.requests.should.have.length(1);
          sim.requests[0].segments.should.eql(kind.request.segments(value));
          sim.requests[0].query.should.eql(queryOf(kind, value));
          if (kind.idFrom) {
            result.out.should.have.length(kind.outputs);
            kind.success(result.out, value);
          } else if (kind.unknownId) {
            const [code, statusCode] = kind.unknownId;
            caughtWith(result, code).statusCode.should.equal(statusCode);
          } else {
            // No such id: the server refuses it, as it was sent.
            caughtWith(result, 'BAD_REQUEST').serverError.errorMessageParameters.should.eql([value]);
          }
        });

        it('refuses a 10 kB value with INVALID_INPUT before any request', async function () {
          await loadFlow(kind.flow(sim, {}), sim);
          const result = await run(kind.message('1'.repeat(10240)));
          caughtWith(result, 'INVALID_INPUT').error.message.should.match(/too long/);
          sim.requests.should.have.length(0);
        });

        it('refuses text that is not valid Unicode (a lone surrogate) with INVALID_INPUT', async function () {
          await loadFlow(kind.flow(sim, {}), sim);
          caughtWith(await run(kind.message('a\uD800b')), 'INVALID_INPUT');
          sim.requests.should.have.length(0);
        });

        for (const [name, props] of kind.queryValues) {
          it(`sends a long ${name} as one query value`, async function () {
            await loadFlow(kind.flow(sim, props), sim);
            const result = await run({ ...kind.message(kind.valid), value: awkward });
            result.out.should.have.length(kind.outputs);
            kind.success(result.out, kind.valid);
            sim.requests.should.have.length(1);
            sim.requests[0].segments.should.eql(kind.request.segments(kind.valid));
            sim.requests[0].query.should.eql({ ...queryOf(kind, kind.valid), [name]: awkward });
          });

          it(`${name}: a 10 kB value or a lone surrogate is INVALID_INPUT before any request`, async function () {
            await loadFlow(kind.flow(sim, props), sim);
            caughtWith(await run({ ...kind.message(kind.valid), value: 'x'.repeat(10240) }), 'INVALID_INPUT').error.message.should.match(
              /too long/,
            );
            caughtWith(await run({ ...kind.message(kind.valid), value: 'a\uD800b' }), 'INVALID_INPUT');
            sim.requests.should.have.length(0);
          });
        }
      });
    }
  });

  describe('objects built in a Function node (README, "Nodes": variables and form fields)', function () {
    it('every node whose dialog takes an object has the case in the table of node kinds', function () {
      const takesObjects = Object.keys(require('../../package.json')['node-red'].nodes).filter((type) =>
        fs.readFileSync(path.join(__dirname, '..', '..', 'nodes', `${type}.html`), 'utf8').includes('BpmEditor.variables('),
      );
      takesObjects.should.not.be.empty();
      NODE_KINDS.filter((kind) => kind.objects)
        .map((kind) => kind.type)
        .sort()
        .should.eql(takesObjects.sort());
    });

    for (const kind of NODE_KINDS.filter((k) => k.objects)) {
      describe(kind.type, function () {
        it('takes a plain object that a Function node built, nested values included, and sends it', async function () {
          await loadFlow(kind.flow(sim, kind.objects.props, {}, [functionNode(`msg.built = ${kind.objects.built};`)]), sim);
          const result = await run(kind.message(kind.valid), { into: 'fn' });
          result.caught.should.have.length(0);
          result.out.should.have.length(kind.outputs);
          kind.success(result.out, kind.valid);
          kind.objects.sent(sim);
        });

        for (const [what, source] of [
          ['a list', '[1, 2]'],
          ['a Date', 'new Date()'],
          ['a class instance', '(class Order { constructor() { this.id = 1; } }, new (class Order { constructor() { this.id = 1; } })())'],
          ['text', '"a=1"'],
          ['a number', '12'],
        ]) {
          it(`refuses ${what} that a Function node built with INVALID_INPUT, and sends nothing`, async function () {
            await loadFlow(kind.flow(sim, kind.objects.props, {}, [functionNode(`msg.built = ${source};`)]), sim);
            caughtWith(await run(kind.message(kind.valid), { into: 'fn' }), 'INVALID_INPUT');
            sim.requests.should.have.length(0);
          });
        }
      });
    }
  });

  describe('load', function () {
    this.timeout(60000);

    for (const kind of NODE_KINDS) {
      it(`${kind.type}: 1,000 messages at once are each answered exactly once, with at most maxConcurrent in flight over reused connections`, async function () {
        await loadFlow(kind.flow(sim, {}), sim);
        // Every tenth fails with a 500 that is not retried; every other one sends one message.
        const msgs = Array.from({ length: 1000 }, (_, i) => ({ ...kind.message(i % 10 === 0 ? kind.failing : kind.one), n: i }));
        const result = await runMany(msgs, { timeout: 50000 });
        result.out.should.have.length(900);
        result.caught.should.have.length(100);
        const seen = [...result.out, ...result.caught].map((m) => m.n).sort((a, b) => a - b);
        seen.should.eql(Array.from({ length: 1000 }, (_, i) => i));
        result.caught.forEach((m) => (m.n % 10).should.equal(0));
        result.completed.should.have.length(900);
        sim.stats.maxInFlight.should.be.belowOrEqual(8);
        sim.stats.connections.should.be.belowOrEqual(8);
        sim.requests.should.have.length(100 + 900 * kind.requestsPerMessage);
      });
    }

    it('memory stays flat over repeated rounds through every node at once (no leaked listeners, timers or messages)', async function () {
      if (typeof global.gc !== 'function') skipTest(this, 'the memory checks need node --expose-gc');
      // Message i of a round, for each node: every fifth fails (a reset where it is not retried).
      const messageOf = (kind, i) => kind.message(i % 5 !== 0 ? kind.one : kind.reads ? kind.failing : 'reset');
      // The flows on one tab, each node id suffixed with its index, with one Catch and one
      // Complete for all (the test helper loads a core node type once for each node of it).
      const flow = [];
      const serverCredentials = {};
      NODE_KINDS.forEach((kind, index) => {
        const renamed = (id) => `${id}-${index}`;
        for (const n of kind.flow(sim, {}).filter((n) => !['catch', 'complete'].includes(n.type) && (n.type !== 'tab' || index === 0))) {
          const copy = n.type === 'tab' ? n : { ...n, id: renamed(n.id) };
          if (n.wires) copy.wires = n.wires.map((port) => port.map(renamed));
          if (n.server) copy.server = renamed(n.server);
          flow.push(copy);
        }
        serverCredentials[renamed('srv')] = credentials(sim).srv;
      });
      const nodeIds = NODE_KINDS.map((_, index) => `node-${index}`);
      flow.push(
        { id: 'on-error', z: 'tab', type: 'catch', scope: nodeIds, uncaught: false, wires: [['caught']] },
        { id: 'caught', z: 'tab', type: 'helper' },
        { id: 'on-complete', z: 'tab', type: 'complete', scope: nodeIds, uncaught: false, wires: [['completed']] },
        { id: 'completed', z: 'tab', type: 'helper' },
      );
      await load(flow, serverCredentials);
      const nodes = nodeIds.map((id) => helper.getNode(id));
      const ends = [helper.getNode('caught'), helper.getNode('completed')];
      const total = 250 * nodes.length;
      /** 250 messages into each node at once; resolves when all have ended. */
      const round = async () => {
        let ended = 0;
        const count = () => {
          ended++;
        };
        ends.forEach((end) => end.on('input', count));
        try {
          for (let i = 0; i < 250; i++) nodes.forEach((node, index) => node.receive(messageOf(NODE_KINDS[index], i)));
          await until(() => ended >= total, `${total} finished messages`, 40000);
        } finally {
          ends.forEach((end) => end.removeListener('input', count));
        }
        ended.should.equal(total);
      };
      // The test helper's spies remember every call; forget them so that only our nodes count.
      // Measured once the simulator has ended every request: no socket of a round is still busy.
      const settle = async () => {
        helper._sandbox.resetHistory();
        sim.requests.length = 0;
        await simulatorIdle(sim);
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

    for (const kind of NODE_KINDS.filter((k) => k.changes)) {
      it(`${kind.type}: a redeploy in the middle of the load lets the changes sent finish, sends none that waited, accounts for every message in output, Catch or log, and the new nodes work`, async function () {
        await loadFlow(kind.flow(sim, {}), sim);
        const node = helper.getNode('node');
        const finished = new Map();
        const count = (n, how) => finished.set(n, (finished.get(n) || []).concat(how));
        node.error = (err, m) => count(m.n, `error ${err.code}`);
        const warnings = [];
        node.warn = (text) => warnings.push(text);
        const completed = helper.getNode('completed');
        completed.on('input', (m) => count(m.n, 'complete'));
        for (let i = 0; i < 200; i++) node.receive({ ...kind.message('slow-200'), n: i });
        // Redeployed once the first requests are in flight and the rest wait in the queue.
        await until(() => sim.stats.inFlight >= 8, 'eight requests in flight');
        await helper.setFlows(kind.flow(sim, {}), 'full', credentials(sim));
        for (const [, endings] of finished) endings.should.have.length(1);
        const afterStop = warnings.filter((text) => /finished after the flow stopped: done/.test(text)).length;
        const notSent = warnings
          .map((text) => /(\d+) message\(s\) not sent to the server/.exec(text))
          .filter(Boolean)
          .reduce((sum, match) => sum + Number(match[1]), 0);
        afterStop.should.be.above(0);
        notSent.should.be.above(0);
        (finished.size + afterStop + notSent).should.equal(200);
        // Every change that went out was answered: none was cut off.
        sim.requests.forEach((request) => should(request.answered).be.true());
        sim.requests.length.should.equal((finished.size + afterStop) * kind.requestsPerMessage);
        await simulatorIdle(sim, 'the simulator to have ended every request');
        const result = await run(kind.message(kind.valid));
        result.caught.should.have.length(0);
        result.out.should.have.length(kind.outputs);
        kind.success(result.out, kind.valid);
      });
    }

    for (const kind of NODE_KINDS.filter((k) => !k.changes)) {
      it(`${kind.type}: a redeploy in the middle of the load aborts requests in flight, finishes every message, and the new nodes work`, async function () {
        await loadFlow(kind.flow(sim, {}), sim);
        const node = helper.getNode('node');
        const finished = new Map();
        const count = (n, how) => finished.set(n, (finished.get(n) || []).concat(how));
        node.error = (err, m) => count(m.n, `error ${err.code}`);
        const completed = helper.getNode('completed');
        completed.on('input', (m) => count(m.n, 'complete'));
        for (let i = 0; i < 200; i++) node.receive({ ...kind.message('slow-200'), n: i });
        // In the middle of the load: the first messages have finished, the next ones are in flight or queued.
        await until(() => finished.size > 0, 'the first finished message');
        const messages = followMessages();
        try {
          await helper.setFlows(kind.flow(sim, {}), 'full', credentials(sim));
          // Every message ended, and the runtime carries no Complete or Catch message any more.
          await until(() => finished.size === 200 && messages.idle(), '200 finished messages');
        } finally {
          messages.stop();
        }
        for (const [, endings] of finished) endings.should.have.length(1);
        [...finished.values()]
          .flat()
          .some((how) => how === 'error CONNECTION_FAILED')
          .should.be.true();
        await simulatorIdle(sim, 'the simulator to see the aborted requests closed');
        const result = await run(kind.message(kind.valid));
        result.caught.should.have.length(0);
        result.out.should.have.length(kind.outputs);
        kind.success(result.out, kind.valid);
      });
    }
  });

  describe('secrets', function () {
    for (const kind of NODE_KINDS) {
      it(`${kind.type}: the password appears nowhere: not in msg, error text, status, or the log at any level`, async function () {
        await loadFlow(kind.flow(sim, {}, { retries: 1 }), sim);
        const ours = helper.getNode('node');
        // Keys that succeed, fail with a server error body, an HTML page, a reset, a retry and a redirect.
        const keys = [
          kind.valid,
          ...kind.serverErrors.map(([key]) => key),
          'login-page',
          'reset',
          'flaky-1',
          'redirect-same',
          'redirect-other-host',
        ];
        const result = await runMany(keys.map((key) => kind.message(key)));
        result.out.length.should.be.above(0);
        result.caught.length.should.be.above(4);
        ours.warn('check');
        const { credentials: _credentials, ...server } = helper.getNode('srv');
        const seen = JSON.stringify(result) + logText() + util.inspect(server, { depth: 5 }) + util.inspect(ours, { depth: 3 });
        seen.should.not.containEql(sim.password);
        seen.should.not.containEql(token());
      });
    }

    /** The first node kind of each kind of server, for what its config node must do. */
    const serverKinds = NODE_KINDS.filter((kind, index) => NODE_KINDS.findIndex((other) => other.server === kind.server) === index);
    for (const kind of serverKinds) {
      const configType = SERVER_TYPE[kind.server];
      it(`${configType}: the config node keeps the credentials only in its credentials, not in its properties`, async function () {
        await loadFlow(kind.flow(sim, {}), sim);
        const server = helper.getNode('srv');
        server.credentials.should.eql({ username: sim.username, password: sim.password });
        Object.keys(server)
          .filter((k) => k !== 'credentials')
          .forEach((k) => {
            const value = server[k];
            if (typeof value === 'string') value.should.not.containEql(sim.password);
          });
      });

      it(`${configType}: logs the plain-http warning once per config node, not per message`, async function () {
        await loadFlow(kind.flow(sim, {}, { url: `http://192.0.2.1:9${ROOT[kind.server]}`, timeout: 100, retries: 0 }), sim);
        await runMany([1, 2, 3].map(() => kind.message(kind.valid)));
        logText().split('unencrypted').length.should.equal(2);
      });
    }
  });
});
