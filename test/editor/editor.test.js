'use strict';

// The editor in a real browser (Debian's chromium through playwright-core) against the demo:
// palette, edit dialogs with their TypedInputs, Test connection, the starter picker, deploy,
// an example flow run end to end, the help, new nodes dragged from the palette and nodes saved
// without the properties added since. Screenshots for the README go to docs/images.
// The steps build on each other and share one page, in the order a user would take them.

const fs = require('fs');
const os = require('os');
const path = require('path');
require('should');
const { freePort } = require('../support/http');

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..');
// The README's screenshots are renewed only when asked (UPDATE_SCREENSHOTS=1); otherwise they go to a temp folder.
const IMAGES = process.env.UPDATE_SCREENSHOTS ? path.join(ROOT, 'docs', 'images') : fs.mkdtempSync(path.join(os.tmpdir(), 'bpm-adhoc-shots-'));
const VIEWPORT = { width: 1280, height: 800 };
const START = 'inubit-start-adhoc-process';
const LIST = 'ibm-bpm-list-adhoc-activities';
const START_ACTIVITY = 'ibm-bpm-start-adhoc-activity';
const STARTERS = 'inubit-list-adhoc-starters';
const VALUE_TYPES = ['str', 'msg', 'flow', 'global', 'env', 'jsonata'];
const LANG_TYPES = ['str', 'msg', 'flow', 'global', 'env'];
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP = 15000;
const FINAL_STEP = 'logs no errors in the browser console';

// Attribute selectors, because node ids may contain characters that are special in CSS.
const byId = (id) => `[id="${id}"]`;

describe('editor in a real browser', function () {
  this.timeout(30000);

  let demo;
  let browser;
  let page;
  let flow;
  const demoLog = [];
  const browserErrors = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      console.log(`      editor tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);
      this.skip();
    }
    this.timeout(120000);
    const { chromium } = require('playwright-core');
    const { startDemo } = require('../../scripts/demo');
    const record = (text) => demoLog.push(String(text));
    demo = await startDemo({ port: await freePort(), host: '127.0.0.1', log: record, nodeRedOutput: record });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT, locale: 'en-US' });
    // The test never leaves the machine: the palette manager's look-up of the public node
    // catalogue, for one, is refused here.
    const editorOrigin = new URL(demo.editorUrl).origin;
    await context.route((url) => url.origin !== editorOrigin, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(STEP);
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const source = message.location().url || '';
      // Refused requests to other hosts (see the route above) and the browser's own /favicon.ico
      // say nothing about the editor.
      if (/^Failed to load resource/.test(message.text()) && (!source.startsWith(editorOrigin) || /\/favicon\.ico$/.test(source))) return;
      browserErrors.push(`console: ${message.text()} (${source})`);
    });
    page.on('pageerror', (error) => browserErrors.push(`page error: ${error.message}`));
    fs.mkdirSync(IMAGES, { recursive: true });
  });

  after(async function () {
    this.timeout(30000);
    if (browser) await browser.close();
    if (demo) await demo.stop();
  });

  // Each step builds on the one before: after a failure the rest would only fail the same way.
  let failed = false;
  beforeEach(function () {
    if (failed && this.currentTest.title !== FINAL_STEP) this.skip();
  });
  afterEach(async function () {
    if (this.currentTest.state !== 'failed' || failed) return;
    failed = true;
    if (page) {
      const shot = path.join(os.tmpdir(), 'bpm-adhoc-editor-failure.png');
      await page.screenshot({ path: shot }).then(() => console.log(`      screenshot of the failure: ${shot}`), () => {});
    }
    const lines = demoLog.join('').split('\n').filter((line) => line.trim());
    console.log(`      last lines of the demo's output:\n${lines.slice(-15).map((line) => `        ${line}`).join('\n')}`);
  });

  async function showWorkspace(id) {
    await page.locator(`#red-ui-tab-${id.replace('.', '-')} a.red-ui-tab-label`).click();
    await page.waitForFunction((z) => RED.workspaces.active() === z, id);
  }

  // Node-RED 3 and 4 show one sidebar tab at a time; Node-RED 5 may show several panels at once.
  async function showSidebar(id, ready) {
    const tab = page.locator(`#red-ui-tab-${id}`);
    if (await tab.isVisible()) await tab.click();
    else await page.evaluate((name) => RED.sidebar.show(name), id);
    await page.locator(ready).first().waitFor();
  }

  // The types a TypedInput offers, the type it shows and its value.
  function typedInputs(names) {
    return page.evaluate((fields) => fields.map((name) => {
      const input = $(`#node-input-${name}`);
      return { types: input.data('noderedTypedInput').typeList.map((t) => t.value || t), type: input.typedInput('type'), value: input.typedInput('value') };
    }), names);
  }

  // What the user sees of a TypedInput: Node-RED puts it right after the original input, which it hides.
  const typedField = (name) => page.locator(`#node-input-${name} + .red-ui-typedInput-container`);
  const shownInput = (name) => typedField(name).locator('input.red-ui-typedInput-input');
  const markedInvalid = (name) => typedField(name).evaluate((el) => el.classList.contains('input-error'));

  // The text of the form row label of a field, as the dialog shows it.
  async function rowLabel(name) {
    return (await page.locator(`.red-ui-tray label[for="node-input-${name}"]`).innerText()).trim();
  }

  // Drags a node from the palette onto the middle of the canvas, as a user adds one; resolves with its id.
  async function dropFromPalette(type, offsetY) {
    const known = await page.evaluate((t) => RED.nodes.filterNodes({ type: t }).map((n) => n.id), type);
    const source = page.locator(`#red-ui-palette-container-BPM .red-ui-palette-node[data-palette-type="${type}"]`);
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(chart.x + chart.width / 2, chart.y + chart.height / 3 + offsetY, { steps: 12 });
    await page.mouse.up();
    const added = await page.waitForFunction(([t, ids]) => {
      const node = RED.nodes.filterNodes({ type: t }).find((n) => !ids.includes(n.id));
      return node ? node.id : false;
    }, [type, known]);
    return added.jsonValue();
  }

  async function openDialog(id, field) {
    await page.locator(`${byId(id)} .red-ui-flow-node`).dblclick();
    await page.locator(`#node-input-${field}`).waitFor({ state: 'attached' });
    await page.locator('.red-ui-tray .red-ui-typedInput-container').first().waitFor();
  }

  async function cancelDialog(field) {
    await page.locator('#node-dialog-cancel').click();
    await page.locator(`#node-input-${field}`).waitFor({ state: 'detached' });
  }

  // Notices cover the tabs and the top of the canvas for seconds; a click closes them.
  async function closeNotices() {
    await page.evaluate(() => $('.red-ui-notification').trigger('click'));
    await page.waitForFunction(() => !document.querySelector('.red-ui-notification'));
  }

  it('opens the editor and loads the deployed example flows', async function () {
    this.timeout(45000);
    await page.goto(demo.editorUrl);
    await page.waitForFunction(
      () => window.RED && RED.workspaces && RED.workspaces.count() > 0 && document.querySelector('.red-ui-flow-node-group'),
      null,
      { timeout: 30000 },
    );
    // Where the example flows put our nodes, read from the editor's own model.
    flow = await page.evaluate(([start, list]) => {
      const brief = (n) => n && { id: n.id, type: n.type, z: n.z, payload: n.payload };
      const first = (type) => RED.nodes.filterNodes({ type })[0];
      const listNode = first(list);
      const feeding = listNode && RED.nodes.filterLinks({ target: listNode }).find((link) => link.source.type === 'inject');
      return {
        startNode: brief(first(start)),
        listNode: brief(listNode),
        inject: brief(feeding && feeding.source),
        workspaces: RED.nodes.getWorkspaceOrder(),
      };
    }, [START, LIST]);
    (flow.startNode !== undefined).should.be.true(`no ${START} node in the deployed flows`);
    (flow.listNode !== undefined).should.be.true(`no ${LIST} node in the deployed flows`);
    (flow.inject !== undefined).should.be.true(`no inject node wired to the ${LIST} node`);
    flow.workspaces.length.should.be.aboveOrEqual(3);
  });

  it('shows every flow node in the palette under BPM, with their labels and tooltips', async function () {
    const category = page.locator('#red-ui-palette-container-BPM');
    await category.locator('.red-ui-palette-header').getByText('BPM', { exact: true }).waitFor();
    const start = category.locator(`.red-ui-palette-node[data-palette-type="${START}"]`);
    const palette = [
      [START, 'start ad-hoc process', /inubit\.svg/],
      [LIST, 'list ad-hoc activities', /ibm-bpm\.svg/],
      [START_ACTIVITY, 'start ad-hoc activity', /ibm-bpm\.svg/],
      [STARTERS, 'list ad-hoc starters', /inubit\.svg/],
    ];
    for (const [type, label, icon] of palette) {
      const entry = category.locator(`.red-ui-palette-node[data-palette-type="${type}"]`);
      (await entry.getAttribute('data-palette-label')).should.equal(label, type);
      // Our own icons, not Node-RED's fallback.
      (await entry.locator('.red-ui-palette-icon').getAttribute('style')).should.match(icon, type);
    }
    await start.hover();
    await page.locator('.red-ui-popover', { hasText: 'Starts an ad-hoc process' }).waitFor();
    // Away from the palette, so that the tooltip closes again.
    await page.mouse.move(640, 400);

    // Show only our nodes, so that the picture shows what this package adds. The filter reacts to
    // key strokes, not to a filled-in value.
    const filter = page.locator('#red-ui-palette-search input');
    const inject = page.locator('.red-ui-palette-node[data-palette-type="inject"]');
    const common = page.locator('#red-ui-palette-container-common');
    await filter.pressSequentially('ad-hoc');
    await inject.waitFor({ state: 'hidden' });
    // Categories fold away with an animation; wait for it to end.
    await common.waitFor({ state: 'hidden' });
    await start.waitFor();
    const shown = await category.boundingBox();
    await page.screenshot({ path: path.join(IMAGES, 'palette.png'), clip: { x: 0, y: 0, width: 440, height: shown.y + shown.height + 20 } });
    await filter.fill('');
    await filter.press('Backspace');
    await page.waitForFunction(() => !document.querySelector('.red-ui-palette-node[data-filter]'));
    await common.waitFor();
  });

  it('opens the start node dialog with TypedInputs for user and starter id', async function () {
    await showWorkspace(flow.startNode.z);
    await page.locator(`${byId(flow.startNode.id)} .red-ui-flow-node`).dblclick();
    await page.locator('#node-input-starterId').waitFor({ state: 'attached' });
    await page.locator('.red-ui-tray .red-ui-typedInput-container').nth(1).waitFor();
    for (const field of ['user', 'starterId']) {
      const types = await page.evaluate((name) => $(`#node-input-${name}`).data('noderedTypedInput').typeList.map((t) => t.value || t), field);
      types.should.eql(VALUE_TYPES, `types of ${field}`);
    }
    (await page.locator('#node-input-server').inputValue()).should.equal(await page.evaluate((id) => RED.nodes.node(id).server, flow.startNode.id));
    // The tray slides in; let it settle before the picture.
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(IMAGES, 'edit-dialog.png') });
  });

  it('tests the connection of the config node: reachable, then unauthorized with a wrong password', async function () {
    const creds = { username: demo.sim.username, password: demo.sim.password };
    await page.locator('#node-input-btn-server-edit, #node-input-lookup-server').first().click();
    await page.locator('#node-config-input-url').waitFor();
    const result = page.locator('#node-config-test-connection-result');
    const test = page.locator('#node-config-test-connection');

    // As the dialog opens, the password field stands for the stored password.
    (await page.locator('#node-config-input-password').inputValue()).should.equal('__PWRD__');
    await test.click();
    await page.locator('#node-config-test-connection-result[data-result="reachable"]').waitFor();

    await page.locator('#node-config-input-url').fill(demo.sim.inubitUrl);
    await page.locator('#node-config-input-username').fill(creds.username);
    await page.locator('#node-config-input-password').fill(creds.password);
    await test.click();
    await page.locator('#node-config-test-connection-result[data-result="reachable"]').waitFor();
    (await result.innerText()).should.match(/Reachable/);

    await page.locator('#node-config-input-password').fill(`${creds.password}-wrong`);
    await test.click();
    await page.locator('#node-config-test-connection-result[data-result="unauthorized"]').waitFor();
    (await result.innerText()).should.match(/Not authorised/);
    // The password lives only in its own input field.
    (await page.evaluate(() => document.body.innerText)).should.not.containEql(creds.password);

    await page.locator('#node-config-dialog-cancel').click();
    await page.locator('#node-config-input-url').waitFor({ state: 'detached' });
  });

  it('picks a starter from the list the server offers the user', async function () {
    const user = page.locator('#node-input-user');
    const pick = page.locator('#node-input-starterId-pick');
    (await pick.isVisible()).should.be.true('the picker button shows for a fixed starter id');

    // The list is per user, so it needs the user as text.
    await user.evaluate((el) => $(el).typedInput('type', 'msg'));
    await pick.click();
    await page.locator('.red-ui-notification', { hasText: 'Set User to fixed text' }).waitFor();
    await user.evaluate((el, name) => { $(el).typedInput('type', 'str'); $(el).typedInput('value', name); }, demo.sim.username);

    // A refusal shows as a notice with the localized result and the server's words, as text.
    const refusal = { result: 'unauthorized', message: 'Listing failed: HTTP 401 <b>Unauthorized</b>' };
    await page.route('**/inubit-server/starters', (route) => route.fulfill({ json: refusal }));
    await pick.click();
    const notice = page.locator('.red-ui-notification', { hasText: 'not authorised' });
    await notice.waitFor();
    (await notice.innerText()).should.containEql(refusal.message);
    await page.unroute('**/inubit-server/starters');

    await pick.click();
    const items = page.locator('#node-input-starterId-list .bpm-adhoc-starter');
    await items.first().waitFor();
    const { INUBIT_STARTERS } = require('../simulator-fixtures');
    (await items.count()).should.equal(INUBIT_STARTERS.length);
    const chosen = INUBIT_STARTERS[0];
    await items.filter({ hasText: chosen.label }).click();
    (await page.locator('#node-input-starterId').evaluate((el) => $(el).typedInput('value'))).should.equal(chosen.id);
    await page.locator('#node-input-starterId-list').waitFor({ state: 'hidden' });

    // Only a fixed starter id can be picked.
    await page.locator('#node-input-starterId').evaluate((el) => $(el).typedInput('type', 'msg'));
    await pick.waitFor({ state: 'hidden' });
    await page.locator('#node-input-starterId').evaluate((el, id) => { $(el).typedInput('type', 'str'); $(el).typedInput('value', id); }, chosen.id);

    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-starterId').waitFor({ state: 'detached' });
    (await page.evaluate((id) => RED.nodes.node(id).starterId, flow.startNode.id)).should.equal(chosen.id);
    await closeNotices();
  });

  it('opens the list node dialog: the instance id also takes a number, the format is JSON or XML', async function () {
    await showWorkspace(flow.listNode.z);
    await page.locator(`${byId(flow.listNode.id)} .red-ui-flow-node`).dblclick();
    await page.locator('#node-input-instanceId').waitFor({ state: 'attached' });
    const types = await page.evaluate(() => $('#node-input-instanceId').data('noderedTypedInput').typeList.map((t) => t.value || t));
    types.slice().sort().should.eql([...VALUE_TYPES, 'num'].sort());
    (await page.locator('#node-input-format option').evaluateAll((options) => options.map((o) => o.value))).should.eql(['json', 'xml']);
    await page.locator('#node-dialog-cancel').click();
    await page.locator('#node-input-instanceId').waitFor({ state: 'detached' });
    // A number type takes only numbers; a text type any usable path segment.
    const verdicts = await page.evaluate((type) => {
      const validate = RED.nodes.getType(type).defaults.instanceId.validate;
      const check = (instanceIdType, value) => validate.call({ instanceIdType }, value, {}) === true;
      return [['num', '4711'], ['num', 'abc'], ['num', '.'], ['num', ''], ['str', 'abc'], ['str', '..']].map(([t, v]) => check(t, v));
    }, flow.listNode.type);
    verdicts.should.eql([true, false, false, false, true, false]);
    // Credentials belong in the credential fields, never in the URL (it is saved in the flow file).
    const urls = await page.evaluate(() => ['inubit-server', 'ibm-bpm-server'].map((type) => {
      const validate = RED.nodes.getType(type).defaults.url.validate;
      return ['https://bpm.example.org:9443', 'http://host/a@b', 'http://u:p@host/x', 'https://u@host', 'ftp://host'].map((url) => validate.call({}, url, {}) === true);
    }));
    urls.should.eql([[true, true, false, false, false], [true, true, false, false, false]]);
  });

  it('deploys the change', async function () {
    const deploy = page.locator('#red-ui-header-button-deploy');
    (await deploy.getAttribute('class')).should.not.match(/\bdisabled\b/);
    await deploy.click();
    await page.locator('.red-ui-notification', { hasText: 'Successfully deployed' }).waitFor();
    await page.waitForFunction(() => !RED.nodes.dirty());
  });

  it('runs the list example: the inject button leads to activities in the debug sidebar', async function () {
    await showWorkspace(flow.listNode.z);
    await showSidebar('debug', '#red-ui-sidebar-debug-clear');
    const messages = page.locator('#red-ui-sidebar .red-ui-debug-msg');
    await page.locator('#red-ui-sidebar-debug-clear').click();
    (await messages.count()).should.equal(0);
    const before = demo.sim.requests.length;
    await page.locator(`${byId(flow.inject.id)} .red-ui-flow-node-button`).click();

    // The simulator saw the request the node made.
    await messages.first().waitFor();
    const requests = demo.sim.requests.slice(before).map((r) => `${r.method} ${r.rawPath}`);
    requests.some((r) => /GET .*\/process\/[^/]+\/adHocActivities/.test(r)).should.be.true(`requests: ${requests.join(', ')}`);

    // What the simulator answers for this instance is what the debug sidebar shows.
    const instanceId = String(flow.inject.payload);
    const answer = await fetch(`${demo.sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`, {
      headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${demo.sim.username}:${demo.sim.password}`).toString('base64')}` },
    }).then((res) => res.json());
    const names = answer.data.activities.map((a) => a.name);
    names.length.should.be.above(0, `instance ${instanceId} of the example has no activities`);
    // The sidebar shows objects folded: unfold them, one level at a time, until every name shows
    // (more messages may still be arriving meanwhile).
    const folded = messages.locator('.red-ui-debug-msg-element.collapsed > .red-ui-debug-msg-expandable');
    const missing = async () => {
      const text = (await messages.allInnerTexts()).join('\n');
      return names.filter((name) => !text.includes(name));
    };
    const deadline = Date.now() + STEP / 2;
    while ((await missing()).length && Date.now() < deadline) {
      if (await folded.count()) await folded.first().click();
      else await page.waitForTimeout(200);
    }
    (await missing()).should.eql([], 'activities missing from the debug sidebar');
    (await page.locator('.red-ui-debug-msg-level-20').count()).should.equal(0, 'no error in the debug sidebar');
    await page.locator(`${byId(flow.listNode.id)} .red-ui-flow-node-status-label`).filter({ hasText: /activities/ }).waitFor();

    // For the picture: the whole flow, nothing selected or highlighted, no pop-up notices.
    await page.locator('#red-ui-view-zoom-out').click();
    await page.locator('#red-ui-view-zoom-out').click();
    await page.mouse.click(600, 600);
    await page.mouse.wheel(30, 0);
    await closeNotices();
    await page.locator('#red-ui-sidebar .red-ui-debug-content-list').evaluate((el) => { el.scrollTop = 0; });
    await page.screenshot({ path: path.join(IMAGES, 'example-flow.png') });
  });

  it('shows the help of a node in the help sidebar, in Node-RED\'s sections', async function () {
    await page.locator(`${byId(flow.listNode.id)} .red-ui-flow-node`).click();
    await showSidebar('help', '.red-ui-sidebar-help-stack');
    const title = page.locator('.red-ui-help-title');
    await title.filter({ hasText: 'list ad-hoc activities' }).waitFor();
    const sections = await page.locator('.red-ui-sidebar-help-stack .red-ui-help h3').allInnerTexts();
    for (const section of ['Inputs', 'Outputs', 'Details', 'References']) {
      sections.map((s) => s.trim()).should.containEql(section);
    }
    (await page.locator('.red-ui-sidebar-help-stack .red-ui-help dl.message-properties').count()).should.be.above(1);
    (await page.locator('.red-ui-sidebar-help-stack .red-ui-help').first().innerText()).should.match(/INVALID_RESPONSE/);
  });

  it('adds a start ad-hoc activity node from the palette: the activity id is msg.payload.id, Assign to is empty', async function () {
    // A new, empty flow, so that nothing is dropped onto a link.
    const before = await page.evaluate(() => RED.workspaces.active());
    await page.evaluate(() => RED.actions.invoke('core:add-flow'));
    await page.waitForFunction((z) => RED.workspaces.active() !== z, before);
    flow.added = { workspace: await page.evaluate(() => RED.workspaces.active()) };
    flow.added.activity = await dropFromPalette(START_ACTIVITY, 0);
    (await page.locator(`${byId(flow.added.activity)} .red-ui-flow-node-label`).textContent()).trim().should.equal('start ad-hoc activity');

    await openDialog(flow.added.activity, 'assignTo');
    (await typedInputs(['activityId', 'assignTo'])).should.eql([
      { types: VALUE_TYPES, type: 'msg', value: 'payload.id' },
      { types: VALUE_TYPES, type: 'str', value: '' },
    ]);
    // As the user sees it: "msg." in front of payload.id.
    (await typedField('activityId').locator('.red-ui-typedInput-type-label').innerText()).trim().should.equal('msg.');
    (await shownInput('activityId').inputValue()).should.equal('payload.id');
    (await rowLabel('activityId')).should.equal('Activity id');
    (await rowLabel('assignTo')).should.equal('Assign to');
    (await shownInput('assignTo').getAttribute('placeholder')).should.equal('user name, or empty');
    // An empty Assign to is not an error.
    (await markedInvalid('assignTo')).should.be.false();
    const verdicts = await page.evaluate((type) => {
      const { activityId: id, assignTo } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(id, { activityIdType: 'msg' }, 'payload.id'),
        check(id, { activityIdType: 'str' }, '2118.7cd2'),
        check(id, { activityIdType: 'str' }, '..'),
        check(assignTo, { assignToType: 'str' }, ''),
        check(assignTo, {}, undefined),
        check(assignTo, { assignToType: 'str' }, 'anna'),
      ];
    }, START_ACTIVITY);
    await cancelDialog('assignTo');
    verdicts.should.eql([true, true, false, true, true, true]);
  });

  it('adds a list ad-hoc starters node from the palette: a user and an optional language', async function () {
    flow.added.starters = await dropFromPalette(STARTERS, 80);
    (await page.locator(`${byId(flow.added.starters)} .red-ui-flow-node-label`).textContent()).trim().should.equal('ad-hoc starters');
    await openDialog(flow.added.starters, 'lang');
    (await typedInputs(['user', 'lang'])).should.eql([
      { types: VALUE_TYPES, type: 'str', value: '' },
      { types: LANG_TYPES, type: 'str', value: '' },
    ]);
    (await rowLabel('user')).should.equal('User');
    (await rowLabel('lang')).should.equal('Language');
    (await shownInput('lang').getAttribute('placeholder')).should.equal('de, en or empty');
    // The user is required, the language is not.
    const errors = [await markedInvalid('user'), await markedInvalid('lang')];
    await cancelDialog('lang');
    errors.should.eql([true, false]);
  });

  it('shows the help of both new nodes in English, in Node-RED\'s sections', async function () {
    const helps = [
      [flow.added.activity, 'start ad-hoc activity', [/Starts an ad-hoc activity/, /ACTION_START_ACTIVITY/, /assignTo/, /payload\.id/, /taskId/, /ready/i]],
      [flow.added.starters, 'list ad-hoc starters', [/Lists the ad-hoc starters/, /msg\.user/, /msg\.payload\.id/, /0 starters/, /lang/]],
    ];
    for (const [id, title, patterns] of helps) {
      await page.locator(`${byId(id)} .red-ui-flow-node`).click();
      await showSidebar('help', '.red-ui-sidebar-help-stack');
      await page.locator('.red-ui-help-title').filter({ hasText: title }).waitFor();
      const help = page.locator('.red-ui-sidebar-help-stack .red-ui-help').first();
      const sections = (await help.locator('h3').allInnerTexts()).map((s) => s.trim());
      for (const section of ['Inputs', 'Outputs', 'Details', 'References']) sections.should.containEql(section, title);
      (await help.locator('dl.message-properties').count()).should.be.above(1);
      const text = (await help.innerText()).trim();
      for (const pattern of patterns) text.should.match(pattern, `${title}: ${pattern}`);
      text.should.match(/INVALID_RESPONSE/);
    }
  });

  it('gives the start node a Language field, which the starter picker sends along', async function () {
    await showWorkspace(flow.startNode.z);
    await openDialog(flow.startNode.id, 'lang');
    const saved = await page.evaluate((id) => RED.nodes.node(id), flow.startNode.id).then((n) => ({ type: n.langType || 'str', value: n.lang || '' }));
    (await typedInputs(['lang'])).should.eql([{ types: LANG_TYPES, ...saved }]);
    (await rowLabel('lang')).should.equal('Language');
    (await shownInput('lang').getAttribute('placeholder')).should.equal('de, en or empty');

    await page.locator('#node-input-user').evaluate((el, name) => { $(el).typedInput('type', 'str'); $(el).typedInput('value', name); }, demo.sim.username);
    await page.locator('#node-input-lang').evaluate((el) => { $(el).typedInput('type', 'str'); $(el).typedInput('value', 'en'); });
    const asked = [];
    const offered = [{ id: 'with-id', label: 'Has an id' }, { label: 'No id' }, { id: '', label: 'Empty id' }, { id: 'second', label: 'Second', role: 'Clerk' }];
    await page.route('**/inubit-server/starters', (route) => {
      asked.push(route.request().postDataJSON());
      return route.fulfill({ json: { result: 'reachable', starters: offered } });
    });
    await page.locator('#node-input-starterId-pick').click();
    const items = page.locator('#node-input-starterId-list .bpm-adhoc-starter');
    await items.first().waitFor();
    await page.unroute('**/inubit-server/starters');
    asked.should.have.length(1);
    asked[0].should.have.properties({ user: demo.sim.username, lang: 'en' });
    asked[0].server.id.should.equal(await page.evaluate((id) => RED.nodes.node(id).server, flow.startNode.id));
    // Starters without an id cannot be started: they are not offered.
    (await items.evaluateAll((list) => list.map((item) => item.getAttribute('data-starter-id')))).should.eql(['with-id', 'second']);
    await cancelDialog('lang');
  });

  it('opens nodes saved without newer properties: the defaults show, nothing is marked invalid', async function () {
    await showWorkspace(flow.added.workspace);
    // As a flow written by hand or by an earlier version of the package: no limits, no lang, no assignTo.
    const saved = [
      { id: 'saved-inubit', type: 'inubit-server', name: 'saved inubit', url: demo.sim.inubitUrl },
      { id: 'saved-bpm', type: 'ibm-bpm-server', name: 'saved bpm', url: demo.sim.bpmUrl },
      { id: 'saved-start', type: START, name: '', server: 'saved-inubit', user: 'anna', userType: 'str', starterId: 'leave', starterIdType: 'str', x: 160, y: 60, wires: [[]] },
      { id: 'saved-starters', type: STARTERS, name: '', server: 'saved-inubit', user: 'anna', userType: 'str', x: 160, y: 120, wires: [[]] },
      { id: 'saved-activity', type: START_ACTIVITY, name: '', server: 'saved-bpm', x: 160, y: 180, wires: [[]] },
    ];
    const valid = await page.evaluate((nodes) => {
      RED.view.importNodes(nodes, { touchImport: true, notify: false });
      RED.view.redraw(true);
      return nodes.map((n) => RED.nodes.node(n.id).valid);
    }, saved);
    valid.should.eql(saved.map(() => true));
    for (const id of ['saved-start', 'saved-starters', 'saved-activity']) {
      await page.locator(`${byId(id)} .red-ui-flow-node`).waitFor();
      (await page.locator(`${byId(id)} .red-ui-flow-node-error`).isVisible()).should.be.false(`${id} shows an error triangle`);
    }

    for (const [id, type] of [['saved-inubit', 'inubit-server'], ['saved-bpm', 'ibm-bpm-server']]) {
      await page.evaluate(([node, t]) => RED.editor.editConfig('', t, node), [id, type]);
      await page.locator('#node-config-input-maxConcurrent').waitFor();
      const shown = {};
      for (const name of ['timeout', 'retries', 'maxConcurrent']) shown[name] = await page.locator(`#node-config-input-${name}`).inputValue();
      const marked = await page.locator('.red-ui-tray .input-error').count();
      await page.locator('#node-config-dialog-cancel').click();
      await page.locator('#node-config-input-maxConcurrent').waitFor({ state: 'detached' });
      shown.should.eql({ timeout: '30000', retries: '2', maxConcurrent: '8' }, type);
      marked.should.equal(0, `${type}: fields marked invalid`);
    }

    // The flow nodes' dialogs show the defaults of what the flow lacks.
    await openDialog('saved-start', 'lang');
    (await typedInputs(['lang'])).should.eql([{ types: LANG_TYPES, type: 'str', value: '' }]);
    await cancelDialog('lang');
    await openDialog('saved-activity', 'assignTo');
    (await typedInputs(['activityId', 'assignTo'])).should.eql([
      { types: VALUE_TYPES, type: 'msg', value: 'payload.id' },
      { types: VALUE_TYPES, type: 'str', value: '' },
    ]);
    await cancelDialog('assignTo');

    // Still valid, and the limits that do not fit are still refused.
    const verdicts = await page.evaluate((ids) => {
      const limits = RED.nodes.getType('inubit-server').defaults;
      const check = (name, value) => limits[name].validate.call({}, value, {}) === true;
      return {
        valid: ids.map((id) => RED.nodes.node(id).valid),
        empty: ['timeout', 'retries', 'maxConcurrent'].map((name) => [undefined, null, ''].every((value) => check(name, value))),
        refused: [check('timeout', 'soon'), check('timeout', '-1'), check('retries', '11'), check('maxConcurrent', '0'), check('retries', 'two')],
        kept: [check('timeout', '5000'), check('retries', '0'), check('retries', 10), check('maxConcurrent', '1')],
      };
    }, saved.map((n) => n.id));
    verdicts.should.eql({
      valid: saved.map(() => true),
      empty: [true, true, true],
      refused: [false, false, false, false, false],
      kept: [true, true, true, true],
    });
  });

  it(FINAL_STEP, function () {
    browserErrors.should.eql([]);
  });
});
