'use strict';
// Plain node:http requests to the simulator for its own tests (test/simulator-tests/), so that
// client bugs cannot hide simulator bugs (and vice versa); the paths they ask for, and a reader of
// inubit's starter lists of the tests' own.
const http = require('http');
const fixtures = require('../simulator/fixtures');

/** One request as the simulator's account (`auth: false`: none); resolves with status, headers and body text. */
function call(sim, method, path, { auth = true, accept, agent, headers: extra, body } = {}) {
  const headers = Object.assign({}, extra);
  if (auth) headers.Authorization = 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
  if (accept) headers.Accept = accept;
  return new Promise((resolve, reject) => {
    const req = http.request(sim.url + path, { method, headers, agent: agent || false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const adhoc = (id) => `/rest/bpm/wle/v1/process/${id}/adHocActivities`;
const START = 'action=ACTION_START_ACTIVITY';
const activity = (id, query = START) => `/rest/bpm/wle/v1/activity/${encodeURIComponent(id)}${query ? '?' + query : ''}`;
const starters = (user, query = '') => `/ibis/rest/task/adhoc/${encodeURIComponent(user)}${query ? '?' + query : ''}`;

// Decoded attributes of each <Module/>, read independently of the clients under test.
function modules(xml) {
  const decode = (v) =>
    v.replace(/&(#\d+|amp|lt|gt|quot|apos);/g, (m, e) =>
      e[0] === '#' ? String.fromCodePoint(Number(e.slice(1))) : { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e],
    );
  return Array.from(xml.matchAll(/<Module\s([^>]*?)\/>/g), (m) => {
    const attrs = {};
    for (const [, name, value] of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) attrs[name] = decode(value);
    return attrs;
  });
}

// Resolves with the status and headers only, then drops the connection (for huge bodies).
function head(sim, method, path) {
  const headers = { Authorization: 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64') };
  return new Promise((resolve, reject) => {
    const req = http.request(sim.url + path, { method, headers, agent: false }, (res) => {
      resolve({ status: res.statusCode, headers: res.headers });
      req.destroy();
    });
    req.on('error', reject);
    req.end();
  });
}

// Resolves with the socket error the client saw.
function callFails(sim, method, path) {
  return call(sim, method, path).then(
    () => {
      throw new Error('expected the connection to fail');
    },
    (err) => err,
  );
}

const LOGIN_BODY = '{"refresh-groups":false,"requested-lifetime":7200}';

const READY = fixtures.STARTABLE_ACTIVITIES.filter((a) => a.executionState === 'READY');
const NOT_READY = fixtures.STARTABLE_ACTIVITIES.filter((a) => a.executionState !== 'READY');

module.exports = { call, head, callFails, adhoc, START, activity, starters, modules, LOGIN_BODY, READY, NOT_READY };
