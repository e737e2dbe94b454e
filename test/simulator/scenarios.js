'use strict';

// The scenario keys both servers share: a special id in the path (a user, starter,
// instance or activity id) makes the server misbehave on purpose. The server handlers
// answer their own keys first, then hand the id to scenarios.run().
//   slow-MS  flaky-N  status-NNN  many-N  reset  reset-mid-body  login-page  truncated
//   wrong-type  no-activities  huge  redirect-same  redirect-other-host  ok-after-redirect
//   echo-headers

const { LOGIN_PAGE } = require('./login-pages');
const { send, CT_HTML, CT_TEXT } = require('./http');

const MAX_MANY = 100000;
const MAX_SLOW_MS = 10 * 60 * 1000;

const SIMPLE_KEYS = new Set([
  'reset',
  'reset-mid-body',
  'login-page',
  'truncated',
  'wrong-type',
  'no-activities',
  'huge',
  'redirect-same',
  'redirect-other-host',
  'ok-after-redirect',
  'echo-headers',
]);

function parseScenario(key) {
  let m;
  if ((m = /^slow-(\d{1,9})$/.exec(key))) return { kind: 'slow', ms: Math.min(Number(m[1]), MAX_SLOW_MS) };
  if ((m = /^flaky-(\d{1,6})$/.exec(key))) return { kind: 'flaky', n: Number(m[1]) };
  if ((m = /^status-(\d{3})$/.exec(key))) {
    const code = Number(m[1]);
    return code >= 200 && code <= 599 ? { kind: 'status', code } : null;
  }
  if ((m = /^many-(\d{1,6})$/.exec(key))) {
    const n = Number(m[1]);
    return n <= MAX_MANY ? { kind: 'many', n } : null;
  }
  return SIMPLE_KEYS.has(key) ? { kind: key } : null;
}

// The request headers for echo-headers, without the ones that carry secrets.
function echoedHeaders(ctx) {
  const headers = Object.assign({}, ctx.req.headers);
  delete headers.authorization;
  delete headers['x-auth-token'];
  delete headers.bpmcsrftoken;
  return headers;
}

// The shared keys of one simulator: `sim` for its port, `host` the host it listens on.
function scenarioKeys(sim, host) {
  // Server and key -> requests so far, for flaky-N, until reset().
  const counters = new Map();

  // Location for the redirect keys: same path and query, the key replaced: the segment at
  // `keyAt`, or the query parameter `keyAt` names.
  function redirectLocation(ctx, keyAt, otherHost) {
    const segs = ctx.rawSegments.slice();
    let search = ctx.search;
    if (typeof keyAt === 'string') {
      const params = new URLSearchParams(search);
      params.set(keyAt, 'ok-after-redirect');
      search = params.toString();
    } else {
      segs[keyAt] = 'ok-after-redirect';
    }
    const path = ctx.rootPath + '/' + segs.join('/') + (search ? '?' + search : '');
    if (!otherHost) return ctx.origin + path;
    const name = (ctx.req.headers.host || host).replace(/:\d+$/, '');
    return `http://${name === 'localhost' ? '127.0.0.1' : 'localhost'}:${sim.port}${path}`;
  }

  // Handles a shared key; returns false if `key` is not one. `keyIndex` is the index of the
  // key's path segment, or the name of the query parameter that carries it. `api` supplies the
  // server's own answers: normal(), error(status, headers), normalBody(),
  // truncated(), wrongType(), huge(), and optionally noActivities(), echoHeaders(), many(n).
  function run(ctx, key, keyIndex, api) {
    const sc = parseScenario(key);
    if (!sc) return false;
    const { res, socket } = ctx;
    switch (sc.kind) {
      case 'slow': {
        // The delay it holds the answer back, for tests that check the key took effect.
        ctx.record.heldMs = sc.ms;
        const timer = setTimeout(() => {
          if (!res.destroyed) api.normal();
        }, sc.ms);
        res.once('close', () => clearTimeout(timer));
        break;
      }
      case 'reset':
        socket.destroy();
        break;
      case 'reset-mid-body': {
        const b = api.normalBody();
        const buf = Buffer.from(b.body, 'utf8');
        res.writeHead(b.status, { 'Content-Type': b.type, 'Content-Length': buf.length });
        // Destroy only once the first half has reached the socket, so the client sees it.
        res.write(buf.subarray(0, Math.floor(buf.length / 2)), () => socket.destroy());
        break;
      }
      case 'login-page':
        send(res, 200, { 'Content-Type': CT_HTML }, LOGIN_PAGE);
        break;
      case 'truncated':
        api.truncated();
        break;
      case 'wrong-type':
        api.wrongType();
        break;
      case 'no-activities':
        if (api.noActivities) api.noActivities();
        else api.normal();
        break;
      case 'flaky': {
        const ck = ctx.server + ':' + key;
        const count = (counters.get(ck) || 0) + 1;
        counters.set(ck, count);
        if (count <= sc.n) api.error(503, { 'Retry-After': '0' });
        else api.normal();
        break;
      }
      case 'status':
        api.error(sc.code, {});
        break;
      case 'huge':
        api.huge();
        break;
      case 'redirect-same':
      case 'redirect-other-host':
        send(
          res,
          302,
          {
            Location: redirectLocation(ctx, keyIndex, sc.kind === 'redirect-other-host'),
            'Content-Type': CT_TEXT,
          },
          'Found',
        );
        break;
      case 'echo-headers':
        if (api.echoHeaders) api.echoHeaders();
        else api.normal();
        break;
      case 'many':
        if (api.many) api.many(sc.n);
        else api.normal();
        break;
      default: // ok-after-redirect
        api.normal();
    }
    return true;
  }

  return { run, reset: () => counters.clear() };
}

module.exports = { scenarioKeys, parseScenario, echoedHeaders };
