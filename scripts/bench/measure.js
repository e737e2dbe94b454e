'use strict';
// Statistics, garbage collection between runs, CPU profiles and the printed tables.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const vm = require('vm');
const inspector = require('inspector');

// For the memory probes: a collection before the baseline is taken.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Prints rows of cells as a table with a header line; numbers are right-aligned. */
function printTable(header, rows) {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => String(row[column] ?? '').length)));
  const line = (row) =>
    row
      .map((cell, column) => {
        const text = String(cell ?? '');
        return column === 0 ? text.padEnd(widths[column]) : text.padStart(widths[column]);
      })
      .join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Runs `fn` under the V8 sampling profiler and writes `<dir>/<name>.cpuprofile`. */
async function profile(dir, name, fn) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => {
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
    });
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  let failure;
  try {
    await fn();
  } catch (error) {
    failure = error;
  }
  const { profile: result } = await post('Profiler.stop');
  session.disconnect();
  if (failure) throw failure;
  const file = path.join(dir, `${name}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(result));
  return { file, profile: result };
}

/** Self time per function (and per area of code) of a .cpuprofile, largest first. */
function selfTimes(profile, root) {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const functions = new Map();
  const areas = new Map();
  let total = 0;
  for (const [id, micros] of self) {
    const { callFrame } = byNode.get(id);
    // The in-process inspector session itself: starting and stopping the profiler.
    if ((callFrame.functionName === 'dispatch' && !callFrame.url) || callFrame.url === 'node:inspector') continue;
    const where = shortUrl(callFrame.url, root);
    const key = `${callFrame.functionName || '(anonymous)'}  ${where}${where ? `:${callFrame.lineNumber + 1}` : ''}`;
    functions.set(key, (functions.get(key) ?? 0) + micros);
    const area = areaOf(callFrame, where);
    areas.set(area, (areas.get(area) ?? 0) + micros);
    total += micros;
  }
  const sorted = (map) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).map(([name, micros]) => ({ name, ms: micros / 1000, share: micros / total }));
  return { totalMs: total / 1000, functions: sorted(functions), areas: sorted(areas) };
}

function shortUrl(url, root) {
  if (!url) return '';
  let text = url.replace(/^file:\/\//, '');
  const modules = text.lastIndexOf('/node_modules/');
  if (modules >= 0) return text.slice(modules + '/node_modules/'.length);
  if (text.startsWith(root)) text = text.slice(root.length + 1);
  return text;
}

/** A coarse owner of the code, to see at a glance where the time goes. */
function areaOf(callFrame, where) {
  const name = callFrame.functionName;
  if (!where) {
    if (name === '(garbage collector)') return 'garbage collection';
    if (name === '(idle)') return 'idle (waiting for I/O)';
    if (name === '(program)') return 'V8/Node.js native';
    return `native: ${name || 'anonymous'}`;
  }
  if (where.startsWith('node:')) return 'Node.js internals (http, net, streams, timers)';
  if (where.startsWith('nodes/')) return 'this package (nodes/)';
  if (where.startsWith('scripts/')) return 'benchmark harness';
  if (where.startsWith('lodash.clonedeep')) return 'msg cloning (lodash.clonedeep)';
  const first = where.split('/')[0];
  const pkg = first.startsWith('@') ? where.split('/').slice(0, 2).join('/') : first;
  return pkg;
}

module.exports = { gc, median, printTable, profile, selfTimes };
