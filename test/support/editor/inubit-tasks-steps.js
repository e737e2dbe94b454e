'use strict';
// The editor test's steps on the inubit task nodes: the palette, their dialogs, the submitter
// picker, the help. They run in the order editor.test.js calls them, on the page it opened (`ui`:
// the page, the demo, what earlier steps found in `flow`, and the helpers).
const { LIST_TASKS, GET_TASK, SUBMIT_TASK, LANG_TYPES, ID_TYPES } = require('./constants');

module.exports = function inubitTasksSteps(ui) {
  const {
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
  } = ui.helpers;
  const { flow } = ui;
  // The page exists once the suite's before has run.
  let page;
  before(() => ({ page } = ui));

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
    const { accountTasks } = require('../../simulator/inubit-task-fixtures');
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
};
