'use strict';
// The editor test's ways of doing what a user does in the editor, on one page of a browser:
// switch flows, open and close dialogs, read TypedInputs, drag from the palette, read the help.
const { PALETTE, kindOf } = require('../node-kinds');
const { CREDENTIAL_FIELDS, byId, codesNamed } = require('./constants');

/** The helpers of the editor test's `ui`: each works on `ui.page`, the page with the editor of the demo `ui.demo` open. */
function editorHelpers(ui) {
  // Node-RED takes two clicks on tabs within 400 ms, a sidebar tab's included, for a double click,
  // which opens the flow's properties: switch flows as the editor's own menu does.
  async function showWorkspace(id) {
    await ui.page.evaluate((z) => RED.workspaces.show(z), id);
    await ui.page.waitForFunction((z) => RED.workspaces.active() === z, id);
  }

  // Opens the dialog of a config node; resolves once its oneditprepare has run (the spinners are its work).
  async function openConfig(id, type) {
    await ui.page.evaluate(([node, t]) => RED.editor.editConfig('', t, node), [id, type]);
    await ui.page.locator('#node-config-input-maxConcurrent.ui-spinner-input').waitFor({ state: 'attached' });
  }

  async function closeConfig(button) {
    await ui.page.locator(`#node-config-dialog-${button}`).click();
    await ui.page.locator('#node-config-input-url').waitFor({ state: 'detached' });
  }

  // The credential fields the open config dialog shows.
  async function shownCredentials() {
    const shown = [];
    for (const name of CREDENTIAL_FIELDS) {
      if (await ui.page.locator(`#node-config-input-${name}`).isVisible()) shown.push(name);
    }
    return shown;
  }

  // The values of the open config dialog's fields, for those it has.
  function configValues(names) {
    return ui.page.evaluate((fields) => {
      const values = {};
      for (const name of fields) {
        const field = $(`#node-config-input-${name}`);
        if (field.length) values[name] = field.val();
      }
      return values;
    }, names);
  }

  async function testConnection(result) {
    await ui.page.locator('#node-config-test-connection').click();
    const shown = ui.page.locator(`#node-config-test-connection-result[data-result="${result}"]`);
    await shown.waitFor();
    return shown;
  }

  // Node-RED 3 and 4 show one sidebar tab at a time; Node-RED 5 may show several panels at once.
  async function showSidebar(id, ready) {
    const tab = ui.page.locator(`#red-ui-tab-${id}`);
    if (await tab.isVisible()) await tab.click();
    else await ui.page.evaluate((name) => RED.sidebar.show(name), id);
    await ui.page.locator(ready).first().waitFor();
  }

  // The types a TypedInput offers, the type it shows and its value.
  function typedInputs(names) {
    return ui.page.evaluate(
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
  const typedField = (name) => ui.page.locator(`#node-input-${name} + .red-ui-typedInput-container`);
  const shownInput = (name) => typedField(name).locator('input.red-ui-typedInput-input');
  const markedInvalid = (name) => typedField(name).evaluate((el) => el.classList.contains('input-error'));
  const typeLabel = async (name) => (await typedField(name).locator('.red-ui-typedInput-type-label').innerText()).trim();

  // The text of the form row label of a field, as the dialog shows it.
  async function rowLabel(name) {
    return (await ui.page.locator(`.red-ui-tray label[for="node-input-${name}"]`).innerText()).trim();
  }

  // Drags a node from the palette onto the middle of the canvas, as a user adds one; resolves with its id.
  async function dropFromPalette(type, offsetY) {
    const known = await ui.page.evaluate((t) => RED.nodes.filterNodes({ type: t }).map((n) => n.id), type);
    const source = ui.page.locator(`#red-ui-palette .red-ui-palette-node[data-palette-type="${type}"]`);
    await source.scrollIntoViewIfNeeded();
    const from = await source.boundingBox();
    const chart = await ui.page.locator('#red-ui-workspace-chart').boundingBox();
    await ui.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await ui.page.mouse.down();
    await ui.page.mouse.move(chart.x + chart.width / 2, chart.y + chart.height / 3 + offsetY, { steps: 12 });
    await ui.page.mouse.up();
    const added = await ui.page.waitForFunction(
      ([t, ids]) => {
        const node = RED.nodes.filterNodes({ type: t }).find((n) => !ids.includes(n.id));
        return node ? node.id : false;
      },
      [type, known],
    );
    return added.jsonValue();
  }

  async function openDialog(id, field) {
    await ui.page.locator(`${byId(id)} .red-ui-flow-node`).dblclick();
    await ui.page.locator(`#node-input-${field}`).waitFor({ state: 'attached' });
    await ui.page.locator('.red-ui-tray .red-ui-typedInput-container').first().waitFor();
  }

  async function cancelDialog(field) {
    await ui.page.locator('#node-dialog-cancel').click();
    await ui.page.locator(`#node-input-${field}`).waitFor({ state: 'detached' });
  }

  // The ad-hoc activities of a process instance as the simulator lists them now.
  async function simActivities(instanceId) {
    const res = await fetch(`${ui.demo.sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`, {
      headers: {
        Accept: 'application/json',
        Authorization: `Basic ${Buffer.from(`${ui.demo.sim.username}:${ui.demo.sim.password}`).toString('base64')}`,
      },
    });
    res.status.should.equal(200);
    return (await res.json()).data.activities;
  }

  // Trays slide in: resolves with the box of what the locator finds once it has stopped moving.
  async function settledBox(locator) {
    let box = await locator.boundingBox();
    for (;;) {
      await ui.page.waitForTimeout(100);
      const now = await locator.boundingBox();
      if (JSON.stringify(now) === JSON.stringify(box)) return now;
      box = now;
    }
  }

  // Notices cover the tabs and the top of the canvas for seconds; a click closes them.
  async function closeNotices() {
    await ui.page.evaluate(() => $('.red-ui-notification').trigger('click'));
    await ui.page.waitForFunction(() => !document.querySelector('.red-ui-notification'));
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
    await setFixedText(ui.page.locator('#node-input-taskId'), taskId);
    await ui.page.locator('#node-dialog-ok').click();
    await ui.page.locator('#node-input-taskId').waitFor({ state: 'detached' });
    await ui.page.waitForFunction(([node, value]) => RED.nodes.node(node).taskId === value, [id, taskId]);
  }

  async function addFlow() {
    const before = await ui.page.evaluate(() => RED.workspaces.active());
    await ui.page.evaluate(() => RED.actions.invoke('core:add-flow'));
    await ui.page.waitForFunction((z) => RED.workspaces.active() !== z, before);
    return ui.page.evaluate(() => RED.workspaces.active());
  }

  // The label a node shows on the canvas.
  async function nodeLabel(id) {
    return (await ui.page.locator(`${byId(id)} .red-ui-flow-node-label`).textContent()).trim();
  }

  // The help of a node in the help sidebar, in Node-RED's sections and with the words of `patterns`; resolves with its text.
  async function readHelp(id, title, patterns) {
    await ui.page.locator(`${byId(id)} .red-ui-flow-node`).click();
    await showSidebar('help', '.red-ui-sidebar-help-stack');
    await ui.page.locator('.red-ui-help-title').filter({ hasText: title }).waitFor();
    const help = ui.page.locator('.red-ui-sidebar-help-stack .red-ui-help').first();
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
  const paletteCategory = (name) => ui.page.locator(`#red-ui-palette-container-${name.replace(/[^\w-]/g, '_')}`);
  const paletteEntry = (category, type) => paletteCategory(category).locator(`.red-ui-palette-node[data-palette-type="${type}"]`);

  /** Each of `types` is in the palette category of its server with its label, its server's icon and its tooltip (its row of the node kinds). */
  async function checkPaletteEntries(types) {
    for (const type of types) {
      const { label, tip, server } = kindOf(type);
      const entry = paletteEntry(PALETTE[server].category, type);
      await entry.scrollIntoViewIfNeeded();
      (await entry.getAttribute('data-palette-label')).should.equal(label, type);
      (await entry.locator('.red-ui-palette-icon').getAttribute('style')).should.containEql(PALETTE[server].icon, type);
      await entry.hover();
      await ui.page.locator('.red-ui-popover', { hasText: tip }).waitFor();
      await ui.page.mouse.move(640, 400);
      await ui.page.locator('.red-ui-popover').waitFor({ state: 'detached' });
    }
  }

  // The demo's own IBM BPM server, as the examples use it (its credentials are deployed).
  function demoBpmServer() {
    return ui.page.evaluate(() => {
      let found;
      RED.nodes.eachConfig((n) => {
        if (!found && n.type === 'ibm-bpm-server' && !/^saved-/.test(n.id)) found = n.id;
      });
      return found;
    });
  }

  return {
    showWorkspace,
    openConfig,
    closeConfig,
    shownCredentials,
    configValues,
    testConnection,
    showSidebar,
    typedInputs,
    typedField,
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
    saveFixedTaskId,
    addFlow,
    nodeLabel,
    readHelp,
    readHelpWithCodes,
    paletteCategory,
    paletteEntry,
    checkPaletteEntries,
    demoBpmServer,
  };
}

module.exports = { editorHelpers };
