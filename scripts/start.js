'use strict';
// `npm start`: builds the package, then runs the demo (scripts/demo.js) until Ctrl-C.
const { startDemo } = require('./demo');

let demo = null;
let interrupted = false;

async function shutdown(code) {
  if (demo) await demo.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    // During startup, startDemo cleans up after itself once Node-RED has gone.
    if (demo) {
      console.log('\nStopping …');
      void shutdown(0);
    }
  });
}

startDemo({ build: true, nodeRedOutput: (text) => process.stdout.write(text) }).then(
  (started) => {
    demo = started;
    if (interrupted) return shutdown(0);
    console.log('');
    console.log(`Node-RED editor: ${demo.editorUrl}`);
    console.log(`Simulator of the inubit and IBM BPM servers: ${demo.sim.url} (user ${demo.sim.username}, password ${demo.sim.password})`);
    console.log('The example flows are deployed, one tab each. Ctrl-C stops everything.');
    demo.exited.then((how) => {
      if (interrupted) return;
      console.error(`Node-RED ended unexpectedly (${how.signal || `exit code ${how.code}`}).`);
      void shutdown(1);
    });
    return undefined;
  },
  (err) => {
    if (interrupted) process.exit(0);
    console.error(err.message);
    process.exit(1);
  },
);
