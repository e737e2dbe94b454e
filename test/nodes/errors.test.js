'use strict';
// README, "Errors", for every flow node: each row of the table of node kinds runs through the same clauses.
const should = require('should');
const { helper, logText } = require('../support/runtime');
const { loadFlow, run, runMany, caughtWith, statusShown } = require('../support/flows');
const { useSimulator, freePort } = require('../support/simulated');
const { requestsArrived, simulatorIdle } = require('../support/waits');
const { NODE_KINDS, ERROR_BODIES, STATUSES, ROOT, requestPath, requestsOf, errorBodySent } = require('../support/node-kinds');
const { startSimulator } = require('../simulator');
const { STACK_TRACE } = require('../simulator/fixtures');

/** Properties of the input message that an error sets. */
const SET_BY_ERROR = ['error', 'statusCode', 'serverError', 'outcome', '_msgid'];

/** How the error's message ends for each outcome of a change (README, "When the answer is lost"). */
const OUTCOME_WORDS = {
  'not-done': /: the [\w -]+ was not \w+$/,
  unknown: /: the [\w -]+ may have been \w+: check before sending it again$/,
  done: /: the [\w -]+ was \w+$/,
};

/**
 * The outcome a node reports for a fault of its `sent`th request: none for a read; for a change,
 * `outcome`, but never more than not-done where the fault hit a request before the change itself
 * (complete task's claim).
 */
function outcomeOf(kind, outcome = 'not-done', sent = 1) {
  if (!kind.changes) return undefined;
  return sent < kind.requestsPerMessage ? 'not-done' : outcome;
}

describe('errors (README, "Errors")', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const secrets = () => [sim.password, Buffer.from(`${sim.username}:${sim.password}`).toString('base64')];

  /**
   * Asserts the shape of every caught error: exactly one Catch with `code`, one readable line that
   * says what failed (`doing`), the HTTP status when one came, the input message otherwise as it
   * was sent (`input`), and no secret in the message, the status or the log.
   */
  function checkError(result, code, { statusCode, message, doing, input = {}, outcome } = {}) {
    const msg = caughtWith(result, code);
    msg.error.message.should.be.a.String().and.not.match(/\n/);
    if (outcome === undefined) {
      should(msg.outcome).be.undefined();
    } else {
      should(msg.outcome).equal(outcome);
      msg.error.message.should.match(OUTCOME_WORDS[outcome]);
    }
    if (statusCode === undefined) {
      should(msg.statusCode).be.undefined();
    } else {
      msg.statusCode.should.equal(statusCode);
      msg.error.message.should.containEql(`HTTP ${statusCode}`);
    }
    if (message) msg.error.message.should.match(message);
    if (doing) msg.error.message.should.match(doing);
    const rest = (m) => Object.fromEntries(Object.entries(m).filter(([key]) => !SET_BY_ERROR.includes(key)));
    rest(msg).should.eql(rest(input));
    const seen = JSON.stringify(msg) + JSON.stringify(result.statuses) + logText();
    for (const secret of secrets()) seen.should.not.containEql(secret);
    return msg;
  }

  for (const kind of NODE_KINDS) {
    describe(kind.type, function () {
      const bodies = ERROR_BODIES[kind.errorBody];
      /** The flow of this node with options `props`, its server `server`. */
      const flow = (props = {}, server = {}) => kind.flow(sim, props, { timeout: 1000, ...server });
      const requests = () => requestsOf(sim, kind);
      /** Sends the message that asks for `key` and checks the error it ends in. */
      async function failWith(key, code, options = {}) {
        const input = { ...kind.message(key), topic: 'kept', taskId: 'kept' };
        const result = await run(structuredClone(input), options.run);
        const msg = checkError(result, code, {
          doing: kind.doing(key),
          input,
          ...options,
          outcome: outcomeOf(kind, options.outcome, options.sent),
        });
        result.completed.should.have.length(0);
        return msg;
      }
      /** Sends the message that asks for `key` and resolves with the run. */
      const runKey = (key) => run(kind.message(key));
      /** How many times a request is sent that times out or is reset (retries 2: only a read is retried). */
      const attempts = kind.reads ? 3 : 1;

      for (const body of bodies.unauthorized) {
        it(`401 (${body.what}): UNAUTHORIZED, not retried`, async function () {
          body.prepare(sim);
          await loadFlow(flow(), sim, { password: 'wrong' });
          const msg = await failWith(kind.valid, 'UNAUTHORIZED', { statusCode: 401 });
          body.check(msg, requestPath(kind, kind.valid));
          requests().should.have.length(1);
        });
      }

      for (const [variant, props] of kind.variants) {
        for (const [key, status, code, errorNumber, parameters] of kind.serverErrors) {
          const retried = code === 'SERVICE_UNAVAILABLE';
          it(`${status} (${key}${variant ? `, ${variant}` : ''}): ${code} with the server's message, ${retried ? 'after the retries' : 'not retried'}`, async function () {
            await loadFlow(flow(props), sim);
            const msg = await failWith(key, code, { statusCode: status, message: retried ? /\(after 3 attempts\)/ : undefined });
            requests().should.have.length(retried ? 3 : 1);
            msg.serverError.should.be.an.Object();
            msg.error.message.should.containEql(bodies.messageOf(msg.serverError));
            if (errorNumber) msg.serverError.errorNumber.should.equal(errorNumber);
            if (parameters) msg.serverError.errorMessageParameters.should.eql(parameters);
          });

          it(`${status} (${key}${variant ? `, ${variant}` : ''}): serverError is the error body the server sent`, async function () {
            await loadFlow(flow(props), sim);
            const msg = await failWith(key, code, { statusCode: status });
            requests().should.have.length(retried ? 3 : 1);
            bodies.compare(msg.serverError, await errorBodySent(sim, kind, key));
          });
        }

        if (kind.errorBody === 'wle') {
          it(`500${variant ? ` (${variant})` : ''}: programmersDetails keeps the server's stack trace as it was sent`, async function () {
            await loadFlow(flow(props), sim);
            const msg = await failWith('server-error', 'SERVER_ERROR', { statusCode: 500 });
            msg.serverError.programmersDetails.should.equal(STACK_TRACE);
          });
        }

        for (const [key, [what, statusCode, code, sent = 1]] of Object.entries(kind.malformed)) {
          // A gateway's login page reached no server; an answer cut short may have; any other 2xx did.
          const outcome = key === 'login-page' ? 'not-done' : code === 'CONNECTION_FAILED' ? 'unknown' : 'done';
          it(`${what}${variant ? ` (${variant})` : ''} is ${code}, not retried, and sends nothing${kind.changes ? `: outcome ${outcomeOf(kind, outcome, sent)}` : ''}`, async function () {
            await loadFlow(flow(props), sim);
            await failWith(key, code, { statusCode, outcome, sent });
            requests().should.have.length(sent);
          });
        }

        for (const key of ['reset', 'reset-mid-body']) {
          it(`a connection reset (${key}${variant ? `, ${variant}` : ''}) is CONNECTION_FAILED, ${kind.reads ? 'after the retries of the GET' : `and the ${kind.request.method} is not retried`}`, async function () {
            await loadFlow(flow(props), sim);
            await failWith(key, 'CONNECTION_FAILED', { outcome: 'unknown' });
            requests().should.have.length(attempts);
          });
        }
      }

      for (const [status, code] of STATUSES) {
        it(`status-${status}: ${code}, with the server's error body, not retried`, async function () {
          await loadFlow(flow(), sim);
          const msg = await failWith(`status-${status}`, code, { statusCode: status });
          requests().should.have.length(1);
          bodies.generic(msg.serverError, status);
        });
      }

      it('503 each time: SERVICE_UNAVAILABLE after the retries, with the number of attempts and a yellow status while retrying', async function () {
        await loadFlow(flow(), sim);
        const result = await run(kind.message('flaky-9'));
        const msg = checkError(result, 'SERVICE_UNAVAILABLE', {
          statusCode: 503,
          message: /\(after 3 attempts\)/,
          doing: kind.doing('flaky-9'),
          input: kind.message('flaky-9'),
          outcome: outcomeOf(kind),
        });
        bodies.generic(msg.serverError, 503);
        requests().should.have.length(3);
        result.statuses.should.containEql({ fill: 'yellow', shape: 'ring', text: `${kind.type}.status.retrying` });
      });

      it('503 (maintenance mode): SERVICE_UNAVAILABLE after the retries', async function () {
        sim.setMaintenance(true);
        await loadFlow(flow(), sim);
        const msg = await failWith(kind.valid, 'SERVICE_UNAVAILABLE', { statusCode: 503, message: /\(after 3 attempts\)/ });
        msg.serverError.should.be.an.Object();
        requests().should.have.length(3);
      });

      it('503: retries as often as retries says, then succeeds', async function () {
        await loadFlow(flow({}, { retries: 3 }), sim);
        const result = await runKey('flaky-3');
        result.caught.should.have.length(0);
        result.out.should.have.length(kind.outputs);
        kind.success(result.out, 'flaky-3');
        // The retries repeat only the request that failed.
        requests().should.have.length(4 + kind.requestsPerMessage - 1);
        result.statuses.should.containEql({ fill: 'yellow', shape: 'ring', text: `${kind.type}.status.retrying` });
        result.status.should.match({ fill: 'green' });
      });

      it('503: no retry when retries is 0', async function () {
        await loadFlow(flow({}, { retries: 0 }), sim);
        await failWith('flaky-1', 'SERVICE_UNAVAILABLE', { statusCode: 503 });
        requests().should.have.length(1);
      });

      for (const status of kind.otherSuccess) {
        it(`a ${status} instead of its success is INVALID_RESPONSE, not retried, and sends nothing`, async function () {
          await loadFlow(flow(), sim);
          await failWith(`status-${status}`, 'INVALID_RESPONSE', { statusCode: status, outcome: 'done' });
          requests().should.have.length(1);
        });
      }

      it('an answer larger than 20 MB is INVALID_RESPONSE, not retried', async function () {
        this.timeout(20000);
        await loadFlow(flow({}, { timeout: 15000 }), sim);
        await failWith('huge', 'INVALID_RESPONSE', { run: { timeout: 15000 }, outcome: 'unknown' });
        requests().should.have.length(1);
      });

      it(`a timeout is TIMEOUT, ${kind.reads ? 'after the retries of the GET' : `and the ${kind.request.method} is not retried`}`, async function () {
        await loadFlow(flow({}, { timeout: 100 }), sim);
        // TIMEOUT is the attempt's own timer ending it, not the slow answer coming late.
        await failWith('slow-2000', 'TIMEOUT', { message: /no complete answer within 100 ms/, outcome: 'unknown' });
        requests().should.have.length(attempts);
      });

      it('a refused connection is CONNECTION_FAILED after the retries', async function () {
        const port = await freePort();
        await loadFlow(flow({}, { url: `http://127.0.0.1:${port}${ROOT[kind.server]}`, retries: 1 }), sim);
        await failWith(kind.valid, 'CONNECTION_FAILED', { message: /refused/ });
      });

      it(`a refused connection is retried: the ${kind.request.method} reaches a server that came up meanwhile`, async function () {
        const port = await freePort();
        await loadFlow(flow({}, { url: `http://127.0.0.1:${port}${ROOT[kind.server]}`, retries: 2 }), sim);
        let late;
        const pending = runKey(kind.valid);
        try {
          // The first attempt is refused (the node shows that it retries); the server is up before the retry.
          await statusShown(helper.getNode('node'), (status) => status.fill === 'yellow', 'the status "retrying"');
          late = await startSimulator({ port, username: sim.username, password: sim.password });
          const result = await pending;
          result.out.should.have.length(kind.outputs);
          kind.success(result.out, kind.valid);
          late.requests.should.have.length(kind.requestsPerMessage);
          late.requests.forEach((request) => request.method.should.equal(kind.request.method));
        } finally {
          if (late) await late.close();
        }
      });

      if (kind.reads) {
        it('follows a redirect of the GET on the same host', async function () {
          await loadFlow(flow(), sim);
          const result = await runKey('redirect-same');
          result.out.should.have.length(kind.outputs);
          kind.success(result.out, 'redirect-same');
          requests().should.have.length(2);
          requests()[1].headers.should.have.property('authorization');
        });

        it('does not carry the Authorization header across a redirect to another host', async function () {
          await loadFlow(flow(), sim);
          await failWith('redirect-other-host', 'UNAUTHORIZED', { statusCode: 401 });
          requests().should.have.length(2);
          requests()[1].headers.should.not.have.property('authorization');
        });
      } else {
        for (const key of ['redirect-same', 'redirect-other-host']) {
          it(`a redirect of the ${kind.request.method} (${key}) is HTTP_ERROR, not followed`, async function () {
            await loadFlow(flow(), sim);
            await failWith(key, 'HTTP_ERROR', { statusCode: 302, message: /redirected to/ });
            sim.requests.should.have.length(1);
          });
        }
      }

      it('the error replaces statusCode and serverError left on the message by an earlier node', async function () {
        await loadFlow(flow({}, { retries: 0 }), sim);
        const earlier = { statusCode: 200, serverError: { errorNumber: 'earlier', message: 'earlier' } };
        const reset = checkError(await run({ ...kind.message('reset'), ...earlier }), 'CONNECTION_FAILED', {
          input: kind.message('reset'),
          outcome: outcomeOf(kind, 'unknown'),
        });
        should(reset.serverError).be.undefined();
        const failed = checkError(await run({ ...kind.message(kind.failing), ...earlier }), 'SERVER_ERROR', {
          statusCode: 500,
          input: kind.message(kind.failing),
          outcome: outcomeOf(kind),
        });
        bodies.compare(failed.serverError, await errorBodySent(sim, kind, kind.failing));
      });

      it('shows a blue dot while requesting and a red ring with the code on error', async function () {
        await loadFlow(flow(), sim);
        const result = await runKey(kind.failing);
        result.statuses[0].should.match({ fill: 'blue', shape: 'dot', text: `${kind.type}.status.requesting` });
        result.status.should.eql({ fill: 'red', shape: 'ring', text: 'SERVER_ERROR' });
      });

      it('every one of many messages ends in exactly one output or one Catch', async function () {
        await loadFlow(flow(), sim);
        // [key, messages sent for it, whether it is caught]
        const kinds = [
          [kind.valid, kind.outputs, false],
          [kind.failing, 0, true],
          [kind.invalid, 0, true],
          ['status-404', 0, true],
        ];
        if (kind.quiet) kinds.push([kind.quiet, 0, false]);
        const msgs = Array.from({ length: 20 * kinds.length }, (_, i) => ({ ...kind.message(kinds[i % kinds.length][0]), n: i }));
        const result = await runMany(msgs);
        const expected = (pick) => kinds.reduce((sum, k) => sum + 20 * pick(k), 0);
        result.out.should.have.length(expected(([, outputs]) => outputs));
        result.caught.should.have.length(expected(([, , caught]) => (caught ? 1 : 0)));
        result.completed.should.have.length(expected(([, , caught]) => (caught ? 0 : 1)));
        result.caught.forEach((m) => kinds[m.n % kinds.length][2].should.be.true());
        new Set([...result.out, ...result.caught].map((m) => m.n)).size.should.equal(
          expected(([, outputs, caught]) => (caught || outputs > 0 ? 1 : 0)),
        );
      });

      if (kind.changes) {
        it('on close, a change already sent is left to finish and its outcome logged; those not yet sent are not sent', async function () {
          await loadFlow(flow({}, { maxConcurrent: 1 }), sim);
          const node = helper.getNode('node');
          const finished = [];
          const warnings = [];
          node.error = (err, msg) => finished.push({ err, msg });
          // The test helper stops recording the log before the flow stops: the node's own warnings.
          node.warn = (text) => warnings.push(text);
          for (let i = 0; i < 3; i++) node.receive({ ...kind.message('slow-300'), n: i });
          await requestsArrived(sim, 1);
          await helper.unload();
          finished.should.have.length(0);
          // The first message's requests only, each answered, none cut off.
          const sent = requests();
          sent.map((request) => request.rawPath).should.have.length(kind.requestsPerMessage);
          sent.forEach((request) => should(request.answered).be.true());
          const log = warnings.join('\n');
          log.should.match(/finished after the flow stopped: done/);
          log.should.containEql('slow-300');
          log.should.match(/2 message\(s\) not sent to the server/);
        });
      }

      if (kind.reads)
        it('on close, aborts requests in flight, finishes queued and running messages, and does not crash', async function () {
          await loadFlow(flow({}, { maxConcurrent: 1 }), sim);
          const node = helper.getNode('node');
          const finished = [];
          node.error = (err, msg) => finished.push({ err, msg });
          for (let i = 0; i < 3; i++) node.receive({ ...kind.message('slow-5000'), n: i });
          await requestsArrived(sim, 1, 'the first request at the simulator');
          sim.stats.inFlight.should.equal(1);
          await helper.unload();
          finished
            .map((f) => f.msg.n)
            .sort()
            .should.eql([0, 1, 2]);
          // Each one aborted, the running one too: none waited for its slow answer.
          finished.forEach((f) =>
            f.err.should.match({ code: 'CONNECTION_FAILED', message: /aborted: the node was stopped or redeployed/ }),
          );
          await simulatorIdle(sim, 'the simulator to see the aborted request closed');
          sim.requests.should.have.length(1);
        });
    });
  }
});
