'use strict';

// What stands in front of IBM BPM's resources and its CSRF login: the IBM HTTP Server, which
// answers 414 to a request target longer than bpmMaxUrlLength, and the application server,
// which answers 503 in maintenance and checks the authentication (401 with a challenge, or a
// redirect to its login form).

const authentication = require('./authentication');
const { send, CT_HTML } = require('./http');
const { JSON_FORMAT, bpmFormat, genericBpmError } = require('./ibm-bpm-documents');

const AUTH_KINDS = ['basic', 'bearer', 'zenApiKey', 'none', 'form'];
const CHALLENGES = { bearer: 'Bearer', zenApiKey: 'ZenApiKey' };

function checkAuthKind(kind) {
  return authentication.checkAuthKind('bpm', AUTH_KINDS, kind);
}

// null or 0: no limit.
function checkMaxUrlLength(n) {
  if (n === null || n === undefined || n === 0) return null;
  const v = Number(n);
  if (!(Number.isInteger(v) && v > 0)) throw new RangeError('bpmMaxUrlLength must be a positive integer or null');
  return v;
}

// The access checks of one simulator's IBM BPM server: `mode` its current modes.
function bpmAccess({ sim, mode }) {
  function authenticated(ctx) {
    if (mode.bpmAuth !== 'zenApiKey') return authentication.authenticated(ctx.creds, mode.bpmAuth, sim);
    // ZenApiKey (Cloud Pak): the user name and the API key, base64-encoded as for Basic.
    const key = ctx.creds.zenApiKey;
    return !!key && key.user === sim.username && key.secret === mode.apiKey;
  }

  function bpmUnauthorized(ctx) {
    const scheme = CHALLENGES[mode.bpmAuth] || 'Basic';
    send(
      ctx.res,
      401,
      {
        'Content-Type': CT_HTML,
        'WWW-Authenticate': `${scheme} realm="defaultWIMFileBasedRealm"`,
      },
      '<!DOCTYPE html>\n<html><head><title>Error 401: Authentication required</title></head>\n' +
        '<body><h1>Error 401: Authentication required</h1>\n' +
        '<p>The server could not verify that you are authorised to access this resource.</p>\n</body></html>\n',
    );
  }

  // Maintenance and authentication, as the application server in front does them;
  // true when the request was answered.
  function refused(ctx) {
    if (mode.maintenance) {
      genericBpmError(ctx, 503, bpmFormat(ctx) || JSON_FORMAT, { 'Retry-After': '0' });
      return true;
    }
    if (!authenticated(ctx)) {
      if (mode.bpmAuth === 'form') authentication.toLoginForm(ctx, ctx.prefix);
      else bpmUnauthorized(ctx);
      return true;
    }
    return false;
  }

  // The URL limit of the IBM HTTP Server in front; true when the request was answered.
  function tooLong(ctx) {
    if (mode.bpmMaxUrlLength === null || ctx.req.url.length <= mode.bpmMaxUrlLength) return false;
    send(
      ctx.res,
      414,
      { 'Content-Type': CT_HTML },
      '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n' +
        '<html><head>\n<title>414 Request-URI Too Long</title>\n</head><body>\n<h1>Request-URI Too Long</h1>\n' +
        "<p>The requested URL's length exceeds the capacity\nlimit for this server.<br />\n</p>\n</body></html>\n",
    );
    return true;
  }

  return { refused, tooLong };
}

module.exports = { AUTH_KINDS, checkAuthKind, checkMaxUrlLength, bpmAccess };
