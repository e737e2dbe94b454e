'use strict';
// SPEC §8: the example flows. Each file is checked as Import ▸ Examples offers it, then run in
// Node-RED against the simulator (debug nodes replaced by helper nodes with the same id), and
// must do what its comment nodes promise.
const fs = require('fs');
const path = require('path');
const should = require('should');
const { helper, load, wait, catchSeesCode } = require('../support/runtime');
const { startSimulator } = require('../simulator');
const fixtures = require('../simulator-fixtures');
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

describe('§8 examples: the files', function () {
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

describe('§8 examples: running them against the simulator', function () {
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
});
