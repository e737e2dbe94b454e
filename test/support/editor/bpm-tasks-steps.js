'use strict';
// The editor test's steps on the IBM BPM task nodes: the palette, their dialogs, the process picker,
// the help. They run in the order editor.test.js calls them, on the page it opened (`ui`: the page,
// the demo, what earlier steps found in `flow`, and the helpers).
const { assignTaskFlow } = require('../flows');
const {
  START_PROCESS,
  BPM_LIST_TASKS,
  BPM_GET_TASK,
  COMPLETE_TASK,
  VARIABLE_TYPES,
  VALUE_TYPES,
  LANG_TYPES,
  ID_TYPES,
  byId,
} = require('./constants');

module.exports = function bpmTasksSteps(ui) {
  const {
    showWorkspace,
    typedInputs,
    shownInput,
    markedInvalid,
    typeLabel,
    rowLabel,
    dropFromPalette,
    openDialog,
    cancelDialog,
    closeNotices,
    setFixedText,
    saveFixedTaskId,
    addFlow,
    nodeLabel,
    readHelpWithCodes,
    checkPaletteEntries,
    demoBpmServer,
  } = ui.helpers;
  const { flow } = ui;
  // The page exists once the suite's before has run.
  let page;
  before(() => ({ page } = ui));

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
    const { EXPOSED_PROCESSES } = require('../../simulator/ibm-bpm-process-fixtures');
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
    const { HIRING_BPD } = require('../../simulator/ibm-bpm-process-fixtures');
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
};
