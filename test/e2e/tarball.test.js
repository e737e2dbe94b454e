'use strict';

// Packs the package with `npm pack`, installs the tarball into a fresh Node-RED user
// directory, starts a real Node-RED (NODE_RED_PACKAGE: `node-red` or `node-red-5`) against
// the server simulator and drives a deployed flow over plain HTTP.

const childProcess = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const should = require('should');
const { freePort, request } = require('../support/http');
const { startSimulator } = require('../simulator');

const projectRoot = path.resolve(__dirname, '..', '..');
const ownPackage = require(path.join(projectRoot, 'package.json'));
const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
const runtimeManifestPath = require.resolve(`${runtimePackage}/package.json`);
const runtimeManifest = require(runtimeManifestPath);
const redJs = path.join(path.dirname(runtimeManifestPath), runtimeManifest.bin['node-red']);

const CREDENTIAL_SECRET = 'e2e-secret';
const OUR_TYPES = ['inubit-server', 'ibm-bpm-server', 'inubit-start-adhoc-process', 'ibm-bpm-list-adhoc-activities'];
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------
// Helpers

/** Runs a command; resolves with its stdout, rejects with its whole output. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    childProcess.execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        err.message += `\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;
        reject(err);
      } else {
        resolve(stdout);
      }
    });
  });
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Decrypts a flows_cred.json written with a credentialSecret, as Node-RED does. */
function decryptCredentials(text, secret) {
  const stored = JSON.parse(text).$;
  const key = crypto.createHash('sha256').update(secret).digest();
  const iv = Buffer.from(stored.slice(0, 32), 'hex');
  const decipher = crypto.createDecipheriv('aes-256-ctr', key, iv);
  return JSON.parse(decipher.update(stored.slice(32), 'base64', 'utf8') + decipher.final('utf8'));
}

/** The flow under test: HTTP endpoints around our nodes, answers in plain JSON. */
function buildFlow(sim) {
  const tab = 'e2e-tab';
  const credentials = { username: sim.username, password: sim.password };
  const fn = (id, func, wires, extra = {}) => Object.assign({
    id, type: 'function', z: tab, name: id, func, outputs: 1, timeout: 0, noerr: 0,
    initialize: '', finalize: '', libs: [], x: 500, y: 100, wires
  }, extra);
  const httpIn = (id, url, next) => ({
    id, type: 'http in', z: tab, name: id, url, method: 'post', upload: false, swaggerDoc: '', x: 100, y: 100, wires: [[next]]
  });
  const join = (id, next) => ({
    id, type: 'join', z: tab, name: id, mode: 'auto', build: 'object', property: 'payload', propertyType: 'msg',
    key: 'topic', joiner: '\\n', joinerType: 'str', useparts: false, accumulate: false, timeout: '', count: '',
    reduceRight: false, reduceExp: '', reduceInit: '', reduceInitType: '', reduceFixup: '', x: 400, y: 200, wires: [[next]]
  });
  const listNode = (id, format) => ({
    id, type: 'ibm-bpm-list-adhoc-activities', z: tab, name: id, server: 'cfg-bpm',
    instanceId: 'payload.instanceId', instanceIdType: 'msg', format, x: 300, y: 200, wires: [[`join-${format}`]]
  });
  return [
    { id: tab, type: 'tab', label: 'end to end', disabled: false, info: '' },
    {
      id: 'cfg-inubit', type: 'inubit-server', name: 'inubit simulator', url: sim.url,
      timeout: '5000', tls: '', retries: '1', maxConcurrent: '8', credentials
    },
    {
      id: 'cfg-bpm', type: 'ibm-bpm-server', name: 'BPM simulator', url: sim.bpmUrl + '/',
      timeout: '5000', tls: '', retries: '1', maxConcurrent: '8', credentials
    },
    // Answers once the deployed flow has started.
    {
      id: 'in-ready', type: 'http in', z: tab, name: 'in-ready', url: '/e2e/ready', method: 'get', upload: false,
      swaggerDoc: '', x: 100, y: 20, wires: [['ready']]
    },
    fn('ready', 'msg.payload = { ready: true };\nreturn msg;', [['reply']]),
    { id: 'reply', type: 'http response', z: tab, name: 'reply', statusCode: '', headers: {}, x: 700, y: 100, wires: [] },

    // Start an ad-hoc process.
    httpIn('in-start', '/e2e/start', 'start'),
    {
      id: 'start', type: 'inubit-start-adhoc-process', z: tab, name: 'start', server: 'cfg-inubit',
      user: 'payload.user', userType: 'msg', starterId: 'payload.starterId', starterIdType: 'msg',
      x: 300, y: 100, wires: [['started']]
    },
    fn('started', 'msg.payload = { payload: msg.payload, taskId: msg.taskId, statusCode: msg.statusCode };\n' +
      'msg.statusCode = 200;\nreturn msg;', [['reply']]),
    // 204: the node sends nothing but completes; answer only when no task id was set.
    { id: 'start-done', type: 'complete', z: tab, name: 'start done', scope: ['start'], uncaught: false, x: 300, y: 60, wires: [['no-task']] },
    fn('no-task', 'if (msg.taskId === undefined) {\n  msg.payload = { noTask: true };\n  msg.statusCode = 200;\n' +
      '  return msg;\n}\nreturn null;', [['reply']]),

    // List ad-hoc activities, re-joined into one array.
    httpIn('in-list-json', '/e2e/list', 'list-json'),
    httpIn('in-list-xml', '/e2e/list-xml', 'list-xml'),
    listNode('list-json', 'json'),
    listNode('list-xml', 'xml'),
    join('join-json', 'listed'),
    join('join-xml', 'listed'),
    fn('listed', 'msg.payload = { activities: msg.payload };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),
    // An empty list sends nothing but completes. The complete message may arrive before the
    // joined array has been answered, so wait a little and answer only if nobody else has.
    { id: 'list-done', type: 'complete', z: tab, name: 'list done', scope: ['list-json', 'list-xml'], uncaught: false, x: 300, y: 260, wires: [['no-output']] },
    fn('no-output', 'const res = msg.res && msg.res._res;\nsetTimeout(() => {\n  if (res && !res.headersSent) {\n' +
      '    msg.payload = { activities: [], noOutput: true };\n    msg.statusCode = 200;\n    node.send(msg);\n  }\n' +
      '}, 250);\nreturn null;', [['reply']]),

    // Errors without a Catch node go to the log; the request is answered at once.
    {
      id: 'in-logged', type: 'http in', z: tab, name: 'in-logged', url: '/e2e/logged', method: 'post', upload: false,
      swaggerDoc: '', x: 100, y: 420, wires: [['start-logged', 'list-logged', 'ack']]
    },
    {
      id: 'start-logged', type: 'inubit-start-adhoc-process', z: tab, name: 'start-logged', server: 'cfg-inubit',
      user: 'payload.user', userType: 'msg', starterId: 'payload.starterId', starterIdType: 'msg', x: 300, y: 420, wires: [[]]
    },
    Object.assign(listNode('list-logged', 'xml'), { y: 460, wires: [[]] }),
    fn('ack', 'msg.payload = { accepted: true };\nmsg.statusCode = 200;\nreturn msg;', [['reply']]),

    // Every error of our flow nodes is answered as JSON.
    { id: 'caught', type: 'catch', z: tab, name: 'errors', scope: ['start', 'list-json', 'list-xml'], uncaught: false, x: 300, y: 340, wires: [['error-reply']] },
    fn('error-reply', 'msg.payload = { error: msg.error, statusCode: msg.statusCode, serverError: msg.serverError };\n' +
      'msg.statusCode = 200;\nreturn msg;', [['reply']])
  ];
}

// ---------------------------------------------------------------------------

describe('end to end: the npm pack tarball in a real Node-RED ' + runtimeManifest.version, function () {
  this.timeout(20000);

  const tempDirs = [];
  let tarball;
  let packedFiles;
  let userDir;
  let port;
  let baseUrl;
  let sim;
  let red;
  let redExited = null;
  let output = '';

  /** POSTs a JSON body to one of the flow's endpoints and parses the JSON answer. */
  async function post(endpoint, body) {
    const res = await request(baseUrl + endpoint, { method: 'POST', body });
    res.status.should.equal(200, `POST ${endpoint} answered ${res.status}: ${res.body}`);
    return JSON.parse(res.body);
  }

  /** What the simulator itself serves for an instance, as JSON. */
  async function servedActivities(instanceId) {
    const auth = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
    const res = await request(`${sim.bpmUrl}/process/${instanceId}/adHocActivities`, {
      headers: { Authorization: auth, Accept: 'application/json' }
    });
    res.status.should.equal(200);
    return JSON.parse(res.body).data.activities;
  }

  async function startNodeRed(settingsPath) {
    red = childProcess.spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', settingsPath, '--port', String(port)], {
      cwd: userDir,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    red.stdout.on('data', (c) => { output += c.toString('utf8'); });
    red.stderr.on('data', (c) => { output += c.toString('utf8'); });
    redExited = new Promise((resolve) => red.once('exit', (code, signal) => resolve({ code, signal })));
    let exited = null;
    redExited.then((how) => { exited = how; });

    const deadline = Date.now() + 60000;
    for (;;) {
      if (exited) throw new Error(`Node-RED exited early (${JSON.stringify(exited)}):\n${output}`);
      try {
        const res = await request(baseUrl + '/');
        if (res.status === 200) return;
      } catch (e) {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`Node-RED did not answer within 60 s:\n${output}`);
      await wait(200);
    }
  }

  async function deploy(flows) {
    const res = await request(baseUrl + '/flows', {
      method: 'POST',
      headers: { 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
      body: { flows }
    });
    if (res.status !== 200) throw new Error(`deploy failed with ${res.status}: ${res.body}\n${output}`);
    // Node-RED answers the deploy before the new flow has started: wait for its endpoint.
    const deadline = Date.now() + 15000;
    for (;;) {
      const ready = await request(baseUrl + '/e2e/ready');
      if (ready.status === 200) return;
      if (Date.now() > deadline) throw new Error(`the deployed flow did not start:\n${output}`);
      await wait(100);
    }
  }

  before(async function () {
    this.timeout(180000);
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpm-adhoc-pack-'));
    tempDirs.push(packDir);
    const packed = JSON.parse(await run('npm', ['pack', '--pack-destination', packDir, '--json', '--ignore-scripts'], projectRoot));
    tarball = path.join(packDir, packed[0].filename);
    packedFiles = packed[0].files.map((f) => f.path);

    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpm-adhoc-userdir-'));
    tempDirs.push(userDir);
    fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }, null, 2));
    await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--omit=dev', '--prefer-offline', '--no-package-lock'], userDir);

    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const settingsPath = path.join(userDir, 'settings.js');
    fs.writeFileSync(settingsPath, 'module.exports = ' + JSON.stringify({
      uiPort: port,
      uiHost: '127.0.0.1',
      credentialSecret: CREDENTIAL_SECRET,
      flowFile: 'flows.json',
      logging: { console: { level: 'info' } },
      httpNodeRoot: '/',
      editorTheme: { tours: false },
      telemetry: { enabled: false, updateNotification: false }
    }, null, 2) + ';\n');
    fs.writeFileSync(path.join(userDir, 'flows.json'), '[]\n');

    // A password that can be found anywhere it must not be.
    sim = await startSimulator({ port: 0, password: 'e2e-' + crypto.randomBytes(9).toString('hex') });
    await startNodeRed(settingsPath);
    await deploy(buildFlow(sim));
  });

  beforeEach(() => sim && sim.reset());

  afterEach(function () {
    if (this.currentTest.state === 'failed') {
      const lines = output.split('\n');
      console.log(`--- last 60 lines of Node-RED output ---\n${lines.slice(-60).join('\n')}\n---`);
    }
  });

  after(async function () {
    this.timeout(20000);
    if (red && red.exitCode === null && red.signalCode === null) {
      red.kill('SIGINT');
      const timer = setTimeout(() => red.kill('SIGKILL'), 5000);
      await redExited;
      clearTimeout(timer);
    }
    if (sim) await sim.close();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  // -- the tarball --------------------------------------------------------------

  it('packs every file Node-RED needs', function () {
    const expected = [];
    for (const file of Object.values(ownPackage['node-red'].nodes)) {
      expected.push(file, file.replace(/\.js$/, '.html'));
    }
    const listDir = (dir, re) => {
      const abs = path.join(projectRoot, dir);
      return fs.existsSync(abs) ? fs.readdirSync(abs).filter((f) => re.test(f)).map((f) => `${dir}/${f}`) : [];
    };
    const lib = listDir('nodes/lib', /\.js$/);
    const icons = listDir('nodes/icons', /\.svg$/);
    const catalogues = listDir('nodes/locales/en-US', /\.json$/);
    lib.should.not.be.empty();
    icons.should.not.be.empty();
    catalogues.should.not.be.empty();
    expected.push('package.json', ...lib, ...icons, ...catalogues, ...listDir('examples', /./), ...listDir('resources', /\.js$/));
    for (const file of expected) packedFiles.should.containEql(file);
    packedFiles.filter((f) => /^(src|test)\//.test(f)).should.be.empty();
  });

  // -- inubit-start-adhoc-process -----------------------------------------------

  it('start: 201 gives the new task id as payload and taskId, with the path encoded', async function () {
    const out = await post('/e2e/start', { user: 'a/b c', starterId: 'e2e-starter' });
    out.should.have.property('statusCode', 201);
    out.payload.should.be.a.String().and.match(UUID_RE);
    out.taskId.should.equal(out.payload);
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.should.have.length(1);
    seen[0].method.should.equal('POST');
    seen[0].rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c/e2e-starter');
    should(seen[0].authUser).equal(sim.username);
  });

  it('start: a task id with leading zeros stays text', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'leading-zeros' });
    should(out.payload).equal('000123');
    should(out.taskId).equal('000123');
  });

  it('start: 204 sends nothing and completes', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'no-task' });
    out.should.eql({ noTask: true });
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  it('start: a 500 reaches the Catch node with the server error', async function () {
    const out = await post('/e2e/start', { user: 'anna', starterId: 'server-error' });
    out.error.code.should.equal('SERVER_ERROR');
    out.error.message.should.containEql('500');
    out.statusCode.should.equal(500);
    out.serverError.should.have.properties({ statusCode: 500, message: 'Internal Server Error' });
    // A 500 must not be retried.
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  it('start: a user ".." is refused without a request', async function () {
    const out = await post('/e2e/start', { user: '..', starterId: 'e2e-starter' });
    out.error.code.should.equal('INVALID_INPUT');
    out.should.not.have.property('statusCode');
    sim.requests.should.have.length(0);
  });

  // -- ibm-bpm-list-adhoc-activities --------------------------------------------

  it('list JSON: the joined activities equal what the server sent', async function () {
    const served = await servedActivities('102');
    sim.reset();
    const out = await post('/e2e/list', { instanceId: '102' });
    out.activities.should.eql(served);
    out.activities.should.have.length(2);
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.should.have.length(1);
    seen[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
    seen[0].headers.accept.should.match(/^application\/json/);
  });

  it('list XML: the joined activities equal the JSON ones', async function () {
    const json = await post('/e2e/list', { instanceId: '102' });
    const xml = await post('/e2e/list-xml', { instanceId: '102' });
    xml.activities.should.eql(json.activities);
    sim.requests.filter((r) => r.server === 'bpm').map((r) => r.headers.accept)
      .should.match([/^application\/json/, /^application\/xml/]);
  });

  it('list XML: one activity is still a list', async function () {
    const served = await servedActivities('101');
    const out = await post('/e2e/list-xml', { instanceId: 101 });
    out.activities.should.eql(served);
  });

  it('list: rich activities are the same in JSON and XML, text and nulls kept', async function () {
    const served = await servedActivities('103');
    const json = await post('/e2e/list', { instanceId: '103' });
    const xml = await post('/e2e/list-xml', { instanceId: '103' });
    json.activities.should.eql(served);
    xml.activities.should.eql(json.activities);
    should(xml.activities[0].name).equal('007');
    should(xml.activities[0].taskId).equal('000456');
    should(xml.activities[0].enablingDocumentID).be.null();
    should(xml.activities[0].endTime).be.null();
  });

  it('list: an empty list sends nothing and completes', async function () {
    const out = await post('/e2e/list', { instanceId: '100' });
    out.should.eql({ activities: [], noOutput: true });
  });

  it('list JSON: a 400 reaches the Catch node with the WLE error', async function () {
    const out = await post('/e2e/list', { instanceId: 'abc' });
    out.error.code.should.equal('BAD_REQUEST');
    out.statusCode.should.equal(400);
    out.serverError.errorNumber.should.equal('CWTBG0553E');
  });

  it('list XML: a 400 reaches the Catch node with the WLE error', async function () {
    const out = await post('/e2e/list-xml', { instanceId: 'abc' });
    out.error.code.should.equal('BAD_REQUEST');
    out.statusCode.should.equal(400);
    out.serverError.errorNumber.should.equal('CWTBG0553E');
  });

  // -- credentials --------------------------------------------------------------

  it('secrets: the password is only in the encrypted credential store', async function () {
    const password = sim.password;
    const token = Buffer.from(`${sim.username}:${password}`).toString('base64');

    const flowsFile = fs.readFileSync(path.join(userDir, 'flows.json'), 'utf8');
    flowsFile.should.containEql('cfg-inubit');
    flowsFile.should.not.containEql(password);

    const credFile = fs.readFileSync(path.join(userDir, 'flows_cred.json'), 'utf8');
    credFile.should.not.containEql(password);
    const stored = decryptCredentials(credFile, CREDENTIAL_SECRET);
    stored.should.have.property('cfg-inubit').eql({ username: sim.username, password });
    stored.should.have.property('cfg-bpm').eql({ username: sim.username, password });

    const flows = await request(baseUrl + '/flows', { headers: { 'Node-RED-API-Version': 'v2', Accept: 'application/json' } });
    flows.status.should.equal(200);
    flows.body.should.containEql('cfg-bpm');
    flows.body.should.not.containEql(password);

    // What the editor sees of the credentials: the user name and that a password is set.
    const creds = await request(baseUrl + '/credentials/ibm-bpm-server/cfg-bpm', { headers: { Accept: 'application/json' } });
    creds.status.should.equal(200);
    JSON.parse(creds.body).should.eql({ username: sim.username, has_password: true });

    // Errors without a Catch node are logged: wait for both, then read the log.
    (await post('/e2e/logged', { user: 'anna', starterId: 'server-error', instanceId: 'abc' })).should.eql({ accepted: true });
    const logged = (name) => output.split('\n').find((line) => line.includes(`[error] [`) && line.includes(`:${name}]`));
    for (let i = 0; i < 50 && !(logged('start-logged') && logged('list-logged')); i++) await wait(100);
    should(logged('start-logged')).be.a.String().and.containEql('500');
    should(logged('list-logged')).be.a.String().and.containEql('400');
    output.should.not.containEql(password);
    output.should.not.containEql(token);
  });

  // -- the editor side ----------------------------------------------------------

  it('editor: our node sets are loaded and enabled', async function () {
    const res = await request(baseUrl + '/nodes', { headers: { Accept: 'application/json' } });
    res.status.should.equal(200);
    const sets = JSON.parse(res.body).filter((s) => s.module === ownPackage.name);
    sets.should.not.be.empty();
    const types = [].concat(...sets.map((s) => s.types));
    types.should.containDeep(OUR_TYPES);
    for (const set of sets) {
      set.should.have.property('enabled', true);
      set.should.not.have.property('err');
      set.should.have.property('version', ownPackage.version);
    }
    output.should.not.match(/Waiting for missing types/);
  });

  it('editor: the node HTML carries the registration and the help', async function () {
    const res = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html' } });
    res.status.should.equal(200);
    for (const type of OUR_TYPES) {
      res.body.should.match(new RegExp(`registerType\\(\\s*["']${type}["']`));
      res.body.should.containEql(`data-template-name="${type}"`);
      res.body.should.containEql(`data-help-name="${type}"`);
    }
  });

  it('editor: the shared editor script is served from the package resources', async function () {
    const res = await request(`${baseUrl}/resources/${ownPackage.name}/editor.js`);
    res.status.should.equal(200);
    res.body.should.containEql('BpmAdhocEditor');
  });

  it('editor: the message catalogue is served for en-US', async function () {
    // The editor loads all node catalogues at once from nodes/messages.
    const all = await request(baseUrl + '/nodes/messages?lng=en-US', { headers: { Accept: 'application/json' } });
    all.status.should.equal(200);
    const catalogues = JSON.parse(all.body);
    for (const type of OUR_TYPES) {
      const ns = `${ownPackage.name}/${type}`;
      catalogues.should.have.property(ns);
      catalogues[ns].should.have.property(type);
    }
    catalogues[`${ownPackage.name}/inubit-start-adhoc-process`]['inubit-start-adhoc-process']
      .should.have.property('paletteLabel', 'start ad-hoc process');

    // The same catalogue, one node set at a time.
    const one = await request(`${baseUrl}/nodes/${ownPackage.name}/inubit-start-adhoc-process/messages?lng=en-US`, {
      headers: { Accept: 'application/json' }
    });
    one.status.should.equal(200);
    JSON.parse(one.body).should.have.property('inubit-start-adhoc-process').with.property('paletteLabel', 'start ad-hoc process');
  });
});
