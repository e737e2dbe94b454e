'use strict';

// HTTP as both simulated servers speak it: the path and query of a request, Accept
// negotiation, and answers written whole or streamed.

const CT_JSON = 'application/json';
const CT_XML = 'application/xml';
const CT_HTML = 'text/html;charset=UTF-8';
const CT_TEXT = 'text/plain;charset=UTF-8';
// What inubit labels the text of a task id with (sic).
const CT_PLAIN = 'application/plain';

// The size of the answers of the `huge` scenario key.
const HUGE_BYTES = 25 * 1024 * 1024;
const FILLER = Buffer.alloc(64 * 1024, 'x');

// First value of a query parameter given once or more, or undefined.
function firstValue(value) {
  return Array.isArray(value) ? value[0] : value;
}

function decodeSegment(s) {
  try {
    return decodeURIComponent(s);
  } catch (e) {
    return s;
  }
}

function queryObject(search) {
  const out = {};
  for (const [k, v] of new URLSearchParams(search)) {
    if (!(k in out)) out[k] = v;
    else if (Array.isArray(out[k])) out[k].push(v);
    else out[k] = [out[k], v];
  }
  return out;
}

function parseAccept(header) {
  return String(header)
    .split(',')
    .map((part, index) => {
      const [range, ...params] = part.split(';');
      let q = 1;
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'q') {
          q = Number(p.slice(eq + 1).trim());
          if (!Number.isFinite(q)) q = 0;
        }
      }
      return { range: range.trim().toLowerCase(), q, index };
    })
    .filter((r) => r.range);
}

// Picks one of `offers` (in server preference order) for an Accept header.
// Ranking: q-value, then the most specific matching range, then header order,
// then server order. Returns null when nothing is acceptable.
function negotiate(header, offers) {
  if (header === undefined || String(header).trim() === '') return offers[0];
  const ranges = parseAccept(header);
  let best = null;
  offers.forEach((offer, order) => {
    const [type, sub] = offer.split('/');
    let match = null;
    for (const r of ranges) {
      const [rt, rs] = r.range.split('/');
      let spec = -1;
      if (rt === type && rs === sub) spec = 2;
      else if (rt === type && rs === '*') spec = 1;
      else if (rt === '*' && (rs === '*' || rs === undefined)) spec = 0;
      if (spec >= 0 && (!match || spec > match.spec)) match = { spec, q: r.q, index: r.index };
    }
    if (!match || match.q <= 0) return;
    const c = { offer, order, ...match };
    const better = !best || c.q > best.q || (c.q === best.q && (c.spec > best.spec || (c.spec === best.spec && c.index < best.index)));
    if (better) best = c;
  });
  return best ? best.offer : null;
}

function send(res, status, headers, body) {
  const h = Object.assign({}, headers);
  const noBody = status === 204 || status === 304 || status < 200;
  let buf = null;
  if (!noBody && body !== undefined && body !== null) {
    buf = Buffer.isBuffer(body) ? body : Buffer.from(String(body), 'utf8');
    h['Content-Length'] = buf.length;
  }
  res.writeHead(status, h);
  res.end(buf || undefined);
}

// Declares the whole of `text` but sends half of it, then ends the connection.
function sendTruncated(ctx, status, type, text, extraHeaders = {}) {
  const body = Buffer.from(text);
  ctx.res.writeHead(status, Object.assign({ 'Content-Type': type, 'Content-Length': body.length }, extraHeaders));
  ctx.res.write(body.subarray(0, body.length / 2), () => ctx.socket.end());
}

// Writes prefix + `filler` bytes of 'x' + suffix from one cached chunk, honouring
// back-pressure and stopping as soon as the client goes away.
function streamFiller(res, status, type, prefix, suffix, filler, extraHeaders = {}) {
  const head = Buffer.from(prefix, 'utf8');
  const tail = Buffer.from(suffix, 'utf8');
  res.writeHead(status, Object.assign({ 'Content-Type': type, 'Content-Length': head.length + filler + tail.length }, extraHeaders));
  let stopped = false;
  res.once('close', () => {
    stopped = true;
  });
  res.write(head);
  let left = filler;
  const pump = () => {
    while (!stopped && left > 0) {
      const n = Math.min(left, FILLER.length);
      left -= n;
      if (!res.write(n === FILLER.length ? FILLER : FILLER.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    if (!stopped) res.end(tail);
  };
  pump();
}

// A 200 of HUGE_BYTES: `doc` with filler in place of `marker`.
function streamHuge(res, type, doc, marker) {
  const at = doc.indexOf(marker);
  const prefix = doc.slice(0, at);
  const suffix = doc.slice(at + marker.length);
  streamFiller(res, 200, type, prefix, suffix, HUGE_BYTES - Buffer.byteLength(prefix) - Buffer.byteLength(suffix));
}

module.exports = {
  CT_JSON,
  CT_XML,
  CT_HTML,
  CT_TEXT,
  CT_PLAIN,
  HUGE_BYTES,
  firstValue,
  decodeSegment,
  queryObject,
  negotiate,
  send,
  sendTruncated,
  streamFiller,
  streamHuge,
};
