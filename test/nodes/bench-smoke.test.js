'use strict';
// The benchmark still runs end to end (npm run bench -- --quick): Node-RED, the simulator in its
// own process, every scenario. Timings are printed, never checked here.
const path = require('path');
const { spawnSync } = require('child_process');
require('should');

const root = path.join(__dirname, '..', '..');

describe('npm run bench -- --quick (smoke test)', function () {
  this.timeout(90000);

  it('runs every scenario once in each flow and prints the table', function () {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench.js'), '--quick', '--runs', '1', '--no-memory'], {
      cwd: root,
      encoding: 'utf8',
      env: process.env,
      timeout: 80000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    should(result.status).equal(0, output);
    output.should.match(/list 1,000: ours \(json\)/);
    output.should.match(/start 200: ours \(maxConcurrent 8\)/);
    output.should.match(/benchmark finished/);
    // Every scenario ran, and every message arrived as it should (the last column counts failures).
    const table = output.slice(0, output.indexOf('Targets'));
    const rows = table.split('\n').filter((text) => /^(list|start) [\d,]+: .*\s\d+\s*$/.test(text));
    rows.filter((line) => / ours /.test(line)).should.have.length(3);
    rows.should.have.length(11);
    for (const line of rows) line.should.match(/\s0\s*$/, `a scenario lost or spoiled messages: ${line}`);
  });
});
