'use strict';
// The simulator of both servers in a child process of its own (simulator-child.js), so that its
// work does not count as the Node-RED process's; the benchmark asks it over IPC.
const { fork } = require('child_process');
const path = require('path');

/** Starts the simulator child; resolves with its urls and credentials (`info`) and what the benchmark asks of it. */
async function startSimulatorProcess() {
  const child = fork(path.join(__dirname, 'simulator-child.js'), [], {
    execPath: process.execPath,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise((resolve, reject) => {
    child.once('message', (message) => (message.type === 'ready' ? resolve(message) : reject(new Error(message.message))));
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)));
  });
  let nextId = 1;
  const waiting = new Map();
  child.on('message', (message) => {
    const resolve = waiting.get(message.id);
    if (resolve) {
      waiting.delete(message.id);
      resolve(message);
    }
  });
  const ask = (type, fields = {}) => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      child.send({ id, type, ...fields });
    });
  };
  return {
    info: { bpmUrl: ready.bpmUrl, inubitUrl: ready.inubitUrl, username: ready.username, password: ready.password, workers: ready.workers },
    /**
     * CPU time used so far and the connections opened since the last call; then the simulator is
     * reset, or with `keep` (open tasks made for the next run) only its request log.
     */
    usage({ keep = false } = {}) {
      return ask('usage', { keep });
    },
    /** Resets the simulator and starts `count` IBM BPM hiring processes: [{ instanceId, taskId }], each task open. */
    async startBpmProcesses(count) {
      return (await ask('startBpmProcesses', { count })).tasks;
    },
    /** Resets the simulator, answers every request after `latencyMs` until the next reset, and queues `count` tasks: their ids. */
    async queueBpmTasks(count, latencyMs = 0) {
      return (await ask('queueBpmTasks', { count, latencyMs })).taskIds;
    },
    /** How many of the tasks were claimed and finished exactly once, by one user. */
    async worked(taskIds) {
      return (await ask('worked', { taskIds })).once;
    },
    close() {
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.send({ type: 'close' });
      });
    },
  };
}
module.exports = { startSimulatorProcess };
