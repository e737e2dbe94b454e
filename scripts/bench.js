'use strict';
// Benchmark of our flow nodes against the core-node flows a user would wire instead, in one
// embedded Node-RED, against the simulator running in a child process. Nine groups, each with its
// flows and scenarios in scripts/bench/groups/:
//   list      list 10,000 ad-hoc activities (ibm-bpm-list-adhoc-activities, JSON and XML)
//   start     start 2,000 ad-hoc processes (inubit-start-adhoc-process, POST)
//   activity  start 2,000 ad-hoc activities (ibm-bpm-start-adhoc-activity, PUT), fed messages
//             shaped like the list node's
//   tasks     list 10,000 inubit tasks (inubit-list-tasks, XML) and submit 2,000 tasks
//             (inubit-submit-task, an object of fields written as the form's XML)
//   process   start 2,000 IBM BPM processes (ibm-bpm-start-process, POST) with input variables
//             from msg.variables
//   complete  complete 2,000 IBM BPM tasks (ibm-bpm-complete-task: claim PUT, finish PUT) with
//             output variables from msg.variables; fresh open tasks are made before each run,
//             outside its time
//   message   send 2,000 IBM BPM event messages (ibm-bpm-send-message, POST with a form body) with
//             parameters from msg.parameters
//   queue     list 10,000 queued IBM BPM tasks (ibm-bpm-list-tasks, source queue) against
//             http request → change → split
//   drain     drain 2,000 queued tasks from a simulator that answers every request after 20 ms,
//             with one copy of the flow of example 10 and with two, each in a Node-RED process of
//             its own and its own user: list, a random share of the answer, claim (assign task),
//             complete without a claim
// Each against the core-node flow (http request, with xml/change/split or a template node), our
// raw client without Node-RED, and for the starts, submits, completions and messages a bare axios loop at
// the same concurrency (8); the inubit and activity starts also against a node:http loop.
//
//   npm run bench                 10,000 activities and tasks listed, 2,000 starts, submits, completions and messages of each kind,
//                                 10,000 queued tasks listed, 2,000 drained, 9 runs of each
//   npm run bench -- --quick      1,000 activities and tasks, 200 starts, submits, completions and messages of each kind,
//                                 1,000 queued tasks listed, 200 drained, 2 runs (smoke test)
//   npm run bench -- --profile    also writes a .cpuprofile per scenario and prints the hot spots
//   npm run bench -- --help       prints this
//   options: --runs N  --activities N (the list)  --starts N (the three start groups)  --tasks N (the task list)
//            --submits N  --completes N  --messages N  --queue N (the queued tasks listed)  --drain N (the queued tasks drained)  --no-memory
//            --only <names, comma-separated>: a group (list, start, activity, tasks, process, complete, message, queue or drain: all its
//                   scenarios) or an exact scenario key (e.g. list-core, start-ours, activity-axios, tasks-submit-core,
//                   complete-ours, drain-two); --only list-core,start-raw runs just those two
//   NODE_RED_PACKAGE=node-red-5 picks the Node-RED under test (default node-red);
//   BENCH_PACKAGE_DIR=<dir> benchmarks another build of this package (a copy with its own nodes/).
//
// Prints timings; never fails because of them: the exit code is 0 whenever the benchmark ran.
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const { startRuntime } = require('./bench/runtime');
const { startSimulatorProcess } = require('./bench/simulator');
const { loops } = require('./bench/loops');
const { tabWith } = require('./bench/nodes');
const { gc, profile } = require('./bench/measure');
const { report, printProfiles, fmt } = require('./bench/report');
const GROUP_MODULES = require('./bench/groups');

// The scenario groups --only accepts besides scenario keys; each key starts with its group's name and '-'.
const GROUPS = GROUP_MODULES.flatMap((group) => group.names);
const ONLY_VALUES = `${GROUPS.join(', ')}, or scenario keys such as list-json,activity-core (comma-separated)`;

/** An error in the command line: reported by its message alone. */
function optionError(message) {
  return Object.assign(new Error(message), { option: true });
}

function parseOptions(argv) {
  const quick = argv.includes('--quick');
  const value = (name, fallback) => {
    const index = argv.indexOf(name);
    if (index < 0) return fallback;
    const n = Number(argv[index + 1]);
    if (!Number.isInteger(n) || n < 1) throw optionError(`${name} needs a whole number above 0`);
    return n;
  };
  // The names after --only; a missing value (or another option in its place) is an error, not "everything".
  const only = () => {
    const index = argv.indexOf('--only');
    if (index < 0) return undefined;
    const given = argv[index + 1];
    const names = given === undefined || given.startsWith('--') ? [] : given.split(',').filter(Boolean);
    if (names.length === 0) throw optionError(`--only needs a value: ${ONLY_VALUES}`);
    return names;
  };
  const probe = argv.indexOf('--memory-probe');
  return {
    activities: value('--activities', quick ? 1000 : 10000),
    starts: value('--starts', quick ? 200 : 2000),
    tasks: value('--tasks', quick ? 1000 : 10000),
    submits: value('--submits', quick ? 200 : 2000),
    completes: value('--completes', quick ? 200 : 2000),
    messages: value('--messages', quick ? 200 : 2000),
    queue: value('--queue', quick ? 1000 : 10000),
    drain: value('--drain', quick ? 200 : 2000),
    runs: value('--runs', quick ? 2 : 9),
    warmups: quick ? 1 : 2,
    profile: argv.includes('--profile'),
    memory: !argv.includes('--no-memory'),
    only: only(),
    memoryProbe: probe >= 0 ? argv[probe + 1] : undefined,
  };
}

/**
 * `groups` cut down to the scenarios that --only names: a group name picks every scenario of
 * that group, any other name must be a scenario key and picks just that one.
 */
function selectScenarios(groups, only) {
  if (!only) return groups;
  const keys = new Set(groups.flatMap((group) => group.variants.map((variant) => variant.key)));
  const unknown = only.filter((name) => !GROUPS.includes(name) && !keys.has(name));
  if (unknown.length > 0) throw optionError(`--only: there is no group or scenario ${unknown.join(', ')}; --only takes ${ONLY_VALUES}`);
  const wanted = (variant) => only.some((name) => variant.key === name || (GROUPS.includes(name) && variant.key.startsWith(`${name}-`)));
  return groups.map((group) => ({ ...group, variants: group.variants.filter(wanted) })).filter((group) => group.variants.length > 0);
}

// ---------------------------------------------------------------------------------------------
// The scenarios

/**
 * The groups this build of the package can run (their node types loaded, the simulator's process
 * there when they need it), their flows on one tab, and their scenarios in the order the table
 * shows them. `simulator` is undefined in a memory probe.
 */
function scenarios(rt, sim, options, simulator) {
  const present = [];
  const missing = [];
  for (const group of GROUP_MODULES) {
    const lacking = group.types.filter((type) => !rt.hasType(type));
    if (lacking.length > 0)
      missing.push(
        `This build of the package lacks the ${lacking.join(' and ')} node: the ${group.names.join(' and ')} group is left out.`,
      );
    else if (!group.simulator || simulator !== undefined) present.push(group);
  }
  const run = loops(rt, sim);
  const closing = [() => run.close()];
  const context = { rt, sim, options, simulator, run, onClose: (close) => closing.push(close) };
  const made = present.map((group) => ({ group, scenarios: group.scenarios(context) }));
  return {
    groups: made.flatMap(({ scenarios: list }) => list),
    missing,
    ...tabWith(
      sim,
      present.flatMap((group) => group.flows(context)),
    ),
    /** The notes of the groups with a scenario among `keys`. */
    notes(keys) {
      return made
        .filter(({ group, scenarios: list }) => group.note && list.some((s) => s.variants.some((variant) => keys.has(variant.key))))
        .map(({ group }) => group.note(options));
    },
    async close() {
      for (const close of closing) await close();
    },
  };
}

/** One run of a variant, with what it needs made first. */
async function runOnce(variant) {
  return variant.run(variant.prepare ? await variant.prepare() : undefined);
}

// ---------------------------------------------------------------------------------------------
// Timed runs: alternating A B C …, then C B A …, so that no variant always runs first

async function measureGroup(group, simulator, options, results) {
  for (const variant of group.variants) {
    results.set(variant.key, { variant, group, ms: [], cpuMs: [], simCpuMs: [], connections: 0, failed: 0, example: undefined });
  }
  for (let warmup = 0; warmup < options.warmups; warmup++) {
    for (const variant of group.variants) await runOnce(variant);
  }
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? group.variants : [...group.variants].reverse();
    for (const variant of order) {
      const result = results.get(variant.key);
      // What the run needs (fresh open tasks) is made before its clocks start.
      const prepared = variant.prepare ? await variant.prepare() : undefined;
      // No forced collection here: after one, V8 spends twice the CPU on the next 2,000 requests.
      const before = await simulator.usage({ keep: Boolean(variant.prepare) });
      const cpu = process.cpuUsage();
      const outcome = await variant.run(prepared);
      const used = process.cpuUsage(cpu);
      const after = await simulator.usage();
      result.ms.push(outcome.ms);
      // A drain's CPU time is that of the copies' own Node-RED processes.
      result.cpuMs.push(outcome.cpuMs ?? (used.user + used.system) / 1000);
      result.simCpuMs.push(after.cpuMs - before.cpuMs);
      result.connections = Math.max(result.connections, after.connections);
      result.failed += outcome.failed;
      result.example ??= outcome.example;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Memory: each list variant once in a fresh Node-RED process, so that its peak RSS is its own

async function memoryProbe(options) {
  const sim = JSON.parse(process.env.BENCH_SIMULATOR);
  const rt = await startRuntime();
  const set = scenarios(rt, sim, options);
  await rt.deploy(set.flows, set.credentials);
  const variant = set.groups.flatMap((group) => group.variants).find((candidate) => candidate.key === options.memoryProbe);
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
  const baseline = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  let sampled = baseline;
  const sampler = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 1);
  const { ms } = await variant.run();
  clearInterval(sampler);
  sampled = Math.max(sampled, process.memoryUsage.rss());
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  // The kernel's peak is exact when this run set it; otherwise Node-RED's start-up did.
  const peak = peakAfter > peakBefore ? peakAfter : sampled;
  process.stdout.write(`${JSON.stringify({ key: variant.key, baseline, peak, ms })}\n`);
  await set.close();
  await rt.stop();
}

function runMemoryProbe(key, sim, options) {
  const args = [
    __filename,
    '--memory-probe',
    key,
    ...['activities', 'starts', 'tasks', 'submits', 'completes', 'messages', 'queue', 'drain'].flatMap((name) => [
      `--${name}`,
      String(options[name]),
    ]),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(sim) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => {
      const line = output.trim().split('\n').pop();
      try {
        resolve(JSON.parse(line));
      } catch {
        reject(new Error(`the memory probe of ${key} exited with ${code}: ${output.trim()}`));
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

/** The comment at the top of this file, which says what the benchmark does and takes. */
function usage() {
  const lines = fs.readFileSync(__filename, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith('//'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('//'));
  return lines
    .slice(start, end)
    .map((line) => line.replace(/^\/\/ ?/, ''))
    .join('\n');
}

async function main() {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage());
    return;
  }
  const options = parseOptions(process.argv.slice(2));
  if (options.memoryProbe) return memoryProbe(options);

  const began = performance.now();
  const simulator = await startSimulatorProcess();
  const rt = await startRuntime();
  const set = scenarios(rt, simulator.info, options, simulator);
  const groups = selectScenarios(set.groups, options.only);
  for (const line of set.missing) console.log(line);
  await rt.deploy(set.flows, set.credentials);
  console.log(
    `Benchmark: Node-RED ${rt.version}, Node.js ${process.version}; simulator in process of its own; ` +
      `${options.activities} activities listed, ${options.starts} starts of each kind, ` +
      `${options.tasks} tasks listed, ${options.submits} submits, ${options.completes} completions, ` +
      `${options.messages} event messages, ${options.queue} queued tasks listed, ${options.drain} drained, ${options.runs} runs each.`,
  );

  const results = new Map();
  for (const group of groups) {
    process.stdout.write(`measuring ${group.name} …\n`);
    await measureGroup(group, simulator, options, results);
  }

  const profiles = [];
  if (options.profile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-profile-'));
    for (const group of groups) {
      for (const variant of group.variants) {
        const prepared = variant.prepare ? await variant.prepare() : undefined;
        const { file, profile: data } = await profile(dir, variant.key, () => variant.run(prepared));
        profiles.push({ key: variant.label, file, profile: data });
      }
    }
  }

  const memory = new Map();
  // The list flows, each once in a fresh Node-RED process.
  const probed = [...results.values()].filter(({ variant }) => variant.memory).map(({ variant }) => variant.key);
  if (options.memory && probed.length > 0) {
    process.stdout.write('measuring peak memory …\n');
    for (const key of probed) memory.set(key, await runMemoryProbe(key, simulator.info, options));
  }

  const simUsage = await simulator.usage();
  report(results, memory, options, rt, simUsage, set.notes(new Set(results.keys())));
  if (profiles.length > 0) printProfiles(profiles);
  console.log(`\nbenchmark finished in ${fmt((performance.now() - began) / 1000)} s`);

  await set.close();
  await rt.stop();
  await simulator.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error.option ? `benchmark: ${error.message}` : `benchmark failed: ${error.stack || error}`);
    process.exit(1);
  },
);
