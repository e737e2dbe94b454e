'use strict';
// The simulator in its own process, so that the Node-RED process's CPU time and memory are its
// own. Started with child_process.fork; answers { id, type } requests over IPC:
//   'usage' → its CPU time, the connections opened since the last 'usage', its RSS.
const { startSimulator } = require('../../test/simulator');

startSimulator({ port: 0 }).then((sim) => {
  process.send({ type: 'ready', inubitUrl: sim.inubitUrl, bpmUrl: sim.bpmUrl, username: sim.username, password: sim.password });
  process.on('message', (request) => {
    if (request.type === 'usage') {
      const cpu = process.cpuUsage();
      const answer = { id: request.id, cpuMs: (cpu.user + cpu.system) / 1000, connections: sim.stats.connections, rss: process.memoryUsage.rss() };
      // The request log would otherwise grow with every benchmark run.
      sim.reset();
      process.send(answer);
    } else if (request.type === 'close') {
      sim.close().then(() => process.exit(0));
    }
  });
  process.on('disconnect', () => sim.close().then(() => process.exit(0)));
}, (error) => {
  process.send({ type: 'error', message: error.message });
  process.exit(1);
});
