'use strict';
// The editor test's steps on the ad-hoc activity and starter nodes: their dialogs, an example run,
// nodes added from the palette, the Language field. They run in the order editor.test.js calls them,
// on the page it opened (`ui`: the page, the demo, what earlier steps found in `flow`, and the
// helpers).
const path = require('path');
const { kindOf } = require('../node-kinds');
const { IMAGES, VIEWPORT, LIST, START_ACTIVITY, STARTERS, VALUE_TYPES, LANG_TYPES, byId } = require('./constants');

module.exports = function adhocSteps(ui) {
  const {
    showWorkspace,
    showSidebar,
    typedInputs,
    shownInput,
    markedInvalid,
    typeLabel,
    rowLabel,
    dropFromPalette,
    openDialog,
    cancelDialog,
    simActivities,
    settledBox,
    closeNotices,
    setFixedText,
    addFlow,
    nodeLabel,
    readHelp,
  } = ui.helpers;
  const { flow } = ui;
  // The page and the demo exist once the suite's before has run.
  let page, demo;
  before(() => ({ page, demo } = ui));

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
};
