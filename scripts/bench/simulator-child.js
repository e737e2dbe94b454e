'use strict';
// The simulator in its own process, so that the Node-RED process's CPU time and memory are its
// own. Started with child_process.fork; answers { id, type } requests over IPC:
//   'usage' → its CPU time, the connections opened since the last 'usage', its RSS; then resets
//             the simulator, or with `keep` only its request log and connection count.
//   'startBpmProcesses' { count } → resets the simulator, then starts `count` instances of the
//             IBM BPM hiring process: { tasks: [{ instanceId, taskId }] }, each task open.
//   'queueBpmTasks' { count, latencyMs } → resets the simulator, answers every request after
//             `latencyMs` until the next reset, and queues `count` tasks: { taskIds }.
//   'worked' { taskIds } → { once }: how many of them were claimed and finished exactly once.
//
// Its keep-alive timeout is 60 s here, not the simulator's 5 s (IBM HTTP Server's, Apache's):
// the core http request node keeps idle connections without a timeout of its own, so after 5 s
// between two of its runs (a loaded machine gets there) it sends part of a run on connections the
// server is just closing, and those messages fail with "socket hang up" after almost no time:
// a fast run that is no measurement. Our clients and the bench's axios and node:http loops close
// idle connections after 4 s themselves, so nothing changes for them. (What the core node does
// against a server with a 5 s keep-alive is a matter of robustness, not of speed.)
const KEEP_ALIVE_MS = 60000;
const { startSimulator } = require('../../test/simulator');

// The users of the copies that share a task queue, each its own (README, "Several Node-RED copies").
const WORKERS = { 'bench-worker-1': 'bench-pw-1', 'bench-worker-2': 'bench-pw-2' };

startSimulator({ port: 0, keepAliveTimeout: KEEP_ALIVE_MS, users: WORKERS }).then(
  (sim) => {
    process.send({
      type: 'ready',
      inubitUrl: sim.inubitUrl,
      bpmUrl: sim.bpmUrl,
      username: sim.username,
      password: sim.password,
      workers: WORKERS,
    });
    process.on('message', (request) => {
      if (request.type === 'usage') {
        const cpu = process.cpuUsage();
        const answer = {
          id: request.id,
          cpuMs: (cpu.user + cpu.system) / 1000,
          connections: sim.stats.connections,
          rss: process.memoryUsage.rss(),
        };
        // The request log would otherwise grow with every benchmark run.
        if (request.keep) {
          sim.requests.length = 0;
          sim.stats.connections = 0;
        } else {
          sim.reset();
        }
        process.send(answer);
      } else if (request.type === 'startBpmProcesses') {
        sim.reset();
        process.send({ id: request.id, tasks: sim.startBpmProcesses(request.count) });
      } else if (request.type === 'queueBpmTasks') {
        sim.reset();
        sim.setLatencyMs(request.latencyMs);
        process.send({ id: request.id, taskIds: sim.queueBpmTasks(request.count).map((task) => task.taskId) });
      } else if (request.type === 'worked') {
        // How many of the tasks were claimed and finished exactly once, by one user.
        const once = request.taskIds.filter((id) => {
          const history = sim.bpmTaskHistory(id);
          return (
            history.length === 2 && history[0].action === 'claim' && history[1].action === 'finish' && history[0].user === history[1].user
          );
        }).length;
        process.send({ id: request.id, once });
      } else if (request.type === 'close') {
        sim.close().then(() => process.exit(0));
      }
    });
    process.on('disconnect', () => sim.close().then(() => process.exit(0)));
  },
  (error) => {
    process.send({ type: 'error', message: error.message });
    process.exit(1);
  },
);
