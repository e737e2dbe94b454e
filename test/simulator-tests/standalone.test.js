'use strict';

// The simulator as a program, `node test/simulator`, with its flags.

const path = require('path');
const { spawn, spawnSync } = require('child_process');
require('should');
const { call, adhoc, starters, LOGIN_BODY } = require('../support/simulator-requests');

describe('BPM simulator', function () {
  describe('standalone', function () {
    // Each case starts node processes of its own.
    this.timeout(20000);
    const script = path.join(__dirname, '..', 'simulator');

    it('takes the new modes as flags', async () => {
      const child = spawn(
        process.execPath,
        [
          script,
          '--port',
          '0',
          '--inubit-auth',
          'bearer',
          '--bpm-auth=zenApiKey',
          '--token',
          'T1',
          '--api-key',
          'K1',
          '--bpm-csrf',
          'required',
          '--csrf-lifetime-ms',
          '60000',
          '--tenants',
          'acme,globex',
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        const url = await new Promise((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (chunk) => {
            out += chunk;
            const m = /listening on (\S+)/.exec(out);
            if (m) resolve(m[1]);
          });
          child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
        });
        const remote = { url, username: 'flow', password: 's3cret' };
        const bearer = { Authorization: 'Bearer T1' };
        (await call(remote, 'GET', starters('jdoe', 'client=acme'), { auth: false, headers: bearer })).status.should.equal(200);
        (await call(remote, 'GET', starters('jdoe', 'client=initech'), { auth: false, headers: bearer })).status.should.equal(404);
        (await call(remote, 'GET', starters('jdoe'))).status.should.equal(401);
        const zen = { Authorization: 'ZenApiKey ' + Buffer.from('flow:K1').toString('base64') };
        const loginAnswer = await call(remote, 'POST', '/bpm/system/login', {
          auth: false,
          headers: Object.assign({ 'Content-Type': 'application/json' }, zen),
          body: LOGIN_BODY,
        });
        loginAnswer.status.should.equal(201);
        const body = JSON.parse(loginAnswer.body);
        body.expiration.should.equal(60);
        (await call(remote, 'GET', adhoc(102), { auth: false, headers: zen })).status.should.equal(403);
        (
          await call(remote, 'GET', adhoc(102), { auth: false, headers: Object.assign({ BPMCSRFToken: body.csrf_token }, zen) })
        ).status.should.equal(200);
      } finally {
        child.kill('SIGTERM');
        await exited;
      }
    });

    it('refuses a kind the server does not have, with the usage', () => {
      for (const args of [
        ['--bpm-auth', 'portalToken'],
        ['--inubit-auth', 'zenApiKey'],
        ['--bpm-csrf', 'auto'],
        ['--csrf-lifetime-ms', 'x'],
        ['--token'],
      ]) {
        const r = spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', timeout: 10000 });
        r.status.should.equal(2, args.join(' '));
        r.stderr.should.containEql('usage: node test/simulator ');
        r.stderr.should.containEql('--bpm-csrf off|required');
      }
    });
  });
});
