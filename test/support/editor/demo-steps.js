'use strict';
// The editor test's steps on the demo's example flows: the palette, the dialogs, Test connection,
// the starter picker, deploy, a run, the help. They run in the order editor.test.js calls them, on
// the page it opened (`ui`: the page, the demo, what earlier steps found in `flow`, and the
// helpers).
const path = require('path');
const { PALETTE, kindOf } = require('../node-kinds');
const { FLOW_TYPES } = require('../node-types');
const { IMAGES, VIEWPORT, START, LIST, VALUE_TYPES, STEP, byId } = require('./constants');

module.exports = function demoSteps(ui) {
  const { showWorkspace, showSidebar, simActivities, closeNotices, setFixedText, paletteCategory, paletteEntry } = ui.helpers;
  const { flow } = ui;
  // The page and the demo exist once the suite's before has run.
  let page, demo;
  before(() => ({ page, demo } = ui));

  it('opens the editor and loads the deployed example flows', async function () {
    this.timeout(45000);
    await page.goto(demo.editorUrl);
    await page.waitForFunction(
      () => window.RED && RED.workspaces && RED.workspaces.count() > 0 && document.querySelector('.red-ui-flow-node-group'),
      null,
      { timeout: 30000 },
    );
    // Where the example flows put our nodes, read from the editor's own model.
    Object.assign(
      flow,
      await page.evaluate(
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
      ),
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
    const { INUBIT_STARTERS } = require('../../simulator/fixtures');
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
};
