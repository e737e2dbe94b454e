'use strict';

// Every request's way in: its body read, counted in flight, recorded in sim.requests, and handed
// to the server whose root its path is below; the pages outside both roots (an application
// server's login form, the simulator's own front page) are answered here.

const inubit = require('./inubit');
const ibmBpm = require('./ibm-bpm');
const { FORM_LOGIN_PAGE } = require('./login-pages');
const { readCredentials } = require('./authentication');
const { send, decodeSegment, queryObject, CT_HTML, CT_TEXT } = require('./http');

const MAX_BODY = 1024 * 1024;
const LOGIN_PAGE_RE = /^(?:\/[A-Za-z0-9._~-]+)*\/login\.html$/;
const OTHER_ROUTE = { server: 'other', rootPath: '', prefix: '' };

const noop = () => {};

// The request listener of one simulator: `requests` and `stats` its log and counts, `servers`
// the servers by route name, `host` the host it listens on.
function requestEntry({ sim, requests, stats, servers, host, lost }) {
  function onRequest(req, res) {
    req.on('error', noop);
    res.on('error', noop);
    // Bodies are read into record.body (the first MAX_BODY bytes) and drained for keep-alive.
    const chunks = [];
    let bodySize = 0;
    req.on('data', (chunk) => {
      if (bodySize < MAX_BODY) chunks.push(chunk);
      bodySize += chunk.length;
    });
    req.once('end', () => {
      record.body = Buffer.concat(chunks).toString('utf8').slice(0, MAX_BODY);
    });

    stats.inFlight++;
    if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight;
    let counted = true;
    const done = () => {
      if (counted) {
        counted = false;
        stats.inFlight--;
      }
    };
    res.once('finish', done);
    // The status the request was answered with, for tests that judge a race by it.
    res.once('finish', () => {
      record.status = res.statusCode;
    });
    res.once('close', done);

    const qi = req.url.indexOf('?');
    const rawPath = qi < 0 ? req.url : req.url.slice(0, qi);
    const search = qi < 0 ? '' : req.url.slice(qi + 1);

    const route = inubit.route(rawPath) || ibmBpm.route(rawPath) || OTHER_ROUTE;
    const rest = rawPath.slice(route.rootPath.length);
    const rawSegments = rest === '' || rest === '/' ? [] : rest.slice(1).split('/');
    const segments = rawSegments.map(decodeSegment);

    const creds = readCredentials(req.headers);
    const named = creds.basic || creds.zenApiKey;
    const csrfHeader = req.headers.bpmcsrftoken;
    const record = {
      server: route.server,
      method: req.method,
      rawPath,
      // The query as the URL carried it; `query` also takes a long form's body on IBM BPM.
      search,
      query: queryObject(search),
      segments,
      headers: Object.assign({}, req.headers),
      authUser: named ? named.user : null,
      authKind: creds.kinds.length > 0 ? creds.kinds[0] : null,
      authKinds: creds.kinds,
      csrfToken: typeof csrfHeader === 'string' ? csrfHeader : null,
      body: null,
      socketId: req.socket.simId,
    };
    requests.push(record);

    const ctx = {
      req,
      res,
      record,
      route,
      server: route.server,
      rawPath,
      search,
      rootPath: route.rootPath,
      prefix: route.prefix,
      rawSegments,
      segments,
      query: record.query,
      socket: req.socket,
      origin: `http://${req.headers.host || `${host}:${sim.port}`}`,
      creds,
    };
    const answer = () =>
      lost.dispatch(ctx, () => {
        try {
          const target = servers[route.server];
          if (target) target.handle(ctx);
          else handleOther(ctx);
        } catch (err) {
          // A bug in the simulator should surface in the test, not kill the process.
          if (!res.headersSent) send(res, 500, { 'Content-Type': CT_TEXT }, 'simulator error: ' + err.stack);
          else res.destroy();
        }
      });
    // With a latency the request waits before anything about it is decided, as on a real server.
    if (sim.latencyMs > 0) setTimeout(answer, sim.latencyMs);
    else answer();
  }

  function handleOther(ctx) {
    const get = ctx.req.method === 'GET' || ctx.req.method === 'HEAD';
    if (get && LOGIN_PAGE_RE.test(ctx.rawPath)) {
      return send(ctx.res, 200, { 'Content-Type': CT_HTML }, FORM_LOGIN_PAGE);
    }
    if (ctx.rawPath === '/' && ctx.req.method === 'GET') {
      send(
        ctx.res,
        200,
        { 'Content-Type': CT_TEXT },
        ['BPM simulator', `inubit:  ${sim.inubitUrl}`, `IBM BPM: ${sim.bpmUrl}`, ''].join('\n'),
      );
      return;
    }
    send(ctx.res, 404, { 'Content-Type': CT_TEXT }, 'Not Found');
  }

  return onRequest;
}

module.exports = { requestEntry };
