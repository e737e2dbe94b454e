'use strict';
const { runtimeVersion } = require('../support/runtime');

describe('compatibility: the runtime under test (README, "Install in Node-RED")', function () {
  it('is the Node-RED and Node.js that npm test meant to run (Node-RED 5 on Node.js 22 and 24)', function () {
    const expected = { 'node-red-3': '3.', 'node-red': '4.', 'node-red-5': '5.' }[process.env.NODE_RED_PACKAGE || 'node-red'];
    runtimeVersion.should.startWith(expected);
    if (runtimeVersion.startsWith('5.')) Number(process.versions.node.split('.')[0]).should.be.aboveOrEqual(22);
    if (process.env.EXPECTED_NODE_MAJOR) process.versions.node.split('.')[0].should.equal(process.env.EXPECTED_NODE_MAJOR);
  });
});
