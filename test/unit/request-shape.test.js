'use strict';
// How a request travels (README, "Development"): a client says what it sends (query, JSON, XML,
// form fields); the transport encodes it, and, on a server that takes X-HTTP-Method-Override
// (IBM BPM), sends a POST or PUT whose URL is too long as a POST with the query in a form body.
const http = require('http');
require('should');
const { Transport, MAX_URL_LENGTH, encodeQuery } = require('../../nodes/lib/transport');

describe('how a request travels (no Node-RED)', function () {
  let server;
  let baseUrl;
  let received;
  let answer;

  before(async function () {
    server = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        answer(req, res);
      });
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${server.address().port}/rest/bpm/wle/v1`;
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(function () {
    received = [];
    answer = (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    };
  });

  async function send(request, options = {}) {
    const transport = new Transport({ baseUrl, username: 'flow', password: 'pw', retryDelay: 1, methodOverride: true, ...options });
    try {
      return await transport.request({ accept: 'application/json', action: 'Testing', ...request });
    } finally {
      transport.close();
    }
  }

  /** A query whose URL, below this test's base URL, is `length` characters long. */
  function queryOfLength(path, length) {
    const prefix = `${baseUrl}${path}?params=`;
    return { params: 'x'.repeat(length - prefix.length) };
  }

  describe('the query', function () {
    it('is encoded from the parameters in their order; a parameter without a value is left out', async function () {
      await send({ method: 'GET', path: '/process/1', query: { parts: 'all', none: undefined, text: 'a b&c=d/ü€' } });
      received[0].url.should.equal('/rest/bpm/wle/v1/process/1?parts=all&text=a%20b%26c%3Dd%2F%C3%BC%E2%82%AC');
    });

    it('adds nothing to the path when no parameter has a value', async function () {
      await send({ method: 'GET', path: '/process/1', query: { lang: undefined } });
      received[0].url.should.equal('/rest/bpm/wle/v1/process/1');
      encodeQuery({}).should.equal('');
    });
  });

  describe('the body', function () {
    it('JSON: application/json with its length in bytes', async function () {
      const json = JSON.stringify({ name: 'Müller' });
      await send({ method: 'POST', path: '/x', body: { json } });
      received[0].headers.should.match({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(json)) });
      received[0].body.should.equal(json);
    });

    it('XML: application/xml in UTF-8 with its length in bytes', async function () {
      const xml = '<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="ok"><Panel><Name>Jörg</Name></Panel></Response></Form>';
      await send({ method: 'POST', path: '/task/submit/1', body: { xml } });
      received[0].headers.should.match({
        'content-type': 'application/xml; charset=utf-8',
        'content-length': String(Buffer.byteLength(xml)),
      });
      received[0].body.should.equal(xml);
    });

    it('form fields: application/x-www-form-urlencoded, each name and value encoded', async function () {
      await send({ method: 'POST', path: '/x', body: { form: { a: '1 2', 'b&c': 'ü=?' } } });
      received[0].headers['content-type'].should.equal('application/x-www-form-urlencoded');
      received[0].body.should.equal('a=1%202&b%26c=%C3%BC%3D%3F');
      new URLSearchParams(received[0].body).get('b&c').should.equal('ü=?');
    });

    it('none: a POST or PUT says Content-Length 0 and no Content-Type; a GET sends neither', async function () {
      await send({ method: 'PUT', path: '/x' });
      await send({ method: 'POST', path: '/x' });
      await send({ method: 'GET', path: '/x' });
      for (const put of received.slice(0, 2)) {
        put.headers.should.have.property('content-length', '0');
        put.headers.should.not.have.property('content-type');
      }
      received[2].headers.should.not.have.properties('content-length', 'content-type');
    });
  });

  describe(`a URL longer than ${MAX_URL_LENGTH} characters`, function () {
    it(`stays as it is at exactly ${MAX_URL_LENGTH} characters`, async function () {
      const query = queryOfLength('/task/1', MAX_URL_LENGTH);
      await send({ method: 'PUT', path: '/task/1', query });
      received[0].method.should.equal('PUT');
      `${baseUrl.replace(/\/rest.*/, '')}${received[0].url}`.length.should.equal(MAX_URL_LENGTH);
      received[0].headers.should.not.have.property('x-http-method-override');
    });

    it('a PUT goes as a POST to the same path, the query in a form body, with X-HTTP-Method-Override: PUT', async function () {
      const query = { action: 'finish', parts: 'all', ...queryOfLength('/task/1', MAX_URL_LENGTH + 1) };
      await send({ method: 'PUT', path: '/task/1', query });
      const sent = received[0];
      sent.method.should.equal('POST');
      sent.url.should.equal('/rest/bpm/wle/v1/task/1');
      sent.headers.should.match({ 'x-http-method-override': 'PUT', 'content-type': 'application/x-www-form-urlencoded' });
      sent.headers['content-length'].should.equal(String(Buffer.byteLength(sent.body)));
      Object.fromEntries(new URLSearchParams(sent.body)).should.eql(query);
      // The server's authentication travels as with any other request.
      sent.headers.authorization.should.equal(`Basic ${Buffer.from('flow:pw').toString('base64')}`);
    });

    it('a POST goes as a POST with the query in a form body and no method override', async function () {
      const query = { action: 'start', params: JSON.stringify({ text: 'ä'.repeat(1500) }) };
      await send({ method: 'POST', path: '/process', query });
      received[0].method.should.equal('POST');
      received[0].url.should.equal('/rest/bpm/wle/v1/process');
      received[0].headers.should.not.have.property('x-http-method-override');
      Object.fromEntries(new URLSearchParams(received[0].body)).should.eql(query);
    });

    it('a GET stays a GET: a POST to its path could start something', async function () {
      await send({ method: 'GET', path: '/process', query: queryOfLength('/process', 3000) });
      received[0].method.should.equal('GET');
      received[0].url.length.should.be.above(MAX_URL_LENGTH - baseUrl.length);
      received[0].headers.should.not.have.property('x-http-method-override');
    });

    it('stays as it is on a server that does not take X-HTTP-Method-Override (inubit)', async function () {
      await send({ method: 'PUT', path: '/task/1', query: queryOfLength('/task/1', 3000) }, { methodOverride: false });
      received[0].method.should.equal('PUT');
      received[0].headers.should.not.have.property('x-http-method-override');
    });

    it('a request with a body of its own keeps its long URL: the query has nowhere else to go', async function () {
      const query = queryOfLength('/x', 2500);
      await send({ method: 'POST', path: '/x', query, body: { json: '{}' } });
      received[0].url.should.equal(`/rest/bpm/wle/v1/x?${encodeQuery(query)}`);
      received[0].body.should.equal('{}');
    });

    it('is repeated as the PUT it stands for: not after a reset, after a 503', async function () {
      answer = (req) => req.socket.destroy();
      const put = { method: 'PUT', path: '/task/1', query: queryOfLength('/task/1', 3000) };
      await send(put, { retries: 2 }).should.be.rejectedWith({ code: 'CONNECTION_FAILED' });
      received.should.have.length(1);
      received = [];
      answer = (req, res) => {
        res.writeHead(503);
        res.end();
      };
      await send(put, { retries: 2 }).should.be.rejectedWith({ code: 'SERVICE_UNAVAILABLE' });
      received.should.have.length(3);
      received.every((sent) => sent.method === 'POST' && sent.headers['x-http-method-override'] === 'PUT').should.be.true();
    });
  });
});
