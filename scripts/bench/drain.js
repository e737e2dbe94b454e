'use strict';
// The drain group's copies: each copy of example 10's flow in a Node-RED process of its own
// (scripts/bench/drain-copy.js), each its own IBM BPM user, as copies run in production. They
// start when the first drain run needs them and stop with `close`.
const { fork } = require('child_process');
const path = require('path');

const COPIES = 2;

/** Starts copy `number` against the simulator `sim` ({ bpmUrl, workers }); resolves once its flow runs. */
function startCopy(number, sim) {
  const child = fork(path.join(__dirname, 'drain-copy.js'), [], {
    execPath: process.execPath,
    env: { ...process.env, BENCH_SIMULATOR: JSON.stringify(sim), BENCH_COPY: String(number) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type === 'failed') reject(new Error(`drain copy ${number} failed: ${message.message}`));
        else if (message.type === type) resolve(message);
        else return;
        child.off('message', onMessage);
      };
      child.on('message', onMessage);
      exited.then((code) => reject(new Error(`drain copy ${number} exited with ${code}`)));
    });
  return next('ready').then(() => ({
    /** Drains the queue with this copy: { cpuMs, polls, claims, taken }. */
    drain() {
      const drained = next('drained');
      child.send({ type: 'drain' });
      return drained;
    },
    close() {
      child.send({ type: 'close' });
      return exited;
    },
  }));
}

/** The copies, started once for all runs. */
function drainCopies(sim) {
  let started;
  const copies = () => (started ??= Promise.all(Array.from({ length: COPIES }, (_, index) => startCopy(index + 1, sim))));
  return {
    /** Drains the queue with the first `count` copies at once: { ms, cpuMs, copies: [{ polls, claims, taken }] }. */
    async drain(count) {
      const running = (await copies()).slice(0, count);
      const began = performance.now();
      const drained = await Promise.all(running.map((copy) => copy.drain()));
      const ms = performance.now() - began;
      return { ms, cpuMs: drained.reduce((sum, copy) => sum + copy.cpuMs, 0), copies: drained };
    },
    async close() {
      if (started) await Promise.all((await started).map((copy) => copy.close()));
    },
  };
}

module.exports = { drainCopies, COPIES };
