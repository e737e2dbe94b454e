'use strict';
// `npm start`: builds the package, then runs the demo (scripts/demo.js) until Ctrl-C, or until
// SIGINT or SIGTERM reaches npm (package.json starts this script with `exec`, so that npm's
// signal reaches this process and not only a shell in between). Node-RED, the simulator and the
// temporary user directory end with it, also during startup.
const { startDemo } = require('./demo');

let demo = null;
let interrupted = false;
const startup = new AbortController();

async function shutdown(code) {
  if (demo) await demo.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.log('\nStopping …');
    // During startup, startDemo stops what it started and then rejects.
    if (demo) void shutdown(0);
    else startup.abort();
  });
}

startDemo({ build: true, signal: startup.signal, nodeRedOutput: (text) => process.stdout.write(text) }).then(
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
