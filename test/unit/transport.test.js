'use strict';
const http = require('http');
const zlib = require('zlib');
const should = require('should');
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const {
  DEFAULTS,
  Transport,
  normaliseBaseUrl,
  proxyFromEnvironment,
  sendsCredentialsInClear,
  transportFor,
} = require('../../nodes/lib/transport');
const { InubitClient } = require('../../nodes/lib/inubit/client');
const { IbmBpmClient } = require('../../nodes/lib/ibm-bpm/client');
const { RequestQueue } = require('../../nodes/lib/transport/request-queue');
const { CREDENTIALS_USED, CSRF_MODES, LIMITS, SERVER_KINDS } = require('../../nodes/lib/server-facts');
const { BpmError, codeForStatus } = require('../../nodes/lib/errors');

function listen(handler) {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
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

const get = { method: 'GET', path: '/x', accept: 'application/json', action: 'Reading x' };

/**
 * Records into `log` each timer of `ms` milliseconds that is armed from now on ("timer N ms") and
 * each one that fires ("timer N ms over"): what the code asked to wait, in order with other events.
 * Returns the function that stops recording.
 */
function recordTimers(log, ...ms) {
  const original = global.setTimeout;
  global.setTimeout = function (callback, delay, ...args) {
    if (!ms.includes(delay)) return original.call(this, callback, delay, ...args);
    log.push(`timer ${delay} ms`);
    return original.call(
      this,
      function (...given) {
        log.push(`timer ${delay} ms over`);
        return callback.apply(this, given);
      },
      delay,
      ...args,
    );
  };
  return () => {
    global.setTimeout = original;
  };
}

describe('transport (no Node-RED)', function () {
  describe('normaliseBaseUrl', function () {
    const cases = [
      ['http://host:8080', '/ibis/rest', 'http://host:8080/ibis/rest'],
      ['http://host:8080/', '/ibis/rest', 'http://host:8080/ibis/rest'],
      ['https://host', '/rest/bpm/wle/v1', 'https://host/rest/bpm/wle/v1'],
      ['https://host/bpm/dev/rest/bpm/wle/v1/', '/rest/bpm/wle/v1', 'https://host/bpm/dev/rest/bpm/wle/v1'],
      ['  http://host/ibis/rest//  ', '/ibis/rest', 'http://host/ibis/rest'],
      ['http://host/ibis/rest?x=1#y', '/ibis/rest', 'http://host/ibis/rest'],
      ['http://host:8080/proxy/api', '/ibis/rest', 'http://host:8080/proxy/api'],
    ];
    for (const [url, rootPath, expected] of cases) {
      it(`${JSON.stringify(url)} becomes ${expected}`, function () {
        normaliseBaseUrl(url, rootPath).baseUrl.should.equal(expected);
      });
    }

    it('takes user:password out of the url', function () {
      const result = normaliseBaseUrl('http://u%40x:p%3Aw@host:1/', '/r');
      result.should.eql({ baseUrl: 'http://host:1/r', username: 'u@x', password: 'p:w' });
    });

    for (const url of ['', 'host:8080', 'ftp://host', 'not a url']) {
      it(`refuses ${JSON.stringify(url)} with INVALID_INPUT`, function () {
        (() => normaliseBaseUrl(url, '/r')).should.throw(BpmError, { code: 'INVALID_INPUT' });
      });
    }
  });

  it('config node defaults: the url of each server, timeout 30000, retries 2, maxConcurrent 8, in runtime and editor alike', function () {
    const clients = [
      [new InubitClient({}), 'http://localhost:8080/ibis/rest'],
      [new IbmBpmClient({}), 'https://localhost:9443/rest/bpm/wle/v1'],
    ];
    for (const [client, url] of clients) {
      client.baseUrl.should.equal(url);
      client.close();
    }
    DEFAULTS.should.match({ timeout: 30000, retries: 2, maxConcurrent: 8 });
    // The editor's copy is the one the build wrote from the same source.
    const window = {};
    vm.runInNewContext(fs.readFileSync(path.join(__dirname, '..', '..', 'resources', 'server-facts.js'), 'utf8'), { window });
    const editor = JSON.parse(JSON.stringify(window.BpmServerFacts));
    editor.limits.should.eql({
      timeout: { default: 30000, min: 1 },
      retries: { default: 2, min: 0, max: 10 },
      maxConcurrent: { default: 8, min: 1 },
    });
    editor.servers['inubit-server'].defaultUrl.should.equal(clients[0][1]);
    editor.servers['ibm-bpm-server'].defaultUrl.should.equal(clients[1][1]);
    editor.should.eql(
      JSON.parse(JSON.stringify({ servers: SERVER_KINDS, credentialsUsed: CREDENTIALS_USED, csrfModes: CSRF_MODES, limits: LIMITS })),
    );
  });

  it('a server name that does not resolve is CONNECTION_FAILED, not retried', async function () {
    const transport = new Transport({ baseUrl: 'http://bpm-server.invalid:8080/r', retries: 2, retryDelay: 1000 });
    const retries = [];
    try {
      await transport
        .request({ ...get, onRetry: (attempt) => retries.push(attempt) })
        .should.be.rejectedWith({ code: 'CONNECTION_FAILED', message: /server name not found/ });
      retries.should.eql([]);
    } finally {
      transport.close();
    }
  });

  it('warns of credentials in clear also when they come from the URL or are a password alone', function () {
    const fromUrl = transportFor({ url: 'http://alice:secret@10.0.0.5/ibis/rest' }, 'http://localhost', '/ibis/rest');
    const passwordOnly = transportFor({ url: 'http://10.0.0.5/ibis/rest', password: 'secret' }, 'http://localhost', '/ibis/rest');
    const none = transportFor({ url: 'http://10.0.0.5/ibis/rest' }, 'http://localhost', '/ibis/rest');
    const tls = transportFor({ url: 'https://alice:secret@10.0.0.5/ibis/rest' }, 'http://localhost', '/ibis/rest');
    try {
      fromUrl.sendsCredentialsInClear.should.be.true();
      passwordOnly.sendsCredentialsInClear.should.be.true();
      none.sendsCredentialsInClear.should.be.false();
      tls.sendsCredentialsInClear.should.be.false();
      fromUrl.host.should.equal('10.0.0.5');
    } finally {
      for (const transport of [fromUrl, passwordOnly, none, tls]) transport.close();
    }
  });

  it('takes a % in URL credentials that starts no escape as it stands', function () {
    normaliseBaseUrl('http://u:50%off@host/', '/r').should.eql({ baseUrl: 'http://host/r', username: 'u', password: '50%off' });
  });

  it('sendsCredentialsInClear only for http to a host that is not loopback, with a user', function () {
    sendsCredentialsInClear('http://bpm.example.org/r', 'u').should.be.true();
    sendsCredentialsInClear('http://10.0.0.5/r', 'u').should.be.true();
    sendsCredentialsInClear('https://bpm.example.org/r', 'u').should.be.false();
    sendsCredentialsInClear('http://127.0.0.1/r', 'u').should.be.false();
    sendsCredentialsInClear('http://localhost/r', 'u').should.be.false();
    sendsCredentialsInClear('http://[::1]/r', 'u').should.be.false();
    sendsCredentialsInClear('http://bpm.example.org/r', undefined).should.be.false();
  });

  it('codeForStatus maps every documented status', function () {
    [
      [400, 'BAD_REQUEST'],
      [401, 'UNAUTHORIZED'],
      [403, 'UNAUTHORIZED'],
      [404, 'NOT_FOUND'],
      [406, 'NOT_ACCEPTABLE'],
      [500, 'SERVER_ERROR'],
      [503, 'SERVICE_UNAVAILABLE'],
      [302, 'HTTP_ERROR'],
      [409, 'CONFLICT'],
      [423, 'LOCKED'],
      [502, 'HTTP_ERROR'],
      [200, 'INVALID_RESPONSE'],
    ].forEach(([status, code]) => codeForStatus(status).should.equal(code, `status ${status}`));
  });

  describe('RequestQueue', function () {
    it('runs at most `limit` at once and hands out slots in arrival order', async function () {
      const queue = new RequestQueue(2);
      const order = [];
      const releases = await Promise.all([queue.acquire(), queue.acquire()]);
      const waiting = [3, 4, 5].map((n) =>
        queue.acquire().then((release) => {
          order.push(n);
          return release;
        }),
      );
      queue.size.should.eql({ running: 2, waiting: 3 });
      releases[0]();
      releases[0]();
      const third = await waiting[0];
      queue.size.should.eql({ running: 2, waiting: 2 });
      releases[1]();
      third();
      (await waiting[1])();
      (await waiting[2])();
      order.should.eql([3, 4, 5]);
      queue.size.should.eql({ running: 0, waiting: 0 });
    });

    it('drops a waiting request whose signal aborts', async function () {
      const queue = new RequestQueue(1);
      const release = await queue.acquire();
      const controller = new AbortController();
      const waiting = queue.acquire(controller.signal);
      controller.abort();
      await waiting.should.be.rejected();
      queue.size.should.eql({ running: 1, waiting: 0 });
      release();
      queue.size.should.eql({ running: 0, waiting: 0 });
    });

    it('when the node stops, every request still waiting is dropped; the stopping signal gets one listener however many wait', async function () {
      const queue = new RequestQueue(1);
      const release = await queue.acquire();
      const stopper = new AbortController();
      const warnings = [];
      const onWarning = (warning) => warnings.push(warning.name);
      process.on('warning', onWarning);
      try {
        const waiting = Array.from({ length: 51 }, () => queue.acquire(undefined, false, stopper.signal));
        queue.size.should.eql({ running: 1, waiting: 51 });
        stopper.abort();
        const ended = await Promise.allSettled(waiting);
        ended.forEach((result) => result.status.should.equal('rejected'));
        queue.size.should.eql({ running: 1, waiting: 0 });
        // A warning is emitted on the next turn of the event loop, if at all.
        await new Promise((resolve) => setImmediate(resolve));
        warnings.should.not.containEql('MaxListenersExceededWarning');
      } finally {
        process.removeListener('warning', onWarning);
      }
      release();
      queue.size.should.eql({ running: 0, waiting: 0 });
    });
  });

  describe('requests', function () {
    let server;
    let hits;
    // The requests as the server got them, in order with other events the test records.
    let log;
    let answer;
    before(async function () {
      server = await listen((req, res) => {
        hits.push({ url: req.url, headers: req.headers });
        log.push(`request ${hits.length}`);
        answer(req, res, hits.length);
      });
    });
    after(async function () {
      await server.close();
    });
    beforeEach(function () {
      hits = [];
      log = [];
    });

    it('honours Retry-After (in seconds) before retrying a 503', async function () {
      answer = (req, res, n) => {
        if (n === 1) {
          res.writeHead(503, { 'Retry-After': '1' });
          res.end();
        } else {
          res.end('{}');
        }
      };
      const transport = new Transport({ baseUrl: server.url, retries: 1 });
      const stop = recordTimers(log, 1000);
      try {
        await transport.request(get);
        hits.should.have.length(2);
        // The 503 asked for 1 s; the retry waited for exactly that pause to be over.
        log.should.eql(['request 1', 'timer 1000 ms', 'timer 1000 ms over', 'request 2']);
      } finally {
        stop();
        transport.close();
      }
    });

    it('backs off longer before each further retry', async function () {
      answer = (req, res) => {
        res.writeHead(503);
        res.end();
      };
      const transport = new Transport({ baseUrl: server.url, retries: 3, retryDelay: 40 });
      const told = [];
      const stop = recordTimers(log, 40, 80, 160);
      try {
        await transport
          .request({ ...get, onRetry: (attempt) => told.push(attempt) })
          .should.be.rejectedWith({ code: 'SERVICE_UNAVAILABLE' });
        hits.should.have.length(4);
        told.should.eql([1, 2, 3]);
        // Each retry waits for its own pause to be over, and each pause doubles the one before.
        log.should.eql([
          'request 1',
          'timer 40 ms',
          'timer 40 ms over',
          'request 2',
          'timer 80 ms',
          'timer 80 ms over',
          'request 3',
          'timer 160 ms',
          'timer 160 ms over',
          'request 4',
        ]);
      } finally {
        stop();
        transport.close();
      }
    });

    it('TIMEOUT counts the whole answer: a body that trickles in past the timeout fails too', async function () {
      answer = (req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        const timer = setInterval(() => res.write(' '), 40);
        res.on('close', () => clearInterval(timer));
      };
      const transport = new Transport({ baseUrl: server.url, timeout: 200, retries: 0 });
      try {
        await transport.request(get).should.be.rejectedWith({ code: 'TIMEOUT' });
      } finally {
        transport.close();
      }
    });

    it('reuses keep-alive connections', async function () {
      const sockets = new Set();
      answer = (req, res) => {
        sockets.add(req.socket);
        res.end('{}');
      };
      const transport = new Transport({ baseUrl: server.url, maxConcurrent: 2 });
      try {
        for (let i = 0; i < 10; i++) await transport.request(get);
        sockets.size.should.equal(1);
      } finally {
        transport.close();
      }
    });

    it('redacts the credentials from a server message that echoes them', async function () {
      answer = (req, res) => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `bad header ${req.headers.authorization} for s3cret-pw` }));
      };
      const transport = new Transport({ baseUrl: server.url, username: 'u', password: 's3cret-pw' });
      try {
        const error = await transport
          .request({ ...get, parseError: (body) => ({ serverError: JSON.parse(body), message: JSON.parse(body).message }) })
          .then(
            () => null,
            (e) => e,
          );
        error.code.should.equal('BAD_REQUEST');
        const text = error.message + JSON.stringify(error.serverError);
        text.should.not.containEql('s3cret-pw');
        text.should.not.containEql(Buffer.from('u:s3cret-pw').toString('base64'));
      } finally {
        transport.close();
      }
    });

    it('redacts only what the server sent, also for passwords that are short or need escaping', async function () {
      const parseError = (body) => ({ serverError: JSON.parse(body), message: JSON.parse(body).message });
      for (const password of ['1', 'e', 'p"w\\x']) {
        answer = (req, res) => {
          res.writeHead(401, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ message: `bad password ${password}`, errorNumber: 'CWTBG0019E', nested: [`said ${password}`] }));
        };
        const transport = new Transport({ baseUrl: server.url, username: 'u', password });
        try {
          const error = await transport.request({ ...get, parseError }).then(
            () => null,
            (e) => e,
          );
          error.should.be.instanceOf(BpmError);
          error.code.should.equal('UNAUTHORIZED', password);
          error.statusCode.should.equal(401);
          error.message.should.startWith('Reading x failed: HTTP 401 Unauthorized: bad password ***');
          error.serverError.should.eql({
            message: 'bad password ***',
            errorNumber: 'CWTBG0019E'.split(password).join('***'),
            nested: ['said ***'],
          });
        } finally {
          transport.close();
        }
      }
    });

    it('a connection failure names the host, untouched by redaction', async function () {
      const closed = await listen(() => {});
      const url = closed.url;
      await closed.close();
      const transport = new Transport({ baseUrl: url, username: 'u', password: '1', retries: 0 });
      try {
        const error = await transport.request(get).then(
          () => null,
          (e) => e,
        );
        error.code.should.equal('CONNECTION_FAILED');
        error.message.should.containEql(`(${new URL(url).host})`);
      } finally {
        transport.close();
      }
    });

    it('waiting to retry frees the slot: another request runs meanwhile', async function () {
      const done = [];
      answer = (req, res, n) => {
        if (req.url === '/busy' && n === 1) {
          res.writeHead(503, { 'Retry-After': '1' });
          res.end();
        } else {
          res.end('{}');
        }
      };
      const transport = new Transport({ baseUrl: server.url, maxConcurrent: 1, retries: 1 });
      try {
        let retrying;
        const waitsToRetry = new Promise((resolve) => {
          retrying = resolve;
        });
        const busy = transport.request({ ...get, path: '/busy', onRetry: () => retrying() }).then(() => done.push('busy'));
        // The 503 came: busy now waits its 1 s with its slot given up, and the one slot is free.
        await waitsToRetry;
        await transport.request({ ...get, path: '/other' }).then(() => done.push('other'));
        await busy;
        done.should.eql(['other', 'busy']);
        // Another request holding the slot would have sent /other after the retry of /busy.
        hits.map((hit) => hit.url).should.eql(['/busy', '/other', '/busy']);
      } finally {
        transport.close();
      }
    });

    it('reads answers compressed with gzip, deflate or br', async function () {
      const body = JSON.stringify({ data: 'x'.repeat(5000) });
      const encoders = { gzip: zlib.gzipSync, deflate: zlib.deflateSync, br: zlib.brotliCompressSync };
      answer = (req, res) => {
        const encoding = req.url.slice(1);
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding });
        res.end(encoders[encoding](body));
      };
      const transport = new Transport({ baseUrl: server.url });
      try {
        for (const encoding of Object.keys(encoders)) {
          const response = await transport.request({ ...get, path: `/${encoding}` });
          response.body.should.equal(body, encoding);
        }
        hits.forEach((hit) => hit.headers['accept-encoding'].should.match(/gzip/));
      } finally {
        transport.close();
      }
    });

    it('closes a keep-alive connection that stayed unused, before the server would', async function () {
      const closedByClient = [];
      let closed;
      const firstClosed = new Promise((resolve) => {
        closed = resolve;
      });
      const idle = await listen((req, res) => setTimeout(() => res.end('{}'), req.url.endsWith('/slow') ? 400 : 0));
      idle.server.keepAliveTimeout = 60000;
      const served = [];
      idle.server.on('connection', (socket) => {
        served.push(socket.remotePort);
        socket.on('end', () => {
          closedByClient.push(socket.remotePort);
          closed();
        });
      });
      const transport = new Transport({ baseUrl: idle.url, idleSocketTimeout: 150 });
      try {
        // An answer slower than the idle timeout still arrives: only unused connections are closed.
        await transport.request({ ...get, path: '/slow' });
        closedByClient.should.have.length(0);
        // The server keeps it open for 60 s: the one to end the connection it served is the client.
        await firstClosed;
        closedByClient.should.eql(served);
        await transport.request(get);
      } finally {
        transport.close();
        await idle.close();
      }
    });

    it('keeps the idle timeout of 4 s unless told otherwise', function () {
      DEFAULTS.idleSocketTimeout.should.equal(4000);
    });

    describe('proxy variables', function () {
      const names = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'all_proxy', 'ALL_PROXY', 'no_proxy', 'NO_PROXY'];
      let saved;
      let proxy;
      let proxied;
      before(async function () {
        // A forward proxy: takes `GET http://host/path` and passes it on.
        proxy = await listen((req, res) => {
          proxied.push({ url: req.url, authorization: req.headers.authorization });
          const target = new URL(req.url);
          const forward = http.request(target, { method: req.method, headers: { ...req.headers, 'x-via-proxy': '1' } }, (answer) => {
            res.writeHead(answer.statusCode, answer.headers);
            answer.pipe(res);
          });
          forward.on('error', () => res.destroy());
          req.pipe(forward);
        });
      });
      after(async function () {
        await proxy.close();
      });
      beforeEach(function () {
        proxied = [];
        saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
        for (const name of names) delete process.env[name];
      });
      afterEach(function () {
        for (const name of names) {
          if (saved[name] === undefined) delete process.env[name];
          else process.env[name] = saved[name];
        }
      });

      it('no proxy variable: no proxy, decided once; any of them: axios decides per request', function () {
        should(proxyFromEnvironment({})).equal(false);
        should(proxyFromEnvironment({ NO_PROXY: 'example.com' })).equal(false);
        for (const name of names.filter((n) => !/no_proxy/i.test(n))) {
          should(proxyFromEnvironment({ [name]: 'http://proxy:3128' })).equal(undefined, name);
        }
      });

      it('goes through the proxy of HTTP_PROXY, with the credentials', async function () {
        answer = (req, res) => res.end(JSON.stringify({ via: req.headers['x-via-proxy'] ?? null }));
        process.env.HTTP_PROXY = proxy.url;
        const transport = new Transport({ baseUrl: `${server.url}/rest`, username: 'u', password: 'p' });
        try {
          const response = await transport.request(get);
          JSON.parse(response.body).should.eql({ via: '1' });
          proxied.should.have.length(1);
          proxied[0].url.should.equal(`${server.url}/rest/x`);
          proxied[0].authorization.should.equal(`Basic ${Buffer.from('u:p').toString('base64')}`);
        } finally {
          transport.close();
        }
      });

      /** Sends one GET with a transport made by `make` and expects it to reach the server directly. */
      async function expectDirect(make) {
        answer = (req, res) => res.end(JSON.stringify({ via: req.headers['x-via-proxy'] ?? null }));
        const transport = make();
        try {
          const response = await transport.request(get);
          JSON.parse(response.body).should.eql({ via: null });
          proxied.should.have.length(0);
        } finally {
          transport.close();
        }
      }

      it('goes straight to a server listed in NO_PROXY', async function () {
        process.env.http_proxy = proxy.url;
        process.env.no_proxy = '127.0.0.1';
        await expectDirect(() => new Transport({ baseUrl: server.url }));
      });

      it('without proxy variables, ignores one set after the server was configured', async function () {
        await expectDirect(() => {
          const transport = new Transport({ baseUrl: server.url });
          process.env.HTTP_PROXY = proxy.url;
          return transport;
        });
      });
    });

    it('aborts a request in flight when its signal aborts', async function () {
      let arrived;
      let closed;
      const inFlight = new Promise((resolve) => {
        arrived = resolve;
      });
      const closedOnServer = new Promise((resolve) => {
        closed = resolve;
      });
      // Never answered, and its timeout is beyond the test's own: only the abort can end it.
      answer = (req, res) => {
        res.on('close', () => closed());
        arrived();
      };
      const transport = new Transport({ baseUrl: server.url, timeout: 600000 });
      const controller = new AbortController();
      try {
        const pending = transport.request({ ...get, signal: controller.signal });
        await inFlight;
        controller.abort();
        // The abort's own error, and the connection is given up.
        await pending.should.be.rejectedWith({
          code: 'CONNECTION_FAILED',
          message: /Reading x aborted: the node was stopped or redeployed/,
        });
        await closedOnServer;
        hits.should.have.length(1);
      } finally {
        transport.close();
      }
    });
  });
});
