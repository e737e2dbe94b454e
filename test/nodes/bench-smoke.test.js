'use strict';
// The benchmark still runs end to end (npm run bench -- --quick): Node-RED, the simulator in its
// own process, every scenario. Timings are printed, never checked here.
const path = require('path');
const { spawnSync } = require('child_process');
const should = require('should');

const root = path.join(__dirname, '..', '..');

describe('npm run bench -- --quick (smoke test)', function () {
  this.timeout(120000);

  it('runs every scenario once in each flow and prints the table', function () {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench.js'), '--quick', '--runs', '1', '--no-memory'], {
      cwd: root,
      encoding: 'utf8',
      env: process.env,
      timeout: 110000,
    });
    const output = `${result.stdout}\n${result.stderr}`;
    should(result.status).equal(0, output);
    output.should.match(/list 1,000: ours \(json\)/);
    output.should.match(/start 200 processes: ours \(maxConcurrent 8\)/);
    output.should.match(/start 200 activities: ours \(maxConcurrent 8\)/);
    output.should.match(/list 1,000 inubit tasks: ours/);
    output.should.match(/submit 200 tasks: function → ours \(maxConcurrent 8\)/);
    output.should.match(/start 200 IBM BPM processes: ours \(maxConcurrent 8\)/);
    output.should.match(/complete 200 tasks: ours \(maxConcurrent 8\)/);
    output.should.match(/send 200 event messages: ours \(maxConcurrent 8\)/);
    output.should.match(/list 1,000 queued tasks: ours \(source queue\)/);
    output.should.match(/drain 200 queued tasks: two copies, each its own user/);
    output.should.match(/benchmark finished/);
    // Every scenario ran, and every message arrived as it should (the last column counts failures).
    const table = output.slice(0, output.indexOf('Targets'));
    const rows = table
      .split('\n')
      .filter((text) =>
        /^(list [\d,]+( inubit tasks| queued tasks)?|(start|submit|complete|send) [\d,]+ (IBM BPM processes|processes|activities|tasks|event messages)|drain [\d,]+ queued tasks): .*\s\d+\s*$/.test(
          text,
        ),
      );
    const labels = rows.map((line) => line.slice(0, line.indexOf('  ')));
    labels.should.eql([
      'list 1,000: ours (json)',
      'list 1,000: ours (xml)',
      'list 1,000: core http request → change → split',
      'list 1,000: core, xml: http request → xml → change → split',
      'list 1,000: raw client, no Node-RED (json)',
      'list 1,000: raw client, no Node-RED (xml)',
      'start 200 processes: ours (maxConcurrent 8)',
      'start 200 processes: core http request (keep-alive)',
      'start 200 processes: raw client loop (maxConcurrent 8)',
      'start 200 processes: bare axios, 8 at a time (limit)',
      'start 200 processes: node:http loop, no axios (floor)',
      'start 200 activities: ours (maxConcurrent 8)',
      'start 200 activities: core http request PUT (keep-alive)',
      'start 200 activities: raw client loop (maxConcurrent 8)',
      'start 200 activities: bare axios, 8 at a time (limit)',
      'start 200 activities: node:http loop, no axios (floor)',
      'list 1,000 inubit tasks: ours',
      'list 1,000 inubit tasks: core http request → xml → change → split',
      'list 1,000 inubit tasks: raw client, no Node-RED',
      'submit 200 tasks: function → ours (maxConcurrent 8)',
      'submit 200 tasks: core function → template → http request (keep-alive)',
      'submit 200 tasks: raw client loop (maxConcurrent 8)',
      'submit 200 tasks: bare axios, 8 at a time (limit)',
      'start 200 IBM BPM processes: ours (maxConcurrent 8)',
      'start 200 IBM BPM processes: core change → http request POST → change (keep-alive)',
      'start 200 IBM BPM processes: raw client loop (maxConcurrent 8)',
      'start 200 IBM BPM processes: bare axios, 8 at a time (limit)',
      'complete 200 tasks: ours (maxConcurrent 8)',
      'complete 200 tasks: core http request PUT → change → http request PUT (keep-alive)',
      'complete 200 tasks: raw client loop (maxConcurrent 8)',
      'complete 200 tasks: bare axios, 8 at a time (limit)',
      'send 200 event messages: ours (maxConcurrent 8)',
      'send 200 event messages: core template → change → http request POST (keep-alive)',
      'send 200 event messages: raw client loop (maxConcurrent 8)',
      'send 200 event messages: bare axios, 8 at a time (limit)',
      'list 1,000 queued tasks: ours (source queue)',
      'list 1,000 queued tasks: core http request → change → split',
      'drain 200 queued tasks: one copy',
      'drain 200 queued tasks: two copies, each its own user',
    ]);
    const failures = output
      .split('\n')
      .filter((text) => / failed, e\.g\. /.test(text))
      .join('\n');
    for (const line of rows) line.should.match(/\s0\s*$/, `a scenario lost or spoiled messages: ${line}\n${failures}`);
    // The start, submit, complete and message groups report their two targets: the core flow's speed and the bare axios loop's time; the task list its one.
    for (const group of [
      'start 200 processes',
      'start 200 activities',
      'submit 200 tasks',
      'start 200 IBM BPM processes',
      'complete 200 tasks',
      'send 200 event messages',
    ]) {
      output.should.match(
        new RegExp(
          `${group}: (function → )?ours \\(maxConcurrent 8\\):\\n\\s+[\\d.]+× the core flow's speed \\(target ≥ 1\\.5×\\)[^\\n]*\\n\\s+[\\d.]+× the bare axios loop's time \\(target ≤ 1\\.25×\\)`,
        ),
      );
    }
    output.should.match(/list 1,000 inubit tasks: ours:\n\s+[\d.]+× the core flow's speed \(target ≥ 3×\)/);
    output.should.match(/list 1,000 queued tasks: ours \(source queue\):\n\s+[\d.]+× the core flow's speed \(target ≥ 1\.5×\)/);
    output.should.match(/drain 200 queued tasks: two copies, each its own user:\n\s+[\d.]+× the core flow's speed \(target ≥ 1\.7×\)/);
  });

  it('prints what it measures and its options with --help, and runs nothing', function () {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench.js'), '--help'], {
      cwd: root,
      encoding: 'utf8',
      env: process.env,
      timeout: 10000,
    });
    should(result.status).equal(0, result.stderr);
    for (const group of ['list', 'start', 'activity', 'tasks', 'process', 'complete', 'message', 'queue', 'drain'])
      result.stdout.should.match(new RegExp(`^  ${group} +\\S`, 'm'));
    result.stdout.should.match(/--only <names/);
    result.stdout.should.not.match(/measuring|Benchmark:/);
  });
});
