'use strict';
// The example flows as Import ▸ Examples offers them, and what a test needs to run one in Node-RED
// against the simulator (debug nodes replaced by helper nodes with the same id).
const should = require('should');
const { helper, load } = require('./runtime');
const { followMessages } = require('./message-flow');
const { until: eventually } = require('./waits');
const { startSimulator } = require('../simulator');
const { exampleFiles, readExample, asTabs } = require('../../scripts/demo');
const { SERVER_TYPE } = require('./flows');
const { UUID_RE } = require('../simulator/fixture-ids');

const FILES = exampleFiles();
const examples = FILES.map(readExample);
/** The example whose name starts with `prefix` (its number). */
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

/**
 * Registers, in the calling describe, the simulator the examples run against and the unloading of
 * each; returns `state` (its `sim`, and the `messages` of the loaded example, followed from its load
 * on) and the ways to load an example, click its inject nodes and wait for the flow to rest.
 */
function runningExamples() {
  const state = { sim: undefined, messages: undefined };

  before(async function () {
    state.sim = await startSimulator({ port: 0 });
  });

  after(async function () {
    if (state.sim) await state.sim.close();
  });

  beforeEach(function () {
    state.sim.reset();
  });

  afterEach(async function () {
    await helper.unload();
    if (state.messages) state.messages.stop();
    state.messages = undefined;
  });

  /**
   * Loads one example as Import would place it on a tab, its servers pointing at the simulator,
   * and returns what each debug node receives, keyed by the debug node's name.
   */
  async function loadExample(ex) {
    const credentials = { username: state.sim.username, password: state.sim.password };
    const flow = asTabs([ex], {
      [SERVER_TYPE.inubit]: { id: 'cfg-inubit', url: state.sim.inubitUrl },
      [SERVER_TYPE.bpm]: { id: 'cfg-bpm', url: state.sim.bpmUrl },
    }).map((node) => (node.type === 'debug' ? { id: node.id, z: node.z, type: 'helper', name: node.name, wires: [] } : node));
    state.messages = followMessages();
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

  /**
   * Waits until `condition()` holds and the flow has come to rest: every message that reached one
   * of our nodes has finished there and none is on its way, so nothing more is coming.
   */
  function until(condition, what) {
    return eventually(() => condition() && state.messages.idle(), what);
  }

  return { state, loadExample, click, until };
}

module.exports = { UUID_RE, FILES, examples, example, nodeNamed, runningExamples };
