'use strict';
const should = require('should');
const { helper, logText, wait } = require('../support/runtime');
const { startFlow, listFlow, startActivityFlow, startersFlow, loadFlow, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator, freePort } = require('../support/simulated');
const { startSimulator } = require('../simulator');
const { STACK_TRACE } = require('../simulator-fixtures');

describe('SPEC §6 errors', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const secrets = () => [sim.password, Buffer.from(`${sim.username}:${sim.password}`).toString('base64')];

  /** Asserts the common shape of every caught error: one readable line, no secret anywhere. */
  function checkError(result, code, { statusCode, message } = {}) {
    const msg = caughtWith(result, code);
    msg.error.message.should.be.a.String();
    msg.error.message.should.not.match(/\n/);
    if (statusCode === undefined) {
      should(msg.statusCode).be.undefined();
    } else {
      msg.statusCode.should.equal(statusCode);
      msg.error.message.should.containEql(`HTTP ${statusCode}`);
    }
    if (message) msg.error.message.should.match(message);
    const seen = JSON.stringify(msg) + JSON.stringify(result.statuses) + logText();
    for (const secret of secrets()) seen.should.not.containEql(secret);
    return msg;
  }

  describe('inubit-start-adhoc-process', function () {
    const flow = (starterId, server = {}) => startFlow(sim, { starterId }, { timeout: 1000, ...server });
    const posts = () => sim.requests.filter((r) => r.method === 'POST');
    /** The start of the error message: which ad-hoc process was started for which user. */
    const starting = (starterId, user = 'alice') => new RegExp(`^Starting ad-hoc process\\W+${starterId}\\W+for user\\W+${user}\\W`);

    it('401 (inubit 9, JSON): UNAUTHORIZED with serverError', async function () {
      await loadFlow(flow('starter-1'), sim, { password: 'wrong' });
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401, message: /Unauthorized access/ });
      msg.serverError.should.match({ statusCode: 401, message: 'Unauthorized access' });
      msg.serverError.should.have.properties('path', 'timestamp');
      msg.error.message.should.match(starting('starter-1'));
      posts().should.have.length(1);
    });

    it('401 (inubit 8, HTML page): UNAUTHORIZED without serverError', async function () {
      sim.setInubitVersion(8);
      await loadFlow(flow('starter-1'), sim, { password: 'wrong' });
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401 });
      should(msg.serverError).be.undefined();
      posts().should.have.length(1);
    });

    it('403: UNAUTHORIZED', async function () {
      await loadFlow(flow('forbidden'), sim);
      checkError(await run({}), 'UNAUTHORIZED', { statusCode: 403 });
      posts().should.have.length(1);
    });

    it('404: NOT_FOUND with the server message', async function () {
      await loadFlow(flow('unknown-starter'), sim);
      const msg = checkError(await run({}), 'NOT_FOUND', { statusCode: 404 });
      msg.serverError.statusCode.should.equal(404);
      msg.error.message.should.containEql(msg.serverError.message);
      msg.error.message.should.match(starting('unknown-starter'));
      posts().should.have.length(1);
    });

    it('500: SERVER_ERROR with serverError, not retried', async function () {
      await loadFlow(flow('server-error'), sim);
      const msg = checkError(await run({}), 'SERVER_ERROR', { statusCode: 500, message: /Internal Server Error/ });
      msg.serverError.should.match({ statusCode: 500, message: 'Internal Server Error' });
      posts().should.have.length(1);
    });

    it('500: serverError is the whole error body inubit sent', async function () {
      await loadFlow(flow('server-error'), sim);
      const msg = checkError(await run({}), 'SERVER_ERROR', { statusCode: 500 });
      msg.serverError.timestamp.should.be.a.String().and.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      msg.serverError.should.eql({
        statusCode: 500,
        message: 'Internal Server Error',
        path: '/rest/task/adhoc/alice/server-error',
        timestamp: msg.serverError.timestamp,
      });
      msg.error.message.should.match(starting('server-error'));
    });

    it('503 (maintenance mode): SERVICE_UNAVAILABLE after the retries', async function () {
      await loadFlow(flow('maintenance'), sim);
      const msg = checkError(await run({}), 'SERVICE_UNAVAILABLE', { statusCode: 503, message: /Service Unavailable/ });
      msg.serverError.statusCode.should.equal(503);
      posts().should.have.length(3);
    });

    for (const [status, code] of [[400, 'BAD_REQUEST'], [406, 'NOT_ACCEPTABLE'], [418, 'HTTP_ERROR'], [502, 'HTTP_ERROR']]) {
      it(`${status}: ${code}, not retried`, async function () {
        await loadFlow(flow(`status-${status}`), sim);
        checkError(await run({}), code, { statusCode: status });
        posts().should.have.length(1);
      });
    }

    it('a timeout is TIMEOUT and the POST is not retried', async function () {
      await loadFlow(flow('slow-2000', { timeout: 100 }), sim);
      const msg = checkError(await run({}), 'TIMEOUT');
      posts().should.have.length(1);
      msg.error.message.should.match(starting('slow-2000'));
    });

    it('a reset connection is CONNECTION_FAILED and the POST is not retried', async function () {
      await loadFlow(flow('reset'), sim);
      const msg = checkError(await run({}), 'CONNECTION_FAILED');
      posts().should.have.length(1);
      msg.error.message.should.match(starting('reset'));
    });

    for (const status of [200, 202]) {
      it(`a ${status} instead of 201 or 204 is INVALID_RESPONSE, not retried, and sends nothing`, async function () {
        await loadFlow(flow(`status-${status}`), sim);
        const result = await run({});
        const msg = checkError(result, 'INVALID_RESPONSE', { statusCode: status });
        msg.error.message.should.match(starting(`status-${status}`));
        should(msg.taskId).be.undefined();
        result.completed.should.have.length(0);
        posts().should.have.length(1);
      });
    }

    it('an answer cut short is CONNECTION_FAILED', async function () {
      await loadFlow(flow('truncated'), sim);
      checkError(await run({}), 'CONNECTION_FAILED');
    });

    it('a 200 HTML login page is INVALID_RESPONSE', async function () {
      await loadFlow(flow('login-page'), sim);
      checkError(await run({}), 'INVALID_RESPONSE', { statusCode: 200 });
    });

    it('a 201 with an HTML page instead of a task id is INVALID_RESPONSE', async function () {
      await loadFlow(flow('wrong-type'), sim);
      checkError(await run({}), 'INVALID_RESPONSE', { statusCode: 201 });
    });

    it('an answer larger than 20 MB is INVALID_RESPONSE', async function () {
      this.timeout(20000);
      await loadFlow(flow('huge', { timeout: 15000 }), sim);
      checkError(await run({}, { timeout: 15000 }), 'INVALID_RESPONSE');
    });

    it('a redirect of the POST is reported as HTTP_ERROR, not followed as a GET', async function () {
      await loadFlow(flow('redirect-same'), sim);
      checkError(await run({}), 'HTTP_ERROR', { statusCode: 302, message: /redirected to/ });
      sim.requests.should.have.length(1);
    });
  });

  describe('ibm-bpm-list-adhoc-activities', function () {
    const flow = (format, server = {}) => listFlow(sim, { format }, { timeout: 1000, ...server });
    const gets = () => sim.requests.filter((r) => r.server === 'bpm');
    /** The start of the error message: whose ad-hoc activities were listed. */
    const listing = (instanceId) => new RegExp(`^Listing the ad-hoc activities of process instance\\W+${instanceId}\\W`);

    /** The object the simulator sends under Data for this instance id, asked for directly as JSON. */
    async function dataSent(instanceId) {
      const response = await fetch(`${sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`, {
        headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}` },
      });
      const body = await response.json();
      should(body.Data).be.an.Object();
      return body.Data;
    }

    it('401 (HTML from the application server): UNAUTHORIZED', async function () {
      await loadFlow(flow('json'), sim, { password: 'wrong' });
      const msg = checkError(await run({ payload: '102' }), 'UNAUTHORIZED', { statusCode: 401 });
      should(msg.serverError).be.undefined();
      msg.error.message.should.match(listing('102'));
      gets().should.have.length(1);
    });

    for (const format of ['json', 'xml']) {
      describe(`WLE errors in ${format}`, function () {
        const cases = [
          ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
          ['99999', 404, 'NOT_FOUND', 'CWTBG0059E'],
          ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
          ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E'],
        ];
        for (const [instanceId, status, code, errorNumber] of cases) {
          it(`${status}: ${code} with the exception data as serverError`, async function () {
            await loadFlow(flow(format), sim);
            const msg = checkError(await run({ payload: instanceId }), code, { statusCode: status });
            msg.serverError.errorNumber.should.equal(errorNumber);
            msg.serverError.exceptionType.should.be.a.String();
            msg.serverError.errorMessage.should.be.a.String();
            msg.serverError.errorMessageParameters.should.be.an.Array();
            msg.error.message.should.containEql(msg.serverError.errorMessage);
            msg.error.message.should.match(listing(instanceId));
            gets().should.have.length(1);
          });

          it(`${status}: serverError is the object the server sent under Data, programmersDetails included`, async function () {
            await loadFlow(flow(format), sim);
            const msg = checkError(await run({ payload: instanceId }), code, { statusCode: status });
            gets().should.have.length(1);
            const data = await dataSent(instanceId);
            data.should.have.properties('exceptionType', 'errorNumber', 'errorMessage', 'errorMessageParameters', 'programmersDetails');
            msg.serverError.should.eql(data);
          });
        }

        it('500: programmersDetails keeps the server\'s stack trace as it was sent', async function () {
          await loadFlow(flow(format), sim);
          const msg = checkError(await run({ payload: 'server-error' }), 'SERVER_ERROR', { statusCode: 500 });
          msg.serverError.programmersDetails.should.equal(STACK_TRACE);
          msg.serverError.errorMessageParameters.should.eql([]);
        });
      });
    }

    it('406: NOT_ACCEPTABLE', async function () {
      await loadFlow(flow('json'), sim);
      const msg = checkError(await run({ payload: 'status-406' }), 'NOT_ACCEPTABLE', { statusCode: 406 });
      msg.error.message.should.match(listing('status-406'));
      gets().should.have.length(1);
    });

    it('a 2xx other than 200 is INVALID_RESPONSE and sends nothing', async function () {
      await loadFlow(flow('json'), sim);
      const result = await run({ payload: 'status-202' });
      const msg = checkError(result, 'INVALID_RESPONSE', { statusCode: 202 });
      msg.error.message.should.match(listing('status-202'));
      result.completed.should.have.length(0);
      gets().should.have.length(1);
    });

    it('503: SERVICE_UNAVAILABLE after the retries', async function () {
      await loadFlow(flow('json'), sim);
      checkError(await run({ payload: 'flaky-9' }), 'SERVICE_UNAVAILABLE', { statusCode: 503 });
      gets().should.have.length(3);
    });

    it('any other status: HTTP_ERROR', async function () {
      await loadFlow(flow('json'), sim);
      checkError(await run({ payload: 'status-418' }), 'HTTP_ERROR', { statusCode: 418 });
    });

    it('a timeout is TIMEOUT after the retries of the GET', async function () {
      await loadFlow(flow('json', { timeout: 100 }), sim);
      const msg = checkError(await run({ payload: 'slow-2000' }), 'TIMEOUT');
      gets().should.have.length(3);
      msg.error.message.should.match(listing('slow-2000'));
    });

    it('a reset connection is CONNECTION_FAILED after the retries of the GET', async function () {
      await loadFlow(flow('json'), sim);
      checkError(await run({ payload: 'reset' }), 'CONNECTION_FAILED');
      gets().should.have.length(3);
    });

    it('a reset in the middle of the body is CONNECTION_FAILED', async function () {
      await loadFlow(flow('xml', { retries: 0 }), sim);
      checkError(await run({ payload: 'reset-mid-body' }), 'CONNECTION_FAILED');
    });

    for (const format of ['json', 'xml']) {
      for (const [key, what] of [['login-page', 'a 200 HTML login page'], ['truncated', `truncated ${format}`], ['no-activities', 'a missing activities list'], ['wrong-type', 'a 200 with text/plain']]) {
        it(`${what} (${format}) is INVALID_RESPONSE`, async function () {
          await loadFlow(flow(format), sim);
          checkError(await run({ payload: key }), 'INVALID_RESPONSE', { statusCode: 200 });
          gets().should.have.length(1);
        });
      }
    }

    it('an answer larger than 20 MB is INVALID_RESPONSE', async function () {
      this.timeout(20000);
      await loadFlow(flow('json', { timeout: 15000 }), sim);
      checkError(await run({ payload: 'huge' }, { timeout: 15000 }), 'INVALID_RESPONSE');
    });

    it('follows a redirect of the GET on the same host', async function () {
      await loadFlow(flow('json'), sim);
      const result = await run({ payload: 'redirect-same' });
      result.out.length.should.be.above(0);
      gets().should.have.length(2);
      gets()[1].headers.should.have.property('authorization');
    });

    it('does not carry the Authorization header across a redirect to another host', async function () {
      await loadFlow(flow('json'), sim);
      checkError(await run({ payload: 'redirect-other-host' }), 'UNAUTHORIZED', { statusCode: 401 });
      gets().should.have.length(2);
      gets()[1].headers.should.not.have.property('authorization');
    });
  });

  describe('ibm-bpm-start-adhoc-activity', function () {
    const flow = (activityId, server = {}) => startActivityFlow(sim, { activityId, activityIdType: 'str' }, { timeout: 1000, ...server });
    const puts = () => sim.requests.filter((r) => r.server === 'bpm' && r.method === 'PUT');
    /** The start of the error message: which ad-hoc activity was started. */
    const starting = (activityId) => new RegExp(`^Starting ad-hoc activity\\W+${activityId.replace(/[.]/g, '\\.')}\\W`);

    it('401 (HTML from the application server): UNAUTHORIZED without serverError, not retried', async function () {
      await loadFlow(flow('2118.1'), sim, { password: 'wrong' });
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401 });
      should(msg.serverError).be.undefined();
      msg.error.message.should.match(starting('2118.1'));
      puts().should.have.length(1);
    });

    const cases = [
      ['not-startable', 400, 'BAD_REQUEST', 'CWTBG0548E'],
      ['abc', 400, 'BAD_REQUEST', 'CWTBG0553E'],
      ['forbidden', 403, 'UNAUTHORIZED', 'CWTBG0549E'],
      ['unknown-activity', 404, 'NOT_FOUND', 'CWTBG0059E'],
      ['conflict', 409, 'CONFLICT', 'CWTBG0550E'],
      ['server-error', 500, 'SERVER_ERROR', 'CWTBG0019E'],
    ];
    for (const [activityId, status, code, errorNumber] of cases) {
      it(`${status} (${activityId}): ${code} with the exception data as serverError, not retried`, async function () {
        await loadFlow(flow(activityId), sim);
        const msg = checkError(await run({ payload: { id: 'ignored' } }), code, { statusCode: status });
        puts().should.have.length(1);
        msg.serverError.errorNumber.should.equal(errorNumber);
        msg.error.message.should.containEql(msg.serverError.errorMessage);
        msg.error.message.should.match(starting(activityId));
        msg.serverError.should.have.properties('exceptionType', 'errorNumber', 'errorMessage', 'errorMessageParameters', 'programmersDetails');
        should(msg.taskId).be.undefined();
        should(msg.activityId).be.undefined();
      });
    }

    for (const [status, code] of [[400, 'BAD_REQUEST'], [401, 'UNAUTHORIZED'], [403, 'UNAUTHORIZED'], [404, 'NOT_FOUND'], [406, 'NOT_ACCEPTABLE'], [409, 'CONFLICT'], [423, 'LOCKED'], [418, 'HTTP_ERROR'], [500, 'SERVER_ERROR'], [502, 'HTTP_ERROR'], [504, 'HTTP_ERROR']]) {
      it(`status-${status}: ${code}, not retried`, async function () {
        await loadFlow(flow(`status-${status}`), sim);
        const msg = checkError(await run({}), code, { statusCode: status });
        msg.error.message.should.match(starting(`status-${status}`));
        puts().should.have.length(1);
      });
    }

    it('503 (maintenance): SERVICE_UNAVAILABLE after the retries, with the number of attempts', async function () {
      await loadFlow(flow('maintenance'), sim);
      const msg = checkError(await run({}), 'SERVICE_UNAVAILABLE', { statusCode: 503, message: /\(after 3 attempts\)/ });
      msg.error.message.should.match(starting('maintenance'));
      msg.serverError.should.be.an.Object();
      puts().should.have.length(3);
    });

    it('a 2xx other than 200 without the activity details is INVALID_RESPONSE and sends nothing', async function () {
      await loadFlow(flow('status-202'), sim);
      const result = await run({});
      const msg = checkError(result, 'INVALID_RESPONSE', { statusCode: 202 });
      msg.error.message.should.match(starting('status-202'));
      result.completed.should.have.length(0);
      puts().should.have.length(1);
    });

    it('a timeout is TIMEOUT and the PUT is not retried', async function () {
      await loadFlow(flow('slow-2000', { timeout: 100 }), sim);
      const msg = checkError(await run({}), 'TIMEOUT');
      msg.error.message.should.match(starting('slow-2000'));
      puts().should.have.length(1);
    });

    for (const key of ['reset', 'reset-mid-body']) {
      it(`a connection reset (${key}) is CONNECTION_FAILED and the PUT is not retried`, async function () {
        await loadFlow(flow(key), sim);
        const msg = checkError(await run({}), 'CONNECTION_FAILED');
        msg.error.message.should.match(starting(key));
        puts().should.have.length(1);
      });
    }

    it('a refused connection is CONNECTION_FAILED after the retries', async function () {
      const port = await freePort();
      await loadFlow(flow('2118.1', { url: `http://127.0.0.1:${port}/rest/bpm/wle/v1`, retries: 1 }), sim);
      const msg = checkError(await run({}), 'CONNECTION_FAILED', { message: /refused/ });
      msg.error.message.should.match(starting('2118.1'));
    });

    it('a refused connection is retried: the PUT reaches a server that came up meanwhile', async function () {
      const port = await freePort();
      await loadFlow(flow('2118.1', { url: `http://127.0.0.1:${port}/rest/bpm/wle/v1`, retries: 2 }), sim);
      let late;
      const pending = run({});
      // The first attempt is refused; the server is up before the retry.
      setTimeout(async () => {
        late = await startSimulator({ port, username: sim.username, password: sim.password });
      }, 50);
      try {
        const result = await pending;
        result.out.should.have.length(1);
        result.out[0].activityId.should.equal('2118.1');
        late.requests.should.have.length(1);
        late.requests[0].method.should.equal('PUT');
      } finally {
        if (late) await late.close();
      }
    });

    for (const [key, what] of [
      ['login-page', 'a 200 HTML login page'],
      ['truncated', 'truncated JSON'],
      ['wrong-type', 'a 200 with text/plain'],
      ['no-data', 'a 200 without data'],
      ['data-not-object', 'a 200 whose data is not an object'],
    ]) {
      it(`${what} is INVALID_RESPONSE, not retried`, async function () {
        await loadFlow(flow(key), sim);
        const result = await run({});
        const msg = checkError(result, 'INVALID_RESPONSE', { statusCode: 200 });
        msg.error.message.should.match(starting(key));
        result.completed.should.have.length(0);
        puts().should.have.length(1);
      });
    }

    it('an answer larger than 20 MB is INVALID_RESPONSE', async function () {
      this.timeout(20000);
      await loadFlow(flow('huge', { timeout: 15000 }), sim);
      checkError(await run({}, { timeout: 15000 }), 'INVALID_RESPONSE');
      puts().should.have.length(1);
    });

    for (const key of ['redirect-same', 'redirect-other-host']) {
      it(`a redirect of the PUT (${key}) is reported as HTTP_ERROR, not followed`, async function () {
        await loadFlow(flow(key), sim);
        checkError(await run({}), 'HTTP_ERROR', { statusCode: 302, message: /redirected to/ });
        sim.requests.should.have.length(1);
      });
    }

    it('the error replaces statusCode and serverError left on the message by an earlier node', async function () {
      await loadFlow(flow('reset'), sim);
      checkError(await run({ statusCode: 200, serverError: { errorNumber: 'earlier' } }), 'CONNECTION_FAILED');
      await helper.unload();
      await loadFlow(flow('unknown-activity'), sim);
      const msg = checkError(await run({ statusCode: 200, serverError: { errorNumber: 'earlier' } }), 'NOT_FOUND', { statusCode: 404 });
      msg.serverError.errorNumber.should.equal('CWTBG0059E');
    });
  });

  describe('inubit-list-adhoc-starters', function () {
    const flow = (user, server = {}) => startersFlow(sim, { user, userType: 'str' }, { timeout: 1000, ...server });
    const gets = () => sim.requests.filter((r) => r.server === 'inubit' && r.method === 'GET');
    /** The start of the error message: whose ad-hoc starters were listed. */
    const listing = (user) => new RegExp(`^Listing the ad-hoc starters of user\\W+${user}\\W`);

    it('401 (inubit 9, XML error body): UNAUTHORIZED with serverError, not retried', async function () {
      await loadFlow(flow('alice'), sim, { password: 'wrong' });
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401, message: /Unauthorized access/ });
      msg.serverError.should.match({ statusCode: 401, message: 'Unauthorized access' });
      msg.serverError.should.have.properties('path', 'timestamp');
      msg.error.message.should.match(listing('alice'));
      gets().should.have.length(1);
    });

    it('401 (inubit 8, HTML page): UNAUTHORIZED without serverError', async function () {
      sim.setInubitVersion(8);
      await loadFlow(flow('alice'), sim, { password: 'wrong' });
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401 });
      should(msg.serverError).be.undefined();
      msg.error.message.should.match(listing('alice'));
      gets().should.have.length(1);
    });

    it('403: UNAUTHORIZED with serverError', async function () {
      await loadFlow(flow('forbidden'), sim);
      const msg = checkError(await run({}), 'UNAUTHORIZED', { statusCode: 403, message: /Forbidden/ });
      msg.serverError.should.match({ statusCode: 403, message: 'Forbidden' });
      gets().should.have.length(1);
    });

    it('404 (unknown user): NOT_FOUND with the server message', async function () {
      await loadFlow(flow('unknown-user'), sim);
      const msg = checkError(await run({}), 'NOT_FOUND', { statusCode: 404 });
      msg.serverError.should.match({ statusCode: 404, message: 'User unknown-user not found' });
      msg.error.message.should.containEql('User unknown-user not found');
      msg.error.message.should.match(listing('unknown-user'));
      gets().should.have.length(1);
    });

    it('500: SERVER_ERROR, serverError the whole error body inubit sent, not retried', async function () {
      await loadFlow(flow('server-error'), sim);
      const msg = checkError(await run({}), 'SERVER_ERROR', { statusCode: 500, message: /Internal Server Error/ });
      msg.serverError.timestamp.should.be.a.String().and.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
      msg.serverError.should.eql({
        statusCode: 500,
        message: 'Internal Server Error',
        path: '/rest/task/adhoc/server-error',
        timestamp: msg.serverError.timestamp,
      });
      msg.error.message.should.match(listing('server-error'));
      gets().should.have.length(1);
    });

    it('503 (maintenance mode): SERVICE_UNAVAILABLE after the retries, with the number of attempts', async function () {
      await loadFlow(flow('maintenance'), sim);
      const msg = checkError(await run({}), 'SERVICE_UNAVAILABLE', { statusCode: 503, message: /Service Unavailable.*\(after 3 attempts\)/ });
      msg.serverError.statusCode.should.equal(503);
      gets().should.have.length(3);
    });

    for (const [status, code] of [[400, 'BAD_REQUEST'], [406, 'NOT_ACCEPTABLE'], [409, 'CONFLICT'], [423, 'LOCKED'], [418, 'HTTP_ERROR'], [502, 'HTTP_ERROR']]) {
      it(`${status}: ${code}, not retried`, async function () {
        await loadFlow(flow(`status-${status}`), sim);
        const msg = checkError(await run({}), code, { statusCode: status });
        msg.error.message.should.match(listing(`status-${status}`));
        gets().should.have.length(1);
      });
    }

    it('a 2xx other than 200 is INVALID_RESPONSE and sends nothing', async function () {
      await loadFlow(flow('status-202'), sim);
      const result = await run({});
      checkError(result, 'INVALID_RESPONSE', { statusCode: 202 });
      result.completed.should.have.length(0);
      gets().should.have.length(1);
    });

    it('a timeout is TIMEOUT after the retries of the GET', async function () {
      await loadFlow(flow('slow-2000', { timeout: 100 }), sim);
      const msg = checkError(await run({}), 'TIMEOUT');
      msg.error.message.should.match(listing('slow-2000'));
      gets().should.have.length(3);
    });

    for (const key of ['reset', 'reset-mid-body']) {
      it(`a connection reset (${key}) is CONNECTION_FAILED after the retries of the GET`, async function () {
        await loadFlow(flow(key), sim);
        const msg = checkError(await run({}), 'CONNECTION_FAILED');
        msg.error.message.should.match(listing(key));
        gets().should.have.length(3);
      });
    }

    it('a refused connection is retried: the GET reaches a server that came up meanwhile', async function () {
      const port = await freePort();
      await loadFlow(flow('alice', { url: `http://127.0.0.1:${port}/ibis/rest`, retries: 2 }), sim);
      let late;
      const pending = run({});
      // The first attempt is refused; the server is up before the retry.
      setTimeout(async () => {
        late = await startSimulator({ port, username: sim.username, password: sim.password });
      }, 50);
      try {
        const result = await pending;
        result.out.should.have.length(4);
        late.requests.should.have.length(1);
      } finally {
        if (late) await late.close();
      }
    });

    it('a refused connection is CONNECTION_FAILED after the retries', async function () {
      const port = await freePort();
      await loadFlow(flow('alice', { url: `http://127.0.0.1:${port}/ibis/rest`, retries: 1 }), sim);
      const msg = checkError(await run({}), 'CONNECTION_FAILED', { message: /refused/ });
      msg.error.message.should.match(listing('alice'));
    });

    for (const [key, what] of [
      ['login-page', 'a 200 HTML login page'],
      ['truncated', 'truncated XML'],
      ['wrong-type', 'a 200 with JSON'],
    ]) {
      it(`${what} is INVALID_RESPONSE, not retried`, async function () {
        await loadFlow(flow(key), sim);
        const result = await run({});
        const msg = checkError(result, 'INVALID_RESPONSE', { statusCode: 200 });
        msg.error.message.should.match(listing(key));
        result.completed.should.have.length(0);
        gets().should.have.length(1);
      });
    }

    it('an answer larger than 20 MB is INVALID_RESPONSE', async function () {
      this.timeout(20000);
      await loadFlow(flow('huge', { timeout: 15000 }), sim);
      checkError(await run({}, { timeout: 15000 }), 'INVALID_RESPONSE');
    });

    it('follows a redirect of the GET on the same host', async function () {
      await loadFlow(flow('redirect-same'), sim);
      const result = await run({});
      result.out.should.have.length(4);
      gets().should.have.length(2);
      gets()[1].headers.should.have.property('authorization');
    });

    it('does not carry the Authorization header across a redirect to another host', async function () {
      await loadFlow(flow('redirect-other-host'), sim);
      checkError(await run({}), 'UNAUTHORIZED', { statusCode: 401 });
      gets().should.have.length(2);
      gets()[1].headers.should.not.have.property('authorization');
    });

    it('the error replaces statusCode and serverError left on the message by an earlier node', async function () {
      await loadFlow(flow('reset', { retries: 0 }), sim);
      checkError(await run({ statusCode: 200, serverError: { message: 'earlier' } }), 'CONNECTION_FAILED');
    });
  });

  describe('status and lifecycle', function () {
    it('shows a blue dot while requesting and a red ring with the code on error', async function () {
      await loadFlow(startFlow(sim, { starterId: 'server-error' }), sim);
      const result = await run({});
      result.statuses[0].should.match({ fill: 'blue', shape: 'dot' });
      result.status.should.eql({ fill: 'red', shape: 'ring', text: 'SERVER_ERROR' });
    });

    it('every one of many messages ends in exactly one output or one Catch', async function () {
      await loadFlow(startFlow(sim, { starterId: 'payload', starterIdType: 'msg' }), sim);
      const kinds = ['ok', 'server-error', 'no-task', '..', 'unknown-starter'];
      const msgs = Array.from({ length: 100 }, (_, i) => ({ payload: kinds[i % kinds.length], n: i }));
      const result = await runMany(msgs, { settle: 100 });
      const outs = result.out.map((m) => m.n);
      const caught = result.caught.map((m) => m.n);
      outs.should.have.length(20);
      caught.should.have.length(60);
      new Set([...outs, ...caught]).size.should.equal(80);
      result.completed.should.have.length(40);
    });

    for (const [name, flowOf, payload] of [
      ['start', () => startFlow(sim, { starterId: 'slow-5000' }, { maxConcurrent: 1 }), {}],
      ['list', () => listFlow(sim, { instanceId: 'slow-5000', instanceIdType: 'str' }, { maxConcurrent: 1 }), {}],
      ['activity start', () => startActivityFlow(sim, { activityId: 'slow-5000', activityIdType: 'str' }, { maxConcurrent: 1 }), {}],
      ['starter list', () => startersFlow(sim, { user: 'slow-5000' }, { maxConcurrent: 1 }), {}],
    ]) {
      it(`on close (${name} node), aborts requests in flight, finishes queued and running messages, and does not crash`, async function () {
        await loadFlow(flowOf(), sim);
        const node = helper.getNode('node');
        const finished = [];
        node.error = (err, msg) => finished.push({ err, msg });
        for (let i = 0; i < 3; i++) node.receive({ ...payload, n: i });
        await wait(100);
        sim.stats.inFlight.should.equal(1);
        const started = Date.now();
        await helper.unload();
        (Date.now() - started).should.be.below(2000);
        finished.map((f) => f.msg.n).sort().should.eql([0, 1, 2]);
        finished.forEach((f) => f.err.code.should.equal('CONNECTION_FAILED'));
        await wait(50);
        sim.stats.inFlight.should.equal(0);
      });
    }
  });
});
