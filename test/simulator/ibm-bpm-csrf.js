'use strict';

// IBM BPM's CSRF tokens:
//   POST [/prefix]/bpm/system/login   {"refresh-groups":false,"requested-lifetime":7200} -> a CSRF token
// and, when bpmCsrf is 'required', the check of the BPMCSRFToken header of every REST call.
// The login fails on demand (csrfLoginFailure), tokens last csrfLifetimeMs at most.

const crypto = require('crypto');
const { FORM_LOGIN_PAGE } = require('./login-pages');
const { send, CT_HTML } = require('./http');
const { JSON_FORMAT, bpmError, genericBpmError } = require('./ibm-bpm-documents');

const CSRF_MODES = ['off', 'required'];
const CSRF_LOGIN_BODY = { 'refresh-groups': false, 'requested-lifetime': 7200 };
const CSRF_ERROR = 'CWTBG0651E';
const CT_JSON_UTF8 = 'application/json;charset=UTF-8';

function checkCsrfMode(mode) {
  if (!CSRF_MODES.includes(mode)) throw new RangeError(`bpmCsrf must be one of ${CSRF_MODES.join(', ')}`);
  return mode;
}

function checkLifetime(ms) {
  const n = Number(ms);
  if (!(Number.isFinite(n) && n > 0)) throw new RangeError('csrfLifetimeMs must be a positive number');
  return n;
}

function checkLoginStatus(status) {
  const n = Number(status);
  if (!(Number.isInteger(n) && n >= 200 && n <= 299)) throw new RangeError('csrfLoginStatus must be a 2xx status');
  return n;
}

// null/false: logins succeed; a status: that status with a WLE error; 'html': 200 with a login page.
function checkLoginFailure(failure) {
  if (failure === null || failure === undefined || failure === false) return null;
  if (failure === 'html') return failure;
  const n = Number(failure);
  if (!(Number.isInteger(n) && n >= 200 && n <= 599)) throw new RangeError("csrfLoginFailure must be a status, 'html' or null");
  return n;
}

function isLoginBody(text) {
  let body;
  try {
    body = JSON.parse(text);
  } catch (e) {
    return false;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  return (
    keys.length === Object.keys(CSRF_LOGIN_BODY).length &&
    keys.every((k) => Object.prototype.hasOwnProperty.call(CSRF_LOGIN_BODY, k) && body[k] === CSRF_LOGIN_BODY[k])
  );
}

// The CSRF tokens of one simulator's IBM BPM server: `mode` its current modes, `stats` the
// counts of logins and tokens, `access` the checks of the application server in front.
function bpmCsrf({ sim, mode, stats, access }) {
  // Issued CSRF token -> the time (ms) it expires, in issue order.
  const csrfTokens = new Map();

  function csrfTokenValid(token) {
    const expires = token === null ? undefined : csrfTokens.get(token);
    return expires !== undefined && Date.now() < expires;
  }

  // The token check of a REST call; true when the request was answered.
  function refused(ctx) {
    if (mode.bpmCsrf !== 'required' || csrfTokenValid(ctx.record.csrfToken)) return false;
    // Always JSON, whatever the Accept header asks for.
    bpmError(ctx, 403, JSON_FORMAT, {
      errorNumber: CSRF_ERROR,
      message: 'The BPMCSRFToken token header could not be verified.',
      params: [],
    });
    return true;
  }

  function login(ctx) {
    const { req } = ctx;
    stats.logins++;
    if (access.refused(ctx)) return;
    if (req.method !== 'POST') return genericBpmError(ctx, 405, JSON_FORMAT, { Allow: 'POST' });
    const answer = () => {
      const type = String(req.headers['content-type'] || '');
      if (!/^application\/json\s*(;|$)/i.test(type) || !isLoginBody(ctx.record.body)) {
        return bpmError(ctx, 400, JSON_FORMAT, {
          message: `The login request is not valid: expected Content-Type application/json and the body ${JSON.stringify(CSRF_LOGIN_BODY)}.`,
          params: [],
        });
      }
      const failure = mode.csrfLoginFailure;
      if (failure === 'html') return send(ctx.res, 200, { 'Content-Type': CT_HTML }, FORM_LOGIN_PAGE);
      if (failure !== null) {
        return bpmError(ctx, failure, JSON_FORMAT, {
          errorNumber: failure >= 500 ? 'CWTBG0019E' : undefined,
          message: `The login failed (HTTP ${failure}).`,
          params: [],
        });
      }
      const lifetimeMs = Math.min(CSRF_LOGIN_BODY['requested-lifetime'] * 1000, mode.csrfLifetimeMs);
      const token = crypto.randomBytes(24).toString('base64url');
      csrfTokens.set(token, Date.now() + lifetimeMs);
      stats.tokensIssued++;
      const user = ctx.record.authUser || sim.username;
      send(
        ctx.res,
        mode.csrfLoginStatus,
        { 'Content-Type': CT_JSON_UTF8 },
        JSON.stringify({
          csrf_token: token,
          expiration: Math.floor(lifetimeMs / 1000),
          user_id: user,
          user_name: user,
        }),
      );
    };
    // The body decides the answer, so wait for all of it.
    if (req.readableEnded) answer();
    else req.once('end', answer);
  }

  return {
    refused,
    login,
    // Every CSRF token issued since the last reset(), oldest first (expired ones too).
    tokens: () => Array.from(csrfTokens.keys()),
    expire() {
      for (const token of csrfTokens.keys()) csrfTokens.set(token, 0);
    },
    reset() {
      csrfTokens.clear();
    },
  };
}

module.exports = { checkCsrfMode, checkLifetime, checkLoginStatus, checkLoginFailure, bpmCsrf };
