'use strict';
// Mocha hooks shared by the Node-RED tests: one simulator per file, reset before each test,
// and the flow unloaded after it.
const { helper } = require('./runtime');
const { startSimulator } = require('../simulator');
// Re-exported for the node tests that take both from here.
const { freePort } = require('./http');

/**
 * Starts a simulator before the tests of the calling `describe` and stops it after them.
 * Returns a stand-in that forwards to the running simulator, so tests can write `sim.url`.
 */
function useSimulator(options = {}) {
  let running;
  before(async function () {
    running = await startSimulator({ port: 0, ...options });
  });
  after(async function () {
    await running.close();
  });
  beforeEach(function () {
    running.reset();
  });
  afterEach(async function () {
    await helper.unload();
  });
  return new Proxy(
    {},
    {
      get(_target, property) {
        const value = running[property];
        return typeof value === 'function' ? value.bind(running) : value;
      },
    },
  );
}

module.exports = { useSimulator, freePort };
