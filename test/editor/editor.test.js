'use strict';

// The editor in a real browser (Debian's chromium through playwright-core) against the demo:
// palette, edit dialogs with their TypedInputs, Test connection, the starter and submitter pickers, deploy,
// two example flows run end to end (list the activities; start the READY ones), the help, new
// nodes dragged from the palette, nodes saved without the properties added since, and the kinds
// of authentication of the config dialogs with their credentials kept out of the flow file.
// Screenshots for the README (palette, edit-dialog, config-dialog, example-flow) go to docs/images.
// The steps build on each other and share one page, in the order a user would take them; each
// concern's steps are in a file of their own under test/support/editor/.

const fs = require('fs');
const os = require('os');
const path = require('path');
require('should');
const { freePort } = require('../support/http');
const { skipSuite, skipTest } = require('../support/skip');
const { CHROMIUM, CHROMIUM_ARGS, VIEWPORT, STEP, IMAGES, FINAL_STEP } = require('../support/editor/constants');
const { editorHelpers } = require('../support/editor/helpers');
// The steps, by concern (test/support/editor/).
const demoSteps = require('../support/editor/demo-steps');
const adhocSteps = require('../support/editor/adhoc-steps');
const savedSteps = require('../support/editor/saved-steps');
const authSteps = require('../support/editor/auth-steps');
const inubitTasksSteps = require('../support/editor/inubit-tasks-steps');
const bpmTasksSteps = require('../support/editor/bpm-tasks-steps');

describe('editor in a real browser', function () {
  this.timeout(30000);

  let demo;
  let browser;
  let page;
  const demoLog = [];
  // What the steps share: the page, the demo, what earlier steps found (`flow`) and the helpers.
  const ui = { flow: {} };
  ui.helpers = editorHelpers(ui);
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
    Object.assign(ui, { page, demo });
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

  // The steps, in the order a user takes them.
  demoSteps(ui);
  adhocSteps(ui);
  savedSteps(ui);
  authSteps(ui);
  inubitTasksSteps(ui);
  bpmTasksSteps(ui);

  it(FINAL_STEP, function () {
    browserErrors.should.eql([]);
  });
});
