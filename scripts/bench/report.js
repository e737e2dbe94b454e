'use strict';
// The benchmark's report: every scenario's times against the variants it is compared with
// (ratios of runs made next to each other), the targets, the costs per message, and profiles.
const os = require('os');
const { median, printTable, selfTimes } = require('./measure');
const { root } = require('./runtime');

const fmt = (value, digits = 1) => value.toFixed(digits);
const mb = (bytes) => `${fmt(bytes / 1048576)} MB`;

/**
 * Prints the table of `results` (per scenario key), the targets, the per-message costs with the
 * peak memory of the `memory` probes, and the `notes` of the groups that ran; `simulator` its usage.
 */
function report(results, memory, options, rt, simulator, notes) {
  // A ratio is the median of the per-run ratios: run i of one variant against run i of the other,
  // which ran right next to it, so that a machine that slows down for a while affects both alike.
  const ratios = (key, other) => {
    const a = results.get(key).ms;
    const b = results.get(other).ms;
    return a.map((ms, run) => ms / b[run]);
  };
  const ratio = (key, other) => median(ratios(key, other));
  // The same for the CPU time of the Node-RED process: less disturbed by other load on the machine.
  const cpuRatio = (key, other) => {
    const b = results.get(other).cpuMs;
    return median(results.get(key).cpuMs.map((ms, run) => ms / b[run]));
  };
  const spread = (values) => `runs ${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)}`;
  console.log('');
  const rows = [];
  for (const { variant, ms, failed } of results.values()) {
    rows.push([
      variant.label,
      fmt(median(ms)),
      `${fmt(Math.min(...ms))}–${fmt(Math.max(...ms))}`,
      results.has(variant.core) ? `${fmt(ratio(variant.core, variant.key), 2)}× faster` : '',
      results.has(variant.xmlCore) ? `${fmt(ratio(variant.xmlCore, variant.key), 2)}× faster` : '',
      results.has(variant.raw) ? `${fmt(ratio(variant.key, variant.raw), 2)}× raw time` : '',
      results.has(variant.axios) ? `${fmt(ratio(variant.key, variant.axios), 2)}× its time` : '',
      String(failed),
    ]);
  }
  printTable(['scenario', 'median ms', 'min–max ms', 'vs core (json)', 'vs core xml', 'vs raw', 'vs bare axios', 'failed'], rows);

  // One line per target; the raw client's ratio is information (the axios loop is the limit).
  console.log('\nTargets (reported, never asserted; median of the per-run ratios, their range in brackets):');
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  for (const { variant } of results.values()) {
    const lines = [];
    if (variant.target && results.has(variant.core)) {
      const speeds = ratios(variant.core, variant.key);
      const speed = median(speeds);
      lines.push(
        `${fmt(speed, 2)}× the core flow's speed (target ≥ ${variant.target}×) ${verdict(speed >= variant.target)} ` +
          `(${spread(speeds)}; CPU time ${fmt(cpuRatio(variant.key, variant.core), 2)}× the core's)`,
      );
    }
    if (variant.axiosTarget && results.has(variant.axios)) {
      const times = ratios(variant.key, variant.axios);
      const time = median(times);
      lines.push(
        `${fmt(time, 2)}× the bare axios loop's time (target ≤ ${variant.axiosTarget}×) ${verdict(time <= variant.axiosTarget)} ` +
          `(${spread(times)}; CPU time ${fmt(cpuRatio(variant.key, variant.axios), 2)}× its)`,
      );
    }
    if (variant.rawTarget && results.has(variant.raw)) {
      const times = ratios(variant.key, variant.raw);
      const time = median(times);
      lines.push(
        `${fmt(time, 2)}× the raw client's time (target ≤ ${variant.rawTarget}×) ${verdict(time <= variant.rawTarget)} (${spread(times)})`,
      );
    } else if (variant.target && results.has(variant.raw)) {
      const times = ratios(variant.key, variant.raw);
      lines.push(`${fmt(median(times), 2)}× the raw client loop's time (information, no target) (${spread(times)})`);
    }
    if (lines.length === 0) continue;
    console.log(`  ${variant.label}:`);
    for (const line of lines) console.log(`    ${line}`);
  }

  console.log("\nPer message, memory, and the simulator's share:");
  const perMessage = [];
  for (const { variant, group, ms, cpuMs, simCpuMs, connections } of results.values()) {
    const probe = memory.get(variant.key);
    perMessage.push([
      variant.label,
      fmt((median(ms) / group.messages) * 1000, 1),
      fmt((median(cpuMs) / group.messages) * 1000, 1),
      probe ? mb(probe.peak) : '',
      probe ? fmt(Math.max(0, probe.peak - probe.baseline) / group.messages, 0) : '',
      `${fmt(median(simCpuMs))} (${fmt((100 * median(simCpuMs)) / median(ms), 0)}%)`,
      String(connections),
    ]);
  }
  printTable(['scenario', 'µs/msg', 'CPU µs/msg', 'peak RSS', 'RSS B/msg', 'simulator CPU ms (% of wall)', 'new connections'], perMessage);

  const failures = [...results.values()].filter((result) => result.failed > 0);
  for (const { variant, failed, example } of failures) console.log(`  ${variant.label}: ${failed} failed, e.g. ${example}`);
  console.log('');
  console.log(
    `Node-RED ${rt.version} on Node.js ${process.version}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}; ` +
      `${options.runs} runs each after ${options.warmups} warm-up(s), alternating order; medians; ` +
      'each ratio is the median of the per-run ratios of two variants.',
  );
  console.log(
    'CPU µs/msg: CPU time of the Node-RED process. Simulator CPU: the simulator runs in a process of its own; ' +
      'a small share of the wall time means it was not the bottleneck. New connections: the most TCP connections it accepted in one run.',
  );
  console.log(
    'Concurrency: ours, the raw loops, the bare axios and the node:http loops keep at most 8 requests in flight ' +
      '(maxConcurrent 8, 8 sockets) on reused connections; the core http request node has no limit, so all start, submit, complete and event messages are in flight at once.',
  );
  // What each group that ran measured, in its own words.
  for (const note of notes) console.log(note);
  if (memory.size > 0)
    console.log('Peak RSS: each list flow run once in a fresh Node-RED process; RSS B/msg = (peak − RSS before the run) / messages.');
  console.log(
    `Main Node-RED process: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} over the whole benchmark; simulator process RSS ${mb(simulator.rss)}.`,
  );
}

function printProfiles(profiles) {
  for (const { key, file, profile: data } of profiles) {
    const { totalMs, functions, areas } = selfTimes(data, root);
    console.log(`\n${key}: ${fmt(totalMs)} ms sampled → ${file}`);
    console.log(
      `  by area:     ${areas
        .slice(0, 6)
        .map((area) => `${area.name} ${fmt(area.share * 100, 0)}%`)
        .join(', ')}`,
    );
    console.log('  top self time:');
    for (const fn of functions.slice(0, 10))
      console.log(`    ${fmt(fn.ms).padStart(7)} ms ${fmt(fn.share * 100, 1).padStart(5)}%  ${fn.name}`);
  }
}

module.exports = { report, printProfiles, fmt };
