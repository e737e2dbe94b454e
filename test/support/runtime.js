'use strict';
// Loads the package's nodes into a real Node-RED runtime through node-red-node-test-helper.
// NODE_RED_PACKAGE picks the Node-RED under test: `node-red` (4.x) or `node-red-5`.
const path = require('path');
const helper = require('node-red-node-test-helper');

const runtimePackage = process.env.NODE_RED_PACKAGE || 'node-red';
const runtimeEntry = require.resolve(runtimePackage);
helper.init(runtimeEntry);

const coreDir = path.dirname(require.resolve('@node-red/nodes/package.json', { paths: [path.dirname(runtimeEntry)] }));

// Every node the package declares, config nodes first (package.json "node-red".nodes).
const declared = require(path.join(__dirname, '..', '..', 'package.json'))['node-red'].nodes;
const ours = Object.values(declared).map((file) => require(path.join(__dirname, '..', '..', file)));
const core = {
  tls: require(path.join(coreDir, 'core/network/05-tls.js')),
  join: require(path.join(coreDir, 'core/sequence/17-split.js')),
  // The example flows start with inject nodes and carry comment nodes.
  inject: require(path.join(coreDir, 'core/common/20-inject.js')),
  comment: require(path.join(coreDir, 'core/common/90-comment.js')),
  switch: require(path.join(coreDir, 'core/function/10-switch.js')),
  // Example 06 sets a form's fields with a change node.
  change: require(path.join(coreDir, 'core/function/15-change.js')),
  // Users build objects in Function nodes, whose code runs in a context of its own.
  function: require(path.join(coreDir, 'core/function/10-function.js')),
};

const runtimeVersion = require(path.join(path.dirname(runtimeEntry), '..', 'package.json')).version;
// Node-RED 3 does not copy an error's `code` into the Catch node's msg.error; 4 and later do.
const catchSeesCode = Number(runtimeVersion.split('.')[0]) >= 4;

/** Loads a flow with our nodes (plus tls-config, split/join, inject, comment, switch, change and function), resolving when it runs. */
function load(flow, credentials = {}) {
  return helper.load([...ours, ...Object.values(core)], flow, credentials);
}

/** Waits `ms` milliseconds. */
function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Every log line Node-RED wrote during the test, as text. */
function logText() {
  return helper
    .log()
    .args.map((args) => JSON.stringify(args, (key, value) => (value instanceof Error ? value.message : value)))
    .join('\n');
}

module.exports = { helper, load, wait, logText, runtimeVersion, catchSeesCode };

// No test may leave a promise rejection unhandled.
const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));
afterEach(function () {
  const found = unhandled.splice(0);
  if (found.length > 0) throw new Error(`unhandled rejection: ${found[0] && found[0].stack ? found[0].stack : found[0]}`);
});
