'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { startFlow, getTaskFlow, submitTaskFlow, withoutProperties, loadFlow, run, collect, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { accountTasks } = require('../simulator/inubit-task-fixtures');

const [LEAVE, INVOICE, LOCKED] = accountTasks();
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
/** A scenario key in the id position: a task that is always there, whose button submits `value` (204). */
const ALWAYS = 'ok-after-redirect';

describe('inubit-submit-task (README, "Nodes": inubit tasks)', function () {
  const sim = useSimulator();

  const posts = () => sim.requests.filter((r) => r.method === 'POST');
  const loadSubmit = (props = {}, server = {}) => loadFlow(submitTaskFlow(sim, props, server), sim);
  /** The submit node taking its fields from msg.fields. */
  const loadFields = (props = {}) => loadSubmit({ fields: 'fields', fieldsType: 'msg', ...props });
  /**
   * For each `[props, prepare]` of `cases`: a fresh simulator and submit node with `props`, `prepare(node)`,
   * then `check(props)`; the environment variables named in `env` are removed after.
   */
  async function eachCase(cases, env, check) {
    try {
      for (const [props, prepare] of cases) {
        sim.reset();
        await loadSubmit(props);
        prepare(helper.getNode('node'));
        await check(props);
        await helper.unload();
      }
    } finally {
      delete process.env[env];
    }
  }
  /** The body sent for `panel`, by the button `submitter`. */
  const bodyOf = (panel, submitter = 'value') =>
    `${DECLARATION}<Form><Response submitter="${submitter}"><Panel>${panel}</Panel></Response></Form>`;

  describe('request', function () {
    it('sends POST {base}/task/submit/{taskId} (msg.taskId by default) as application/xml; charset=utf-8, with Accept: application/xml', async function () {
      await loadSubmit();
      await run({ taskId: ALWAYS });
      posts().should.have.length(1);
      posts()[0].rawPath.should.equal(`/ibis/rest/task/submit/${ALWAYS}`);
      posts()[0].query.should.eql({});
      posts()[0].headers['content-type'].should.equal('application/xml; charset=utf-8');
      posts()[0].headers.accept.should.equal('application/xml');
    });

    it('the body: XML declaration, Response with the submitter, an empty Panel without fields', async function () {
      await loadSubmit();
      await run({ taskId: ALWAYS });
      posts()[0].body.should.equal(bodyOf(''));
    });

    it('takes msg.taskId and the submitter `value` in a flow saved without taskId, submitter and their types', async function () {
      await loadFlow(withoutProperties(submitTaskFlow(sim), 'node', 'taskId', 'taskIdType', 'submitter', 'submitterType'), sim);
      const result = await run({ taskId: ALWAYS });
      posts()[0].body.should.equal(bodyOf(''));
      result.out.should.have.length(1);
    });

    it("sends lang when not empty, the server's tenant as client and its userType", async function () {
      await loadSubmit({ lang: 'en', langType: 'str' }, { tenant: 'acme', userType: 'processUser' });
      await run({ taskId: ALWAYS });
      posts()[0].query.should.eql({ lang: 'en', client: 'acme', userType: 'processUser' });
    });

    it('percent-encodes the task id as one segment; "." and ".." are INVALID_INPUT', async function () {
      await loadSubmit();
      caughtWith(await run({ taskId: 'a/b c' }), 'NOT_FOUND');
      posts()[0].rawPath.should.equal('/ibis/rest/task/submit/a%2Fb%20c');
      for (const taskId of ['.', '..', '', undefined]) caughtWith(await run({ taskId }), 'INVALID_INPUT');
      posts().should.have.length(1);
    });
  });

  describe('fields', function () {
    it("one element per field in the object's order: text, numbers and booleans as text", async function () {
      await loadFields();
      await run({ taskId: ALWAYS, fields: { zeta: 'z', alpha: 1.5, beta: -3, ok: true, no: false, leer: '' } });
      posts()[0].body.should.equal(bodyOf('<zeta>z</zeta><alpha>1.5</alpha><beta>-3</beta><ok>true</ok><no>false</no><leer></leer>'));
    });

    it('escapes & < > " \' in values and in the submitter', async function () {
      await loadFields({ submitter: 'submitter', submitterType: 'msg' });
      const result = await run({ taskId: ALWAYS, submitter: 'a&"b\'<c>', fields: { text: 'Müller & Söhne <GmbH> "Q3" \'eilig\'' } });
      posts()[0].body.should.equal(
        bodyOf('<text>Müller &amp; Söhne &lt;GmbH&gt; &quot;Q3&quot; &apos;eilig&apos;</text>', 'a&amp;&quot;b&apos;&lt;c&gt;'),
      );
      // The scenario task has no such button.
      caughtWith(result, 'BAD_REQUEST');
    });

    it('null is an empty element; a list one element per item', async function () {
      await loadFields();
      await run({ taskId: ALWAYS, fields: { none: null, many: ['a', 2, false, null], after: 'x' } });
      posts()[0].body.should.equal(bodyOf('<none/><many>a</many><many>2</many><many>false</many><many/><after>x</after>'));
    });

    it('the server reads the fields as they were meant', async function () {
      await loadFields({ submitter: 'book', submitterType: 'str' });
      await run({ taskId: INVOICE.id, fields: { lieferant: 'Müller & Söhne <GmbH>', betrag: 1234.56, kostenstelle: ['4711', '0815'] } });
      sim.submittedForms().should.match([
        {
          taskId: INVOICE.id,
          submitter: 'book',
          fields: { lieferant: 'Müller & Söhne <GmbH>', betrag: '1234.56', kostenstelle: ['4711', '0815'] },
        },
      ]);
    });

    const refused = [
      ['a field name that is not an XML name (a digit first)', { '1a': 'x' }, /field name/],
      ['a field name that is not an XML name (a space)', { 'a b': 'x' }, /field name/],
      ['a field name that is not an XML name (a colon)', { 'ns:a': 'x' }, /field name/],
      ['a field name that starts with xml', { xmlField: 'x' }, /field name/],
      ['a field name that starts with XML', { XMLa: 'x' }, /field name/],
      ['an object value', { a: { b: 1 } }, /object/],
      ['a list inside a list', { a: [['x']] }, /list inside a list/],
      ['a number that is not finite', { a: NaN }, /NaN/],
      ['text that is not a <Form>', '<Forms/>', /text/],
      ['plain text', 'a=1', /text/],
    ];
    for (const [what, fields, message] of refused) {
      it(`${what} is INVALID_INPUT before any request`, async function () {
        await loadFields();
        caughtWith(await run({ taskId: ALWAYS, fields }), 'INVALID_INPUT').error.message.should.match(message);
        sim.requests.should.have.length(0);
      });
    }

    for (const [what, prefix] of [
      ['', ''],
      [' after whitespace', ' \n\t'],
      [' after an XML declaration and whitespace', `${DECLARATION}\n  `],
    ]) {
      it(`a whole-body <Form…> string${what} is sent unchanged`, async function () {
        const form = `${prefix}<Form version="2.0"><Response submitter="value"><Panel><Group><kommentar>a &amp; b</kommentar></Group></Panel></Response></Form>`;
        await loadFields({ submitter: 'ignored', submitterType: 'str' });
        const result = await run({ taskId: ALWAYS, fields: form });
        posts()[0].body.should.equal(form);
        result.out.should.have.length(1);
        sim.submittedForms()[0].fields.should.eql({ kommentar: 'a & b' });
      });
    }

    it('a whole-body <Form…> given as a JSON string in the node is sent unchanged', async function () {
      const form = '<Form><Response submitter="value"><Panel><kommentar>ok</kommentar></Panel></Response></Form>';
      await loadFlow(submitTaskFlow(sim, { fields: JSON.stringify(form), fieldsType: 'json' }), sim);
      const result = await run({ taskId: ALWAYS });
      posts()[0].body.should.equal(form);
      result.out.should.have.length(1);
    });
  });

  describe('fields from a TypedInput (README, "Nodes": variables and form fields)', function () {
    it('reads msg, flow, global, json, jsonata and env', async function () {
      const cases = [
        [{ fields: 'payload.fields', fieldsType: 'msg' }, () => {}],
        [{ fields: 'f', fieldsType: 'flow' }, (node) => node.context().flow.set('f', { a: 'x' })],
        [{ fields: 'f', fieldsType: 'global' }, (node) => node.context().global.set('f', { a: 'x' })],
        [{ fields: '{"a":"x"}', fieldsType: 'json' }, () => {}],
        [{ fields: '{"a": payload.fields.a}', fieldsType: 'jsonata' }, () => {}],
        [
          { fields: 'BPM_TEST_FIELDS', fieldsType: 'env' },
          () => {
            process.env.BPM_TEST_FIELDS = '{"a":"x"}';
          },
        ],
      ];
      await eachCase(cases, 'BPM_TEST_FIELDS', async (props) => {
        (await run({ taskId: ALWAYS, payload: { fields: { a: 'x' } } })).out.should.have.length(1, `with ${props.fieldsType}`);
        posts()[0].body.should.equal(bodyOf('<a>x</a>'), `with ${props.fieldsType}`);
      });
    });

    it('an env value that is not JSON is INVALID_INPUT before any request; an empty one sends none', async function () {
      try {
        process.env.BPM_TEST_FIELDS = 'a=x';
        await loadSubmit({ fields: 'BPM_TEST_FIELDS', fieldsType: 'env' });
        caughtWith(await run({ taskId: ALWAYS }), 'INVALID_INPUT').error.message.should.match(/not JSON/);
        sim.requests.should.have.length(0);
        process.env.BPM_TEST_FIELDS = ' ';
        (await run({ taskId: ALWAYS })).out.should.have.length(1);
        posts()[0].body.should.equal(bodyOf(''));
      } finally {
        delete process.env.BPM_TEST_FIELDS;
      }
    });

    it("undefined, null and '' send no fields; so does the default, an empty json value", async function () {
      await loadFields();
      for (const fields of [undefined, null, '']) await run({ taskId: ALWAYS, fields, payload: { a: 'never sent' } });
      await helper.unload();
      await loadSubmit();
      await run({ taskId: ALWAYS, payload: { a: 'never sent' } });
      posts()
        .map((r) => r.body)
        .should.eql(Array(4).fill(bodyOf('')));
    });

    for (const [what, fields] of [
      ['a list', [{ a: 1 }]],
      ['text', 'a'],
      ['a number', 5],
      ['a function', () => ({ a: 1 })],
    ]) {
      it(`${what} is INVALID_INPUT before any request`, async function () {
        await loadFields();
        caughtWith(await run({ taskId: ALWAYS, fields }), 'INVALID_INPUT');
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('submitter', function () {
    it('reads str, msg, flow, global and env', async function () {
      const cases = [
        [{ submitter: 'value', submitterType: 'str' }, () => {}],
        [{ submitter: 'button', submitterType: 'msg' }, () => {}],
        [{ submitter: 'button', submitterType: 'flow' }, (node) => node.context().flow.set('button', 'value')],
        [{ submitter: 'button', submitterType: 'global' }, (node) => node.context().global.set('button', 'value')],
        [
          { submitter: 'BPM_TEST_BUTTON', submitterType: 'env' },
          () => {
            process.env.BPM_TEST_BUTTON = 'value';
          },
        ],
      ];
      await eachCase(cases, 'BPM_TEST_BUTTON', async (props) => {
        (await run({ taskId: ALWAYS, button: 'value' })).out.should.have.length(1, `with ${props.submitterType}`);
        sim.submittedForms()[0].submitter.should.equal('value');
      });
    });

    for (const [what, button] of [
      ['empty', ''],
      ['whitespace only', '  '],
      ['missing', undefined],
    ]) {
      it(`a submitter that is ${what} is INVALID_INPUT before any request`, async function () {
        await loadSubmit({ submitter: 'button', submitterType: 'msg' });
        caughtWith(await run({ taskId: ALWAYS, button }), 'INVALID_INPUT').error.message.should.match(/submitter/);
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('answers', function () {
    it("201: payload = nextTaskId = the next task's id, taskId = the submitted task's, statusCode 201", async function () {
      await loadSubmit({ submitter: 'approve', submitterType: 'str' });
      const result = await run({ taskId: LEAVE.id, topic: 'keep me', custom: { a: 1 } });
      result.out.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.be.a.String().and.match(/^[0-9a-f-]{36}$/);
      msg.nextTaskId.should.equal(msg.payload);
      msg.taskId.should.equal(LEAVE.id);
      msg.statusCode.should.equal(201);
      msg.topic.should.equal('keep me');
      msg.custom.should.eql({ a: 1 });
      sim
        .inubitTasks(sim.username)
        .map((t) => t.id)
        .should.containEql(msg.nextTaskId)
        .and.not.containEql(LEAVE.id);
      result.status.should.match({ fill: 'green', shape: 'dot' });
    });

    it('204: still one message, payload null, nextTaskId removed, taskId, statusCode 204', async function () {
      await loadSubmit({ submitter: 'book', submitterType: 'str' });
      const result = await run({ taskId: INVOICE.id, nextTaskId: 'from before', statusCode: 200, topic: 'keep me' });
      result.out.should.have.length(1);
      const msg = result.out[0];
      should(msg.payload).be.null();
      msg.should.not.have.property('nextTaskId');
      msg.taskId.should.equal(INVOICE.id);
      msg.statusCode.should.equal(204);
      msg.topic.should.equal('keep me');
      result.completed.should.have.length(1);
    });

    it('423 (a task another user holds) is LOCKED', async function () {
      await loadSubmit();
      caughtWith(await run({ taskId: LOCKED.id }), 'LOCKED').statusCode.should.equal(423);
    });

    it('retries only after a 503 or a refused connection, never after a timeout, a reset or a 500', async function () {
      await loadSubmit({}, { timeout: 200 });
      const count = async (taskId) => {
        sim.requests.length = 0;
        await run({ taskId });
        return posts().length;
      };
      (await count('flaky-1')).should.equal(2);
      (await count('slow-1000')).should.equal(1);
      (await count('reset')).should.equal(1);
      (await count('status-500')).should.equal(1);
    });
  });

  describe('start → get task (with its form) → submit', function () {
    it('the task a start created is read and submitted, end to end', async function () {
      const more = [
        {
          id: 'get',
          z: 'tab',
          type: getTaskFlow.type,
          name: '',
          server: 'srv',
          taskId: 'taskId',
          taskIdType: 'msg',
          lang: '',
          langType: 'str',
          form: true,
          wires: [['submit']],
        },
        {
          id: 'submit',
          z: 'tab',
          type: 'inubit-submit-task',
          name: '',
          server: 'srv',
          taskId: 'taskId',
          taskIdType: 'msg',
          fields: '{"kommentar": "Erledigt: " & payload.name}',
          fieldsType: 'jsonata',
          submitter: 'form.submitters[0].submitter',
          submitterType: 'msg',
          lang: '',
          langType: 'str',
          wires: [['submitted']],
        },
        { id: 'submitted', z: 'tab', type: 'helper' },
      ];
      const flow = startFlow(sim, { user: sim.username }, {}, more).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'get']] } : n));
      await loadFlow(flow, sim);
      const submitted = collect('submitted');
      const started = (await run({ topic: 'journey' })).out[0];
      const [done] = await submitted.until(1);
      done.taskId.should.equal(started.taskId);
      done.statusCode.should.equal(204);
      done.topic.should.equal('journey');
      sim.requests
        .map((r) => `${r.method} ${r.segments.slice(0, 2).join('/')}`)
        .should.eql(['POST task/adhoc', 'GET task/tasks', 'GET task/data', 'POST task/submit']);
      const [form] = sim.submittedForms();
      form.should.match({ taskId: started.taskId, submitter: 'value' });
      form.fields.kommentar.should.startWith('Erledigt: ');
      sim
        .inubitTasks(sim.username)
        .map((t) => t.id)
        .should.not.containEql(started.taskId);
    });
  });
});
