'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { sendMessageFlow, loadFlow, credentials, run, collect, caughtWith, functionNode } = require('../support/flows');
const { useSimulator, freePort } = require('../support/simulated');
const { requestsArrived } = require('../support/waits');
const { ROOT, bpmRequests, loadShowingValues } = require('../support/ibm-bpm-tasks');
const { PROCESS_APP } = require('../simulator/ibm-bpm-process-fixtures');
const { BUILTIN_ORDER_PIID, BUILTIN_ORDER } = require('../simulator/ibm-bpm-event-fixtures');

const ACRONYM = PROCESS_APP.processAppAcronym;
const STATUS = 'ibm-bpm-send-message.status';

describe('ibm-bpm-send-message (README, "Nodes": send message)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const sends = () => bpmRequests(sim).filter((r) => r.method === 'POST' && r.rawPath === `${ROOT}/process`);
  /** The event message the server got with the `n`th request. */
  const sentXml = (n = 0) => sends()[n].query.message;
  const loadSend = (props = {}, server = {}) => loadFlow(sendMessageFlow(sim, { event: 'PAYMENT_RECEIVED', ...props }, server), sim);
  /** The node with parameters from msg.params. */
  const loadParams = (props = {}) => loadSend({ parameters: 'params', parametersType: 'msg', ...props });

  describe('the event message', function () {
    it('without the optional parts: <eventmsg><event processApp="…">{event}</event></eventmsg>, no snapshot, ucaname or <parameters>', async function () {
      await loadSend();
      (await run({})).out.should.have.length(1);
      sentXml().should.equal(`<eventmsg><event processApp="${ACRONYM}">PAYMENT_RECEIVED</event></eventmsg>`);
    });

    it('with every part: the attributes in the order processApp, snapshot, ucaname, then the parameters', async function () {
      await loadParams({ snapshot: PROCESS_APP.snapshotName, ucaName: 'Payment Received UCA' });
      (await run({ params: { orderNumber: 'ORD-4711', amount: '12.50' } })).out.should.have.length(1);
      sentXml().should.equal(
        `<eventmsg><event processApp="${ACRONYM}" snapshot="v1.2" ucaname="Payment Received UCA">PAYMENT_RECEIVED</event>` +
          '<parameters><parameter><key>orderNumber</key><value><![CDATA[ORD-4711]]></value></parameter>' +
          '<parameter><key>amount</key><value><![CDATA[12.50]]></value></parameter></parameters></eventmsg>',
      );
    });

    it('the UCA name alone, without a snapshot', async function () {
      await loadSend({ ucaName: 'Payment Received UCA' });
      await run({});
      sentXml().should.equal(`<eventmsg><event processApp="${ACRONYM}" ucaname="Payment Received UCA">PAYMENT_RECEIVED</event></eventmsg>`);
    });

    it('escapes & < > " \' in the attributes, the event name and the keys', async function () {
      const awkward = 'a&b<c>d"e\'f';
      await loadParams({
        processApp: 'app',
        processAppType: 'msg',
        snapshot: 'app',
        snapshotType: 'msg',
        ucaName: 'app',
        ucaNameType: 'msg',
        event: 'app',
        eventType: 'msg',
      });
      caughtWith(await run({ app: awkward, params: { [awkward]: awkward } }), 'BAD_REQUEST');
      const escaped = 'a&amp;b&lt;c&gt;d&quot;e&apos;f';
      sentXml().should.equal(
        `<eventmsg><event processApp="${escaped}" snapshot="${escaped}" ucaname="${escaped}">${escaped}</event>` +
          `<parameters><parameter><key>${escaped}</key><value><![CDATA[${awkward}]]></value></parameter></parameters></eventmsg>`,
      );
    });

    it('writes each value in CDATA as it is, a ]]> inside it split across two CDATA sections', async function () {
      await loadParams();
      await run({ params: { xml: '<a x="1">&amp;</a>', end: 'x]]>y]]>', only: ']]>' } });
      sentXml().should.containEql('<key>xml</key><value><![CDATA[<a x="1">&amp;</a>]]></value>');
      sentXml().should.containEql('<key>end</key><value><![CDATA[x]]]]><![CDATA[>y]]]]><![CDATA[>]]></value>');
      sentXml().should.containEql('<key>only</key><value><![CDATA[]]]]><![CDATA[>]]></value>');
      sim.bpmEventMessages()[0].parameters.should.eql([
        ['xml', '<a x="1">&amp;</a>'],
        ['end', 'x]]>y]]>'],
        ['only', ']]>'],
      ]);
    });

    it("keeps the parameters in the object's order", async function () {
      await loadParams();
      await run({ params: { zeta: '1', alpha: '2', mid: '3' } });
      sim
        .bpmEventMessages()[0]
        .parameters.map(([key]) => key)
        .should.eql(['zeta', 'alpha', 'mid']);
    });

    it('sends numbers and booleans as their text, null as an empty value, and leaves out a property without a value', async function () {
      await loadParams();
      await run({ params: { amount: 12.5, count: 0, paid: true, late: false, note: null, gone: undefined } });
      sim.bpmEventMessages()[0].parameters.should.eql([
        ['amount', '12.5'],
        ['count', '0'],
        ['paid', 'true'],
        ['late', 'false'],
        ['note', ''],
      ]);
      sentXml().should.containEql('<key>note</key><value><![CDATA[]]></value>');
    });

    for (const [what, params] of [
      ['no parameters', undefined],
      ['null', null],
      ['empty text', ''],
      ['an empty object', {}],
    ]) {
      it(`${what}: no <parameters> element`, async function () {
        await loadParams();
        await run({ params });
        sentXml().should.equal(`<eventmsg><event processApp="${ACRONYM}">PAYMENT_RECEIVED</event></eventmsg>`);
      });
    }

    for (const [what, value] of [
      ['an object', { a: 1 }],
      ['a list', ['a']],
      ['a date', new Date(0)],
    ]) {
      it(`a parameter whose value is ${what} is INVALID_INPUT with outcome not-done, and nothing is sent`, async function () {
        await loadParams();
        const msg = caughtWith(await run({ params: { orderNumber: 'ORD-1', bad: value } }), 'INVALID_INPUT');
        msg.error.message.should.match(/parameter "bad"/);
        msg.outcome.should.equal('not-done');
        sim.requests.should.have.length(0);
      });
    }

    for (const [what, params] of [
      ['a list', [1, 2]],
      ['text', 'orderNumber=1'],
      ['a number', 12],
    ]) {
      it(`parameters that are ${what} are INVALID_INPUT, and nothing is sent`, async function () {
        await loadParams();
        caughtWith(await run({ params }), 'INVALID_INPUT').outcome.should.equal('not-done');
        sim.requests.should.have.length(0);
      });
    }

    it('a value or a name with a character XML cannot carry is INVALID_INPUT, and nothing is sent', async function () {
      await loadParams();
      caughtWith(await run({ params: { note: 'bell \u0007' } }), 'INVALID_INPUT').error.message.should.match(/XML cannot carry/);
      caughtWith(await run({ params: { 'a\u0000': 'x' } }), 'INVALID_INPUT');
      await helper.unload();
      await loadSend({ event: 'e', eventType: 'msg' });
      caughtWith(await run({ e: 'E\u0001' }), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });

    for (const [what, value] of [
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', ' \t '],
    ]) {
      for (const [name, label] of [
        ['processApp', /process app acronym/],
        ['event', /event name/],
      ]) {
        it(`a ${name === 'event' ? 'event name' : 'process app acronym'} that is ${what} is INVALID_INPUT with outcome not-done, and nothing is sent`, async function () {
          await loadSend({ [name]: 'value', [`${name}Type`]: 'msg' });
          const msg = caughtWith(await run({ value }), 'INVALID_INPUT');
          msg.error.message.should.match(label);
          msg.error.message.should.match(/: the event message was not sent$/);
          msg.outcome.should.equal('not-done');
          sim.requests.should.have.length(0);
        });
      }
    }

    it('an acronym or event name that is an object or a list is INVALID_INPUT; a number is its decimal text', async function () {
      await loadSend({ event: 'value', eventType: 'msg' });
      caughtWith(await run({ value: { id: 'x' } }), 'INVALID_INPUT');
      caughtWith(await run({ value: ['x'] }), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
      (await run({ value: 4711 })).out.should.have.length(1);
      sentXml().should.equal(`<eventmsg><event processApp="${ACRONYM}">4711</event></eventmsg>`);
    });

    it('trims the names; an empty snapshot or UCA name is left out', async function () {
      await loadSend({ event: '  PAYMENT_RECEIVED ', ucaName: ' ', snapshot: '' });
      await run({});
      sentXml().should.equal(`<eventmsg><event processApp="${ACRONYM}">PAYMENT_RECEIVED</event></eventmsg>`);
    });
  });

  describe('request', function () {
    it('sends POST {base}/process with the form body action=sendMessage&message={the XML}, an empty URL query and Accept: application/json', async function () {
      await loadParams();
      (await run({ params: { orderNumber: 'ORD 4711 & co' }, payload: 'not sent' })).out.should.have.length(1);
      sim.requests.should.have.length(1);
      const [request] = sends();
      request.search.should.equal('');
      request.headers['content-type'].should.match(/^application\/x-www-form-urlencoded/);
      request.headers.accept.should.equal('application/json');
      should(request.headers['x-http-method-override']).be.undefined();
      const xml = `<eventmsg><event processApp="${ACRONYM}">PAYMENT_RECEIVED</event><parameters><parameter><key>orderNumber</key><value><![CDATA[ORD 4711 & co]]></value></parameter></parameters></eventmsg>`;
      request.body.should.equal(`action=sendMessage&message=${encodeURIComponent(xml)}`);
      request.body.should.not.containEql('not sent');
      request.authUser.should.equal(sim.username);
    });

    it('a message without parameters travels in the body too: never in the URL', async function () {
      await loadSend();
      await run({});
      sends()[0].search.should.equal('');
      sends()[0].body.should.startWith('action=sendMessage&message=');
    });

    it('reads str, msg, flow, global, env and jsonata for the acronym, the event, the UCA name and the snapshot', async function () {
      const each = (type, app, event, uca, snapshot) => ({
        processApp: app,
        processAppType: type,
        event,
        eventType: type,
        ucaName: uca,
        ucaNameType: type,
        snapshot,
        snapshotType: type,
      });
      const cases = [
        [each('msg', 'm.app', 'm.event', 'm.uca', 'm.snapshot'), () => {}],
        [
          each('flow', 'app', 'event', 'uca', 'snapshot'),
          (node) => ['app', 'event', 'uca', 'snapshot'].forEach((k) => node.context().flow.set(k, VALUES[k])),
        ],
        [
          each('global', 'app', 'event', 'uca', 'snapshot'),
          (node) => ['app', 'event', 'uca', 'snapshot'].forEach((k) => node.context().global.set(k, VALUES[k])),
        ],
        [
          each('env', 'BPM_TEST_APP', 'BPM_TEST_EVENT', 'BPM_TEST_UCA', 'BPM_TEST_SNAPSHOT'),
          () => {
            Object.assign(process.env, {
              BPM_TEST_APP: VALUES.app,
              BPM_TEST_EVENT: VALUES.event,
              BPM_TEST_UCA: VALUES.uca,
              BPM_TEST_SNAPSHOT: VALUES.snapshot,
            });
          },
        ],
        [each('jsonata', 'm.app', '$uppercase("payment_received")', 'm.uca', 'm.snapshot'), () => {}],
      ];
      const VALUES = { app: ACRONYM, event: 'PAYMENT_RECEIVED', uca: 'Payment Received UCA', snapshot: 'v1.2' };
      try {
        for (const [props, prepare] of cases) {
          sim.reset();
          await loadSend(props);
          prepare(helper.getNode('node'));
          (await run({ m: VALUES })).out.should.have.length(1, `with ${props.eventType}`);
          sim
            .bpmEventMessages()
            .should.match([{ processApp: ACRONYM, event: 'PAYMENT_RECEIVED', ucaName: 'Payment Received UCA', snapshot: 'v1.2' }]);
          await helper.unload();
        }
      } finally {
        for (const name of ['BPM_TEST_APP', 'BPM_TEST_EVENT', 'BPM_TEST_UCA', 'BPM_TEST_SNAPSHOT']) delete process.env[name];
      }
    });

    it('reads the parameters from json, msg, flow, global, jsonata and env', async function () {
      const PARAMETERS = { orderNumber: 'ORD-4711', paid: true };
      const cases = [
        [{ parameters: JSON.stringify(PARAMETERS), parametersType: 'json' }],
        [{ parameters: 'payload.p', parametersType: 'msg' }],
        [{ parameters: 'p', parametersType: 'flow' }, (node) => node.context().flow.set('p', PARAMETERS)],
        [{ parameters: 'p', parametersType: 'global' }, (node) => node.context().global.set('p', PARAMETERS)],
        [{ parameters: '{"orderNumber": payload.p.orderNumber, "paid": $not(false)}', parametersType: 'jsonata' }],
        [
          { parameters: 'BPM_TEST_PARAMETERS', parametersType: 'env' },
          () => {
            process.env.BPM_TEST_PARAMETERS = JSON.stringify(PARAMETERS);
          },
        ],
      ];
      try {
        for (const [props, prepare = () => {}] of cases) {
          sim.reset();
          await loadSend(props);
          prepare(helper.getNode('node'));
          (await run({ payload: { p: PARAMETERS } })).out.should.have.length(1, `with ${props.parametersType}`);
          sim.bpmEventMessages()[0].parameters.should.eql(
            [
              ['orderNumber', 'ORD-4711'],
              ['paid', 'true'],
            ],
            `with ${props.parametersType}`,
          );
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_PARAMETERS;
      }
    });

    it('an environment variable that is not a JSON object is INVALID_INPUT, and nothing is sent', async function () {
      process.env.BPM_TEST_PARAMETERS = '[1]';
      try {
        await loadSend({ parameters: 'BPM_TEST_PARAMETERS', parametersType: 'env' });
        caughtWith(await run({}), 'INVALID_INPUT');
        sim.requests.should.have.length(0);
      } finally {
        delete process.env.BPM_TEST_PARAMETERS;
      }
    });

    it('takes parameters built in a Function node', async function () {
      await loadFlow(
        sendMessageFlow(sim, { event: 'PAYMENT_RECEIVED', parameters: 'built', parametersType: 'msg' }, {}, [
          functionNode('msg.built = { orderNumber: "ORD-4711", paid: true };'),
        ]),
        sim,
      );
      (await run({}, { into: 'fn' })).out.should.have.length(1);
      sim.bpmEventMessages()[0].parameters.should.eql([
        ['orderNumber', 'ORD-4711'],
        ['paid', 'true'],
      ]);
    });
  });

  describe('200', function () {
    it('sends one message: the input message as it came, with statusCode 200', async function () {
      await loadSend();
      const input = { payload: { order: 'ORD-4711' }, topic: 'payments', taskId: 'kept', instanceId: 'kept', outcome: 'unknown' };
      const result = await run(structuredClone(input));
      result.out.should.have.length(1);
      const { _msgid, ...out } = result.out[0];
      const { outcome: _outcome, ...kept } = input;
      out.should.eql({ ...kept, statusCode: 200 });
    });

    it('shows a blue dot while requesting, then a green dot with the event name', async function () {
      await loadShowingValues('ibm-bpm-send-message', sendMessageFlow(sim, { event: 'PAYMENT_RECEIVED' }), credentials(sim));
      const result = await run({});
      result.statuses[0].should.match({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.sent {"event":"PAYMENT_RECEIVED"}` });
    });

    it('the waiting instance moves on: list tasks shows its new task', async function () {
      const list = {
        id: 'list',
        z: 'tab',
        type: 'ibm-bpm-list-tasks',
        name: '',
        server: 'srv',
        instanceId: 'instanceId',
        instanceIdType: 'msg',
        state: 'open',
        emit: 'all',
        wires: [['out']],
      };
      await loadFlow(
        sendMessageFlow(
          sim,
          { event: 'PAYMENT_RECEIVED', parameters: '{"orderNumber": payload}', parametersType: 'jsonata', wires: [['list']] },
          {},
          [list],
        ),
        sim,
      );
      const seen = collect('out');
      helper.getNode('node').receive({ payload: BUILTIN_ORDER.orderNumber, instanceId: BUILTIN_ORDER_PIID });
      const [task] = await seen.until(1);
      task.payload.should.match({ name: 'Ship order', status: 'Received', piid: BUILTIN_ORDER_PIID });
      task.statusCode.should.equal(200);
    });
  });

  describe('what the server refuses (README, "Errors")', function () {
    it('400: a message the server cannot read (an unknown process app) is BAD_REQUEST with outcome not-done', async function () {
      await loadSend({ processApp: 'NOPE' });
      const msg = caughtWith(await run({}), 'BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.outcome.should.equal('not-done');
      msg.serverError.errorNumber.should.equal('CWTBG0012E');
      msg.error.message.should.match(/^Sending event message "PAYMENT_RECEIVED" to process app "NOPE" failed: HTTP 400/);
      msg.error.message.should.match(/: the event message was not sent$/);
      sends().should.have.length(1);
    });

    it('400: an unknown snapshot is BAD_REQUEST', async function () {
      await loadSend({ snapshot: 'v9' });
      caughtWith(await run({}), 'BAD_REQUEST').serverError.errorMessageParameters.should.eql(['v9']);
    });

    it('401 CWTBG0549E: a user who may not send messages is UNAUTHORIZED, quoting the refusal and saying nothing of credentials', async function () {
      await loadSend({ event: 'forbidden' });
      const msg = caughtWith(await run({}), 'UNAUTHORIZED');
      msg.error.message.should.containEql('CWTBG0549E').and.not.match(/credentials|password/);
    });
  });

  describe('retries (README, "Errors")', function () {
    async function attempts(event, server = {}) {
      await loadSend({ event }, { timeout: 300, ...server });
      const result = await run({});
      return { count: sends().length, result };
    }

    it('not repeated after a timeout: TIMEOUT with outcome unknown after one request', async function () {
      const { count, result } = await attempts('slow-2000');
      count.should.equal(1);
      const msg = caughtWith(result, 'TIMEOUT');
      msg.outcome.should.equal('unknown');
      msg.error.message.should.match(/: the event message may have been sent: check before sending it again$/);
    });

    it('not repeated after a reset: CONNECTION_FAILED with outcome unknown after one request', async function () {
      const { count, result } = await attempts('reset');
      count.should.equal(1);
      caughtWith(result, 'CONNECTION_FAILED').outcome.should.equal('unknown');
    });

    it('repeated after a 503: sent again, and one message on the 200', async function () {
      const { count, result } = await attempts('flaky-1');
      count.should.equal(2);
      result.out.should.have.length(1);
      result.statuses.map((s) => s.text).should.containEql(`${STATUS}.retrying`);
    });

    it('repeated after a refused connection, with outcome not-done', async function () {
      const port = await freePort();
      await loadSend({}, { url: `http://127.0.0.1:${port}${ROOT}`, retries: 1 });
      caughtWith(await run({}), 'CONNECTION_FAILED').outcome.should.equal('not-done');
    });

    it('never after a 500', async function () {
      const { count, result } = await attempts('server-error');
      count.should.equal(1);
      caughtWith(result, 'SERVER_ERROR').outcome.should.equal('not-done');
    });
  });

  describe('on close (README, "When the answer is lost")', function () {
    it('a message already sent is left to finish, and its outcome is logged with the event name', async function () {
      await loadSend({ event: 'slow-200' });
      const node = helper.getNode('node');
      const warnings = [];
      node.warn = (text) => warnings.push(text);
      node.receive({});
      await requestsArrived(sim, 1);
      await helper.unload();
      warnings.should.eql(['send message slow-200 finished after the flow stopped: done (200)']);
    });
  });
});
