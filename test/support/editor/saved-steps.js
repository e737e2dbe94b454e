'use strict';
// The editor test's steps on nodes saved without the properties added since: the defaults show,
// nothing is marked invalid. They run in the order editor.test.js calls them, on the page it opened
// (`ui`: the page, the demo, what earlier steps found in `flow`, and the helpers).
const { START, START_ACTIVITY, STARTERS, VALUE_TYPES, LANG_TYPES, byId } = require('./constants');

module.exports = function savedSteps(ui) {
  const { showWorkspace, openConfig, closeConfig, shownCredentials, configValues, typedInputs, openDialog, cancelDialog } = ui.helpers;
  const { flow } = ui;
  // The page and the demo exist once the suite's before has run.
  let page, demo;
  before(() => ({ page, demo } = ui));

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
};
