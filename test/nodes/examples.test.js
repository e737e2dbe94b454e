'use strict';
// README, "Examples": the example flows. Each file is checked as Import ▸ Examples offers it, then run in
// Node-RED against the simulator (debug nodes replaced by helper nodes with the same id), and
// must do what its comment nodes promise.
const fs = require('fs');
const path = require('path');
const should = require('should');
const { helper, load, wait, catchSeesCode } = require('../support/runtime');
const { startSimulator } = require('../simulator');
const fixtures = require('../simulator/fixtures');
const { exampleFiles, readExample, asTabs, CONFIG_TYPES } = require('../../scripts/demo');

const root = path.join(__dirname, '..', '..');
const ownPackage = require(path.join(root, 'package.json'));
const DEFAULT_URLS = {
  'inubit-server': 'http://localhost:8080/ibis/rest',
  'ibm-bpm-server': 'https://localhost:9443/rest/bpm/wle/v1',
};
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FILES = exampleFiles();
const examples = FILES.map(readExample);
const example = (prefix) => {
  const found = examples.find((e) => e.name.startsWith(prefix));
  should.exist(found, `no example starting with "${prefix}"`);
  return found;
};

/** The one node of `type` named `name` in an example. */
function nodeNamed(ex, type, name) {
  const found = ex.nodes.filter((n) => n.type === type && n.name === name);
  found.should.have.length(1, `${ex.name}: expected one ${type} named "${name}"`);
  return found[0];
}

/** Every key anywhere inside a value, for looking for credentials. */
function keysDeep(value, keys = []) {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, keys));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      keysDeep(v, keys);
    }
  }
  return keys;
}

/** The package's flow node types: those whose editor file does not declare the config category. */
function flowNodeTypes() {
  return Object.keys(ownPackage['node-red'].nodes).filter((type) => {
    const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
    return !/category:\s*["']config["']/.test(html);
  });
}

describe('examples: the files (README, "Examples")', function () {
  it('there are examples, named for the Import ▸ Examples menu', function () {
    FILES.length.should.be.aboveOrEqual(3);
    for (const file of FILES) file.should.match(/^\d\d [A-Z][^/\\]+\.json$/);
  });

  it('each is valid JSON: an array of the nodes of one flow, without tab and without z', function () {
    for (const file of FILES) {
      const nodes = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
      nodes.should.be.an.Array().and.not.be.empty();
      for (const node of nodes) {
        node.should.have.properties('id', 'type');
        node.type.should.not.equalOneOf('tab', 'subflow');
        node.should.not.have.property('z');
      }
    }
  });

  it('each has a comment node explaining it, with what to set in the config node', function () {
    for (const { name, nodes } of examples) {
      const comments = nodes.filter((n) => n.type === 'comment');
      comments.should.not.be.empty(`${name} has no comment node`);
      const text = comments.map((c) => `${c.name}\n${c.info}`).join('\n');
      for (const word of ['URL', 'Username', 'Password']) text.should.containEql(word, `${name}: comments do not mention ${word}`);
    }
  });

  it('every flow node type of the package occurs in at least one example', function () {
    const used = new Set(examples.flatMap((e) => e.nodes.map((n) => n.type)));
    const types = flowNodeTypes();
    types.should.not.be.empty();
    for (const type of types) used.has(type).should.be.true(`no example uses ${type}`);
  });

  it('together they show a Join node, a Catch node and a Status node', function () {
    const used = new Set(examples.flatMap((e) => e.nodes.map((n) => n.type)));
    for (const type of ['join', 'catch', 'status']) used.has(type).should.be.true(`no example uses ${type}`);
    nodeNamed(example('02'), 'join', '').mode.should.equal('auto');
  });

  it('04 keeps the READY activities with a switch that recreates message sequences, starts them and joins them in automatic mode', function () {
    const ex = example('04');
    const list = nodeNamed(ex, 'ibm-bpm-list-adhoc-activities', 'list activities');
    const keep = nodeNamed(ex, 'switch', 'READY only');
    const start = nodeNamed(ex, 'ibm-bpm-start-adhoc-activity', 'start activity');
    const join = nodeNamed(ex, 'join', '');
    list.wires.should.eql([[keep.id]]);
    keep.should.match({ property: 'payload.executionState', propertyType: 'msg', repair: true, outputs: 1 });
    keep.rules.should.eql([{ t: 'eq', v: 'READY', vt: 'str' }]);
    keep.wires.should.eql([[start.id]]);
    start.should.match({ activityId: 'payload.id', activityIdType: 'msg', assignTo: '', assignToType: 'str' });
    start.wires[0].should.containEql(join.id);
    join.mode.should.equal('auto');
    const scope = [list.id, start.id].sort();
    ex.nodes.filter((n) => n.type === 'catch').map((n) => [...n.scope].sort()).should.eql([scope]);
    ex.nodes.filter((n) => n.type === 'status').map((n) => [...n.scope].sort()).should.eql([scope]);
  });

  it('05 lists English labels, picks one by msg.payload.label and starts it for msg.user with msg.payload.id', function () {
    const ex = example('05');
    const list = nodeNamed(ex, 'inubit-list-adhoc-starters', 'list starters');
    const pick = nodeNamed(ex, 'switch', 'Leave request only');
    const start = nodeNamed(ex, 'inubit-start-adhoc-process', 'start it');
    list.should.match({ user: 'payload', userType: 'msg', lang: 'en', langType: 'str' });
    list.wires[0].should.containEql(pick.id);
    pick.should.match({ property: 'payload.label', propertyType: 'msg', outputs: 1 });
    pick.rules.should.eql([{ t: 'eq', v: 'Leave request', vt: 'str' }]);
    pick.wires.should.eql([[start.id]]);
    start.should.match({ user: 'user', userType: 'msg', starterId: 'payload.id', starterIdType: 'msg' });
    // The label the switch looks for is one the simulator lists in English, and only once.
    fixtures.INUBIT_STARTERS.filter((s) => s.labels.en === pick.rules[0].v).should.have.length(1);
  });

  it('no example contains credentials or a password', function () {
    for (const file of FILES) {
      const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
      const keys = keysDeep(JSON.parse(text));
      keys.should.not.containEql('credentials');
      keys.should.not.containEql('username');
      keys.should.not.containEql('password');
      text.should.not.containEql('s3cret');
    }
  });

  it('config nodes have the default URLs, are global, and are the same in every example', function () {
    const seen = new Map();
    for (const { nodes } of examples) {
      for (const node of nodes.filter((n) => CONFIG_TYPES.includes(n.type))) {
        node.url.should.equal(DEFAULT_URLS[node.type]);
        if (seen.has(node.id)) node.should.eql(seen.get(node.id));
        seen.set(node.id, node);
      }
    }
    seen.size.should.equal(2);
  });

  it('flow node ids are unique across the examples, and every reference stays inside its example', function () {
    const ids = new Set();
    for (const { name, nodes } of examples) {
      const here = new Map(nodes.map((n) => [n.id, n]));
      for (const node of nodes) {
        if (!CONFIG_TYPES.includes(node.type)) {
          ids.has(node.id).should.be.false(`${name}: id ${node.id} is used twice`);
          ids.add(node.id);
          node.x.should.be.a.Number();
          node.y.should.be.a.Number();
        }
        for (const target of (node.wires || []).flat()) here.has(target).should.be.true(`${name}: wire to unknown ${target}`);
        for (const target of node.scope || []) here.has(target).should.be.true(`${name}: scope names unknown ${target}`);
        if (node.server !== undefined) {
          should.exist(here.get(node.server), `${name}: ${node.id} has no server config node`);
          here.get(node.server).type.should.equal(node.type.startsWith('inubit') ? 'inubit-server' : 'ibm-bpm-server');
        }
      }
    }
  });
});

describe('examples: running them against the simulator', function () {
  let sim;

  before(async function () {
    sim = await startSimulator({ port: 0 });
  });

  after(async function () {
    if (sim) await sim.close();
  });

  beforeEach(function () {
    sim.reset();
  });

  afterEach(async function () {
    await helper.unload();
  });

  /**
   * Loads one example as Import would place it on a tab, its servers pointing at the simulator,
   * and returns what each debug node receives, keyed by the debug node's name.
   */
  async function loadExample(ex) {
    const credentials = { username: sim.username, password: sim.password };
    const flow = asTabs([ex], {
      'inubit-server': { id: 'cfg-inubit', url: sim.inubitUrl },
      'ibm-bpm-server': { id: 'cfg-bpm', url: sim.bpmUrl },
    }).map((node) => (node.type === 'debug' ? { id: node.id, z: node.z, type: 'helper', name: node.name, wires: [] } : node));
    await load(flow, { 'cfg-inubit': credentials, 'cfg-bpm': credentials });
    const received = {};
    for (const debug of ex.nodes.filter((n) => n.type === 'debug')) {
      const got = [];
      received[debug.name] = got;
      helper.getNode(debug.id).on('input', (msg) => got.push(msg));
    }
    return received;
  }

  /** Clicks an inject node's button. */
  function click(ex, name) {
    helper.getNode(nodeNamed(ex, 'inject', name).id).receive({});
  }

  /** Waits until `condition()` holds, then a little longer for anything unexpected. */
  async function until(condition, what) {
    const deadline = Date.now() + 5000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await wait(10);
    }
    await wait(100);
  }

  describe('01 Start an ad-hoc process', function () {
    it('user anna starts the Leave request starter and "new task" receives the task id, taskId and statusCode 201', async function () {
      const ex = example('01');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');
      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      sim.requests.should.have.length(1);
      sim.requests[0].should.match({ method: 'POST', rawPath: '/ibis/rest/task/adhoc/anna/74933f6c-72c6-44c5-9e90-91070f98c7dd', authUser: sim.username });
    });
  });

  describe('02 List ad-hoc activities and re-join them', function () {
    const served = fixtures.builtinInstances()['102'];

    for (const format of ['json', 'xml']) {
      it(`${format.toUpperCase()}: instance 102 gives two single activity messages and one joined list of both`, async function () {
        const ex = example('02');
        const received = await loadExample(ex);
        const list = ex.nodes.find((n) => n.type === 'ibm-bpm-list-adhoc-activities' && n.format === format);
        should.exist(list, `no list node with format ${format}`);
        const inject = ex.nodes.find((n) => n.type === 'inject' && n.wires[0].includes(list.id));
        helper.getNode(inject.id).receive({});
        await until(() => received['each activity'].length >= 2 && received['the whole list'].length >= 1, 'the activities');

        received['each activity'].should.have.length(2);
        received['each activity'].forEach((msg, index) => {
          msg.payload.should.eql(served[index]);
          msg.instanceId.should.equal('102');
          msg.parts.should.match({ index, count: 2, type: 'array', len: 1 });
        });
        received['each activity'][0].parts.id.should.equal(received['each activity'][1].parts.id);
        received['the whole list'].should.have.length(1);
        received['the whole list'][0].payload.should.eql(served);

        sim.requests.should.have.length(1);
        sim.requests[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
        sim.requests[0].headers.accept.should.startWith(`application/${format}`);
      });
    }
  });

  describe('03 Handle errors', function () {
    const ERRORS = 'error, statusCode, serverError';
    const STATUSES = 'status changes';

    it('user ".." reaches the catch as INVALID_INPUT, without a request and without statusCode', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('INVALID_INPUT');
      msg.error.message.should.be.a.String().and.not.be.empty();
      msg.should.not.have.property('statusCode');
      msg.should.not.have.property('serverError');
      msg.payload.should.equal('..');
      received['task id'].should.be.empty();
      sim.requests.should.be.empty();
    });

    it('instance "abc" reaches the catch as BAD_REQUEST with statusCode 400 and the server\'s error', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.error.message.should.containEql('400');
      msg.statusCode.should.equal(400);
      msg.serverError.should.match({ errorNumber: 'CWTBG0553E' });
      msg.serverError.should.have.properties('exceptionType', 'errorMessage');
      received.activities.should.be.empty();
      sim.requests.should.have.length(1);
    });

    it('the status node passes on "requesting" and then the error code on a red ring', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length >= 2 && received[STATUSES].length >= 4, 'the statuses');
      const bySource = (type) => received[STATUSES].filter((m) => m.status.source.type === type).map((m) => m.status);
      // The test runtime has no message catalogues: status texts other than codes stay keys.
      const requesting = { fill: 'blue', text: /requesting$/ };
      const start = bySource('inubit-start-adhoc-process');
      start.should.have.length(2);
      start.should.match([requesting, { fill: 'red', shape: 'ring', text: 'INVALID_INPUT' }]);
      const list = bySource('ibm-bpm-list-adhoc-activities');
      list.should.have.length(2);
      list.should.match([requesting, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
    });
  });

  describe('04 Start a ready ad-hoc activity', function () {
    const served = fixtures.builtinInstances()['104'];
    const ready = served.filter((a) => a.executionState === 'READY');
    const STARTED = 'started activities';
    const EACH = 'each started activity';

    before(function () {
      // The instance of the example must show what the switch is for.
      ready.length.should.be.aboveOrEqual(2);
      (served.length - ready.length).should.be.aboveOrEqual(1);
    });

    it('instance 104 starts exactly its READY activities, and the join sends the list of them, each WORKING', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');

      received[STARTED].should.have.length(1);
      const joined = received[STARTED][0].payload;
      joined.should.be.an.Array().and.have.length(ready.length);
      joined.map((a) => a.id).should.eql(ready.map((a) => a.id));
      joined.forEach((details, index) => {
        details.should.match({ name: ready[index].name, executionState: 'WORKING', activityType: ready[index].activityType });
        details.startTime.should.be.a.String();
        if (ready[index].activityType === 'USER_TASK') details.taskId.should.be.a.String();
        else should(details.taskId).be.null();
      });

      received[EACH].should.have.length(ready.length);
      for (const msg of received[EACH]) {
        const index = ready.findIndex((a) => a.id === msg.payload.id);
        index.should.be.aboveOrEqual(0);
        msg.activityId.should.equal(msg.payload.id);
        msg.statusCode.should.equal(200);
        msg.instanceId.should.equal('104');
        msg.parts.should.match({ index, count: ready.length, type: 'array' });
        if (msg.payload.taskId === null) msg.should.not.have.property('taskId');
        else msg.taskId.should.equal(msg.payload.taskId);
      }
      received.errors.should.be.empty();

      const puts = sim.requests.filter((r) => r.method === 'PUT');
      sim.requests.filter((r) => r.method === 'GET').map((r) => r.rawPath).should.eql(['/rest/bpm/wle/v1/process/104/adHocActivities']);
      puts.map((r) => r.rawPath).sort().should.eql(ready.map((a) => `/rest/bpm/wle/v1/activity/${a.id}`).sort());
      for (const put of puts) put.query.should.eql({ action: 'ACTION_START_ACTIVITY' });
      sim.requests.should.have.length(1 + ready.length);
    });

    it('a second click lists the activities again and starts nothing: none is READY any more', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');
      const before = sim.requests.length;
      click(ex, 'instance 104');
      await until(() => sim.requests.length > before, 'the second list');
      await wait(200);
      sim.requests.slice(before).map((r) => `${r.method} ${r.rawPath}`).should.eql(['GET /rest/bpm/wle/v1/process/104/adHocActivities']);
      received[STARTED].should.have.length(1);
      received[EACH].should.have.length(ready.length);
      received.errors.should.be.empty();
    });

    it('without "recreate message sequences" the join would never send: the switch option is what completes it', async function () {
      const ex = example('04');
      const changed = { name: ex.name, nodes: ex.nodes.map((n) => (n.type === 'switch' ? { ...n, repair: false } : n)) };
      const received = await loadExample(changed);
      click(changed, 'instance 104');
      await until(() => received[EACH].length >= ready.length, 'the started activities');
      await wait(300);
      received[EACH].forEach((msg) => msg.parts.count.should.equal(served.length));
      received[STARTED].should.be.empty();
    });

    it('an activity that cannot be started reaches the catch node as BAD_REQUEST, and the status node shows it', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      const notReady = served.find((a) => a.executionState !== 'READY');
      helper.getNode(nodeNamed(ex, 'ibm-bpm-start-adhoc-activity', 'start activity').id).receive({ payload: notReady });
      await until(() => received.errors.length > 0 && received['status changes'].length >= 2, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.serverError.should.have.properties('errorNumber', 'errorMessage');
      msg.payload.id.should.equal(notReady.id);
      received[EACH].should.be.empty();
      received[STARTED].should.be.empty();
      received['status changes'].map((m) => m.status).should.match([{ fill: 'blue' }, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
      sim.requests.map((r) => `${r.method} ${r.rawPath}`).should.eql([`PUT /rest/bpm/wle/v1/activity/${notReady.id}`]);
    });
  });

  describe('05 Pick an ad-hoc starter and start it', function () {
    const LEAVE_REQUEST = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');

    it('user anna lists the English labels and starts exactly the Leave request starter; "new task" receives the task id', async function () {
      should.exist(LEAVE_REQUEST, 'the simulator has no starter labelled "Leave request"');
      const ex = example('05');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');

      received['each starter'].map((m) => m.payload.label).should.eql(fixtures.INUBIT_STARTERS.map((s) => s.labels.en));
      received['each starter'].forEach((m) => {
        m.user.should.equal('anna');
        m.payload.lang.should.equal('en');
      });

      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      msg.user.should.equal('anna');
      received.errors.should.be.empty();

      sim.requests.should.have.length(2);
      sim.requests[0].should.match({ method: 'GET', rawPath: '/ibis/rest/task/adhoc/anna', authUser: sim.username });
      sim.requests[0].query.should.eql({ lang: 'en' });
      sim.requests[1].should.match({ method: 'POST', rawPath: `/ibis/rest/task/adhoc/anna/${encodeURIComponent(LEAVE_REQUEST.id)}`, authUser: sim.username });
      sim.requests[1].query.should.eql({ lang: 'en' });
    });

    it('an unknown user reaches the catch node as NOT_FOUND, and nothing is started', async function () {
      const ex = example('05');
      const received = await loadExample(ex);
      helper.getNode(nodeNamed(ex, 'inject', 'user anna').wires[0][0]).receive({ payload: 'unknown-user' });
      await until(() => received.errors.length > 0, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('NOT_FOUND');
      msg.statusCode.should.equal(404);
      received['each starter'].should.be.empty();
      received['new task'].should.be.empty();
      sim.requests.map((r) => r.method).should.eql(['GET']);
    });
  });
});
