'use strict';
// `npm run build`: compiles src/ into nodes/ (after removing what an earlier build left there,
// so that a moved or deleted source leaves no stale .js behind), then writes
// resources/server-facts.js: what the editor needs to know of the servers, taken from the
// compiled src/lib/server-facts.ts, so that editor and runtime share one source.
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const nodesDir = path.join(root, 'nodes');
const factsFile = path.join(root, 'resources', 'server-facts.js');

/** The compiled files below nodes/: every .js outside icons/ and locales/. */
function compiledFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'icons' || entry.name === 'locales' ? [] : compiledFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

function build() {
  for (const file of compiledFiles(nodesDir)) fs.rmSync(file);
  fs.rmSync(path.join(nodesDir, 'lib'), { recursive: true, force: true });
  const tsc = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (tsc.status !== 0) return `${tsc.stdout || ''}${tsc.stderr || ''}`.trim() || `tsc exited with ${tsc.status}`;
  const facts = require(path.join(nodesDir, 'lib', 'server-facts.js'));
  const shared = {
    servers: facts.SERVER_KINDS,
    credentialsUsed: facts.CREDENTIALS_USED,
    csrfModes: facts.CSRF_MODES,
    limits: facts.LIMITS,
  };
  fs.writeFileSync(
    factsFile,
    [
      '// Written by `npm run build` from src/lib/server-facts.ts: what the editor knows of the servers.',
      `window.BpmServerFacts = ${JSON.stringify(shared, null, 4)};`,
      '',
    ].join('\n'),
  );
  return undefined;
}

module.exports = { build };

if (require.main === module) {
  const failure = build();
  if (failure) {
    console.error(failure);
    process.exit(1);
  }
}
