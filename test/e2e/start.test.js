'use strict';
// README, "Try it, test it": the demo behind `npm start` (scripts/demo.js), started and stopped for real: the
// simulator, a Node-RED (NODE_RED_PACKAGE) with the package and the example flows. It runs on the
// nodes/ that the test script built; `npm start` alone asks the demo to build them first.
const fs = require('fs');
const should = require('should');
const WebSocket = require('ws');
const { freePort, request } = require('../support/http');
const { skipSuite } = require('../support/skip');
const { until } = require('../support/waits');
const { startDemo, exampleFiles, readExample, CONFIG_TYPES } = require('../../scripts/demo');
const fixtures = require('../simulator/fixtures');
const eventFixtures = require('../simulator/ibm-bpm-event-fixtures');
const processFixtures = require('../simulator/ibm-bpm-process-fixtures');
// The types of our nodes in the journeys, as the flow builders know them.
const {
  SERVER_TYPE,
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  startProcessFlow,
  bpmListTasksFlow,
  bpmGetTaskFlow,
  completeTaskFlow,
  assignTaskFlow,
} = require('../support/flows');

const ownPackage = require('../../package.json');

/** The demo's debug sidebar: what each debug node shows, as Node-RED's comms send it to the editor. */
async function debugSidebar(editorUrl) {
  const url = new URL('comms', editorUrl);
  url.protocol = 'ws:';
  const socket = new WebSocket(url.href);
  const shown = [];
  socket.on('message', (data) => {
    for (const message of JSON.parse(data)) if (message.topic === 'debug') shown.push(message.data);
  });
  // The demo stops in the middle of the tests: a socket it closes is no failure.
  socket.on('error', () => {});
  await new Promise((resolve) => socket.once('open', resolve));
  return { shown, close: () => socket.terminate() };
}

/** Resolves once the debug node `name` on the tab of example `prefix` has shown a message: the journey to it has ended. */
function shownBy(sidebar, flows, prefix, name) {
  const tab = flows.find((n) => n.type === 'tab' && n.label.startsWith(prefix));
  const debug = flows.find((n) => n.type === 'debug' && n.z === tab.id && n.name === name);
  should.exist(debug, `no debug node "${name}" in the example ${prefix}`);
  return until(() => sidebar.shown.some((m) => m.id === debug.id), `the debug node "${name}" of the example ${prefix}`);
}

async function getJson(url) {
  const res = await request(url, { headers: { Accept: 'application/json', 'Node-RED-API-Version': 'v2' } });
  res.status.should.equal(200, `GET ${url} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

describe('npm start: the demo', function () {
  this.timeout(40000);

  const output = [];
  let port;
  let demo;
  let sidebar;

  before(async function () {
    port = await freePort();
    demo = await startDemo({ port, log: (line) => output.push(`${line}\n`), nodeRedOutput: (text) => output.push(text) });
    sidebar = await debugSidebar(demo.editorUrl);
  });

  after(async function () {
    if (sidebar) sidebar.close();
    if (demo) await demo.stop();
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') {
      const lines = output
        .join('')
        .split('\n')
        .filter((line) => line.trim());
      console.log(
        `      last lines of the demo's output:\n${lines
          .slice(-30)
          .map((line) => `        ${line}`)
          .join('\n')}`,
      );
    }
  });

  it('the editor answers at editorUrl, on loopback', async function () {
    demo.editorUrl.should.equal(`http://127.0.0.1:${port}/`);
    const res = await request(demo.editorUrl);
    res.status.should.equal(200);
    res.body.should.containEql('Node-RED');
  });

  it('deploys each example on its own tab, with one server of each kind pointing at the simulator', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const examples = exampleFiles().map(readExample);
    const tabs = flows.filter((n) => n.type === 'tab');
    tabs.map((t) => t.label).should.eql(examples.map((e) => e.name));
    examples.forEach((example, index) => {
      for (const node of example.nodes.filter((n) => !CONFIG_TYPES.includes(n.type))) {
        const deployed = flows.find((n) => n.id === node.id);
        should.exist(deployed, `${example.name}: ${node.type} ${node.id} was not deployed`);
        deployed.z.should.equal(tabs[index].id);
        deployed.type.should.equal(node.type);
      }
    });
    const inubit = flows.filter((n) => n.type === SERVER_TYPE.inubit);
    const bpm = flows.filter((n) => n.type === SERVER_TYPE.bpm);
    inubit.should.have.length(1);
    bpm.should.have.length(1);
    inubit[0].url.should.equal(demo.sim.inubitUrl);
    bpm[0].url.should.equal(demo.sim.bpmUrl);
    for (const node of flows.filter((n) => n.server !== undefined)) node.server.should.equalOneOf(inubit[0].id, bpm[0].id);
    JSON.stringify(flows).should.not.containEql(demo.sim.password);
  });

  it('keeps the simulator credentials in the credential store, and the flows use them', async function () {
    for (const type of CONFIG_TYPES) {
      const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
      const config = flows.find((n) => n.type === type);
      const stored = await getJson(new URL(`credentials/${type}/${config.id}`, demo.editorUrl).href);
      stored.should.match({ username: demo.sim.username, has_password: true });
    }
    const start = readExample(exampleFiles()[0]).nodes.find((n) => n.type === 'inject');
    demo.sim.reset();
    const res = await request(new URL(`inject/${start.id}`, demo.editorUrl).href, { method: 'POST' });
    res.status.should.equal(200);
    const deadline = Date.now() + 5000;
    while (demo.sim.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    demo.sim.requests.should.have.length(1);
    demo.sim.requests[0].should.match({ method: 'POST', authUser: demo.sim.username });
    const basic = demo.sim.requests[0].headers.authorization.replace(/^Basic /, '');
    Buffer.from(basic, 'base64').toString('utf8').should.equal(`${demo.sim.username}:${demo.sim.password}`);
  });

  it('deploys the journeys 04 and 05 with their core nodes, and both run against the simulator', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const tabOf = (prefix) => {
      const tab = flows.find((n) => n.type === 'tab' && n.label.startsWith(prefix));
      should.exist(tab, `no tab for the example ${prefix}`);
      return tab;
    };
    const journeys = {
      '04': ['inject', listFlow.type, 'switch', startActivityFlow.type, 'join', 'debug', 'catch', 'status', 'comment'],
      '05': ['inject', startersFlow.type, 'switch', startFlow.type, 'debug', 'catch', 'comment'],
    };
    for (const [prefix, types] of Object.entries(journeys)) {
      const tab = tabOf(prefix);
      const here = flows.filter((n) => n.z === tab.id);
      for (const type of types) here.some((n) => n.type === type).should.be.true(`${tab.label}: no ${type} node deployed`);
    }
    // The runtime knows every deployed type: a missing one would leave the flows waiting, not started.
    const nodeTypes = new Set((await getJson(new URL('nodes', demo.editorUrl).href)).flatMap((set) => set.types || []));
    for (const node of flows.filter((n) => n.type !== 'tab')) nodeTypes.has(node.type).should.be.true(`${node.type} is not installed`);

    const click = async (prefix) => {
      const inject = flows.find((n) => n.type === 'inject' && n.z === tabOf(prefix).id);
      const res = await request(new URL(`inject/${inject.id}`, demo.editorUrl).href, { method: 'POST' });
      res.status.should.equal(200);
    };
    // A journey has ended once the debug node at its end has shown what reached it: no node follows that one.
    const ended = (prefix, name) => shownBy(sidebar, flows, prefix, name);
    const seen = () => demo.sim.requests.map((r) => `${r.method} ${r.rawPath.replace(/^.*\/(rest\/bpm\/wle\/v1|ibis\/rest)/, '')}`);

    demo.sim.reset();
    await click('04');
    await ended('04', 'started activities');
    const startedIds = seen()
      .filter((line) => line.startsWith('PUT '))
      .map((line) => line.replace('PUT /activity/', ''))
      .sort();
    seen()[0].should.equal('GET /process/104/adHocActivities');
    const served = fixtures.builtinInstances()['104'];
    startedIds.should.eql(
      served
        .filter((a) => a.executionState === 'READY')
        .map((a) => a.id)
        .sort(),
    );
    demo.sim.requests.should.have.length(1 + startedIds.length);

    demo.sim.reset();
    await click('05');
    await ended('05', 'new task');
    const leaveRequest = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');
    seen().should.eql(['GET /task/adhoc/anna', `POST /task/adhoc/anna/${leaveRequest.id}`]);
    for (const r of demo.sim.requests) r.should.match({ authUser: demo.sim.username, query: { lang: 'en' } });
  });

  it('deploys the IBM BPM task journeys 08 and 09, and both run against the simulator', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const tabOf = (prefix) => {
      const tab = flows.find((n) => n.type === 'tab' && n.label.startsWith(prefix));
      should.exist(tab, `no tab for the example ${prefix}`);
      return tab;
    };
    const journeys = {
      '08': [
        'inject',
        startProcessFlow.type,
        bpmGetTaskFlow.type,
        'change',
        completeTaskFlow.type,
        bpmListTasksFlow.type,
        'debug',
        'catch',
        'status',
        'comment',
      ],
      '09': ['inject', bpmListTasksFlow.type, completeTaskFlow.type, 'join', 'debug', 'catch', 'status', 'comment'],
    };
    for (const [prefix, types] of Object.entries(journeys)) {
      const here = flows.filter((n) => n.z === tabOf(prefix).id);
      for (const type of types) here.some((n) => n.type === type).should.be.true(`${prefix}: no ${type} node deployed`);
    }
    const click = async (prefix) => {
      const inject = flows.find((n) => n.type === 'inject' && n.z === tabOf(prefix).id);
      const res = await request(new URL(`inject/${inject.id}`, demo.editorUrl).href, { method: 'POST' });
      res.status.should.equal(200);
    };
    // A journey has ended once the debug node at its end has shown what reached it: no node follows that one.
    const ended = (prefix, name) => shownBy(sidebar, flows, prefix, name);
    const seen = () =>
      demo.sim.requests.map(
        (r) => `${r.method} ${r.rawPath.replace(/^.*\/rest\/bpm\/wle\/v1/, '')}${r.query.action ? ` ${r.query.action}` : ''}`,
      );

    // 08: start, read the first task, complete it, list the open tasks of the instance.
    demo.sim.reset();
    await click('08');
    await ended('08', 'next task');
    const [piid] = seen()[4].match(/\d+$/);
    const [first, next] = demo.sim.bpmTasks(piid);
    seen().should.eql([
      'POST /process start',
      `GET /task/${first.tkiid}`,
      `PUT /task/${first.tkiid} assign`,
      // Output variables never travel in a URL: the finish carries them in a form body.
      `POST /task/${first.tkiid} finish`,
      `GET /process/${piid}`,
    ]);
    first.status.should.equal('Closed');
    next.status.should.not.equal('Closed');

    // 09: the open task of the built-in instance, claimed and finished.
    demo.sim.reset();
    const open = demo.sim.bpmTasks(processFixtures.BUILTIN_PIID).filter((t) => t.status !== 'Closed');
    open.should.not.be.empty();
    await click('09');
    await ended('09', 'completed tasks');
    seen()[0].should.equal(`GET /process/${processFixtures.BUILTIN_PIID}`);
    seen()
      .slice(1)
      .sort()
      .should.eql(open.flatMap((t) => [`PUT /task/${t.tkiid} assign`, `POST /task/${t.tkiid} finish`]).sort());
    demo.sim
      .bpmTasks(processFixtures.BUILTIN_PIID)
      .map((t) => t.status)
      .should.eql(['Closed', 'Closed']);
    for (const r of demo.sim.requests) r.should.match({ authUser: demo.sim.username });
  });

  it('deploys the queue journey 10 with its poll clicked, not repeated; a click claims and completes every available task', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const tab = flows.find((n) => n.type === 'tab' && n.label.startsWith('10'));
    should.exist(tab, 'no tab for the example 10');
    const inject = flows.find((n) => n.type === 'inject' && n.z === tab.id);
    inject.repeat.should.equal('');
    for (const type of [bpmListTasksFlow.type, assignTaskFlow.type, 'change', completeTaskFlow.type, 'catch', 'switch']) {
      flows.some((n) => n.z === tab.id && n.type === type).should.be.true(`10: no ${type} node deployed`);
    }
    demo.sim.reset();
    const tasks = [
      ...demo.sim
        .bpmTasks(processFixtures.BUILTIN_PIID)
        .filter((t) => t.status !== 'Closed')
        .map((t) => t.tkiid),
      ...demo.sim.queueBpmTasks(2).map((t) => t.taskId),
    ];
    const res = await request(new URL(`inject/${inject.id}`, demo.editorUrl).href, { method: 'POST' });
    res.status.should.equal(200);
    await until(() => tasks.every((id) => demo.sim.bpmTask(id).status === 'Closed'), 'every queued task completed');
    for (const id of tasks)
      demo.sim
        .bpmTaskHistory(id)
        .map((h) => `${h.action} ${h.user}`)
        .should.eql([`claim ${demo.sim.username}`, `finish ${demo.sim.username}`]);
  });

  it('deploys example 11, whose event message moves the waiting order on: its new task is shown', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const tab = flows.find((n) => n.type === 'tab' && n.label.startsWith('11'));
    should.exist(tab, 'no tab for the example 11');
    const inject = flows.find((n) => n.type === 'inject' && n.z === tab.id);
    demo.sim.reset();
    demo.sim.bpmTasks(eventFixtures.BUILTIN_ORDER_PIID).should.eql([]);
    (await request(new URL(`inject/${inject.id}`, demo.editorUrl).href, { method: 'POST' })).status.should.equal(200);
    await shownBy(sidebar, flows, '11', 'task it reached');
    demo.sim.requests
      .map((r) => `${r.method} ${r.rawPath.replace(/^.*\/rest\/bpm\/wle\/v1/, '')} ${r.search}`)
      .should.eql(['POST /process ', `GET /process/${eventFixtures.BUILTIN_ORDER_PIID} parts=all`]);
    demo.sim
      .bpmEventMessages()
      .should.match([
        { processApp: 'HSS', event: 'PAYMENT_RECEIVED', parameters: [['orderNumber', eventFixtures.BUILTIN_ORDER.orderNumber]] },
      ]);
    demo.sim
      .bpmTasks(eventFixtures.BUILTIN_ORDER_PIID)
      .map((t) => t.name)
      .should.eql(['Ship order']);
  });

  it('offers the example files under Import ▸ Examples', async function () {
    const library = new URL('library/examples/flows/', demo.editorUrl).href;
    (await getJson(library)).should.containEql(ownPackage.name);
    const offered = await getJson(library + ownPackage.name);
    offered.should.eql(exampleFiles().map((file) => ({ fn: file.replace(/\.json$/, '') })));
    const first = await getJson(`${library}${ownPackage.name}/${encodeURIComponent(offered[0].fn)}`);
    first.should.eql(readExample(exampleFiles()[0]).nodes);
  });

  it('refuses a port already in use with a clear message, before starting anything', async function () {
    const said = [];
    const err = await startDemo({ port, log: (line) => said.push(line), nodeRedOutput: (text) => said.push(text) }).then(
      () => null,
      (e) => e,
    );
    should.exist(err, 'a second demo on the same port started');
    err.message.should.match(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use\\.`));
    err.message.should.containEql('PORT=1890 npm start');
    // No Node-RED was started: the demo announces one and passes its output on; the first demo still serves.
    said.should.eql([]);
    (await request(demo.editorUrl)).status.should.equal(200);
  });

  it('stop() ends everything, twice is harmless, and the same port serves a second demo', async function () {
    const first = demo;
    demo = null;
    await Promise.all([first.stop(), first.stop()]);
    await first.stop();
    should(await first.exited).be.an.Object();
    fs.existsSync(first.userDir).should.be.false();
    await request(first.editorUrl).should.be.rejectedWith({ code: 'ECONNREFUSED' });
    await request(first.sim.url).should.be.rejectedWith({ code: 'ECONNREFUSED' });

    demo = await startDemo({ port, log: () => {}, nodeRedOutput: (text) => output.push(text) });
    (await request(demo.editorUrl)).status.should.equal(200);
    await demo.stop();
    demo = null;
  });
});

// README, "Try it, test it": `npm start` ends everything it started when npm gets SIGTERM or
// SIGINT (a process manager, a container), not only on Ctrl-C. Run in one suite: it builds.
describe('npm start under a process manager', function () {
  this.timeout(120000);
  before(function () {
    if (process.env.NODE_RED_PACKAGE !== 'node-red') skipSuite(this, 'npm start under a process manager runs in the Node-RED 4 suite only');
  });
  const { spawn } = require('child_process');
  const os = require('os');
  const path = require('path');
  const root = path.join(__dirname, '..', '..');

  const demoDirs = () => new Set(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('node-red-bpm-demo-')));
  /** The processes whose command line runs the start script. */
  const startScripts = () =>
    fs
      .readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('scripts/start.js');
        } catch {
          return false;
        }
      });

  /** Runs `npm start` until `ready(output)` holds; resolves with the process, its output and its end. */
  async function npmStart(port, ready) {
    const npm = spawn('npm', ['start'], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk) => {
      output += chunk;
    });
    npm.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const ended = new Promise((resolve) => npm.once('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 90000;
    while (!ready(output)) {
      if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not get ready:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { npm, ended, output: () => output };
  }

  /** Waits until `check()` holds, for at most `ms`. */
  async function eventually(check, ms, what) {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(what);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  for (const signal of ['SIGTERM', 'SIGINT']) {
    it(`${signal} to npm stops Node-RED and the simulator and removes the user directory`, async function () {
      const before = demoDirs();
      const port = await freePort();
      const run = await npmStart(port, (text) => /Simulator of the inubit and IBM BPM servers: (\S+)/.test(text));
      const simUrl = /Simulator of the inubit and IBM BPM servers: (\S+)/.exec(run.output())[1];
      (await request(`http://127.0.0.1:${port}/`)).status.should.equal(200);
      [...demoDirs()].filter((dir) => !before.has(dir)).should.have.length(1);
      startScripts().should.not.be.empty();
      run.npm.kill(signal);
      await run.ended;
      await eventually(() => startScripts().length === 0, 15000, `the start script still runs:\n${run.output()}`);
      await request(`http://127.0.0.1:${port}/`).should.be.rejectedWith({ code: 'ECONNREFUSED' });
      await request(simUrl).should.be.rejectedWith({ code: 'ECONNREFUSED' });
      [...demoDirs()].filter((dir) => !before.has(dir)).should.eql([]);
    });
  }

  it('SIGTERM to npm during startup stops what was started', async function () {
    const before = demoDirs();
    const port = await freePort();
    const run = await npmStart(port, (text) => /Starting Node-RED/.test(text));
    run.npm.kill('SIGTERM');
    await run.ended;
    await eventually(() => startScripts().length === 0, 20000, `the start script still runs:\n${run.output()}`);
    await request(`http://127.0.0.1:${port}/`).should.be.rejectedWith({ code: 'ECONNREFUSED' });
    [...demoDirs()].filter((dir) => !before.has(dir)).should.eql([]);
  });
});
