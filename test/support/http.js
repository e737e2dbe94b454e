'use strict';
// Plain HTTP for tests and the demo script: a free port, one request without keep-alive, and a
// stand-in server with canned answers.
const http = require('http');
const net = require('net');

/** A loopback TCP port that was free a moment ago. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** One HTTP request without keep-alive; resolves with status, headers and body text. */
function request(url, { method = 'GET', headers = {}, body, timeout = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const allHeaders = { ...headers };
    if (data) {
      if (!allHeaders['Content-Type']) allHeaders['Content-Type'] = 'application/json';
      allHeaders['Content-Length'] = data.length;
    }
    const req = http.request(url, { method, headers: allHeaders, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(timeout, () => req.destroy(new Error(`no answer from ${method} ${url}`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

/**
 * A stand-in inubit server that answers each request with `answer(req)`: `{ status, type, body }`
 * (200, application/xml and an empty body unless said; `type: null` sends no Content-Type). `url` is its REST root, `requests` the
 * method and URL of every request so far.
 */
async function answering(answer) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    req.resume();
    const { status = 200, type = 'application/xml', body = '' } = answer(req);
    res.writeHead(status, type ? { 'Content-Type': type } : {});
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/ibis/rest`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}

module.exports = { freePort, request, answering };
