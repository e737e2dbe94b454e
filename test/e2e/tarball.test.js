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
const { INUBIT_STARTERS } = require('../simulator/fixtures');
const { UUID_RE } = require('../simulator/fixture-ids');
// Our node types, from package.json; the palette label of each flow node, from its row of the node kinds.
const { NODE_TYPES, FLOW_TYPES } = require('../support/node-types');
const { kindOf } = require('../support/node-kinds');
// The flows deployed, one tab each (test/support/tarball/).
const { buildFlow } = require('../support/tarball/journey-flow');
const { CREDENTIAL_SECRET, decryptCredentials, wait } = require('../support/tarball/helpers');
// The cases of the other tabs, each deployed next to the first in the same Node-RED.
const authCases = require('../support/tarball/auth-cases');
const taskCases = require('../support/tarball/task-cases');

const projectRoot = path.resolve(__dirname, '..', '..');
const ownPackage = require(path.join(projectRoot, 'package.json'));
const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
const runtimeManifestPath = require.resolve(`${runtimePackage}/package.json`);
const runtimeManifest = require(runtimeManifestPath);
const redJs = path.join(path.dirname(runtimeManifestPath), runtimeManifest.bin['node-red']);

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
  // What the cases of the other tabs use of this Node-RED, set once it runs.
  const e2e = { output: () => output };

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
      headers: { Authorization: auth, Accept: 'application/json' },
    });
    res.status.should.equal(200);
    return JSON.parse(res.body).data.activities;
  }

  async function startNodeRed(settingsPath) {
    red = childProcess.spawn(process.execPath, [redJs, '--userDir', userDir, '--settings', settingsPath, '--port', String(port)], {
      cwd: userDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    red.stdout.on('data', (c) => {
      output += c.toString('utf8');
    });
    red.stderr.on('data', (c) => {
      output += c.toString('utf8');
    });
    redExited = new Promise((resolve) => red.once('exit', (code, signal) => resolve({ code, signal })));
    let exited = null;
    redExited.then((how) => {
      exited = how;
    });

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

  /** Deploys `flows` in full; resolves once the first tab's endpoint and each of `readyEndpoints` answer. */
  async function deploy(flows, ...readyEndpoints) {
    const res = await request(baseUrl + '/flows', {
      method: 'POST',
      headers: { 'Node-RED-API-Version': 'v2', 'Node-RED-Deployment-Type': 'full' },
      body: { flows },
    });
    if (res.status !== 200) throw new Error(`deploy failed with ${res.status}: ${res.body}\n${output}`);
    // Node-RED answers the deploy before the new flows have started: wait for their endpoints.
    for (const endpoint of ['/e2e/ready', ...readyEndpoints]) await waitForEndpoint(endpoint);
  }

  /** Resolves once the deployed flow's `endpoint` answers 200. */
  async function waitForEndpoint(endpoint) {
    const deadline = Date.now() + 15000;
    while ((await request(baseUrl + endpoint)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`${endpoint} did not start:\n${output}`);
      await wait(100);
    }
  }

  before(async function () {
    this.timeout(180000);
    const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-pack-'));
    tempDirs.push(packDir);
    const packed = JSON.parse(await run('npm', ['pack', '--pack-destination', packDir, '--json', '--ignore-scripts'], projectRoot));
    tarball = path.join(packDir, packed[0].filename);
    packedFiles = packed[0].files.map((f) => f.path);

    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-userdir-'));
    tempDirs.push(userDir);
    fs.writeFileSync(path.join(userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', private: true }, null, 2));
    await run('npm', ['install', tarball, '--no-audit', '--no-fund', '--omit=dev', '--prefer-offline', '--no-package-lock'], userDir);

    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const settingsPath = path.join(userDir, 'settings.js');
    fs.writeFileSync(
      settingsPath,
      'module.exports = ' +
        JSON.stringify(
          {
            uiPort: port,
            uiHost: '127.0.0.1',
            credentialSecret: CREDENTIAL_SECRET,
            flowFile: 'flows.json',
            logging: { console: { level: 'info' } },
            httpNodeRoot: '/',
            editorTheme: { tours: false },
            telemetry: { enabled: false, updateNotification: false },
          },
          null,
          2,
        ) +
        ';\n',
    );
    fs.writeFileSync(path.join(userDir, 'flows.json'), '[]\n');

    // A password that can be found anywhere it must not be.
    sim = await startSimulator({ port: 0, password: 'e2e-' + crypto.randomBytes(9).toString('hex') });
    await startNodeRed(settingsPath);
    await deploy(buildFlow(sim));
    Object.assign(e2e, { sim, baseUrl, userDir, deploy, post, servedActivities, servedStarterIds });
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
      return fs.existsSync(abs)
        ? fs
            .readdirSync(abs)
            .filter((f) => re.test(f))
            .map((f) => `${dir}/${f}`)
        : [];
    };
    // The compiled library with its folders (transport/, xml/).
    const lib = fs
      .readdirSync(path.join(projectRoot, 'nodes', 'lib'), { recursive: true })
      .filter((f) => f.endsWith('.js'))
      .map((f) => `nodes/lib/${f.split(path.sep).join('/')}`);
    lib.should.containEql('nodes/lib/transport/transport.js');
    const icons = listDir('nodes/icons', /\.svg$/);
    const catalogues = listDir('nodes/locales/en-US', /\.json$/);
    lib.should.not.be.empty();
    icons.should.not.be.empty();
    catalogues.should.not.be.empty();
    expected.push(
      'package.json',
      ...lib,
      ...icons,
      ...catalogues,
      ...listDir('examples', /./),
      ...listDir('resources', /\.js$/),
      'resources/server-facts.js',
    );
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
    sim.requests
      .filter((r) => r.server === 'bpm')
      .map((r) => r.headers.accept)
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

  // -- inubit-list-adhoc-starters ----------------------------------------------

  /** The ids of the starters the simulator itself serves for a user, in its order. */
  async function servedStarterIds(user) {
    const auth = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
    const res = await request(`${sim.inubitUrl}/task/adhoc/${encodeURIComponent(user)}`, {
      headers: { Authorization: auth, Accept: 'application/xml' },
    });
    res.status.should.equal(200);
    return [...res.body.matchAll(/<Module id="([^"]*)"/g)].map((m) => m[1]);
  }

  it('list starters: the joined starters are the served ones, entities decoded, with msg.user', async function () {
    const out = await post('/e2e/starters', { user: 'a/b c', lang: 'en' });
    out.user.should.equal('a/b c');
    out.starters.should.eql(INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.en, role: s.role, lang: 'en' })));
    should(out.starters[2].label).equal('Travel & expenses <draft> "urgent" \'Q3\' approval');
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.should.have.length(1);
    seen[0].method.should.equal('GET');
    seen[0].rawPath.should.equal('/ibis/rest/task/adhoc/a%2Fb%20c');
    seen[0].query.should.eql({ lang: 'en' });
    seen[0].headers.accept.should.match(/^application\/xml/);
  });

  it('list starters, then start each: every starter the user may run is started once', async function () {
    const ids = await servedStarterIds('many-3');
    ids.should.have.length(3);
    sim.reset();
    const out = await post('/e2e/start-every-starter', { user: 'many-3', lang: 'en' });
    out.taskIds.should.have.length(3);
    out.taskIds.forEach((taskId) => taskId.should.match(UUID_RE));
    new Set(out.taskIds).size.should.equal(3);
    const seen = sim.requests.filter((r) => r.server === 'inubit');
    seen.map((r) => r.method).should.eql(['GET', 'POST', 'POST', 'POST']);
    seen
      .slice(1)
      .map((r) => r.segments)
      .sort()
      .should.eql(ids.map((id) => ['task', 'adhoc', 'many-3', id]).sort());
    seen.slice(1).forEach((r) => r.query.should.eql({ lang: 'en' }));
  });

  it('list starters: a 404 for an unknown user reaches the Catch node with the server error', async function () {
    const out = await post('/e2e/start-every-starter', { user: 'unknown-user' });
    out.error.code.should.equal('NOT_FOUND');
    out.error.message.should.match(/^Listing the ad-hoc starters of user\W+unknown-user\W.*404.*User unknown-user not found/);
    out.statusCode.should.equal(404);
    out.serverError.should.have.properties({ statusCode: 404, message: 'User unknown-user not found' });
    sim.requests.filter((r) => r.server === 'inubit').should.have.length(1);
  });

  // -- ibm-bpm-start-adhoc-activity ---------------------------------------------

  it('start activity: 200 gives the activity details, activityId and taskId, assigned as asked', async function () {
    const out = await post('/e2e/start-activity', { activityId: '2118.e2e-1', assignTo: 'anna maria' });
    out.statusCode.should.equal(200);
    out.activityId.should.equal('2118.e2e-1');
    out.payload.should.match({ id: '2118.e2e-1', executionState: 'WORKING', activityType: 'USER_TASK', taskOwnerUserId: 'anna maria' });
    out.payload.taskId.should.be.a.String();
    out.taskId.should.equal(out.payload.taskId);
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.should.have.length(1);
    seen[0].method.should.equal('PUT');
    seen[0].rawPath.should.equal('/rest/bpm/wle/v1/activity/2118.e2e-1');
    seen[0].query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: 'anna maria' });
    seen[0].headers.accept.should.match(/^application\/json/);
    seen[0].headers.should.have.property('content-length', '0');
  });

  it('start activity: an activity without a task leaves no taskId', async function () {
    const out = await post('/e2e/start-activity', { activityId: 'no-task' });
    out.statusCode.should.equal(200);
    should(out.payload.taskId).be.null();
    out.hasTaskId.should.be.false();
    sim.requests.filter((r) => r.server === 'bpm')[0].query.should.eql({ action: 'ACTION_START_ACTIVITY' });
  });

  it('list activities, keep the READY ones, start each: the join holds every started activity', async function () {
    const ready = (await servedActivities('104')).filter((a) => a.executionState === 'READY');
    ready.length.should.be.above(1);
    sim.reset();
    const out = await post('/e2e/start-ready', { instanceId: '104', assignTo: 'anna' });
    out.started.map((a) => a.id).should.eql(ready.map((a) => a.id));
    out.started.forEach((a) => a.executionState.should.equal('WORKING'));
    const seen = sim.requests.filter((r) => r.server === 'bpm');
    seen.map((r) => r.method).should.eql(['GET', ...ready.map(() => 'PUT')]);
    seen
      .slice(1)
      .map((r) => r.segments[1])
      .sort()
      .should.eql(ready.map((a) => a.id).sort());
    seen.slice(1).forEach((r) => r.query.should.eql({ action: 'ACTION_START_ACTIVITY', assignTo: 'anna' }));
    // The server now lists them as started.
    const after = await servedActivities('104');
    after.filter((a) => ready.some((r) => r.id === a.id)).forEach((a) => a.executionState.should.equal('WORKING'));
  });

  it('start activity: a 404 reaches the Catch node with the WLE error, not retried', async function () {
    const out = await post('/e2e/start-activity', { activityId: 'unknown-activity' });
    out.error.code.should.equal('NOT_FOUND');
    out.error.message.should.match(/^Starting ad-hoc activity\W+unknown-activity\W.*404/);
    out.statusCode.should.equal(404);
    out.serverError.errorNumber.should.equal('CWTBG0059E');
    out.error.message.should.containEql(out.serverError.errorMessage);
    sim.requests.filter((r) => r.server === 'bpm').should.have.length(1);
  });

  it('start activity: an id ".." is refused without a request', async function () {
    const out = await post('/e2e/start-activity', { activityId: '..' });
    out.error.code.should.equal('INVALID_INPUT');
    out.should.not.have.property('statusCode');
    sim.requests.should.have.length(0);
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
    JSON.parse(creds.body).should.eql({ username: sim.username, has_password: true, has_token: false });

    // Errors without a Catch node are logged: wait for both, then read the log.
    (
      await post('/e2e/logged', {
        user: 'anna',
        starterId: 'server-error',
        instanceId: 'abc',
        startersUser: 'server-error',
        activityId: 'forbidden',
      })
    ).should.eql({ accepted: true });
    const logged = (name) => output.split('\n').find((line) => line.includes(`[error] [`) && line.includes(`:${name}]`));
    const names = ['start-logged', 'list-logged', 'starters-logged', 'activity-logged'];
    for (let i = 0; i < 50 && !names.every(logged); i++) await wait(100);
    should(logged('start-logged')).be.a.String().and.containEql('500');
    should(logged('list-logged')).be.a.String().and.containEql('400');
    should(logged('starters-logged')).be.a.String().and.containEql('500');
    should(logged('activity-logged')).be.a.String().and.containEql('403');
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
    types.should.containDeep(NODE_TYPES);
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
    for (const type of NODE_TYPES) {
      res.body.should.match(new RegExp(`registerType\\(\\s*["']${type}["']`));
      res.body.should.containEql(`data-template-name="${type}"`);
      res.body.should.containEql(`data-help-name="${type}"`);
    }
  });

  it('editor: every shared editor script the node HTML loads is served from the package resources', async function () {
    const html = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html' } });
    const prefix = `resources/${ownPackage.name}/`;
    const loaded = [...new Set([...html.body.matchAll(/<script src="([^"]+)">/g)].map((m) => m[1]))]
      .filter((src) => src.startsWith(prefix))
      .map((src) => src.slice(prefix.length))
      .sort();
    loaded.should.eql(
      fs
        .readdirSync(path.join(projectRoot, 'resources'))
        .filter((f) => f.endsWith('.js'))
        .sort(),
    );
    for (const file of loaded.filter((f) => f !== 'server-facts.js')) {
      const res = await request(`${baseUrl}/${prefix}${file}`);
      res.status.should.equal(200, file);
      res.body.should.containEql('window.BpmEditor');
    }
    // What the build wrote for the editor from the runtime's own facts of the servers.
    const facts = await request(`${baseUrl}/resources/${ownPackage.name}/server-facts.js`);
    facts.status.should.equal(200);
    facts.body.should.match(/window\.BpmServerFacts = \{/);
    facts.body.should.containEql('"zenApiKey"');
  });

  it('editor: the message catalogue is served for en-US', async function () {
    // The editor loads all node catalogues at once from nodes/messages.
    const all = await request(baseUrl + '/nodes/messages?lng=en-US', { headers: { Accept: 'application/json' } });
    all.status.should.equal(200);
    const catalogues = JSON.parse(all.body);
    for (const type of NODE_TYPES) {
      const ns = `${ownPackage.name}/${type}`;
      catalogues.should.have.property(ns);
      catalogues[ns].should.have.property(type);
    }
    for (const type of FLOW_TYPES) {
      catalogues[`${ownPackage.name}/${type}`][type].should.have.property('paletteLabel', kindOf(type).label);
    }

    // The same catalogue, one node set at a time.
    for (const type of FLOW_TYPES) {
      const label = kindOf(type).label;
      const one = await request(`${baseUrl}/nodes/${ownPackage.name}/${type}/messages?lng=en-US`, {
        headers: { Accept: 'application/json' },
      });
      one.status.should.equal(200, type);
      JSON.parse(one.body).should.have.property(type).with.property('paletteLabel', label);
    }
  });

  it('editor: the help of every node comes from nodes/locales/<lang>/<type>.html', async function () {
    /** The first paragraph of a help file, as the editor must show it. */
    const firstParagraph = (lang, type) => {
      const text = fs.readFileSync(path.join(projectRoot, 'nodes', 'locales', lang, `${type}.html`), 'utf8');
      const match = /<p>[\s\S]*?<\/p>/.exec(text);
      should.exist(match, `${lang}/${type}.html has no paragraph`);
      return match[0];
    };
    for (const lang of ['en-US', 'de']) {
      const all = await request(baseUrl + '/nodes', { headers: { Accept: 'text/html', 'Accept-Language': lang } });
      all.status.should.equal(200);
      for (const type of NODE_TYPES) {
        all.body.should.containEql(firstParagraph(lang, type), `${lang} help of ${type}`);
      }
    }
    // One node set at a time, as the editor asks for a node set installed while it runs.
    for (const type of FLOW_TYPES) {
      const one = await request(`${baseUrl}/nodes/${ownPackage.name}/${type}`, {
        headers: { Accept: 'text/html', 'Accept-Language': 'en-US' },
      });
      one.status.should.equal(200, type);
      one.body.should.containEql(`data-help-name="${type}"`);
      one.body.should.containEql(firstParagraph('en-US', type));
    }
  });

  // -- the other tabs: authentication kinds, CSRF tokens and tenants; the task journeys --

  authCases(e2e);
  taskCases(e2e);
});
