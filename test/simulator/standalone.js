'use strict';

// The simulator as a program, `node test/simulator [options]`: the options as flags, checked as
// startSimulator checks them (a usage error exits with 2), then the simulator until SIGINT or
// SIGTERM.

const inubit = require('./inubit');
const ibmBpm = require('./ibm-bpm');

const USAGE =
  'usage: node test/simulator [--port N] [--host H] [--username U] [--password P] [--inubit-version 8|9]\n' +
  `    [--inubit-auth ${inubit.AUTH_KINDS.join('|')}] [--bpm-auth ${ibmBpm.AUTH_KINDS.join('|')}]\n` +
  '    [--token T] [--api-key K] [--bpm-csrf off|required] [--csrf-lifetime-ms MS] [--tenants a,b]\n';

function parseArgs(argv) {
  const out = {};
  const names = {
    '--port': 'port',
    '--host': 'host',
    '--username': 'username',
    '--password': 'password',
    '--inubit-version': 'inubitVersion',
    '--inubit-auth': 'inubitAuth',
    '--bpm-auth': 'bpmAuth',
    '--token': 'token',
    '--api-key': 'apiKey',
    '--bpm-csrf': 'bpmCsrf',
    '--csrf-lifetime-ms': 'csrfLifetimeMs',
    '--tenants': 'tenants',
  };
  for (let i = 0; i < argv.length; i++) {
    const given = argv[i];
    let arg = given;
    let value;
    const eq = arg.indexOf('=');
    if (eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    } else {
      value = argv[++i];
    }
    const name = names[arg];
    if (!name || value === undefined) throw new Error(`unknown or incomplete option: ${given}`);
    if (name === 'port' || name === 'inubitVersion' || name === 'csrfLifetimeMs') out[name] = Number(value);
    else if (name === 'tenants')
      out[name] = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
    else out[name] = value;
  }
  if (out.port !== undefined && !(Number.isInteger(out.port) && out.port >= 0 && out.port < 65536)) {
    throw new Error('--port must be a number between 0 and 65535');
  }
  if (out.inubitVersion !== undefined && out.inubitVersion !== 8 && out.inubitVersion !== 9) {
    throw new Error('--inubit-version must be 8 or 9');
  }
  // The same checks as startSimulator, reported as usage errors.
  if (out.inubitAuth !== undefined) inubit.checkAuthKind(out.inubitAuth);
  if (out.bpmAuth !== undefined) ibmBpm.checkAuthKind(out.bpmAuth);
  if (out.bpmCsrf !== undefined) ibmBpm.checkCsrfMode(out.bpmCsrf);
  if (out.csrfLifetimeMs !== undefined) ibmBpm.checkLifetime(out.csrfLifetimeMs);
  return out;
}

// Runs the simulator `startSimulator` starts with the options of the command line.
function runStandalone(startSimulator) {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}`);
    process.exit(2);
  }
  startSimulator(args).then(
    (sim) => {
      process.stdout.write(`simulator listening on ${sim.url}\n`);
      const stop = () => sim.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err) => {
      process.stderr.write(`simulator failed to start: ${err.message}\n`);
      process.exit(1);
    },
  );
}

module.exports = { runStandalone };
