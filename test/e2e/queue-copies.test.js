'use strict';
// README, "Several Node-RED copies": two real Node-RED runtimes (NODE_RED_PACKAGE), each in a
// child process with a user directory of its own and its own IBM BPM user, run the flow of example
// 10 on one simulated queue of a few hundred tasks, with a small latency on every request so that
// they race; then the same with the flow that drains a backlog ("Draining a backlog": each answer
// sent whole, a random share of it claimed). Every task must be claimed and completed exactly once,
// by one user, none left claimed.
const childProcess = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
require('should');
const { freePort } = require('../support/http');
const { until } = require('../support/waits');
const { startSimulator } = require('../simulator');
const { readExample, exampleFiles } = require('../../scripts/demo');
const { BUILTIN_PIID } = require('../simulator/ibm-bpm-process-fixtures');

const root = path.join(__dirname, '..', '..');
const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
const manifestPath = require.resolve(`${runtimePackage}/package.json`, { paths: [root] });
const redJs = path.join(path.dirname(manifestPath), require(manifestPath).bin['node-red']);

const WORKERS = { 'nodered-worker-1': 'pw-worker-1', 'nodered-worker-2': 'pw-worker-2' };
const QUEUED = 300;
const ROOT = '/rest/bpm/wle/v1';

/**
 * Example 10's flow on a tab, its server pointing at `url`, its poll repeated every `repeat` seconds
 * from the start: copies started together would otherwise poll in step, and the one a few
 * milliseconds ahead would win every race.
 */
function exampleFlow(url, repeat, { randomShare = false } = {}) {
  const example = readExample(exampleFiles().find((file) => file.startsWith('10 ')));
  const flows = [{ id: 'queue-tab', type: 'tab', label: example.name }];
  for (const node of example.nodes) {
    if (node.type === 'ibm-bpm-server') flows.push({ ...node, url });
    else if (node.type === 'inject') flows.push({ ...node, z: 'queue-tab', repeat, once: true, onceDelay: 0.1 });
    else if (node.type === 'ibm-bpm-list-tasks' && randomShare) {
      // README, "Draining a backlog": every answer sent whole, and a random share of it claimed.
      flows.push({ ...node, z: 'queue-tab', emit: 'all', wires: [['random-share']] });
      flows.push({
        id: 'random-share',
        type: 'function',
        z: 'queue-tab',
        name: 'a random share',
        func: 'return Math.random() < 24 / msg.parts.count ? msg : null;',
        outputs: 1,
        timeout: 0,
        noerr: 0,
        initialize: '',
        finalize: '',
        libs: [],
        x: node.x + 90,
        y: node.y + 40,
        wires: node.wires,
      });
    } else flows.push({ ...node, z: 'queue-tab' });
  }
  return flows;
}

/** Starts one Node-RED copy with the package, `flows` and the credentials of `user`; resolves once its flows run. */
async function startCopy(flows, user) {
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-copy-'));
  const port = await freePort();
  const server = flows.find((n) => n.type === 'ibm-bpm-server');
  const settings = {
    uiHost: '127.0.0.1',
    uiPort: port,
    flowFile: 'flows.json',
    credentialSecret: false,
    nodesDir: [root],
    editorTheme: { tours: false },
    telemetry: { enabled: false, updateNotification: false },
    logging: { console: { level: 'info', metrics: false, audit: false } },
  };
  fs.writeFileSync(path.join(userDir, 'settings.js'), `module.exports = ${JSON.stringify(settings)};\n`);
  fs.writeFileSync(path.join(userDir, 'flows.json'), JSON.stringify(flows));
  // Each copy its own credential store: the same flow, another user.
  fs.writeFileSync(path.join(userDir, 'flows_cred.json'), JSON.stringify({ [server.id]: { username: user, password: WORKERS[user] } }));
  const child = childProcess.spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', path.join(userDir, 'settings.js')], {
    cwd: userDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk.toString('utf8')).slice(-20000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const copy = {
    user,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await exited;
      fs.rmSync(userDir, { recursive: true, force: true });
    },
  };
  try {
    await until(() => /Started flows/.test(output) || child.exitCode !== null, `Node-RED of ${user} to start its flows`, 30000);
  } catch (error) {
    await copy.stop();
    throw error;
  }
  if (child.exitCode !== null) throw new Error(`Node-RED of ${user} ended:\n${output}`);
  return copy;
}

describe('several Node-RED copies on one IBM BPM task queue (README, "Several Node-RED copies")', function () {
  this.timeout(60000);
  let sim;
  const copies = [];

  before(async function () {
    sim = await startSimulator({ port: 0, users: WORKERS, latencyMs: 20 });
  });

  after(async function () {
    await Promise.all(copies.map((copy) => copy.stop()));
    if (sim) await sim.close();
  });

  const cases = [
    { title: "example 10's flow", repeats: ['1', '0.7'] },
    {
      title: 'the flow that drains a backlog, each copy claiming a random share of every answer',
      repeats: ['2', '1.5'],
      randomShare: true,
    },
  ];
  for (const { title, repeats, randomShare } of cases)
    it(`${title}: two copies, each its own user, work ${QUEUED} queued tasks, each claimed, worked and completed exactly once, by one user; the losers dropped`, async function () {
      await Promise.all(copies.splice(0).map((copy) => copy.stop()));
      sim.reset();
      copies.push(
        ...(await Promise.all(
          Object.keys(WORKERS).map((user, index) => startCopy(exampleFlow(sim.bpmUrl, repeats[index], { randomShare }), user)),
        )),
      );
      // Queued once both copies poll, so that they race for every task rather than the first to start taking all.
      const open = sim
        .bpmTasks(BUILTIN_PIID)
        .filter((t) => t.status !== 'Closed')
        .map((t) => t.tkiid);
      const queued = sim.queueBpmTasks(QUEUED).map((t) => t.taskId);
      const tasks = [...open, ...queued];

      // The signal: every task Closed at the simulator.
      const closed = () => tasks.every((id) => sim.bpmTask(id).status === 'Closed');
      await until(closed, `all ${tasks.length} tasks closed`, 50000).catch((error) => {
        throw new Error(
          `${error.message}; still open: ${tasks.filter((id) => sim.bpmTask(id).status !== 'Closed').length}\n${copies.map((c) => c.output()).join('\n')}`,
        );
      });

      const byUser = Object.fromEntries(Object.keys(WORKERS).map((user) => [user, 0]));
      for (const id of tasks) {
        const history = sim.bpmTaskHistory(id);
        history.map((h) => h.action).should.eql(['claim', 'finish'], `task ${id}: ${JSON.stringify(history)}`);
        history[0].user.should.equal(history[1].user);
        byUser[history[0].user]++;
        sim.bpmTask(id).should.match({ status: 'Closed', owner: history[0].user });
      }
      // Both copies worked: they raced for the same tasks.
      const seen = JSON.stringify(
        sim.requests
          .map((r) => `${r.authUser} ${r.method} ${r.segments[0]} ${r.query.action || ''} ${r.status}`)
          .reduce((a, k) => ({ ...a, [k]: (a[k] || 0) + 1 }), {}),
      );
      for (const [user, count] of Object.entries(byUser)) count.should.be.above(0, `${user} completed none: ${seen}`);

      const requests = sim.requests.filter((r) => r.rawPath.startsWith(`${ROOT}/task/`));
      for (const r of requests) r.should.have.property('status');
      const claims = requests.filter((r) => r.method === 'PUT' && r.query.action === 'assign');
      claims.filter((r) => r.query.back !== undefined).should.be.empty();
      const refused = claims.filter((r) => r.status !== 200);
      // Each loser was refused as the server refuses a task another user holds (or one already finished,
      // when the winner was quicker than the loser's claim), and dropped: after a 401 the read that found
      // the owner, and nothing else; no finish went out but the winner's.
      for (const r of refused) {
        const finished = r.error && r.error.params[0] === 'STATE_FINISHED';
        r.status.should.equal(finished || Number(r.segments[1]) % 2 === 0 ? 409 : 401, JSON.stringify(r.error));
      }
      // Copies that claim every listed task race for some; a random share may not race at all.
      if (!randomShare) refused.length.should.be.above(0, 'the copies never raced for a task');
      const reads = requests.filter((r) => r.method === 'GET');
      reads.should.have.length(refused.filter((r) => r.status === 401).length);
      const finishes = requests.filter((r) => r.query.action === 'finish' || (r.method === 'POST' && /action=finish/.test(r.body || '')));
      finishes.should.have.length(tasks.length);
      finishes.forEach((r) => r.status.should.equal(200));
      claims.filter((r) => r.status === 200).should.have.length(tasks.length);
    });
});
