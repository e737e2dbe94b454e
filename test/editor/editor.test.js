'use strict';

// The editor in a real browser (Debian's chromium through playwright-core) against the demo:
// palette, edit dialogs with their TypedInputs, Test connection, the starter and submitter pickers, deploy,
// two example flows run end to end (list the activities; start the READY ones), the help, new
// nodes dragged from the palette, nodes saved without the properties added since, and the kinds
// of authentication of the config dialogs with their credentials kept out of the flow file.
// Screenshots for the README (palette, edit-dialog, config-dialog, example-flow) go to docs/images.
// The steps build on each other and share one page, in the order a user would take them.

const fs = require('fs');
const os = require('os');
const path = require('path');
require('should');
const { freePort } = require('../support/http');
const { FLOW_TYPES } = require('../support/node-types');
// What the palette and the help show of each flow node, and the error codes it can give (README, "Errors"): its row of the node kinds.
const { NODE_KINDS, PALETTE, kindOf } = require('../support/node-kinds');
// The nodes the steps add and open, by the types the flow builders know.
const {
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  listTasksFlow,
  getTaskFlow,
  submitTaskFlow,
  startProcessFlow,
  bpmListTasksFlow,
  bpmGetTaskFlow,
  completeTaskFlow,
  assignTaskFlow,
} = require('../support/flows');
const { skipSuite, skipTest } = require('../support/skip');

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..');
// The README's screenshots are renewed only when asked (UPDATE_SCREENSHOTS=1); otherwise they go to a temp folder.
const IMAGES = process.env.UPDATE_SCREENSHOTS
  ? path.join(ROOT, 'docs', 'images')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-shots-'));
const VIEWPORT = { width: 1280, height: 800 };
const START = startFlow.type;
const LIST = listFlow.type;
const START_ACTIVITY = startActivityFlow.type;
const STARTERS = startersFlow.type;
const LIST_TASKS = listTasksFlow.type;
const GET_TASK = getTaskFlow.type;
const SUBMIT_TASK = submitTaskFlow.type;
const START_PROCESS = startProcessFlow.type;
const BPM_LIST_TASKS = bpmListTasksFlow.type;
const BPM_GET_TASK = bpmGetTaskFlow.type;
const COMPLETE_TASK = completeTaskFlow.type;
const VARIABLE_TYPES = ['json', 'msg', 'flow', 'global', 'jsonata', 'env'];
const VALUE_TYPES = ['str', 'msg', 'flow', 'global', 'env', 'jsonata'];
const LANG_TYPES = ['str', 'msg', 'flow', 'global', 'env'];
const ID_TYPES = ['msg', 'str', 'num', 'flow', 'global', 'env', 'jsonata'];
// The error codes the nodes can give, which their helps list.
const ALL_CODES = [...new Set(NODE_KINDS.flatMap((kind) => kind.codes))];
/** The error codes a help's text names, each once, sorted. */
const codesNamed = (text) => ALL_CODES.filter((code) => new RegExp(`\\b${code}\\b`).test(text)).sort();
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
const CREDENTIAL_FIELDS = ['username', 'password', 'token'];
// Per config node type: each kind of authentication it offers, its label and the credential fields it uses.
const AUTH_KINDS = {
  'inubit-server': [
    ['basic', 'Basic (user name and password)', ['username', 'password']],
    ['bearer', 'Bearer token', ['token']],
    ['portalToken', 'Portal token (X-AUTH-TOKEN)', ['token']],
    ['none', 'None', []],
  ],
  'ibm-bpm-server': [
    ['basic', 'Basic (user name and password)', ['username', 'password']],
    ['bearer', 'Bearer token', ['token']],
    ['zenApiKey', 'ZenApiKey (Cloud Pak API key)', ['username', 'token']],
    ['none', 'None', []],
  ],
};
// The fields of one server only, with the choices of those that are selects.
const OWN_FIELDS = {
  'inubit-server': {
    tenant: null,
    userType: [
      ['', 'Server default'],
      ['processEngineUser', 'inubit users (processEngineUser)'],
      ['processUser', 'Portal users (processUser)'],
    ],
  },
  'ibm-bpm-server': {
    csrf: [
      ['auto', 'When the server asks for one'],
      ['always', 'Always'],
      ['off', 'Off'],
    ],
  },
};
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
      skipSuite(this, `${CHROMIUM} is missing`);
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
    await context.route(
      (url) => url.origin !== editorOrigin,
      (route) => route.abort(),
    );
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
    // The pictures of a run that does not renew the README's are not kept.
    if (!process.env.UPDATE_SCREENSHOTS) fs.rmSync(IMAGES, { recursive: true, force: true });
  });

  // Each step builds on the one before: after a failure the rest would only fail the same way.
  let failed = false;
  beforeEach(function () {
    if (failed && this.currentTest.title !== FINAL_STEP) skipTest(this, 'an earlier step of the editor test failed');
  });
  afterEach(async function () {
    if (this.currentTest.state !== 'failed' || failed) return;
    failed = true;
    if (page) {
      const shot = path.join(os.tmpdir(), 'node-red-bpm-editor-failure.png');
      await page.screenshot({ path: shot }).then(
        () => console.log(`      screenshot of the failure: ${shot}`),
        () => {},
      );
    }
    const lines = demoLog
      .join('')
      .split('\n')
      .filter((line) => line.trim());
    console.log(
      `      last lines of the demo's output:\n${lines
        .slice(-15)
        .map((line) => `        ${line}`)
        .join('\n')}`,
    );
  });

  // Node-RED takes two clicks on tabs within 400 ms, a sidebar tab's included, for a double click,
  // which opens the flow's properties: switch flows as the editor's own menu does.
  async function showWorkspace(id) {
    await page.evaluate((z) => RED.workspaces.show(z), id);
    await page.waitForFunction((z) => RED.workspaces.active() === z, id);
  }

  // Opens the dialog of a config node; resolves once its oneditprepare has run (the spinners are its work).
  async function openConfig(id, type) {
    await page.evaluate(([node, t]) => RED.editor.editConfig('', t, node), [id, type]);
    await page.locator('#node-config-input-maxConcurrent.ui-spinner-input').waitFor({ state: 'attached' });
  }

  async function closeConfig(button) {
    await page.locator(`#node-config-dialog-${button}`).click();
    await page.locator('#node-config-input-url').waitFor({ state: 'detached' });
  }

  // The credential fields the open config dialog shows.
  async function shownCredentials() {
    const shown = [];
    for (const name of CREDENTIAL_FIELDS) {
      if (await page.locator(`#node-config-input-${name}`).isVisible()) shown.push(name);
    }
    return shown;
  }

  // The values of the open config dialog's fields, for those it has.
  function configValues(names) {
    return page.evaluate((fields) => {
      const values = {};
      for (const name of fields) {
        const field = $(`#node-config-input-${name}`);
        if (field.length) values[name] = field.val();
      }
      return values;
    }, names);
  }

  async function testConnection(result) {
    await page.locator('#node-config-test-connection').click();
    const shown = page.locator(`#node-config-test-connection-result[data-result="${result}"]`);
    await shown.waitFor();
    return shown;
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
    return page.evaluate(
      (fields) =>
        fields.map((name) => {
          const input = $(`#node-input-${name}`);
          return {
            types: input.data('noderedTypedInput').typeList.map((t) => t.value || t),
            type: input.typedInput('type'),
            value: input.typedInput('value'),
          };
        }),
      names,
    );
  }

  // What the user sees of a TypedInput: Node-RED puts it right after the original input, which it hides.
  const typedField = (name) => page.locator(`#node-input-${name} + .red-ui-typedInput-container`);
  const shownInput = (name) => typedField(name).locator('input.red-ui-typedInput-input');
  const markedInvalid = (name) => typedField(name).evaluate((el) => el.classList.contains('input-error'));
  const typeLabel = async (name) => (await typedField(name).locator('.red-ui-typedInput-type-label').innerText()).trim();

  // The text of the form row label of a field, as the dialog shows it.
  async function rowLabel(name) {
    return (await page.locator(`.red-ui-tray label[for="node-input-${name}"]`).innerText()).trim();
  }

  // Drags a node from the palette onto the middle of the canvas, as a user adds one; resolves with its id.
  async function dropFromPalette(type, offsetY) {
    const known = await page.evaluate((t) => RED.nodes.filterNodes({ type: t }).map((n) => n.id), type);
    const source = page.locator(`#red-ui-palette .red-ui-palette-node[data-palette-type="${type}"]`);
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(chart.x + chart.width / 2, chart.y + chart.height / 3 + offsetY, { steps: 12 });
    await page.mouse.up();
    const added = await page.waitForFunction(
      ([t, ids]) => {
        const node = RED.nodes.filterNodes({ type: t }).find((n) => !ids.includes(n.id));
        return node ? node.id : false;
      },
      [type, known],
    );
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

  // The ad-hoc activities of a process instance as the simulator lists them now.
  async function simActivities(instanceId) {
    const res = await fetch(`${demo.sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`, {
      headers: {
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${demo.sim.username}:${demo.sim.password}`).toString('base64')}`,
      },
    });
    res.status.should.equal(200);
    return (await res.json()).data.activities;
  }

  // Trays slide in: resolves with the box of what the locator finds once it has stopped moving.
  async function settledBox(locator) {
    let box = await locator.boundingBox();
    for (;;) {
      await page.waitForTimeout(100);
      const now = await locator.boundingBox();
      if (JSON.stringify(now) === JSON.stringify(box)) return now;
      box = now;
    }
  }

  // Notices cover the tabs and the top of the canvas for seconds; a click closes them.
  async function closeNotices() {
    await page.evaluate(() => $('.red-ui-notification').trigger('click'));
    await page.waitForFunction(() => !document.querySelector('.red-ui-notification'));
  }

  // A new, empty flow, so that nothing is dropped onto a link; resolves with its id.
  /** Makes the TypedInput `input` (a locator of its hidden input) fixed text `text`. */
  async function setFixedText(input, text) {
    await input.evaluate((el, value) => {
      $(el).typedInput('type', 'str');
      $(el).typedInput('value', value);
    }, text);
  }

  /** Gives node `id`'s open dialog the fixed task id `taskId`, closes it with Done, and waits until the node has it. */
  async function saveFixedTaskId(id, taskId) {
    await setFixedText(page.locator('#node-input-taskId'), taskId);
    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-taskId').waitFor({ state: 'detached' });
    await page.waitForFunction(([node, value]) => RED.nodes.node(node).taskId === value, [id, taskId]);
  }

  async function addFlow() {
    const before = await page.evaluate(() => RED.workspaces.active());
    await page.evaluate(() => RED.actions.invoke('core:add-flow'));
    await page.waitForFunction((z) => RED.workspaces.active() !== z, before);
    return page.evaluate(() => RED.workspaces.active());
  }

  // The label a node shows on the canvas.
  async function nodeLabel(id) {
    return (await page.locator(`${byId(id)} .red-ui-flow-node-label`).textContent()).trim();
  }

  // The help of a node in the help sidebar, in Node-RED's sections and with the words of `patterns`; resolves with its text.
  async function readHelp(id, title, patterns) {
    await page.locator(`${byId(id)} .red-ui-flow-node`).click();
    await showSidebar('help', '.red-ui-sidebar-help-stack');
    await page.locator('.red-ui-help-title').filter({ hasText: title }).waitFor();
    const help = page.locator('.red-ui-sidebar-help-stack .red-ui-help').first();
    const sections = (await help.locator('h3').allInnerTexts()).map((s) => s.trim());
    for (const section of ['Inputs', 'Outputs', 'Details', 'References']) sections.should.containEql(section, title);
    (await help.locator('dl.message-properties').count()).should.be.above(1);
    const text = (await help.innerText()).trim();
    for (const pattern of patterns) text.should.match(pattern, `${title}: ${pattern}`);
    return text;
  }

  // The help of node `id` of flow node type `type`, titled with its palette label, shows what its row says, and names exactly the error codes it can give.
  async function readHelpWithCodes(id, type) {
    const { label, help, codes } = kindOf(type);
    const text = await readHelp(id, label, help.shown);
    codesNamed(text).should.eql([...codes].sort(), label);
  }

  // Node-RED names a category's container after the category, other characters as "_".
  const paletteCategory = (name) => page.locator(`#red-ui-palette-container-${name.replace(/[^\w-]/g, '_')}`);
  const paletteEntry = (category, type) => paletteCategory(category).locator(`.red-ui-palette-node[data-palette-type="${type}"]`);

  it('opens the editor and loads the deployed example flows', async function () {
    this.timeout(45000);
    await page.goto(demo.editorUrl);
    await page.waitForFunction(
      () => window.RED && RED.workspaces && RED.workspaces.count() > 0 && document.querySelector('.red-ui-flow-node-group'),
      null,
      { timeout: 30000 },
    );
    // Where the example flows put our nodes, read from the editor's own model.
    flow = await page.evaluate(
      ([start, list]) => {
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
      },
      [START, LIST],
    );
    (flow.startNode !== undefined).should.be.true(`no ${START} node in the deployed flows`);
    (flow.listNode !== undefined).should.be.true(`no ${LIST} node in the deployed flows`);
    (flow.inject !== undefined).should.be.true(`no inject node wired to the ${LIST} node`);
    flow.workspaces.length.should.be.aboveOrEqual(3);
  });

  it('shows every flow node in the palette under its server, inubit or IBM BPM, with their labels and tooltips', async function () {
    const categories = Object.fromEntries(Object.values(PALETTE).map(({ category }) => [category, paletteCategory(category)]));
    for (const [name, category] of Object.entries(categories)) {
      await category.locator('.red-ui-palette-header').getByText(name, { exact: true }).waitFor();
    }
    // Every flow node of package.json, in the category of its server, with its label and our own icon, not Node-RED's fallback.
    const entryOf = (type) => paletteEntry(PALETTE[kindOf(type).server].category, type);
    for (const type of FLOW_TYPES) {
      const { label, server } = kindOf(type);
      const entry = entryOf(type);
      (await entry.getAttribute('data-palette-label')).should.equal(label, type);
      (await entry.locator('.red-ui-palette-icon').getAttribute('style')).should.containEql(PALETTE[server].icon, type);
    }
    // The ad-hoc nodes, which the picture shows, with their tooltips.
    const palette = FLOW_TYPES.filter((type) => kindOf(type).label.includes('ad-hoc'));
    palette.should.containEql(START);
    for (const type of palette) {
      await entryOf(type).hover();
      await page.locator('.red-ui-popover', { hasText: kindOf(type).tip }).waitFor();
      // Away from the palette, so that the tooltip closes again.
      await page.mouse.move(640, 400);
      await page.locator('.red-ui-popover').waitFor({ state: 'detached' });
    }

    // Show only our nodes, so that the picture shows what this package adds. The filter reacts to
    // key strokes, not to a filled-in value.
    const filter = page.locator('#red-ui-palette-search input');
    const inject = page.locator('.red-ui-palette-node[data-palette-type="inject"]');
    const common = page.locator('#red-ui-palette-container-common');
    await filter.pressSequentially('ad-hoc');
    await inject.waitFor({ state: 'hidden' });
    // Categories fold away with an animation; wait for it to end.
    await common.waitFor({ state: 'hidden' });
    // The filter keeps every flow node of this package whose label says ad-hoc, and the config nodes stay out of the palette.
    for (const type of palette) await entryOf(type).waitFor();
    for (const [name, category] of Object.entries(categories)) {
      (
        await category
          .locator('.red-ui-palette-node:visible')
          .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-palette-type')).sort())
      ).should.eql(palette.filter((type) => PALETTE[kindOf(type).server].category === name).sort(), name);
    }
    await page.locator('.red-ui-popover').waitFor({ state: 'detached' });
    await filter.fill('');
    await filter.press('Backspace');
    await page.waitForFunction(() => !document.querySelector('.red-ui-palette-node[data-filter]'));
    await common.waitFor();

    // The picture shows both categories of this package with every one of their nodes: the other
    // categories are hidden while it is taken.
    const ours = Object.keys(categories).map((name) => `red-ui-palette-container-${name.replace(/[^\w-]/g, '_')}`);
    await page.evaluate((containers) => {
      for (const category of document.querySelectorAll('.red-ui-palette-category')) {
        if (containers.includes(category.id)) continue;
        category.dataset.shownAs = category.style.display;
        category.style.display = 'none';
      }
    }, ours);
    // A category folded away is opened for the picture (its header's arrow tells, while it slides).
    for (const name of Object.keys(categories)) {
      const id = name.replace(/[^\w-]/g, '_');
      if ((await page.locator(`#red-ui-palette-header-${id} i.expanded`).count()) === 0)
        await page.locator(`#red-ui-palette-header-${id}`).click();
      await page.locator(`#red-ui-palette-base-category-${id}`).waitFor();
    }
    for (const type of FLOW_TYPES) await entryOf(type).waitFor();
    // A window tall enough for both categories whole; the palette lays itself out again.
    await page.setViewportSize({ width: VIEWPORT.width, height: 1600 });
    await page.waitForFunction(
      (types) =>
        types.every((type) => {
          const entry = document.querySelector(`.red-ui-palette-node[data-palette-type="${type}"]`);
          const palette = document.getElementById('red-ui-palette-container').getBoundingClientRect();
          return entry && entry.getBoundingClientRect().bottom <= palette.bottom;
        }),
      FLOW_TYPES,
    );
    // The palette column from the header down to the end of the lower of both categories.
    const column = await page.locator('#red-ui-palette').boundingBox();
    const bottoms = await Promise.all(
      Object.values(categories).map(async (category) => {
        const box = await category.boundingBox();
        return box.y + box.height;
      }),
    );
    await page.screenshot({
      path: path.join(IMAGES, 'palette.png'),
      clip: { x: 0, y: 0, width: column.x + column.width, height: Math.max(...bottoms) + 16 },
    });
    await page.setViewportSize(VIEWPORT);
    await page.evaluate(() => {
      for (const category of document.querySelectorAll('.red-ui-palette-category[data-shown-as]')) {
        category.style.display = category.dataset.shownAs;
        delete category.dataset.shownAs;
      }
    });
  });

  it('opens the start node dialog with TypedInputs for user and starter id', async function () {
    await showWorkspace(flow.startNode.z);
    await page.locator(`${byId(flow.startNode.id)} .red-ui-flow-node`).dblclick();
    await page.locator('#node-input-starterId').waitFor({ state: 'attached' });
    await page.locator('.red-ui-tray .red-ui-typedInput-container').nth(1).waitFor();
    for (const field of ['user', 'starterId']) {
      const types = await page.evaluate(
        (name) =>
          $(`#node-input-${name}`)
            .data('noderedTypedInput')
            .typeList.map((t) => t.value || t),
        field,
      );
      types.should.eql(VALUE_TYPES, `types of ${field}`);
    }
    (await page.locator('#node-input-server').inputValue()).should.equal(
      await page.evaluate((id) => RED.nodes.node(id).server, flow.startNode.id),
    );
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
    await setFixedText(user, demo.sim.username);

    // A refusal shows as a notice with the localized result and the server's words, as text.
    const refusal = { result: 'unauthorized', message: 'Listing failed: HTTP 401 <b>Unauthorized</b>' };
    await page.route('**/inubit-server/starters', (route) => route.fulfill({ json: refusal }));
    await pick.click();
    const notice = page.locator('.red-ui-notification', { hasText: 'not authorised' });
    await notice.waitFor();
    (await notice.innerText()).should.containEql(refusal.message);
    await page.unroute('**/inubit-server/starters');

    await pick.click();
    const items = page.locator('#node-input-starterId-list .bpm-starter');
    await items.first().waitFor();
    const { INUBIT_STARTERS } = require('../simulator/fixtures');
    (await items.count()).should.equal(INUBIT_STARTERS.length);
    const chosen = INUBIT_STARTERS[0];
    await items.filter({ hasText: chosen.label }).click();
    (await page.locator('#node-input-starterId').evaluate((el) => $(el).typedInput('value'))).should.equal(chosen.id);
    await page.locator('#node-input-starterId-list').waitFor({ state: 'hidden' });

    // Only a fixed starter id can be picked.
    await page.locator('#node-input-starterId').evaluate((el) => $(el).typedInput('type', 'msg'));
    await pick.waitFor({ state: 'hidden' });
    await setFixedText(page.locator('#node-input-starterId'), chosen.id);

    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-starterId').waitFor({ state: 'detached' });
    (await page.evaluate((id) => RED.nodes.node(id).starterId, flow.startNode.id)).should.equal(chosen.id);
    await closeNotices();
  });

  it('opens the list node dialog: the instance id also takes a number, the format is JSON or XML', async function () {
    await showWorkspace(flow.listNode.z);
    await page.locator(`${byId(flow.listNode.id)} .red-ui-flow-node`).dblclick();
    await page.locator('#node-input-instanceId').waitFor({ state: 'attached' });
    const types = await page.evaluate(() =>
      $('#node-input-instanceId')
        .data('noderedTypedInput')
        .typeList.map((t) => t.value || t),
    );
    types
      .slice()
      .sort()
      .should.eql([...VALUE_TYPES, 'num'].sort());
    (await page.locator('#node-input-format option').evaluateAll((options) => options.map((o) => o.value))).should.eql(['json', 'xml']);
    await page.locator('#node-dialog-cancel').click();
    await page.locator('#node-input-instanceId').waitFor({ state: 'detached' });
    // A number type takes only numbers; a text type any usable path segment.
    const verdicts = await page.evaluate((type) => {
      const validate = RED.nodes.getType(type).defaults.instanceId.validate;
      const check = (instanceIdType, value) => validate.call({ instanceIdType }, value, {}) === true;
      return [
        ['num', '4711'],
        ['num', 'abc'],
        ['num', '.'],
        ['num', ''],
        ['str', 'abc'],
        ['str', '..'],
      ].map(([t, v]) => check(t, v));
    }, flow.listNode.type);
    verdicts.should.eql([true, false, false, false, true, false]);
    // Credentials belong in the credential fields, never in the URL (it is saved in the flow file).
    const urls = await page.evaluate(() =>
      ['inubit-server', 'ibm-bpm-server'].map((type) => {
        const validate = RED.nodes.getType(type).defaults.url.validate;
        return ['https://bpm.example.org:9443', 'http://host/a@b', 'http://u:p@host/x', 'https://u@host', 'ftp://host'].map(
          (url) => validate.call({}, url, {}) === true,
        );
      }),
    );
    urls.should.eql([
      [true, true, false, false, false],
      [true, true, false, false, false],
    ]);
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
    const names = (await simActivities(instanceId)).map((a) => a.name);
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
    await page
      .locator(`${byId(flow.listNode.id)} .red-ui-flow-node-status-label`)
      .filter({ hasText: /activities/ })
      .waitFor();
  });

  it("shows the help of a node in the help sidebar, in Node-RED's sections", async function () {
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

  it('opens the start ad-hoc activity dialog of the example that starts the READY activities', async function () {
    // The example's nodes, found by their wiring: inject -> list -> ... -> start activity -> join -> debug.
    flow.ready = await page.evaluate(
      ([list, startActivity]) => {
        const activity = RED.nodes.filterNodes({ type: startActivity })[0];
        if (!activity) return {};
        const listNode = RED.nodes.filterNodes({ type: list, z: activity.z })[0];
        const next = (node) => RED.nodes.filterLinks({ source: node }).map((link) => link.target);
        const join = next(activity).find((n) => n.type === 'join');
        const debug = join && next(join).find((n) => n.type === 'debug');
        const inject =
          listNode &&
          RED.nodes
            .filterLinks({ target: listNode })
            .map((link) => link.source)
            .find((n) => n.type === 'inject');
        return {
          z: activity.z,
          tab: RED.nodes.workspace(activity.z).label,
          activity: activity.id,
          server: activity.server,
          inject: inject && inject.id,
          instanceId: inject && String(inject.payload),
          joined: debug && debug.name,
          // The debug nodes behind the catch nodes of the example.
          caught: RED.nodes
            .filterNodes({ type: 'catch', z: activity.z })
            .flatMap((c) => next(c))
            .filter((n) => n.type === 'debug')
            .map((n) => n.name),
        };
      },
      [LIST, START_ACTIVITY],
    );
    (flow.ready.tab || '').should.equal('04 Start a ready ad-hoc activity');
    (flow.ready.inject !== undefined).should.be.true(`no inject node wired to the ${LIST} node of the example`);
    (flow.ready.joined !== undefined).should.be.true('no debug node behind a join node behind the start activity node');
    flow.ready.caught.length.should.be.above(0, 'no debug node behind a catch node in the example');

    await showWorkspace(flow.ready.z);
    await closeNotices();
    await openDialog(flow.ready.activity, 'assignTo');
    (await typedInputs(['activityId', 'assignTo'])).should.eql([
      { types: VALUE_TYPES, type: 'msg', value: 'payload.id' },
      { types: VALUE_TYPES, type: 'str', value: '' },
    ]);
    (await page.locator('#node-input-server').inputValue()).should.equal(flow.ready.server);
    (await rowLabel('activityId')).should.equal('Activity id');
    (await rowLabel('assignTo')).should.equal('Assign to');
    (await markedInvalid('activityId')).should.be.false();
    (await markedInvalid('assignTo')).should.be.false();

    // The picture: the tray down to its last field, the mouse on its empty part, where nothing has a tooltip.
    const tray = await settledBox(page.locator('.red-ui-tray'));
    const name = await page.locator('#node-input-name').boundingBox();
    await page.mouse.move(tray.x + tray.width / 2, name.y + name.height + 120);
    await page.screenshot({
      path: path.join(IMAGES, 'edit-dialog.png'),
      clip: { x: tray.x, y: tray.y, width: tray.width, height: name.y + name.height + 24 - tray.y },
    });
    await cancelDialog('assignTo');
  });

  it('runs the example that starts the READY activities: the started activities arrive joined in the debug sidebar', async function () {
    const listed = await simActivities(flow.ready.instanceId);
    const ready = listed.filter((a) => a.executionState === 'READY');
    ready.length.should.be.above(1, `instance ${flow.ready.instanceId} of the example has too few READY activities`);
    listed.length.should.be.above(ready.length, `instance ${flow.ready.instanceId} of the example has only READY activities`);

    await showSidebar('debug', '#red-ui-sidebar-debug-clear');
    const messages = page.locator('#red-ui-sidebar .red-ui-debug-msg');
    await page.locator('#red-ui-sidebar-debug-clear').click();
    (await messages.count()).should.equal(0);
    const before = demo.sim.requests.length;
    await page.locator(`${byId(flow.ready.inject)} .red-ui-flow-node-button`).click();

    // One message from the debug node behind the join: the array of the started activities.
    const joined = messages.filter({
      has: page.locator('.red-ui-debug-msg-name', { hasText: new RegExp(`(^|\\s)${flow.ready.joined}$`) }),
    });
    await joined.waitFor();
    (await joined.count()).should.equal(1);
    (await joined.locator('.red-ui-debug-msg-topic').innerText()).trim().should.equal(`msg.payload : array[${ready.length}]`);

    // The simulator started exactly the READY ones.
    const started = demo.sim.requests
      .slice(before)
      .filter((r) => r.method === 'PUT')
      .map((r) => r.segments[r.segments.length - 1]);
    started
      .slice()
      .sort()
      .should.eql(ready.map((a) => a.id).sort());
    (await simActivities(flow.ready.instanceId))
      .filter((a) => ready.some((r) => r.id === a.id))
      .map((a) => a.executionState)
      .should.eql(ready.map(() => 'WORKING'));

    // Unfold the array, then each activity: its id, name and the state WORKING show, in list order.
    await joined.locator('.red-ui-debug-msg-top-level > .red-ui-debug-msg-expandable').click();
    const entries = joined.locator('.red-ui-debug-msg-array-rows > .red-ui-debug-msg-object-entry');
    await entries.first().waitFor();
    (await entries.count()).should.equal(ready.length);
    for (let i = 0; i < ready.length; i++) {
      const entry = entries.nth(i);
      await entry.locator('.red-ui-debug-msg-expandable').first().click();
      await entry.getByText('executionState', { exact: true }).waitFor();
      const text = await entry.innerText();
      text.should.containEql(`id: "${ready[i].id}"`, `activity ${i}`);
      text.should.containEql(`name: "${ready[i].name}"`, `activity ${i}`);
      text.should.containEql('executionState: "WORKING"', `activity ${i}`);
    }
    (await page.locator('#red-ui-sidebar .red-ui-debug-msg-level-20').count()).should.equal(0, 'no error in the debug sidebar');
    for (const name of flow.ready.caught) {
      (
        await messages.filter({ has: page.locator('.red-ui-debug-msg-name', { hasText: new RegExp(`(^|\\s)${name}$`) }) }).count()
      ).should.equal(0, `messages from ${name}`);
    }
    await page
      .locator(`${byId(flow.ready.activity)} .red-ui-flow-node-status-label`)
      .filter({ hasText: /started/ })
      .waitFor();

    // For the picture: the whole flow without the palette, the first activity unfolded, nothing
    // selected or highlighted, no pop-up notices.
    for (let i = ready.length - 1; i > 0; i--) await entries.nth(i).locator('.red-ui-debug-msg-expandable').first().click();
    // The window grows by what the debug sidebar lacks to show the whole message.
    const message = await joined.elementHandle();
    const fits = (el) => el.offsetHeight <= el.closest('.red-ui-debug-content').clientHeight;
    const lacking = await message.evaluate((el) => el.offsetHeight - el.closest('.red-ui-debug-content').clientHeight);
    if (lacking > 0) await page.setViewportSize({ width: VIEWPORT.width, height: VIEWPORT.height + lacking + 4 });
    await page.waitForFunction(fits, message);
    await page.evaluate(() => RED.actions.invoke('core:toggle-palette', false));
    await page.waitForFunction(() => document.getElementById('red-ui-workspace').getBoundingClientRect().left < 20);
    await settledBox(page.locator('#red-ui-workspace'));
    await page.locator('#red-ui-view-zoom-zero').click();
    for (let i = 0; i < 3; i++) await page.locator('#red-ui-view-zoom-out').click();
    const chart = await page.locator('#red-ui-workspace-chart').boundingBox();
    await page.mouse.click(chart.x + chart.width / 2, chart.y + chart.height - 40);
    await closeNotices();
    await message.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: path.join(IMAGES, 'example-flow.png') });

    // Back as it was, for the steps that follow.
    await page.setViewportSize(VIEWPORT);
    await page.waitForFunction((height) => window.innerHeight === height, VIEWPORT.height);
    await page.evaluate(() => RED.actions.invoke('core:toggle-palette', true));
    await page.waitForFunction(() => document.getElementById('red-ui-workspace').getBoundingClientRect().left > 100);
    await settledBox(page.locator('#red-ui-workspace'));
    await page.locator('#red-ui-view-zoom-zero').click();
  });

  it('adds a start ad-hoc activity node from the palette: the activity id is msg.payload.id, Assign to is empty', async function () {
    flow.added = { workspace: await addFlow() };
    flow.added.activity = await dropFromPalette(START_ACTIVITY, 0);
    (await nodeLabel(flow.added.activity)).should.equal('start ad-hoc activity');

    await openDialog(flow.added.activity, 'assignTo');
    (await typedInputs(['activityId', 'assignTo'])).should.eql([
      { types: VALUE_TYPES, type: 'msg', value: 'payload.id' },
      { types: VALUE_TYPES, type: 'str', value: '' },
    ]);
    // As the user sees it: "msg." in front of payload.id.
    (await typeLabel('activityId')).should.equal('msg.');
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
    (await nodeLabel(flow.added.starters)).should.equal('ad-hoc starters');
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

  it("shows the help of both new nodes in English, in Node-RED's sections", async function () {
    for (const [id, type] of [
      [flow.added.activity, START_ACTIVITY],
      [flow.added.starters, STARTERS],
    ]) {
      const { label, help } = kindOf(type);
      (await readHelp(id, label, help.shown)).should.match(/INVALID_RESPONSE/);
    }
  });

  it('gives the start node a Language field, which the starter picker sends along', async function () {
    await showWorkspace(flow.startNode.z);
    await openDialog(flow.startNode.id, 'lang');
    const saved = await page
      .evaluate((id) => RED.nodes.node(id), flow.startNode.id)
      .then((n) => ({ type: n.langType || 'str', value: n.lang || '' }));
    (await typedInputs(['lang'])).should.eql([{ types: LANG_TYPES, ...saved }]);
    (await rowLabel('lang')).should.equal('Language');
    (await shownInput('lang').getAttribute('placeholder')).should.equal('de, en or empty');

    await setFixedText(page.locator('#node-input-user'), demo.sim.username);
    await setFixedText(page.locator('#node-input-lang'), 'en');
    const asked = [];
    const offered = [
      { id: 'with-id', label: 'Has an id' },
      { label: 'No id' },
      { id: '', label: 'Empty id' },
      { id: 'second', label: 'Second', role: 'Clerk' },
    ];
    await page.route('**/inubit-server/starters', (route) => {
      asked.push(route.request().postDataJSON());
      return route.fulfill({ json: { result: 'reachable', starters: offered } });
    });
    // The server's authentication, tenant and user base go along, as the config node holds them.
    const serverId = await page.evaluate((id) => RED.nodes.node(id).server, flow.startNode.id);
    const kept = await page.evaluate((id) => {
      const server = RED.nodes.node(id);
      const before = { authType: server.authType, tenant: server.tenant, userType: server.userType };
      Object.assign(server, { authType: 'portalToken', tenant: 'acme', userType: 'processUser' });
      return before;
    }, serverId);
    await page.locator('#node-input-starterId-pick').click();
    const items = page.locator('#node-input-starterId-list .bpm-starter');
    await items.first().waitFor();
    await page.unroute('**/inubit-server/starters');
    await page.evaluate(([id, before]) => Object.assign(RED.nodes.node(id), before), [serverId, kept]);
    asked.should.have.length(1);
    asked[0].should.have.properties({ user: demo.sim.username, lang: 'en' });
    asked[0].server.should.have.properties({ id: serverId, authType: 'portalToken', tenant: 'acme', userType: 'processUser' });
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
      {
        id: 'saved-start',
        type: START,
        name: '',
        server: 'saved-inubit',
        user: 'anna',
        userType: 'str',
        starterId: 'leave',
        starterIdType: 'str',
        x: 160,
        y: 60,
        wires: [[]],
      },
      {
        id: 'saved-starters',
        type: STARTERS,
        name: '',
        server: 'saved-inubit',
        user: 'anna',
        userType: 'str',
        x: 160,
        y: 120,
        wires: [[]],
      },
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

    // Nor authentication, CSRF token, tenant or user base: Basic, auto, empty, empty.
    const expected = {
      'inubit-server': { timeout: '30000', retries: '2', maxConcurrent: '8', authType: 'basic', tenant: '', userType: '' },
      'ibm-bpm-server': { timeout: '30000', retries: '2', maxConcurrent: '8', authType: 'basic', csrf: 'auto' },
    };
    for (const [id, type] of [
      ['saved-inubit', 'inubit-server'],
      ['saved-bpm', 'ibm-bpm-server'],
    ]) {
      await openConfig(id, type);
      const shown = await configValues(['timeout', 'retries', 'maxConcurrent', 'authType', 'csrf', 'tenant', 'userType']);
      const credentials = await shownCredentials();
      const marked = await page.locator('.red-ui-tray .input-error').count();
      await closeConfig('cancel');
      shown.should.eql(expected[type], type);
      credentials.should.eql(['username', 'password'], type);
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
    const verdicts = await page.evaluate(
      (ids) => {
        const limits = RED.nodes.getType('inubit-server').defaults;
        const bpm = RED.nodes.getType('ibm-bpm-server').defaults;
        const check = (name, value, defaults = limits) => defaults[name].validate.call({}, value, {}) === true;
        return {
          valid: ids.map((id) => RED.nodes.node(id).valid),
          empty: ['timeout', 'retries', 'maxConcurrent', 'authType', 'userType'].map((name) =>
            [undefined, null, ''].every((value) => check(name, value)),
          ),
          emptyBpm: ['authType', 'csrf'].map((name) => [undefined, null, ''].every((value) => check(name, value, bpm))),
          refused: [
            check('timeout', 'soon'),
            check('timeout', '-1'),
            check('retries', '11'),
            check('maxConcurrent', '0'),
            check('retries', 'two'),
            check('authType', 'zenApiKey'),
            check('userType', 'admin'),
            check('authType', 'portalToken', bpm),
            check('csrf', 'sometimes', bpm),
          ],
          kept: [
            check('timeout', '5000'),
            check('retries', '0'),
            check('retries', 10),
            check('maxConcurrent', '1'),
            check('authType', 'portalToken'),
            check('userType', 'processUser'),
            check('authType', 'zenApiKey', bpm),
            check('csrf', 'off', bpm),
          ],
        };
      },
      saved.map((n) => n.id),
    );
    verdicts.should.eql({
      valid: saved.map(() => true),
      empty: [true, true, true, true, true],
      emptyBpm: [true, true],
      refused: [false, false, false, false, false, false, false, false, false],
      kept: [true, true, true, true, true, true, true, true],
    });
  });

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

  /** Each of `types` is in the palette category of its server with its label, its server's icon and its tooltip (its row of the node kinds). */
  async function checkPaletteEntries(types) {
    for (const type of types) {
      const { label, tip, server } = kindOf(type);
      const entry = paletteEntry(PALETTE[server].category, type);
      await entry.scrollIntoViewIfNeeded();
      (await entry.getAttribute('data-palette-label')).should.equal(label, type);
      (await entry.locator('.red-ui-palette-icon').getAttribute('style')).should.containEql(PALETTE[server].icon, type);
      await entry.hover();
      await page.locator('.red-ui-popover', { hasText: tip }).waitFor();
      await page.mouse.move(640, 400);
      await page.locator('.red-ui-popover').waitFor({ state: 'detached' });
    }
  }

  it('shows the task nodes in the palette under inubit: list tasks, get task, submit task, with the inubit icon and their tooltips', async function () {
    await checkPaletteEntries([LIST_TASKS, GET_TASK, SUBMIT_TASK]);
  });

  it('adds a list tasks node from the palette: no query, every task, an optional language; "only new" names it', async function () {
    flow.tasks = { workspace: await addFlow() };
    flow.tasks.list = await dropFromPalette(LIST_TASKS, -80);
    (await nodeLabel(flow.tasks.list)).should.equal('list tasks');

    await openDialog(flow.tasks.list, 'query');
    (await typedInputs(['query', 'lang'])).should.eql([
      { types: ['json', 'msg', 'flow', 'global', 'jsonata'], type: 'json', value: '' },
      { types: LANG_TYPES, type: 'str', value: '' },
    ]);
    (await rowLabel('query')).should.equal('Query');
    (await rowLabel('emit')).should.equal('Send');
    (await rowLabel('lang')).should.equal('Language');
    (
      await page.locator('#node-input-emit option').evaluateAll((options) => options.map((o) => [o.value, o.textContent.trim()]))
    ).should.eql([
      ['all', 'every task of each answer'],
      ['new', 'only tasks new since the last answer'],
    ]);
    (await page.locator('#node-input-emit').inputValue()).should.equal('all');
    // An empty query is none, not an error.
    (await markedInvalid('query')).should.be.false();
    await page.locator('#node-input-emit').selectOption('new');
    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-query').waitFor({ state: 'detached' });
    await page.waitForFunction((id) => RED.nodes.node(id).emit === 'new', flow.tasks.list);
    (await nodeLabel(flow.tasks.list)).should.equal('list new tasks');

    const verdicts = await page.evaluate((type) => {
      const { query, emit } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(query, { queryType: 'json' }, ''),
        check(query, { queryType: 'json' }, '{"count":50,"nameFilter":"Order"}'),
        check(query, { queryType: 'json' }, '[1]'),
        check(query, { queryType: 'json' }, '{"count":'),
        check(query, { queryType: 'msg' }, 'payload'),
        check(emit, {}, 'all'),
        check(emit, {}, undefined),
        check(emit, {}, 'some'),
      ];
    }, LIST_TASKS);
    verdicts.should.eql([true, true, false, false, true, true, true, false]);
  });

  it('adds a get task node from the palette: the task id is msg.taskId, the form is not read; a fixed id names it', async function () {
    flow.tasks.get = await dropFromPalette(GET_TASK, 0);
    (await nodeLabel(flow.tasks.get)).should.equal('get task');

    await openDialog(flow.tasks.get, 'taskId');
    (await typedInputs(['taskId', 'lang'])).should.eql([
      { types: ID_TYPES, type: 'msg', value: 'taskId' },
      { types: LANG_TYPES, type: 'str', value: '' },
    ]);
    // As the user sees it: "msg." in front of taskId.
    (await typeLabel('taskId')).should.equal('msg.');
    (await shownInput('taskId').inputValue()).should.equal('taskId');
    (await rowLabel('taskId')).should.equal('Task id');
    (await rowLabel('form')).should.equal('Form');
    (await page.locator('#node-input-form').isChecked()).should.be.false();
    (await markedInvalid('taskId')).should.be.false();
    await saveFixedTaskId(flow.tasks.get, '0042');
    (await nodeLabel(flow.tasks.get)).should.equal('get task 0042');
  });

  it('adds a submit task node from the palette: the task id is msg.taskId, no fields, the submitter is "value"', async function () {
    flow.tasks.submit = await dropFromPalette(SUBMIT_TASK, 80);
    (await nodeLabel(flow.tasks.submit)).should.equal('submit task');

    await openDialog(flow.tasks.submit, 'submitter');
    (await typedInputs(['taskId', 'fields', 'submitter', 'lang'])).should.eql([
      { types: ID_TYPES, type: 'msg', value: 'taskId' },
      { types: ['json', 'msg', 'flow', 'global', 'jsonata', 'env'], type: 'json', value: '' },
      { types: LANG_TYPES, type: 'str', value: 'value' },
      { types: LANG_TYPES, type: 'str', value: '' },
    ]);
    (await typeLabel('taskId')).should.equal('msg.');
    (await rowLabel('fields')).should.equal('Fields');
    (await rowLabel('submitter')).should.equal('Submitter');
    for (const name of ['taskId', 'fields', 'submitter', 'lang']) (await markedInvalid(name)).should.be.false(name);
    (await page.locator('#node-input-submitter-pick').isVisible()).should.be.true('the picker button shows for a fixed submitter');
    await cancelDialog('submitter');

    const verdicts = await page.evaluate((type) => {
      const { fields, submitter } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(submitter, { submitterType: 'str' }, 'approve'),
        check(submitter, { submitterType: 'str' }, ''),
        check(submitter, { submitterType: 'str' }, '  '),
        check(submitter, { submitterType: 'msg' }, 'button'),
        check(fields, { fieldsType: 'json' }, ''),
        check(fields, { fieldsType: 'json' }, '{"tage":3,"dringend":true}'),
        check(fields, { fieldsType: 'json' }, '"text"'),
        check(fields, { fieldsType: 'env' }, 'FIELDS'),
      ];
    }, SUBMIT_TASK);
    verdicts.should.eql([true, false, false, true, true, true, false, true]);
  });

  it("picks a submit button of the task's form from the simulator, with its label in the language asked for", async function () {
    await openDialog(flow.tasks.submit, 'submitter');
    const pick = page.locator('#node-input-submitter-pick');
    const taskId = page.locator('#node-input-taskId');

    // The list needs a server, and the task id as text.
    await page.locator('#node-input-server').evaluate((el) => $(el).val('_ADD_').trigger('change'));
    await pick.click();
    await page.locator('.red-ui-notification', { hasText: 'Select an inubit server first' }).waitFor();
    const serverId = await page.evaluate(() => {
      let found;
      RED.nodes.eachConfig((n) => {
        if (!found && n.type === 'inubit-server' && !/^saved-/.test(n.id)) found = n.id;
      });
      return found;
    });
    (serverId !== undefined).should.be.true('no inubit-server config node in the demo');
    await page.locator('#node-input-server').evaluate((el, id) => $(el).val(id).trigger('change'), serverId);
    await pick.click();
    await page.locator('.red-ui-notification', { hasText: 'Set Task id to fixed text' }).waitFor();
    await closeNotices();

    // The simulator's leave request: Approve and Reject submit, Print does not.
    const { accountTasks } = require('../simulator/inubit-task-fixtures');
    const task = accountTasks().find((t) => t.form === 'leave');
    await setFixedText(taskId, task.id);
    await setFixedText(page.locator('#node-input-lang'), 'en');

    // A refusal shows as a notice with the localized result and the server's words, as text.
    const refusal = { result: 'unauthorized', message: 'Reading failed: HTTP 401 <b>Unauthorized</b>' };
    await page.route('**/inubit-server/submitters', (route) => route.fulfill({ json: refusal }));
    await pick.click();
    const notice = page.locator('.red-ui-notification', { hasText: 'not authorised' });
    await notice.waitFor();
    (await notice.innerText()).should.containEql(refusal.message);
    await page.unroute('**/inubit-server/submitters');
    await closeNotices();

    const asked = page.waitForRequest('**/inubit-server/submitters');
    await pick.click();
    const sent = (await asked).postDataJSON();
    sent.should.have.properties({ taskId: task.id, lang: 'en' });
    sent.server.should.have.properties({ id: serverId });
    const items = page.locator('#node-input-submitter-list .bpm-submitter');
    await items.first().waitFor();
    (
      await items.evaluateAll((list) => list.map((item) => [item.getAttribute('data-submitter'), item.querySelector('div').textContent]))
    ).should.eql([
      ['approve', 'Approve'],
      ['reject', 'Reject'],
    ]);
    await items.filter({ hasText: 'Reject' }).click();
    (await page.locator('#node-input-submitter').evaluate((el) => $(el).typedInput('value'))).should.equal('reject');
    await page.locator('#node-input-submitter-list').waitFor({ state: 'hidden' });

    // Only a fixed submitter can be picked.
    await page.locator('#node-input-submitter').evaluate((el) => $(el).typedInput('type', 'msg'));
    await pick.waitFor({ state: 'hidden' });
    await setFixedText(page.locator('#node-input-submitter'), 'reject');
    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-submitter').waitFor({ state: 'detached' });
    (
      await page.evaluate((id) => RED.nodes.node(id), flow.tasks.submit).then((n) => [n.taskId, n.taskIdType, n.submitter, n.server])
    ).should.eql([task.id, 'str', 'reject', serverId]);
    (await nodeLabel(flow.tasks.submit)).should.equal(`submit task ${task.id.slice(0, 31)}\u2026`);
  });

  it("shows the help of the task nodes in English, in Node-RED's sections, with the error codes each can give", async function () {
    for (const [id, type] of [
      [flow.tasks.list, LIST_TASKS],
      [flow.tasks.get, GET_TASK],
      [flow.tasks.submit, SUBMIT_TASK],
    ]) {
      await readHelpWithCodes(id, type);
    }
  });

  // The demo's own IBM BPM server, as the examples use it (its credentials are deployed).
  function demoBpmServer() {
    return page.evaluate(() => {
      let found;
      RED.nodes.eachConfig((n) => {
        if (!found && n.type === 'ibm-bpm-server' && !/^saved-/.test(n.id)) found = n.id;
      });
      return found;
    });
  }

  it('shows the IBM BPM task nodes in the palette under IBM BPM: start process, list tasks, get task, complete task, with the IBM BPM icon and their tooltips', async function () {
    await checkPaletteEntries([START_PROCESS, BPM_LIST_TASKS, BPM_GET_TASK, COMPLETE_TASK]);
  });

  it('adds a start process node from the palette: the ids are empty fixed text, the variables empty JSON that says it sends none', async function () {
    flow.bpm = { workspace: await addFlow() };
    flow.bpm.start = await dropFromPalette(START_PROCESS, -120);
    (await nodeLabel(flow.bpm.start)).should.equal('start process');

    await openDialog(flow.bpm.start, 'variables');
    (await typedInputs(['bpdId', 'processAppId', 'snapshotId', 'variables'])).should.eql([
      { types: VALUE_TYPES, type: 'str', value: '' },
      { types: VALUE_TYPES, type: 'str', value: '' },
      { types: VALUE_TYPES, type: 'str', value: '' },
      { types: VARIABLE_TYPES, type: 'json', value: '' },
    ]);
    (await rowLabel('bpdId')).should.equal('Process id');
    (await rowLabel('processAppId')).should.equal('Process app id');
    (await rowLabel('snapshotId')).should.equal('Snapshot id');
    (await rowLabel('variables')).should.equal('Variables');
    (await shownInput('variables').getAttribute('placeholder')).should.equal('empty: no variables');
    (await page.locator('.red-ui-tray .form-tips').innerText()).should.match(/empty sends no variables/);
    // No variables and no snapshot are fine; the process id is not.
    (await markedInvalid('variables')).should.be.false();
    (await markedInvalid('snapshotId')).should.be.false();
    (await markedInvalid('bpdId')).should.be.true();
    (await page.locator('#node-input-bpdId-pick').isVisible()).should.be.true('the picker button shows for a fixed process id');
    await cancelDialog('variables');

    const verdicts = await page.evaluate((type) => {
      const { bpdId, processAppId, snapshotId, variables } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(bpdId, { bpdIdType: 'str' }, '25.12df'),
        check(bpdId, { bpdIdType: 'str' }, ' '),
        check(bpdId, { bpdIdType: 'msg' }, 'bpdId'),
        check(processAppId, { processAppIdType: 'str', snapshotIdType: 'str', snapshotId: '' }, ''),
        check(processAppId, { processAppIdType: 'str', snapshotIdType: 'str', snapshotId: '2064.5d1e' }, ''),
        check(processAppId, { processAppIdType: 'str', snapshotIdType: 'msg', snapshotId: 'snapshot' }, ''),
        check(snapshotId, {}, undefined),
        check(variables, { variablesType: 'json' }, ''),
        check(variables, { variablesType: 'json' }, '{"comments":"urgent"}'),
        check(variables, { variablesType: 'json' }, '[1]'),
        check(variables, {}, undefined),
      ];
    }, START_PROCESS);
    verdicts.should.eql([true, false, true, false, true, true, true, true, true, false, true]);
  });

  it('picks a process that the simulator exposes: it fills the process id and the process app id', async function () {
    await openDialog(flow.bpm.start, 'variables');
    const pick = page.locator('#node-input-bpdId-pick');

    // The list needs a server.
    await page.locator('#node-input-server').evaluate((el) => $(el).val('_ADD_').trigger('change'));
    await pick.click();
    await page.locator('.red-ui-notification', { hasText: 'Select an IBM BPM server first' }).waitFor();
    await closeNotices();
    const serverId = await demoBpmServer();
    (serverId !== undefined).should.be.true('no ibm-bpm-server config node in the demo');
    await page.locator('#node-input-server').evaluate((el, id) => $(el).val(id).trigger('change'), serverId);

    // A refusal shows as a notice with the localized result and the server's words, as text.
    const refusal = { result: 'unauthorized', message: 'Listing the exposed processes failed: HTTP 401 <b>Unauthorized</b>' };
    await page.route('**/ibm-bpm-server/exposed-processes', (route) => route.fulfill({ json: refusal }));
    await pick.click();
    const notice = page.locator('.red-ui-notification', { hasText: 'not authorised' });
    await notice.waitFor();
    (await notice.innerText()).should.containEql(refusal.message);
    await page.unroute('**/ibm-bpm-server/exposed-processes');
    await closeNotices();

    // The server's CSRF mode goes along, as the config node holds it.
    const kept = await page.evaluate((id) => {
      const server = RED.nodes.node(id);
      const before = server.csrf;
      server.csrf = 'off';
      return before;
    }, serverId);
    const asked = page.waitForRequest('**/ibm-bpm-server/exposed-processes');
    await pick.click();
    const items = page.locator('#node-input-bpdId-list .bpm-process');
    await items.first().waitFor();
    await page.evaluate(
      ([id, before]) => {
        RED.nodes.node(id).csrf = before;
      },
      [serverId, kept],
    );
    (await asked).postDataJSON().server.should.have.properties({ id: serverId, csrf: 'off' });
    const { EXPOSED_PROCESSES } = require('../simulator/ibm-bpm-process-fixtures');
    (
      await items.evaluateAll((list) => list.map((item) => [item.getAttribute('data-bpd-id'), item.querySelector('div').textContent]))
    ).should.eql(EXPOSED_PROCESSES.map((p) => [p.itemID, p.display]));
    const chosen = EXPOSED_PROCESSES[EXPOSED_PROCESSES.length - 1];
    const item = items.filter({ hasText: chosen.display });
    (await item.innerText()).should.containEql(chosen.processAppName);
    await item.click();
    await page.locator('#node-input-bpdId-list').waitFor({ state: 'hidden' });
    (await typedInputs(['bpdId', 'processAppId'])).should.eql([
      { types: VALUE_TYPES, type: 'str', value: chosen.itemID },
      { types: VALUE_TYPES, type: 'str', value: chosen.processAppID },
    ]);
    (await markedInvalid('bpdId')).should.be.false();
    (await markedInvalid('processAppId')).should.be.false();

    // Only a fixed process id can be picked.
    await page.locator('#node-input-bpdId').evaluate((el) => $(el).typedInput('type', 'msg'));
    await pick.waitFor({ state: 'hidden' });
    await setFixedText(page.locator('#node-input-bpdId'), chosen.itemID);

    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-bpdId').waitFor({ state: 'detached' });
    (
      await page
        .evaluate((id) => RED.nodes.node(id), flow.bpm.start)
        .then((n) => [n.bpdId, n.bpdIdType, n.processAppId, n.processAppIdType, n.server, n.valid])
    ).should.eql([chosen.itemID, 'str', chosen.processAppID, 'str', serverId, true]);
    (await nodeLabel(flow.bpm.start)).should.equal(`start ${chosen.itemID.slice(0, 31)}\u2026`);
  });

  it('adds a list tasks node from the palette: the instance id is msg.payload, open tasks, every task of each answer', async function () {
    flow.bpm.list = await dropFromPalette(BPM_LIST_TASKS, -40);
    (await nodeLabel(flow.bpm.list)).should.equal('list tasks');

    await openDialog(flow.bpm.list, 'instanceId');
    (await typedInputs(['instanceId'])).should.eql([{ types: ID_TYPES, type: 'msg', value: 'payload' }]);
    (await typeLabel('instanceId')).should.equal('msg.');
    (await rowLabel('instanceId')).should.equal('Instance id');
    (await rowLabel('state')).should.equal('Tasks');
    (await rowLabel('emit')).should.equal('Send');
    (
      await page.locator('#node-input-state option').evaluateAll((options) => options.map((o) => [o.value, o.textContent.trim()]))
    ).should.eql([
      ['open', 'open tasks only (not closed)'],
      ['all', 'all tasks, closed ones too'],
    ]);
    (
      await page.locator('#node-input-emit option').evaluateAll((options) => options.map((o) => [o.value, o.textContent.trim()]))
    ).should.eql([
      ['all', 'every task of each answer'],
      ['new', 'only tasks new since the last answer'],
    ]);
    (await page.locator('#node-input-state').inputValue()).should.equal('open');
    (await page.locator('#node-input-emit').inputValue()).should.equal('all');
    (await markedInvalid('instanceId')).should.be.false();
    await page.locator('#node-input-instanceId').evaluate((el) => {
      $(el).typedInput('type', 'num');
      $(el).typedInput('value', '42890');
    });
    await page.locator('#node-dialog-ok').click();
    await page.locator('#node-input-instanceId').waitFor({ state: 'detached' });
    await page.waitForFunction((id) => RED.nodes.node(id).instanceId === '42890', flow.bpm.list);
    (await nodeLabel(flow.bpm.list)).should.equal('tasks of 42890');

    const verdicts = await page.evaluate((type) => {
      const { instanceId, state, emit } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(instanceId, { instanceIdType: 'num' }, '42890'),
        check(instanceId, { instanceIdType: 'num' }, 'abc'),
        check(instanceId, { instanceIdType: 'str' }, '..'),
        check(instanceId, {}, undefined),
        check(state, {}, 'open'),
        check(state, {}, 'all'),
        check(state, {}, undefined),
        check(state, {}, 'closed'),
        check(emit, {}, 'new'),
        check(emit, {}, 'some'),
      ];
    }, BPM_LIST_TASKS);
    verdicts.should.eql([true, false, false, true, true, true, true, false, true, false]);
  });

  it('the list tasks dialog shows the instance rows with source instance, and the queue rows only with source queue', async function () {
    await openDialog(flow.bpm.list, 'instanceId');
    const INSTANCE_ROWS = ['instanceId', 'state'];
    const QUEUE_ROWS = ['interaction', 'processAppName', 'size', 'query'];
    const shownRows = () =>
      page.evaluate(
        (names) => names.filter((name) => $(`#node-input-${name}`).closest('.form-row').is(':visible')),
        [...INSTANCE_ROWS, ...QUEUE_ROWS],
      );
    (await page.locator('#node-input-source').inputValue()).should.equal('instance');
    (await shownRows()).should.eql(INSTANCE_ROWS);
    await page.locator('#node-input-source').selectOption('queue');
    (await shownRows()).should.eql(QUEUE_ROWS);
    (await page.locator('#node-input-interaction').inputValue()).should.equal('available');
    (await page.locator('#node-input-size').inputValue()).should.equal('100');
    (await page.locator('#node-input-query').inputValue()).should.equal('IBM.DEFAULTALLTASKSLIST_75');
    (await typedInputs(['processAppName'])).should.eql([{ types: LANG_TYPES, type: 'str', value: '' }]);
    (await rowLabel('source')).should.equal('List');
    await page.locator('#node-input-source').selectOption('instance');
    (await shownRows()).should.eql(INSTANCE_ROWS);
    await cancelDialog('instanceId');
  });

  it('adds an assign task node from the palette: claim, an error when taken; a user or group only for user and group, and then required', async function () {
    const ASSIGN_TASK = assignTaskFlow.type;
    const id = await dropFromPalette(ASSIGN_TASK, 80);
    (await nodeLabel(id)).should.equal('claim task');
    await openDialog(id, 'taskId');
    (await typedInputs(['taskId', 'assignee'])).should.eql([
      { types: ID_TYPES, type: 'msg', value: 'taskId' },
      { types: LANG_TYPES, type: 'str', value: '' },
    ]);
    (await page.locator('#node-input-to').inputValue()).should.equal('me');
    (await page.locator('#node-input-ifTaken').inputValue()).should.equal('error');
    const shown = (name) => page.evaluate((n) => $(`#node-input-${n}`).closest('.form-row').is(':visible'), name);
    (await shown('ifTaken')).should.be.true();
    (await shown('assignee')).should.be.false();
    await page.locator('#node-input-to').selectOption('group');
    (await shown('ifTaken')).should.be.false();
    (await shown('assignee')).should.be.true();
    await cancelDialog('taskId');
    const verdicts = await page.evaluate((type) => {
      const { assignee, to, ifTaken } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(assignee, { to: 'me', assigneeType: 'str' }, ''),
        check(assignee, { to: 'user', assigneeType: 'str' }, ' '),
        check(assignee, { to: 'group', assigneeType: 'str' }, 'Auditors'),
        check(assignee, { to: 'user', assigneeType: 'msg' }, 'who'),
        check(to, {}, undefined),
        check(to, {}, 'someone'),
        check(ifTaken, {}, 'drop'),
        check(ifTaken, {}, 'ignore'),
      ];
    }, ASSIGN_TASK);
    verdicts.should.eql([true, false, true, true, true, false, true, false]);
    await page.evaluate((nodeId) => {
      RED.nodes.remove(nodeId);
      RED.view.redraw(true);
    }, id);
  });

  it('adds a get task node from the palette: the task id is msg.taskId; a fixed id names it', async function () {
    flow.bpm.get = await dropFromPalette(BPM_GET_TASK, 40);
    (await nodeLabel(flow.bpm.get)).should.equal('get task');

    await openDialog(flow.bpm.get, 'taskId');
    (await typedInputs(['taskId'])).should.eql([{ types: ID_TYPES, type: 'msg', value: 'taskId' }]);
    (await typeLabel('taskId')).should.equal('msg.');
    (await rowLabel('taskId')).should.equal('Task id');
    (await markedInvalid('taskId')).should.be.false();
    await saveFixedTaskId(flow.bpm.get, '189812');
    (await nodeLabel(flow.bpm.get)).should.equal('get task 189812');
  });

  it('adds a complete task node from the palette: the task id is msg.taskId, no variables (it says so), claimed first', async function () {
    flow.bpm.complete = await dropFromPalette(COMPLETE_TASK, 120);
    (await nodeLabel(flow.bpm.complete)).should.equal('complete task');

    await openDialog(flow.bpm.complete, 'variables');
    (await typedInputs(['taskId', 'variables'])).should.eql([
      { types: ID_TYPES, type: 'msg', value: 'taskId' },
      { types: VARIABLE_TYPES, type: 'json', value: '' },
    ]);
    (await typeLabel('taskId')).should.equal('msg.');
    (await rowLabel('variables')).should.equal('Variables');
    (await rowLabel('claim')).should.equal('Claim');
    (await shownInput('variables').getAttribute('placeholder')).should.equal('empty: no variables');
    (await page.locator('.red-ui-tray .form-tips').innerText()).should.match(/empty sends no variables/);
    (await page.locator('#node-input-claim').isChecked()).should.be.true();
    (await page.locator('.red-ui-tray label[for="node-input-claim"] + input + span').innerText()).should.match(/8\.5\.7/);
    for (const name of ['taskId', 'variables']) (await markedInvalid(name)).should.be.false(name);
    await cancelDialog('variables');

    const verdicts = await page.evaluate((type) => {
      const { taskId, variables } = RED.nodes.getType(type).defaults;
      const check = (field, node, value) => field.validate.call(node, value, {}) === true;
      return [
        check(taskId, { taskIdType: 'msg' }, 'taskId'),
        check(taskId, { taskIdType: 'str' }, ' '),
        check(taskId, {}, undefined),
        check(variables, { variablesType: 'json' }, '{"approved":true}'),
        check(variables, { variablesType: 'json' }, '"approved"'),
        check(variables, { variablesType: 'env' }, 'OUTPUT'),
      ];
    }, COMPLETE_TASK);
    verdicts.should.eql([true, false, true, true, false, true]);
  });

  it('opens IBM BPM task nodes saved without their optional properties: the defaults show, nothing is marked invalid', async function () {
    await showWorkspace(flow.bpm.workspace);
    const serverId = await demoBpmServer();
    // As a flow written by hand: only what each node needs.
    const { HIRING_BPD } = require('../simulator/ibm-bpm-process-fixtures');
    const saved = [
      {
        id: 'saved-start-process',
        type: START_PROCESS,
        server: serverId,
        bpdId: HIRING_BPD.bpdId,
        snapshotId: '2064.5d1e',
        x: 460,
        y: 60,
        wires: [[]],
      },
      { id: 'saved-list-tasks', type: BPM_LIST_TASKS, server: serverId, x: 460, y: 120, wires: [[]] },
      { id: 'saved-get-task', type: BPM_GET_TASK, server: serverId, x: 460, y: 180, wires: [[]] },
      { id: 'saved-complete-task', type: COMPLETE_TASK, server: serverId, x: 460, y: 240, wires: [[]] },
    ];
    const valid = await page.evaluate((nodes) => {
      RED.view.importNodes(nodes, { touchImport: true, notify: false });
      RED.view.redraw(true);
      return nodes.map((n) => RED.nodes.node(n.id).valid);
    }, saved);
    valid.should.eql(saved.map(() => true));
    for (const { id } of saved) {
      await page.locator(`${byId(id)} .red-ui-flow-node`).waitFor();
      (await page.locator(`${byId(id)} .red-ui-flow-node-error`).isVisible()).should.be.false(`${id} shows an error triangle`);
    }

    await openDialog('saved-start-process', 'variables');
    (await typedInputs(['processAppId', 'variables'])).should.eql([
      { types: VALUE_TYPES, type: 'str', value: '' },
      { types: VARIABLE_TYPES, type: 'json', value: '' },
    ]);
    (await page.locator('.red-ui-tray .input-error').count()).should.equal(0, 'start process: fields marked invalid');
    await cancelDialog('variables');

    await openDialog('saved-list-tasks', 'instanceId');
    (await typedInputs(['instanceId'])).should.eql([{ types: ID_TYPES, type: 'msg', value: 'payload' }]);
    (await page.locator('#node-input-state').inputValue()).should.equal('open');
    (await page.locator('#node-input-emit').inputValue()).should.equal('all');
    (await page.locator('.red-ui-tray .input-error').count()).should.equal(0, 'list tasks: fields marked invalid');
    await cancelDialog('instanceId');

    await openDialog('saved-get-task', 'taskId');
    (await typedInputs(['taskId'])).should.eql([{ types: ID_TYPES, type: 'msg', value: 'taskId' }]);
    await cancelDialog('taskId');

    await openDialog('saved-complete-task', 'variables');
    (await typedInputs(['taskId', 'variables'])).should.eql([
      { types: ID_TYPES, type: 'msg', value: 'taskId' },
      { types: VARIABLE_TYPES, type: 'json', value: '' },
    ]);
    (await page.locator('#node-input-claim').isChecked()).should.be.true('claim shows its default');
    (await page.locator('.red-ui-tray .input-error').count()).should.equal(0, 'complete task: fields marked invalid');
    await cancelDialog('variables');
  });

  it("shows the help of the IBM BPM task nodes in English, in Node-RED's sections, with the error codes each can give", async function () {
    for (const [id, type] of [
      [flow.bpm.start, START_PROCESS],
      [flow.bpm.list, BPM_LIST_TASKS],
      [flow.bpm.get, BPM_GET_TASK],
      [flow.bpm.complete, COMPLETE_TASK],
    ]) {
      await readHelpWithCodes(id, type);
    }
  });

  it(FINAL_STEP, function () {
    browserErrors.should.eql([]);
  });
});
