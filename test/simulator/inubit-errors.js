'use strict';

// inubit's error answers: {statusCode, message, path, timestamp}, in JSON or XML as the client asks.

const { STATUS_CODES } = require('http');
const { send, negotiate, CT_JSON, CT_XML } = require('./http');
const { IND, XML_DECL, xmlValue } = require('./xml');

const MESSAGES = {
  401: 'Unauthorized access',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  415: 'Unsupported Media Type',
  423: 'Locked',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// inubit prints local-looking timestamps without a zone designator.
function inubitTimestamp() {
  return new Date().toISOString().slice(0, 23);
}

// A header value as given when it is printable ASCII, else percent-encoded (HTTP headers are bytes).
function headerValue(value) {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function inubitErrorPath(ctx) {
  // inubit reports the path below its web context, i.e. without /ibis.
  return ctx.rawPath.slice('/ibis'.length);
}

function inubitWantsXml(ctx) {
  const type = negotiate(ctx.req.headers.accept, [CT_JSON, CT_XML, 'text/xml']);
  return type === CT_XML || type === 'text/xml';
}

function inubitError(ctx, status, headers = {}, message) {
  const msg = message || MESSAGES[status] || STATUS_CODES[status] || 'Error';
  const body = { statusCode: status, message: msg, path: inubitErrorPath(ctx), timestamp: inubitTimestamp() };
  if (inubitWantsXml(ctx)) {
    const out = [XML_DECL, '<ApiError>'];
    for (const [k, v] of Object.entries(body)) xmlValue(k, v, IND, out);
    out.push('</ApiError>');
    send(ctx.res, status, Object.assign({ 'Content-Type': CT_XML }, headers), out.join('\n') + '\n');
  } else {
    send(ctx.res, status, Object.assign({ 'Content-Type': CT_JSON }, headers), JSON.stringify(body));
  }
}

module.exports = { inubitError, inubitTimestamp, headerValue };
