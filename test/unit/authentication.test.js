'use strict';
// README, "Connecting to your server", at the level of the clients: what each kind of authentication sends, CSRF tokens,
// tenant and user base, against small servers on loopback.
const http = require('http');
const should = require('should');
const { InubitClient } = require('../../nodes/lib/inubit/client');
const { IbmBpmClient, csrfLoginUrl } = require('../../nodes/lib/ibm-bpm/client');
const { authenticationFor, tokenUser } = require('../../nodes/lib/transport/authentication');
const { authTypeOf } = require('../../nodes/lib/server-facts');
const { isLoginPage } = require('../../nodes/lib/transport');
const { CsrfTokens, CSRF_RENEW_AFTER_MS } = require('../../nodes/lib/transport/csrf');

/** A loopback server that records every request (with its body) and answers with `handler`. */
function listen(handler) {
  const requests = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const record = { method: req.method, url: req.url, headers: req.headers, body };
      requests.push(record);
      handler(req, res, record);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        requests,
        url: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      }),
    ),
  );
}

function json(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const ACTIVITY = { id: '2118.1', name: 'Check', executionState: 'WORKING', taskId: '7' };
const REFUSED_TOKEN = {
  status: 'error',
  Data: { status: 'error', errorNumber: 'CWTBG0651E', errorMessage: 'CWTBG0651E: The BPMCSRFToken token header could not be verified.' },
};

/**
 * A BAW that requires a CSRF token from its login (below `prefix`): `tokens` holds the valid ones;
 * `loginDelay` holds each login back, `holdLogins` until `releaseLogins()`; `loginArrived`
 * resolves at the first login; `loginAnswer` replaces its answer.
 */
async function baw({ prefix = '', loginDelay = 0, holdLogins = false, loginAnswer, expiration = 7200 } = {}) {
  const state = { tokens: new Set(), logins: 0, next: 0 };
  let releaseLogins;
  const released = holdLogins
    ? new Promise((resolve) => {
        releaseLogins = resolve;
      })
    : Promise.resolve();
  let arrived;
  const loginArrived = new Promise((resolve) => {
    arrived = resolve;
  });
  const server = await listen((req, res, record) => {
    if (req.url === `${prefix}/bpm/system/login`) {
      state.logins++;
      arrived();
      void released.then(() =>
        setTimeout(() => {
          if (loginAnswer) return loginAnswer(res);
          const token = `csrf-${++state.next}`;
          state.tokens.add(token);
          json(res, 201, { csrf_token: token, expiration });
        }, loginDelay),
      );
      return;
    }
    if (!state.tokens.has(record.headers.bpmcsrftoken)) return json(res, 403, REFUSED_TOKEN);
    if (req.url.startsWith(`${prefix}/rest/bpm/wle/v1/activity/`)) return json(res, 200, { status: '200', data: ACTIVITY });
    if (req.url.startsWith(`${prefix}/rest/bpm/wle/v1/process/`))
      return json(res, 200, { status: '200', data: { activities: [ACTIVITY] } });
    return json(res, 200, { status: '200', data: {} });
  });
  return Object.assign(server, { state, bpmUrl: `${server.url}${prefix}/rest/bpm/wle/v1`, loginArrived, releaseLogins });
}

describe('authentication, CSRF tokens, tenants (clients, no Node-RED)', function () {
  describe('authType', function () {
    let server;
    before(async function () {
      server = await listen((req, res) => json(res, 200, { status: '200', data: { activities: [] } }));
    });
    after(() => server.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    const sent = async (settings) => {
      const client = new IbmBpmClient({ url: `${server.url}/rest/bpm/wle/v1`, csrf: 'off', ...settings });
      try {
        await client.listAdHocActivities('1');
      } finally {
        client.close();
      }
      return server.requests[0].headers;
    };
    const all = { username: 'anna', password: 'pw-secret', token: 'tok-secret' };

    it('basic: Authorization: Basic base64(username:password), and no token', async function () {
      const headers = await sent({ authType: 'basic', ...all });
      headers.authorization.should.equal(`Basic ${Buffer.from('anna:pw-secret').toString('base64')}`);
      should(headers['x-auth-token']).be.undefined();
    });

    it('bearer: Authorization: Bearer {token}; the user name and password are not sent', async function () {
      const headers = await sent({ authType: 'bearer', ...all });
      headers.authorization.should.equal('Bearer tok-secret');
      JSON.stringify(headers).should.not.match(/pw-secret|anna/);
    });

    it('zenApiKey: Authorization: ZenApiKey base64(username:token); the password is not sent', async function () {
      const headers = await sent({ authType: 'zenApiKey', ...all });
      headers.authorization.should.equal(`ZenApiKey ${Buffer.from('anna:tok-secret').toString('base64')}`);
      JSON.stringify(headers).should.not.match(/pw-secret/);
    });

    it('portalToken: X-AUTH-TOKEN: Bearer {token} and no Authorization', async function () {
      const client = new InubitClient({ url: `${server.url}/ibis/rest`, authType: 'portalToken', ...all });
      try {
        await client.listAdHocStarters('anna').catch(() => undefined);
      } finally {
        client.close();
      }
      const { headers } = server.requests[0];
      headers['x-auth-token'].should.equal('Bearer tok-secret');
      should(headers.authorization).be.undefined();
    });

    it('none: no credentials at all', async function () {
      const headers = await sent({ authType: 'none', ...all });
      should(headers.authorization).be.undefined();
      should(headers['x-auth-token']).be.undefined();
    });

    it('a config without authType (saved before it existed) is basic', async function () {
      authTypeOf(undefined).should.equal('basic');
      authTypeOf('something else').should.equal('basic');
      const headers = await sent({ ...all });
      headers.authorization.should.startWith('Basic ');
    });

    it('user:password in the URL is used by basic only', async function () {
      const client = new IbmBpmClient({
        url: `http://anna:pw-secret@${server.url.slice(7)}/rest/bpm/wle/v1`,
        authType: 'bearer',
        token: 't',
        csrf: 'off',
      });
      try {
        await client.listAdHocActivities('1');
      } finally {
        client.close();
      }
      server.requests[0].headers.authorization.should.equal('Bearer t');
    });

    it('a kind without its credential sends nothing', function () {
      authenticationFor('bearer', { username: 'a', password: 'b' }).headers.should.eql([]);
      authenticationFor('portalToken', { username: 'a', password: 'b' }).headers.should.eql([]);
      authenticationFor('zenApiKey', { username: 'a', password: 'b' }).headers.should.eql([]);
    });

    it('every secret of a kind is redacted from what a server sends back', async function () {
      const echo = await listen((req, res) =>
        json(res, 500, { status: 'error', Data: { errorMessage: `echo ${req.headers.authorization} ${req.headers['x-auth-token']}` } }),
      );
      try {
        for (const authType of ['basic', 'bearer', 'zenApiKey']) {
          const client = new IbmBpmClient({ url: `${echo.url}/rest/bpm/wle/v1`, authType, csrf: 'off', ...all });
          const error = await client.listAdHocActivities('1').then(
            () => null,
            (e) => e,
          );
          client.close();
          error.code.should.equal('SERVER_ERROR');
          JSON.stringify([error.message, error.serverError]).should.not.match(/pw-secret|tok-secret|YW5uYT/);
        }
      } finally {
        await echo.close();
      }
    });

    it('the user a JSON Web Token names, for Test connection', function () {
      const jwt = (claims) => `x.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.y`;
      tokenUser(jwt({ preferred_username: 'anna', sub: '123' })).should.equal('anna');
      tokenUser(jwt({ sub: '123' })).should.equal('123');
      should(tokenUser('opaque-token')).be.undefined();
      should(tokenUser(undefined)).be.undefined();
    });
  });

  describe('redirects', function () {
    it('a redirect to another origin carries no Authorization, X-AUTH-TOKEN or BPMCSRFToken', async function () {
      const other = await listen((req, res) => json(res, 200, { status: '200', data: { activities: [] } }));
      const first = await listen((req, res) => {
        res.writeHead(302, { Location: `${other.url.replace('127.0.0.1', 'localhost')}/rest/bpm/wle/v1/process/1/adHocActivities` });
        res.end();
      });
      try {
        for (const authType of ['bearer', 'basic']) {
          const client = new IbmBpmClient({
            url: `${first.url}/rest/bpm/wle/v1`,
            authType,
            username: 'u',
            password: 'p',
            token: 't',
            csrf: 'off',
          });
          await client.listAdHocActivities('1');
          client.close();
        }
        const inubit = new InubitClient({ url: `${first.url}/ibis/rest`, authType: 'portalToken', token: 't' });
        await inubit.listAdHocStarters('u').catch(() => undefined);
        inubit.close();
        other.requests.should.have.length(3);
        for (const { headers } of other.requests) {
          should(headers.authorization).be.undefined();
          should(headers['x-auth-token']).be.undefined();
          should(headers.bpmcsrftoken).be.undefined();
        }
      } finally {
        await first.close();
        await other.close();
      }
    });
  });

  describe('HTML login pages', function () {
    it('recognises a form login page, not any HTML', function () {
      isLoginPage(
        '<html><body><form action="j_security_check" method="post"><input type="password" name="j_password"></form></body></html>',
        'text/html',
      ).should.be.true();
      isLoginPage('<!DOCTYPE html><html><head><title>Sign in to Keycloak</title></head></html>', 'text/html').should.be.true();
      isLoginPage('<html><body>Created</body></html>', 'text/html').should.be.false();
      isLoginPage('{"csrf_token":"x"}', 'application/json').should.be.false();
    });

    it('a 200 login page is INVALID_RESPONSE saying the server asked for a login', async function () {
      const server = await listen((req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end(
          '<html><head><title>Login</title></head><body><form action="/login" method="post"><input type="password"></form></body></html>',
        );
      });
      try {
        const client = new IbmBpmClient({ url: `${server.url}/rest/bpm/wle/v1`, csrf: 'off' });
        const error = await client.listAdHocActivities('1').then(
          () => null,
          (e) => e,
        );
        client.close();
        error.code.should.equal('INVALID_RESPONSE');
        error.message.should.containEql('the server asked for a login: check the authentication settings');
      } finally {
        await server.close();
      }
    });

    it('a start redirected to a login page is HTTP_ERROR saying the server asked for a login', async function () {
      const server = await listen((req, res) => {
        res.writeHead(302, { Location: '/login.html' });
        res.end();
      });
      try {
        const client = new InubitClient({ url: `${server.url}/ibis/rest` });
        const error = await client.startAdHocProcess('anna', 's1').then(
          () => null,
          (e) => e,
        );
        client.close();
        error.code.should.equal('HTTP_ERROR');
        error.message.should.containEql('the server asked for a login: check the authentication settings');
      } finally {
        await server.close();
      }
    });
  });

  describe('ibm-bpm-server CSRF tokens', function () {
    it('the login is at {root}/bpm/system/login, with and without a prefix', function () {
      csrfLoginUrl('https://h:9443/rest/bpm/wle/v1').should.equal('https://h:9443/bpm/system/login');
      csrfLoginUrl('https://h/bas/rest/bpm/wle/v1').should.equal('https://h/bas/bpm/system/login');
      csrfLoginUrl('https://h/bpm/dev/rest/bpm/wle/v1').should.equal('https://h/bpm/dev/bpm/system/login');
      csrfLoginUrl('https://h:9443/api/v1').should.equal('https://h:9443/bpm/system/login');
    });

    const client = (server, settings = {}) => new IbmBpmClient({ url: server.bpmUrl, username: 'anna', password: 'pw', ...settings });

    it("always: the token is fetched first, with the server's authentication, JSON and the documented body", async function () {
      const server = await baw({ prefix: '/bas' });
      const bpm = client(server, { csrf: 'always', authType: 'zenApiKey', token: 'key' });
      try {
        (await bpm.listAdHocActivities('1')).activities.should.have.length(1);
        server.requests.map((r) => r.url).should.eql(['/bas/bpm/system/login', '/bas/rest/bpm/wle/v1/process/1/adHocActivities']);
        const [login, list] = server.requests;
        login.method.should.equal('POST');
        login.headers['content-type'].should.equal('application/json');
        JSON.parse(login.body).should.eql({ 'refresh-groups': false, 'requested-lifetime': 7200 });
        login.headers.authorization.should.equal(`ZenApiKey ${Buffer.from('anna:key').toString('base64')}`);
        list.headers.bpmcsrftoken.should.equal('csrf-1');
        bpm.csrfTokenReceived.should.be.true();
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('auto: no token until the server asks with CWTBG0651E; then one login and the refused request once more', async function () {
      const server = await baw();
      const bpm = client(server);
      try {
        (await bpm.startAdHocActivity('2118.1', '')).activity.should.eql(ACTIVITY);
        server.requests
          .map((r) => `${r.method} ${r.url.split('?')[0]}`)
          .should.eql(['PUT /rest/bpm/wle/v1/activity/2118.1', 'POST /bpm/system/login', 'PUT /rest/bpm/wle/v1/activity/2118.1']);
        should(server.requests[0].headers.bpmcsrftoken).be.undefined();
        server.requests[2].headers.bpmcsrftoken.should.equal('csrf-1');
        // From now on every request carries the token at once.
        await bpm.listAdHocActivities('1');
        server.requests.should.have.length(4);
        server.requests[3].headers.bpmcsrftoken.should.equal('csrf-1');
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('off: no token, and a refusal is UNAUTHORIZED', async function () {
      const server = await baw();
      const bpm = client(server, { csrf: 'off' });
      try {
        const error = await bpm.listAdHocActivities('1').then(
          () => null,
          (e) => e,
        );
        error.code.should.equal('UNAUTHORIZED');
        error.statusCode.should.equal(403);
        error.serverError.errorNumber.should.equal('CWTBG0651E');
        server.state.logins.should.equal(0);
        server.requests.should.have.length(1);
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('100 requests at once: one login, shared by all', async function () {
      const server = await baw({ loginDelay: 50 });
      const bpm = client(server, { maxConcurrent: 8 });
      try {
        const results = await Promise.all(Array.from({ length: 100 }, (_, i) => bpm.startAdHocActivity(`2118.${i}`, '')));
        results.should.have.length(100);
        server.state.logins.should.equal(1);
        // The first requests were refused without a token and sent once more; no request more than twice.
        const puts = server.requests.filter((r) => r.method === 'PUT');
        for (let i = 0; i < 100; i++)
          puts.filter((r) => r.url.startsWith(`/rest/bpm/wle/v1/activity/2118.${i}?`)).length.should.be.within(1, 2);
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('always, 100 requests at once: one login before any of them', async function () {
      const server = await baw({ loginDelay: 50 });
      const bpm = client(server, { csrf: 'always' });
      try {
        await Promise.all(Array.from({ length: 100 }, () => bpm.listAdHocActivities('1')));
        server.state.logins.should.equal(1);
        server.requests.filter((r) => r.method === 'GET').should.have.length(100);
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('an expired token: one new login, and the refused requests are sent once more', async function () {
      const server = await baw();
      const bpm = client(server, { csrf: 'always' });
      try {
        await bpm.listAdHocActivities('1');
        server.state.tokens.clear();
        await Promise.all(Array.from({ length: 20 }, (_, i) => bpm.startAdHocActivity(`2118.${i}`, '')));
        server.state.logins.should.equal(2);
        server.requests.filter((r) => r.method === 'PUT' && r.headers.bpmcsrftoken === 'csrf-2').should.have.length(20);
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('renews the token before the lifetime the server granted ends', async function () {
      const server = await baw({ expiration: 60 });
      const bpm = client(server, { csrf: 'always' });
      const realNow = Date.now;
      try {
        await bpm.listAdHocActivities('1');
        // The clock the tokens go by moves on 55 s: past the renewal at 54 s, within the 60 s granted.
        Date.now = () => realNow() + 55000;
        await bpm.listAdHocActivities('1');
        server.state.logins.should.equal(2);
        // No request was refused: the token was renewed before it was used again.
        server.requests
          .filter((r) => r.method === 'GET')
          .map((r) => r.headers.bpmcsrftoken)
          .should.eql(['csrf-1', 'csrf-2']);
      } finally {
        Date.now = realNow;
        bpm.close();
        await server.close();
      }
    });

    it('a second refusal is the error (UNAUTHORIZED), after one login', async function () {
      const server = await listen((req, res) => {
        if (req.url === '/bpm/system/login') return json(res, 200, { csrf_token: 'never-accepted' });
        return json(res, 403, REFUSED_TOKEN);
      });
      const bpm = new IbmBpmClient({ url: `${server.url}/rest/bpm/wle/v1` });
      try {
        const error = await bpm.startAdHocActivity('2118.1', '').then(
          () => null,
          (e) => e,
        );
        error.code.should.equal('UNAUTHORIZED');
        server.requests.map((r) => r.method).should.eql(['PUT', 'POST', 'PUT']);
        error.message.should.not.containEql('never-accepted');
      } finally {
        bpm.close();
        await server.close();
      }
    });

    for (const [what, answer, code] of [
      ['401', (res) => json(res, 401, { status: 'error' }), 'UNAUTHORIZED'],
      ['500', (res) => json(res, 500, { status: 'error', Data: { errorMessage: 'login broke' } }), 'SERVER_ERROR'],
      ['a 200 without csrf_token', (res) => json(res, 200, { user: 'x' }), 'INVALID_RESPONSE'],
      [
        'an HTML login page',
        (res) => {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html><title>Log in</title><input type="password"></html>');
        },
        'INVALID_RESPONSE',
      ],
    ]) {
      it(`a failed login (${what}) is the error of the request that needed it: ${code}`, async function () {
        const server = await baw({ loginAnswer: answer });
        const bpm = client(server, { csrf: 'always' });
        try {
          const error = await bpm.listAdHocActivities('1').then(
            () => null,
            (e) => e,
          );
          error.code.should.equal(code);
          error.message.should.startWith('Listing the ad-hoc activities of process instance "1" failed: the login for a CSRF token');
          server.requests.filter((r) => r.method === 'GET').should.have.length(0);
        } finally {
          bpm.close();
          await server.close();
        }
      });
    }

    it('a request aborted while it waits for the login ends at once; the login serves the others', async function () {
      const server = await baw({ holdLogins: true });
      const bpm = client(server, { csrf: 'always' });
      try {
        const controller = new AbortController();
        const waiting = bpm.listAdHocActivities('1', 'json', { signal: controller.signal }).then(
          () => null,
          (e) => e,
        );
        const other = bpm.listAdHocActivities('1');
        await server.loginArrived;
        controller.abort();
        // It ends while the server still holds the login back: it did not wait for the login.
        const error = await waiting;
        error.should.match({ code: 'CONNECTION_FAILED', message: /aborted: the node was stopped or redeployed/ });
        server.requests.filter((r) => r.method === 'GET').should.have.length(0);
        server.releaseLogins();
        (await other).activities.should.have.length(1);
        server.state.logins.should.equal(1);
      } finally {
        bpm.close();
        await server.close();
      }
    });

    it('renews the token after 7,000 s at the latest, even when the server grants it longer', async function () {
      let logins = 0;
      const tokens = new CsrfTokens('always', async () => ({ token: `t${++logins}`, renewAfterMs: 100000 * 1000 }));
      const realNow = Date.now;
      let now = realNow();
      Date.now = () => now;
      try {
        (await tokens.current()).should.equal('t1');
        now += CSRF_RENEW_AFTER_MS - 1000;
        (await tokens.current()).should.equal('t1');
        now += 2000;
        (await tokens.current()).should.equal('t2');
        logins.should.equal(2);
        CSRF_RENEW_AFTER_MS.should.equal(7000 * 1000);
      } finally {
        Date.now = realNow;
      }
    });

    it('the token is redacted from what a server sends back', async function () {
      const server = await listen((req, res) => {
        if (req.url === '/bpm/system/login') return json(res, 201, { csrf_token: 'tok-12345' });
        return json(res, 500, { status: 'error', Data: { errorMessage: `bad header ${req.headers.bpmcsrftoken}` } });
      });
      const bpm = new IbmBpmClient({ url: `${server.url}/rest/bpm/wle/v1`, csrf: 'always' });
      try {
        const error = await bpm.listAdHocActivities('1').then(
          () => null,
          (e) => e,
        );
        error.code.should.equal('SERVER_ERROR');
        JSON.stringify([error.message, error.serverError]).should.not.containEql('tok-12345');
      } finally {
        bpm.close();
        await server.close();
      }
    });
  });

  describe('inubit-server tenant and user base', function () {
    let server;
    before(async function () {
      server = await listen((req, res) => {
        if (req.method === 'POST') {
          res.writeHead(201, { 'Content-Type': 'application/plain' });
          return res.end('t-1');
        }
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.end('<Modules version="5.3"/>');
      });
    });
    after(() => server.close());
    beforeEach(() => {
      server.requests.length = 0;
    });

    it('sends client={tenant} and userType={userType} on every /task/… request, the language too', async function () {
      const inubit = new InubitClient({ url: `${server.url}/ibis/rest`, tenant: 'ACME Corp', userType: 'processUser' });
      try {
        await inubit.listAdHocStarters('anna', { lang: 'en' });
        await inubit.startAdHocProcess('anna', 's 1');
      } finally {
        inubit.close();
      }
      server.requests
        .map((r) => r.url)
        .should.eql([
          '/ibis/rest/task/adhoc/anna?lang=en&client=ACME%20Corp&userType=processUser',
          '/ibis/rest/task/adhoc/anna/s%201?client=ACME%20Corp&userType=processUser',
        ]);
    });

    it('sends neither when they are empty', async function () {
      const inubit = new InubitClient({ url: `${server.url}/ibis/rest`, tenant: '  ', userType: '' });
      try {
        await inubit.startAdHocProcess('anna', 's1');
      } finally {
        inubit.close();
      }
      server.requests[0].url.should.equal('/ibis/rest/task/adhoc/anna/s1');
    });
  });
});
