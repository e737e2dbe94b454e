'use strict';
// A self-signed certificate for 127.0.0.1 and a small HTTPS stand-in of both servers.
const fs = require('fs');
const os = require('os');
const path = require('path');
const https = require('https');
const { execFileSync } = require('child_process');

function selfSignedCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-tls-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'ignore' },
  );
  return { dir, key, cert };
}

/** An HTTPS server answering every POST with 201 "tls-task" and every GET with an empty list. */
function startHttpsServer(certificate) {
  const server = https.createServer({ key: fs.readFileSync(certificate.key), cert: fs.readFileSync(certificate.cert) }, (req, res) => {
    req.resume();
    if (req.method === 'POST') {
      res.writeHead(201, { 'Content-Type': 'application/plain' });
      res.end('tls-task');
    } else {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"200","data":{"activities":[]}}');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `https://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(done);
          }),
      }),
    ),
  );
}

module.exports = { selfSignedCertificate, startHttpsServer };
