'use strict';
// The tarball test's second tab: config nodes of every authentication kind, CSRF tokens and tenants.
const crypto = require('crypto');
const { coreNodes, WITHOUT_REQ_RES, REPLY_WITH_MESSAGE } = require('./core-nodes');

// Secrets of the authentication kinds (README, "Connecting to your server"), easy to find anywhere they must not be.
const AUTH_SECRETS = {
  apiKey: 'e2e-zen-' + crypto.randomBytes(9).toString('hex'),
  portalToken: 'e2e-portal-' + crypto.randomBytes(9).toString('hex'),
  bearerRight: 'e2e-bearer-right-' + crypto.randomBytes(9).toString('hex'),
  bearerWrong: 'e2e-bearer-wrong-' + crypto.randomBytes(9).toString('hex'),
  // Left over from `basic` in config nodes of other kinds: must never be sent.
  leftoverPassword: 'e2e-leftover-' + crypto.randomBytes(9).toString('hex'),
};
const PORTAL_TENANT = 'Acme EU';

/**
 * A second tab, as a new user would configure it: config nodes with an authentication
 * kind, CSRF tokens, tenant and user base, and their credentials in the deploy. Every message of
 * our nodes is logged by a debug node (the whole message, without req/res); every answer is the
 * whole message that arrived, so that secrets can be looked for in both.
 */
function buildAuthFlow(sim) {
  const tab = 'e2e-auth-tab';
  const { fn, httpIn, join } = coreNodes(tab);
  const bpmBase = (prefix) => `${sim.url}${prefix}/rest/bpm/wle/v1`;
  const limits = { timeout: '5000', tls: '', retries: '1', maxConcurrent: '8' };
  // Our flow nodes send to `next` and to the log.
  const then = (next) => [[next, 'log-strip']];
  const startActivity = (id, server, activityId, assignTo, next) => ({
    id,
    type: 'ibm-bpm-start-adhoc-activity',
    z: tab,
    name: id,
    server,
    activityId,
    activityIdType: 'msg',
    assignTo,
    assignToType: assignTo ? 'msg' : 'str',
    x: 300,
    y: 100,
    wires: then(next),
  });
  return [
    { id: tab, type: 'tab', label: 'authentication', disabled: false, info: '' },
    // IBM Cloud Pak for Business Automation: ZenApiKey, CSRF tokens, a path in front of the REST root.
    Object.assign(
      {
        id: 'cfg-zen',
        type: 'ibm-bpm-server',
        name: 'CP4BA',
        url: bpmBase('/bas'),
        authType: 'zenApiKey',
        csrf: 'auto',
        credentials: { username: sim.username, token: AUTH_SECRETS.apiKey },
      },
      limits,
    ),
    // The same server once more; `csrf` left out: its default, auto.
    Object.assign(
      {
        id: 'cfg-zen-2',
        type: 'ibm-bpm-server',
        name: 'CP4BA 2',
        url: bpmBase('/bas2'),
        authType: 'zenApiKey',
        credentials: { username: sim.username, token: AUTH_SECRETS.apiKey },
      },
      limits,
    ),
    // An inubit Process User Server: portal token, tenant, user base; a password left over from basic.
    Object.assign(
      {
        id: 'cfg-portal',
        type: 'inubit-server',
        name: 'inubit portal',
        url: sim.url,
        authType: 'portalToken',
        tenant: PORTAL_TENANT,
        userType: 'processUser',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.portalToken },
      },
      limits,
    ),
    // OAuth bearer tokens that the servers do not accept; user name and password left over from basic.
    Object.assign(
      {
        id: 'cfg-bearer-bpm',
        type: 'ibm-bpm-server',
        name: 'BPM bearer',
        url: sim.bpmUrl,
        authType: 'bearer',
        csrf: 'auto',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.bearerWrong },
      },
      limits,
    ),
    Object.assign(
      {
        id: 'cfg-bearer-inubit',
        type: 'inubit-server',
        name: 'inubit bearer',
        url: sim.inubitUrl,
        authType: 'bearer',
        tenant: '',
        userType: '',
        credentials: { username: sim.username, password: AUTH_SECRETS.leftoverPassword, token: AUTH_SECRETS.bearerWrong },
      },
      limits,
    ),

    httpIn('auth-in-ready', '/e2e/auth/ready', 'auth-ready', 'get'),
    fn('auth-ready', 'msg.payload = { ready: true };\nreturn msg;', [['auth-reply']]),
    // The whole message as it arrived (without req/res), and to the log as well.
    fn('answer', REPLY_WITH_MESSAGE, [['auth-reply']]),
    { id: 'auth-reply', type: 'http response', z: tab, name: 'auth-reply', statusCode: '', headers: {}, x: 800, y: 100, wires: [] },
    fn('log-strip', WITHOUT_REQ_RES + 'return message;', [['log-all']]),
    {
      id: 'log-all',
      type: 'debug',
      z: tab,
      name: 'log-all',
      active: true,
      tosidebar: false,
      console: true,
      tostatus: false,
      complete: 'true',
      targetType: 'full',
      statusVal: '',
      statusType: 'auto',
      x: 800,
      y: 200,
      wires: [],
    },
    {
      id: 'auth-caught',
      type: 'catch',
      z: tab,
      name: 'auth errors',
      scope: null,
      uncaught: false,
      x: 300,
      y: 400,
      wires: [['answer', 'log-strip']],
    },

    // ZenApiKey journey: list the ad-hoc activities, keep the READY ones, start each, join what was started.
    httpIn('zen-in-start-ready', '/e2e/auth/zen/start-ready', 'zen-list'),
    {
      id: 'zen-list',
      type: 'ibm-bpm-list-adhoc-activities',
      z: tab,
      name: 'zen-list',
      server: 'cfg-zen',
      instanceId: 'payload.instanceId',
      instanceIdType: 'msg',
      format: 'json',
      x: 300,
      y: 100,
      wires: then('zen-join-listed'),
    },
    join('zen-join-listed', 'zen-keep-ready'),
    fn('zen-keep-ready', 'msg.payload = msg.payload.filter((a) => a.executionState === "READY");\nreturn msg;', [['zen-split']]),
    {
      id: 'zen-split',
      type: 'split',
      z: tab,
      name: 'zen-split',
      splt: '\\n',
      spltType: 'str',
      arraySplt: 1,
      arraySpltType: 'len',
      stream: false,
      addname: '',
      property: 'payload',
      x: 500,
      y: 140,
      wires: [['zen-start-ready']],
    },
    startActivity('zen-start-ready', 'cfg-zen', 'payload.id', 'req.body.assignTo', 'zen-join-started'),
    join('zen-join-started', 'answer'),
    // One start per message, through either ZenApiKey config node.
    httpIn('zen-in-start', '/e2e/auth/zen/start-activity', 'zen-start'),
    startActivity('zen-start', 'cfg-zen', 'payload.activityId', '', 'answer'),
    httpIn('zen2-in-start', '/e2e/auth/zen2/start-activity', 'zen2-start'),
    startActivity('zen2-start', 'cfg-zen-2', 'payload.activityId', '', 'answer'),

    // Portal token journey: list a user's starters, start every one of them, join the new task ids.
    httpIn('portal-in', '/e2e/auth/portal/start-every-starter', 'portal-starters'),
    {
      id: 'portal-starters',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'portal-starters',
      server: 'cfg-portal',
      user: 'payload.user',
      userType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 300,
      y: 300,
      wires: then('portal-start'),
    },
    {
      id: 'portal-start',
      type: 'inubit-start-adhoc-process',
      z: tab,
      name: 'portal-start',
      server: 'cfg-portal',
      user: 'user',
      userType: 'msg',
      starterId: 'payload.id',
      starterIdType: 'msg',
      lang: 'payload.lang',
      langType: 'msg',
      x: 500,
      y: 300,
      wires: then('portal-join'),
    },
    join('portal-join', 'answer'),

    // Wrong bearer tokens.
    httpIn('bearer-bpm-in', '/e2e/auth/bearer/start-activity', 'bearer-bpm-start'),
    startActivity('bearer-bpm-start', 'cfg-bearer-bpm', 'payload.activityId', '', 'answer'),
    httpIn('bearer-inubit-in', '/e2e/auth/bearer/starters', 'bearer-inubit-starters'),
    {
      id: 'bearer-inubit-starters',
      type: 'inubit-list-adhoc-starters',
      z: tab,
      name: 'bearer-inubit-starters',
      server: 'cfg-bearer-inubit',
      user: 'payload.user',
      userType: 'msg',
      lang: '',
      langType: 'str',
      x: 300,
      y: 500,
      wires: then('answer'),
    },
  ];
}

module.exports = { AUTH_SECRETS, PORTAL_TENANT, buildAuthFlow };
