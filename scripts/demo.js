'use strict';
// The demo behind `npm start`: starts the server simulator and a Node-RED (from the dev
// dependencies) on loopback with this package installed in a fresh user directory, and deploys
// every example flow, one tab each, against the simulator. It uses the built nodes/ as they are;
// `npm start` asks it to build them first (the `build` option), the tests build before they run.
const childProcess = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { startSimulator } = require('../test/simulator');
const { request } = require('../test/support/http');
// The config node types: those of package.json whose editor file declares the config category.
const { CONFIG_TYPES } = require('../test/support/node-types');

const root = path.join(__dirname, '..');
const ownPackage = require(path.join(root, 'package.json'));
const examplesDir = path.join(root, 'examples');

const CREDENTIAL_SECRET = 'node-red-bpm-demo';
const STARTUP_LIMIT_MS = 60000;
const KILL_AFTER_MS = 5000;
const FLOWS_START_LIMIT_MS = 5000;
const OUTPUT_KEPT = 20000;

/** The example files, in menu order. */
function exampleFiles() {
  return fs
    .readdirSync(examplesDir)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

/** One example as Node-RED imports it: `{ name, nodes }`. */
function readExample(file) {
  return { name: file.replace(/\.json$/, ''), nodes: JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) };
}

/**
 * The examples as one deployable flow: each on its own tab, and every config node of one type
 * replaced by a single shared one (`servers[type]`: its id and the properties to set on it).
 */
function asTabs(examples, servers) {
  const flows = [];
  const configs = new Map();
  examples.forEach(({ name, nodes }, index) => {
    const tab = `demo-tab-${index + 1}`;
    flows.push({ id: tab, type: 'tab', label: name, disabled: false, info: '' });
    const renamed = new Map();
    for (const node of nodes) {
      if (CONFIG_TYPES.includes(node.type)) {
        const shared = servers[node.type];
        renamed.set(node.id, shared.id);
        if (!configs.has(node.type)) configs.set(node.type, { ...node, ...shared });
      }
    }
    for (const node of nodes) {
      if (CONFIG_TYPES.includes(node.type)) continue;
      const copy = { ...node, z: tab };
      for (const [key, value] of Object.entries(copy)) {
        if (typeof value === 'string' && renamed.has(value)) copy[key] = renamed.get(value);
      }
      flows.push(copy);
    }
  });
  return [...flows, ...configs.values()];
}

/** Resolves when `port` can be bound on `host`, rejects with a clear message when it cannot. */
function checkPortFree(port, host) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err) => reject(err.code === 'EADDRINUSE' ? portTaken(port, host) : err));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function portTaken(port, host) {
  return new Error(`Port ${port} on ${host} is already in use. Stop whatever uses it, or choose another port, e.g.: PORT=1890 npm start`);
}

/** Compiles src/ into nodes/ with the project's own TypeScript. */
function buildPackage() {
  return new Promise((resolve, reject) => {
    childProcess.execFile(process.execPath, [path.join(root, 'scripts', 'build.js')], { cwd: root }, (err, stdout, stderr) => {
      if (err) reject(new Error(`The build failed:\n${stdout}${stderr}`.trimEnd()));
      else resolve();
    });
  });
}

/** A Node-RED user directory in which this package is installed as a linked module, like `npm install <dir>` does. */
function createUserDir({ host, port }) {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-demo-'));
  const [scope, name] = ownPackage.name.split('/');
  fs.mkdirSync(path.join(userDir, 'node_modules', scope), { recursive: true });
  fs.symlinkSync(root, path.join(userDir, 'node_modules', scope, name), process.platform === 'win32' ? 'junction' : 'dir');
  const manifest = { name: 'node-red-bpm-demo', private: true, dependencies: { [ownPackage.name]: `file:${root}` } };
  fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const settings = {
    uiHost: host,
    uiPort: port,
    credentialSecret: CREDENTIAL_SECRET,
    flowFile: 'flows.json',
    editorTheme: { tours: false },
    telemetry: { enabled: false, updateNotification: false },
    logging: { console: { level: 'info', metrics: false, audit: false } },
  };
  fs.writeFileSync(path.join(userDir, 'settings.js'), `module.exports = ${JSON.stringify(settings, null, 2)};\n`);
  fs.writeFileSync(path.join(userDir, 'flows.json'), '[]\n');
  return userDir;
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition()` holds or `limit` ms have passed, whichever comes first. */
async function waitUntil(condition, limit) {
  const deadline = Date.now() + limit;
  while (!condition() && Date.now() < deadline) await wait(50);
}

/**
 * Starts the demo. Resolves with `{ editorUrl, sim, userDir, exited, stop }` once the editor
 * answers and the examples are deployed; `exited` resolves when Node-RED ends, `stop()` ends
 * everything (calling it again is harmless). `nodeRedOutput` receives Node-RED's console output
 * as text; `nodeRedPackage` picks the Node-RED dev dependency, like NODE_RED_PACKAGE in the tests.
 * `build: true` compiles src/ into nodes/ first (once the port is known to be free). When
 * `signal` aborts during startup, everything started so far is stopped and the promise rejects.
 */
async function startDemo({
  port = Number(process.env.PORT) || 1880,
  host = '127.0.0.1',
  log = console.log,
  nodeRedOutput = () => {},
  nodeRedPackage = process.env.NODE_RED_PACKAGE || 'node-red',
  build = false,
  signal,
} = {}) {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`Not a usable port: ${port}. Choose one from 1 to 65535, e.g.: PORT=1890 npm start`);
  await checkPortFree(port, host);

  let sim = null;
  let userDir = null;
  let red = null;
  let exited = Promise.resolve(null);
  let stopping = Promise.resolve();
  let output = '';
  // How often Node-RED has logged that its flows started: a deploy is answered before that.
  let flowsStarted = 0;

  // Stops what has been started so far; a later call also stops what started since.
  function stop() {
    stopping = stopping.then(async () => {
      if (red && red.exitCode === null && red.signalCode === null) {
        red.kill('SIGINT');
        const timer = setTimeout(() => red.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      if (sim) await sim.close();
      if (userDir) fs.rmSync(userDir, { recursive: true, force: true });
    });
    return stopping;
  }

  const aborted = () => new Error('The demo was stopped during startup');
  signal?.addEventListener('abort', () => void stop(), { once: true });
  try {
    if (build) {
      log('Building the package …');
      await buildPackage();
    }
    if (signal?.aborted) throw aborted();
    sim = await startSimulator({ port: 0 });
    if (signal?.aborted) throw aborted();
    userDir = createUserDir({ host, port });
    const editorUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;

    const manifestPath = require.resolve(`${nodeRedPackage}/package.json`, { paths: [root] });
    const redJs = path.join(path.dirname(manifestPath), require(manifestPath).bin['node-red']);
    log(`Starting Node-RED ${require(manifestPath).version} …`);
    red = childProcess.spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', path.join(userDir, 'settings.js')], {
      cwd: userDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-OUTPUT_KEPT);
      flowsStarted += (text.match(/Started flows/g) || []).length;
      nodeRedOutput(text);
    };
    red.on('error', (err) => keep(Buffer.from(`${err.message}\n`)));
    red.stdout.on('data', keep);
    red.stderr.on('data', keep);
    exited = new Promise((resolve) => red.once('exit', (code, signal) => resolve({ code, signal })));

    await waitForEditor(
      editorUrl,
      () => red.exitCode !== null || red.signalCode !== null,
      () => output,
      { port, host },
    );
    if (signal?.aborted) throw aborted();
    const startedBefore = flowsStarted;
    await deploy(editorUrl, sim);
    await waitUntil(() => flowsStarted > startedBefore, FLOWS_START_LIMIT_MS);
    if (signal?.aborted) throw aborted();
    return { editorUrl, sim, userDir, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Polls the editor until it answers; a Node-RED that ended instead is reported with its output. */
async function waitForEditor(editorUrl, hasExited, output, { port, host }) {
  const deadline = Date.now() + STARTUP_LIMIT_MS;
  for (;;) {
    if (hasExited()) {
      // Someone may have taken the port between the check and Node-RED's start.
      if (/EADDRINUSE/.test(output())) throw portTaken(port, host);
      throw new Error(`Node-RED ended during startup:\n${output().trimEnd()}`);
    }
    try {
      if ((await request(editorUrl)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`Node-RED did not answer at ${editorUrl} within ${STARTUP_LIMIT_MS / 1000} s:\n${output().trimEnd()}`);
    await wait(200);
  }
}

/**
 * `flows` with the inject nodes that poll an IBM BPM task queue clicked only, not repeated: in
 * the demo every example works as one user, and a poll would take the tasks the others show.
 */
function queuePollsClickedOnly(flows) {
  const queues = new Set(flows.filter((n) => n.type === 'ibm-bpm-list-tasks' && n.source === 'queue').map((n) => n.id));
  return flows.map((n) => (n.type === 'inject' && (n.wires || []).flat().some((id) => queues.has(id)) ? { ...n, repeat: '' } : n));
}

/** Deploys every example, its servers pointing at the simulator with its credentials. */
async function deploy(editorUrl, sim) {
  const credentials = { username: sim.username, password: sim.password };
  const flows = queuePollsClickedOnly(
    asTabs(exampleFiles().map(readExample), {
      'inubit-server': { id: 'demo-inubit', name: 'inubit simulator', url: sim.inubitUrl, credentials },
      'ibm-bpm-server': { id: 'demo-ibm-bpm', name: 'IBM BPM simulator', url: sim.bpmUrl, credentials },
    }),
  );
  const res = await request(new URL('flows', editorUrl).href, {
    method: 'POST',
    headers: { 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
    body: { flows },
  });
  if (res.status !== 200) throw new Error(`Deploying the example flows failed with HTTP ${res.status}: ${res.body}`);
}

module.exports = { startDemo, exampleFiles, readExample, asTabs, CONFIG_TYPES };
