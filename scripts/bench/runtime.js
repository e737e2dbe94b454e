'use strict';
// One embedded Node-RED runtime for the benchmark: a temporary userDir, this package loaded
// through `nodesDir`, and a tiny `bench-counter` node type that resolves a promise once the
// expected number of messages has arrived.
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..', '..');
// The package under test: this one, or another build of it (to compare two versions).
const packageDir = path.resolve(process.env.BENCH_PACKAGE_DIR || root);
const HUB = Symbol.for('node-red-bpm-bench.counters');

// The counter node, written into <userDir>/nodes: the same node at the end of every flow.
const COUNTER_JS = `module.exports = function (RED) {
  const hub = globalThis[Symbol.for('node-red-bpm-bench.counters')];
  function BenchCounter(config) {
    RED.nodes.createNode(this, config);
    this.on('input', (msg, send, done) => {
      hub.arrived(this.id, msg);
      done();
    });
  }
  RED.nodes.registerType('bench-counter', BenchCounter);
};
`;
const COUNTER_HTML = `<script type="text/javascript">
  RED.nodes.registerType('bench-counter', { category: 'common', defaults: { name: { value: '' } }, inputs: 1, outputs: 0, label: 'bench counter' });
</script>
`;

/** Counts the messages arriving at each counter node; `arm` resolves at the expected count. */
class Counters {
  constructor() {
    this.armed = new Map();
    // Every arrival at every counter, armed or not, and who waits for a total.
    this.totals = new Map();
    this.reaching = [];
  }

  /** How many messages have arrived at counter `id` so far. */
  total(id) {
    return this.totals.get(id) ?? 0;
  }

  /** Resolves once `total` messages in all have arrived at counter `id` (or at the counters of a list of ids together). */
  reach(id, total) {
    const ids = [id].flat();
    if (this.sum(ids) >= total) return Promise.resolve();
    return new Promise((resolve) => this.reaching.push({ ids, total, resolve }));
  }

  sum(ids) {
    return ids.reduce((sum, id) => sum + this.total(id), 0);
  }

  /** Resolves with { count, bad, example } once `expected` messages arrived; `check` tells good from bad. */
  arm(id, expected, check) {
    return new Promise((resolve) => {
      this.armed.set(id, { expected, check, count: 0, bad: 0, resolve });
    });
  }

  arrived(id, msg) {
    this.totals.set(id, this.total(id) + 1);
    if (this.reaching.length > 0) {
      const met = this.reaching.filter((waiting) => waiting.ids.includes(id) && this.sum(waiting.ids) >= waiting.total);
      this.reaching = this.reaching.filter((waiting) => !met.includes(waiting));
      met.forEach((waiting) => waiting.resolve());
    }
    const entry = this.armed.get(id);
    if (!entry) return;
    entry.count++;
    if (entry.check && !entry.check(msg)) {
      entry.bad++;
      entry.example ??= `statusCode ${msg.statusCode}, payload ${JSON.stringify(msg.payload)?.slice(0, 160)}`;
    }
    if (entry.count === entry.expected) {
      this.armed.delete(id);
      entry.resolve({ count: entry.count, bad: entry.bad, example: entry.example });
    }
  }

  /** Gives up on a counter, e.g. after a timeout, reporting how many messages did arrive. */
  cancel(id) {
    const entry = this.armed.get(id);
    if (!entry) return 0;
    this.armed.delete(id);
    return entry.count;
  }
}

/** Starts Node-RED (the package NODE_RED_PACKAGE, default `node-red`) with this package loaded. */
async function startRuntime() {
  const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
  const RED = require(runtimePackage);
  const version = require(path.join(path.dirname(require.resolve(runtimePackage)), '..', 'package.json')).version;
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-bench-'));
  fs.mkdirSync(path.join(userDir, 'nodes'));
  fs.writeFileSync(path.join(userDir, 'nodes', 'bench-counter.js'), COUNTER_JS);
  fs.writeFileSync(path.join(userDir, 'nodes', 'bench-counter.html'), COUNTER_HTML);
  const counters = new Counters();
  globalThis[HUB] = counters;

  const server = http.createServer();
  RED.init(server, {
    userDir,
    nodesDir: [packageDir],
    flowFile: 'flows.json',
    credentialSecret: 'bench',
    httpAdminRoot: false,
    httpNodeRoot: false,
    logging: { console: { level: 'warn', metrics: false, audit: false } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  // RED.start() resolves before the stored (empty) flows have loaded; a deploy in between would
  // lose its credentials to that load.
  const loaded = new Promise((resolve) => RED.events.once('flows:started', resolve));
  await RED.start();
  await loaded;
  const types = ['ibm-bpm-list-adhoc-activities', 'inubit-start-adhoc-process', 'bench-counter'];
  const missing = types.filter((type) => !RED.runtime.nodes || !nodeTypeLoaded(RED, type));
  if (missing.length > 0) throw new Error(`Node-RED did not load the node types ${missing.join(', ')}; run npm run build first`);

  return {
    version,
    counters,
    /** True when Node-RED loaded a node type: a build from before a node lacks it (BENCH_PACKAGE_DIR). */
    hasType(type) {
      return nodeTypeLoaded(RED, type);
    },
    /** Replaces all flows and resolves once they run. */
    async deploy(flows, credentials) {
      await RED.runtime.flows.setFlows({ flows: { flows, credentials }, deploymentType: 'full' });
      // setFlows resolves once the flows are saved; they start a moment later.
      const absent = () => flows.filter((node) => node.type !== 'tab' && !RED.nodes.getNode(node.id));
      for (let waited = 0; absent().length > 0; waited += 10) {
        if (waited > 10000)
          throw new Error(
            `nodes did not start: ${absent()
              .map((node) => node.id)
              .join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    node(id) {
      const node = RED.nodes.getNode(id);
      if (!node) throw new Error(`no node ${id} is running`);
      return node;
    },
    async stop() {
      await RED.stop();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
}

function nodeTypeLoaded(RED, type) {
  try {
    return Boolean(RED.nodes.getType ? RED.nodes.getType(type) : true);
  } catch {
    return false;
  }
}

module.exports = { startRuntime, root, packageDir };
