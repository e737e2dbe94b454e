'use strict';
// The editor test's steps on the kinds of authentication of the config dialogs, Test connection with
// each, the credentials kept out of the flow file. They run in the order editor.test.js calls them,
// on the page it opened (`ui`: the page, the demo, what earlier steps found in `flow`, and the
// helpers).
const path = require('path');
const { IMAGES, AUTH_KINDS, OWN_FIELDS } = require('./constants');

module.exports = function authSteps(ui) {
  const { openConfig, closeConfig, shownCredentials, configValues, testConnection, settledBox, closeNotices } = ui.helpers;
  const { flow } = ui;
  // The page and the demo exist once the suite's before has run.
  let page, demo;
  before(() => ({ page, demo } = ui));

  it('shows, for each kind of authentication, exactly the credential fields it uses, in both config dialogs', async function () {
    for (const [id, type] of [
      ['saved-inubit', 'inubit-server'],
      ['saved-bpm', 'ibm-bpm-server'],
    ]) {
      await openConfig(id, type);
      const offered = await page
        .locator('#node-config-input-authType option')
        .evaluateAll((options) => options.map((o) => [o.value, o.textContent.trim()]));
      offered.should.eql(
        AUTH_KINDS[type].map(([kind, label]) => [kind, label]),
        type,
      );
      for (const [kind, , fields] of AUTH_KINDS[type]) {
        await page.locator('#node-config-input-authType').selectOption(kind);
        (await shownCredentials()).should.eql(fields, `${type}, ${kind}`);
        if (fields.includes('token')) {
          (await page.locator('#node-config-label-token').innerText())
            .trim()
            .should.equal(kind === 'zenApiKey' ? 'API key' : 'Token', `${type}, ${kind}`);
        }
        (await page.locator('#node-config-auth-tip').innerText()).trim().should.not.equal('', `${type}, ${kind}: no tip`);
      }
      // Each server's own fields, and not the other's.
      for (const [otherType, fields] of Object.entries(OWN_FIELDS)) {
        for (const [name, choices] of Object.entries(fields)) {
          const field = page.locator(`#node-config-input-${name}`);
          if (otherType !== type) {
            (await field.count()).should.equal(0, `${type} has ${name}`);
            continue;
          }
          (await field.isVisible()).should.be.true(`${type}: ${name}`);
          if (choices) {
            const options = await field.locator('option').evaluateAll((list) => list.map((o) => [o.value, o.textContent.trim()]));
            options.should.eql(choices, `${type}: ${name}`);
          }
        }
      }

      // Test connection sends what the dialog holds now: the kind, the token and this server's own fields.
      const own = type === 'inubit-server' ? { tenant: 'acme', userType: 'processUser' } : { csrf: 'always' };
      const kind = type === 'inubit-server' ? 'portalToken' : 'zenApiKey';
      await page.locator('#node-config-input-authType').selectOption(kind);
      await page.locator('#node-config-input-token').fill('typed-token');
      if (own.tenant) await page.locator('#node-config-input-tenant').fill(own.tenant);
      if (own.userType) await page.locator('#node-config-input-userType').selectOption(own.userType);
      if (own.csrf) await page.locator('#node-config-input-csrf').selectOption(own.csrf);
      const sent = [];
      await page.route(`**/${type}/test-connection`, (route) => {
        sent.push(route.request().postDataJSON());
        return route.fulfill({ json: { result: 'reachable', message: 'fine' } });
      });
      await testConnection('reachable');
      await page.unroute(`**/${type}/test-connection`);
      await closeConfig('cancel');
      sent.should.have.length(1);
      sent[0].should.have.properties({
        id,
        url: demo.sim[type === 'inubit-server' ? 'inubitUrl' : 'bpmUrl'],
        authType: kind,
        token: 'typed-token',
        ...own,
      });
    }
  });

  it('tests the connection with a token against the simulator: reachable', async function () {
    const token = `editor-token-${Date.now()}`;
    demo.sim.setToken(token);
    demo.sim.setInubitAuth('portalToken');
    demo.sim.setBpmAuth('bearer');
    try {
      for (const [id, type, kind] of [
        ['saved-inubit', 'inubit-server', 'portalToken'],
        ['saved-bpm', 'ibm-bpm-server', 'bearer'],
      ]) {
        await openConfig(id, type);
        await page.locator('#node-config-input-authType').selectOption(kind);
        await page.locator('#node-config-input-token').fill(`${token}-wrong`);
        await testConnection('unauthorized');
        await page.locator('#node-config-input-token').fill(token);
        const result = await testConnection('reachable');
        (await result.innerText()).should.match(/Reachable/, type);
        // The token lives only in its own input field.
        (await page.evaluate(() => document.body.innerText)).should.not.containEql(token);
        await closeConfig('cancel');
      }
    } finally {
      demo.sim.setInubitAuth('basic');
      demo.sim.setBpmAuth('basic');
    }
  });

  it('tests the connection with a ZenApiKey against the simulator that asks for CSRF tokens: reachable', async function () {
    const kept = { auth: demo.sim.bpmAuth, csrf: demo.sim.bpmCsrf };
    demo.sim.setBpmAuth('zenApiKey');
    demo.sim.setBpmCsrf('required');
    try {
      // The demo's own server, as the examples use it; the dialog is cancelled, so it stays as it was.
      const id = await page.evaluate(() => {
        let found;
        RED.nodes.eachConfig((n) => {
          if (!found && n.type === 'ibm-bpm-server' && !/^saved-/.test(n.id)) found = n.id;
        });
        return found;
      });
      (id !== undefined).should.be.true('no ibm-bpm-server config node in the demo');
      await openConfig(id, 'ibm-bpm-server');
      await page.locator('#node-config-input-authType').selectOption('zenApiKey');
      (await shownCredentials()).should.eql(['username', 'token']);
      (await page.locator('#node-config-label-token').innerText()).trim().should.equal('API key');
      (await configValues(['csrf'])).should.eql({ csrf: 'auto' });
      await page.locator('#node-config-input-username').fill(demo.sim.username);
      await page.locator('#node-config-input-token').fill(`${demo.sim.apiKey}-wrong`);
      await testConnection('unauthorized');
      await page.locator('#node-config-input-token').fill(demo.sim.apiKey);
      const before = demo.sim.requests.length;
      const result = await testConnection('reachable');
      (await result.innerText()).should.match(/Reachable/);
      (await result.innerText()).should.match(/CSRF token/);
      // The server was asked with the API key, and with the CSRF token it handed out.
      const asked = demo.sim.requests.slice(before).filter((r) => r.server === 'bpm');
      asked.every((r) => r.authKind === 'zenApiKey' && r.authUser === demo.sim.username).should.be.true();
      asked.some((r) => r.csrfToken !== null && demo.sim.csrfTokens.includes(r.csrfToken)).should.be.true('no request with a CSRF token');
      // The API key lives only in its own input field.
      (await page.evaluate(() => document.body.innerText)).should.not.containEql(demo.sim.apiKey);

      // The picture: the tray from its title down to the result of Test connection.
      const tray = await settledBox(page.locator('.red-ui-tray'));
      const shown = await result.boundingBox();
      await page.mouse.move(tray.x + tray.width - 60, shown.y + shown.height / 2);
      await page.screenshot({
        path: path.join(IMAGES, 'config-dialog.png'),
        clip: { x: tray.x, y: tray.y, width: tray.width, height: shown.y + shown.height + 12 - tray.y },
      });
      await closeConfig('cancel');
    } finally {
      demo.sim.setBpmAuth(kept.auth);
      demo.sim.setBpmCsrf(kept.csrf);
    }
  });

  it('keeps a saved token in the credential store: not in the node, not in the deployed flow file', async function () {
    const token = `stored-token-${Date.now()}`;
    await openConfig('saved-bpm', 'ibm-bpm-server');
    await page.locator('#node-config-input-authType').selectOption('bearer');
    await page.locator('#node-config-input-token').fill(token);
    await closeConfig('ok');
    const node = await page.evaluate(() => {
      const n = RED.nodes.node('saved-bpm');
      return { authType: n.authType, csrf: n.csrf, hasToken: Object.prototype.hasOwnProperty.call(n, 'token') };
    });
    node.should.eql({ authType: 'bearer', csrf: 'auto', hasToken: false });

    // The nodes dropped from the palette above lack a server and a user: they go before the deploy.
    await page.evaluate(
      (ids) => {
        RED.view.select({ nodes: ids.map((id) => RED.nodes.node(id)) });
        RED.actions.invoke('core:delete-selection');
      },
      [flow.added.activity, flow.added.starters],
    );
    await page.waitForFunction((ids) => ids.every((id) => !RED.nodes.node(id)), [flow.added.activity, flow.added.starters]);
    await page.locator('#red-ui-header-button-deploy').click();
    await page.locator('.red-ui-notification', { hasText: 'Successfully deployed' }).waitFor();
    await page.waitForFunction(() => !RED.nodes.dirty());
    await closeNotices();
    const res = await fetch(new URL('flows', demo.editorUrl), { headers: { 'Node-RED-API-Version': 'v1' } });
    res.status.should.equal(200);
    const text = await res.text();
    const deployed = JSON.parse(text).find((n) => n.id === 'saved-bpm');
    deployed.should.have.properties({ authType: 'bearer', csrf: 'auto' });
    deployed.should.not.have.property('token');
    deployed.should.not.have.property('credentials');
    text.should.not.containEql(token);

    // The runtime has it: the dialog shows the placeholder, and Test connection uses the stored token.
    demo.sim.setToken(token);
    demo.sim.setBpmAuth('bearer');
    try {
      await openConfig('saved-bpm', 'ibm-bpm-server');
      (await configValues(['authType'])).should.eql({ authType: 'bearer' });
      (await shownCredentials()).should.eql(['token']);
      (await page.locator('#node-config-input-token').inputValue()).should.equal('__PWRD__');
      await testConnection('reachable');
      await closeConfig('cancel');
    } finally {
      demo.sim.setBpmAuth('basic');
    }
  });

  it('reports that the server asked for a login, in its own words', async function () {
    demo.sim.setBpmAuth('form');
    try {
      await openConfig('saved-bpm', 'ibm-bpm-server');
      await page.locator('#node-config-input-authType').selectOption('none');
      const result = await testConnection('login');
      (await result.innerText()).should.match(/The server asked for a login: check the authentication settings/);
      (await result.locator('i.fa-sign-in').count()).should.equal(1);
      await closeConfig('cancel');
    } finally {
      demo.sim.setBpmAuth('basic');
    }
  });
};
