'use strict';

// What both simulated servers share of authentication: the credentials a request carries,
// the kinds both check alike, and the form login of an application server in front of them.
// Each server adds its own kind (inubit's portal token, IBM's ZenApiKey) and its 401.

const { send, CT_HTML } = require('./http');
const { xmlEscape } = require('./xml');

// base64(name:secret) as used by Basic and ZenApiKey, or null.
function decodePair(encoded) {
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  return { user: text.slice(0, colon), secret: text.slice(colon + 1) };
}

// Every kind of credentials a request carries, decoded: `kinds` lists them in the order
// Authorization, X-AUTH-TOKEN, whether valid or not.
function readCredentials(headers) {
  const out = { kinds: [], basic: null, bearer: null, zenApiKey: null, portalToken: null };
  const auth = headers.authorization;
  const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(typeof auth === 'string' ? auth : '');
  if (m) {
    const scheme = m[1].toLowerCase();
    if (scheme === 'basic') {
      out.kinds.push('basic');
      out.basic = decodePair(m[2]);
    } else if (scheme === 'bearer') {
      out.kinds.push('bearer');
      out.bearer = m[2];
    } else if (scheme === 'zenapikey') {
      out.kinds.push('zenApiKey');
      out.zenApiKey = decodePair(m[2]);
    }
  }
  const portal = headers['x-auth-token'];
  if (typeof portal === 'string') {
    out.kinds.push('portalToken');
    const p = /^\s*bearer\s+(\S+)\s*$/i.exec(portal);
    out.portalToken = p ? p[1] : null;
  }
  return out;
}

// The option check of a server's kinds: checkAuthKind('inubit', kinds, kind) guards inubitAuth.
function checkAuthKind(server, kinds, kind) {
  if (!kinds.includes(kind)) {
    throw new RangeError(`${server}Auth must be one of ${kinds.join(', ')}`);
  }
  return kind;
}

// Whether `creds` hold what `kind` asks for, for the kinds both servers know (the simulator's
// account: sim.username, sim.password, sim.token, and for Basic its further users); other kinds
// of credentials do not count.
function authenticated(creds, kind, sim) {
  switch (kind) {
    case 'none':
      return true;
    case 'bearer':
      return creds.bearer === sim.token;
    default: // basic, form (the application server also takes Basic credentials)
      return !!creds.basic && sim.knowsUser(creds.basic.user, creds.basic.secret);
  }
}

// The user a JSON Web Token names (preferred_username), or null for another token.
function tokenUser(token) {
  try {
    const claims = JSON.parse(Buffer.from(String(token).split('.')[1], 'base64url').toString('utf8'));
    return typeof claims.preferred_username === 'string' ? claims.preferred_username : null;
  } catch (err) {
    return null;
  }
}

// Form login: what an application server answers a request without a session.
function toLoginForm(ctx, prefix) {
  const location = `${ctx.origin}${prefix}/login.html`;
  send(
    ctx.res,
    302,
    { Location: location, 'Content-Type': CT_HTML },
    `<html><body>Moved: <a href="${xmlEscape(location)}">login</a></body></html>\n`,
  );
}

module.exports = { readCredentials, checkAuthKind, authenticated, tokenUser, toLoginForm };
