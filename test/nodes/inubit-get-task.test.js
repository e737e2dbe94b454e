'use strict';
require('should');
const { getTaskFlow, withoutProperties, loadFlow, run, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { answering } = require('../support/http');
const { accountTasks } = require('../simulator/inubit-task-fixtures');
const { ACCOUNT_TASK_PAYLOAD } = require('../support/node-kinds');

const [LEAVE, INVOICE, LOCKED, INFO] = accountTasks();

/** The leave request's form as msg.form holds it: nested containers left out, items, values, two submitters. */
const LEAVE_FORM = {
  fields: [
    { type: 'TextField', name: 'antragsteller', width: '300', label: 'Antragsteller', editable: 'false', value: 'Anna Schmidt' },
    { type: 'TextField', name: 'tage', width: '80', label: 'Tage', value: '3' },
    { type: 'TextArea', name: 'TextArea_308086401', width: '300', height: '80', label: 'Begründung' },
    { type: 'PasswordField', name: 'PasswordField_1182124896', width: '300', label: 'PIN' },
    {
      type: 'ComboBox',
      name: 'ComboBox_756522962',
      width: '300',
      editable: 'false',
      label: 'Vertretung',
      items: [
        { label: 'A', value: 'Value of A' },
        { label: 'B', value: 'Value of B' },
      ],
    },
    { type: 'CheckBox', name: 'dringend', label: 'Dringend', value: 'true' },
  ],
  submitters: [
    { submitter: 'approve', label: 'Genehmigen' },
    { submitter: 'reject', label: 'Ablehnen' },
  ],
};

describe('inubit-get-task (README, "Nodes": inubit tasks)', function () {
  const sim = useSimulator();

  const gets = () => sim.requests.filter((r) => r.method === 'GET');
  const loadGet = (props = {}, server = {}) => loadFlow(getTaskFlow(sim, props, server), sim);

  describe('request', function () {
    it('sends GET {base}/task/tasks/{taskId} with Accept: application/xml, the task id from msg.taskId by default', async function () {
      await loadGet();
      await run({ taskId: LEAVE.id });
      gets().should.have.length(1);
      gets()[0].rawPath.should.equal(`/ibis/rest/task/tasks/${LEAVE.id}`);
      gets()[0].query.should.eql({});
      gets()[0].headers.accept.should.equal('application/xml');
    });

    it('takes msg.taskId in a flow saved without taskId and taskIdType', async function () {
      await loadFlow(withoutProperties(getTaskFlow(sim), 'node', 'taskId', 'taskIdType'), sim);
      const result = await run({ taskId: LEAVE.id, payload: 'other' });
      gets()[0].segments.should.eql(['task', 'tasks', LEAVE.id]);
      result.out.should.have.length(1);
    });

    it('percent-encodes the task id as one segment; a number is its decimal text', async function () {
      await loadGet();
      await run({ taskId: 'a/b c' });
      await run({ taskId: 32370 });
      gets()
        .map((r) => r.rawPath)
        .should.eql(['/ibis/rest/task/tasks/a%2Fb%20c', '/ibis/rest/task/tasks/32370']);
    });

    for (const [what, taskId] of [
      ['missing', undefined],
      ['empty', ''],
      ['"."', '.'],
      ['".."', '..'],
      ['an object', { id: 1 }],
    ]) {
      it(`refuses a task id that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadGet();
        caughtWith(await run({ taskId }), 'INVALID_INPUT').error.message.should.match(/task id/);
        sim.requests.should.have.length(0);
      });
    }

    it("sends lang when not empty, the server's tenant as client and its userType", async function () {
      await loadGet({ lang: 'lang', langType: 'msg', form: true }, { tenant: 'acme', userType: 'processUser' });
      const result = await run({ taskId: INVOICE.id, lang: 'en' });
      gets()
        .map((r) => r.segments[1])
        .should.eql(['tasks', 'data']);
      gets().forEach((r) => r.query.should.eql({ lang: 'en', client: 'acme', userType: 'processUser' }));
      result.out[0].payload.name.should.equal('Check invoice & credit note <draft>');
    });
  });

  describe('200 with a <Task>', function () {
    it('sends one message: payload = the task, msg.taskId; other properties of the input message are kept', async function () {
      await loadGet();
      const result = await run({ taskId: LEAVE.id, topic: 'keep me', nested: { a: 1 } });
      result.out.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.eql(ACCOUNT_TASK_PAYLOAD);
      msg.taskId.should.equal(LEAVE.id);
      msg.topic.should.equal('keep me');
      msg.nested.should.eql({ a: 1 });
      msg.should.not.have.property('form');
      result.status.should.match({ fill: 'green', shape: 'dot' });
    });

    it('the task as the list sends it: absent attributes and elements have no key, entities decoded, text stays text', async function () {
      await loadGet();
      const info = (await run({ taskId: INFO.id })).out[0].payload;
      info.should.not.have.properties('expiration', 'description');
      info.should.match({ delegateRuleSetId: '17', locked: 'flow', units: [], fields: {} });
      const invoice = (await run({ taskId: INVOICE.id })).out[0].payload;
      invoice.should.match({ id: '0042', process: '007', name: 'Rechnung & Gutschrift <Entwurf> prüfen', fields: { nummer: '007' } });
    });

    it('a 200 with an empty body (no such task for this user) is NOT_FOUND with msg.statusCode 200', async function () {
      await loadGet();
      const msg = caughtWith(await run({ taskId: 'nope' }), 'NOT_FOUND');
      msg.statusCode.should.equal(200);
      msg.taskId.should.equal('nope');
    });

    it('423 (a task another user holds) is LOCKED', async function () {
      await loadGet();
      const msg = caughtWith(await run({ taskId: LOCKED.id }), 'LOCKED');
      msg.statusCode.should.equal(423);
      msg.error.message.should.containEql('locked by anna');
    });
  });

  describe('form', function () {
    it('with form, sends GET {base}/task/data/{taskId} after the task and adds msg.form: { fields, submitters }', async function () {
      await loadGet({ form: true });
      const result = await run({ taskId: LEAVE.id });
      gets()
        .map((r) => r.rawPath)
        .should.eql([`/ibis/rest/task/tasks/${LEAVE.id}`, `/ibis/rest/task/data/${LEAVE.id}`]);
      gets()[1].headers.accept.should.equal('application/xml');
      result.out.should.have.length(1);
      result.out[0].payload.id.should.equal(LEAVE.id);
      result.out[0].form.should.eql(LEAVE_FORM);
    });

    it('fields: entities decoded in values, labels and items; submitters: every submit(X) button', async function () {
      await loadGet({ form: true });
      const { form } = (await run({ taskId: INVOICE.id })).out[0];
      form.fields.should.eql([
        { type: 'TextField', name: 'lieferant', width: '300', label: 'Lieferant', value: 'Müller & Söhne <GmbH>' },
        { type: 'TextField', name: 'betrag', width: '120', label: 'Betrag (€)', value: '1.234,56' },
        {
          type: 'ComboBox',
          name: 'kostenstelle',
          width: '300',
          editable: 'true',
          label: 'Kostenstelle',
          items: [
            { label: 'Vertrieb & Marketing', value: '4711' },
            { label: 'F&E <intern>', value: '0815' },
          ],
        },
        { type: 'TextArea', name: 'notiz', width: '300', height: '60', label: 'Notiz', value: 'Zeile 1\nZeile 2 "wichtig"' },
      ]);
      form.submitters.should.eql([
        { submitter: 'book', label: 'Buchen' },
        { submitter: 'return', label: 'Zurückweisen' },
        { submitter: 'value', label: 'Rückfrage' },
      ]);
    });

    it('without form (the default, and in a flow saved without it) no second request and no msg.form', async function () {
      await loadFlow(withoutProperties(getTaskFlow(sim), 'node', 'form'), sim);
      const result = await run({ taskId: LEAVE.id, form: 'from before' });
      gets().should.have.length(1);
      result.out[0].form.should.equal('from before');
    });

    /** The task `1` as a stand-in server answers it, and `form` for its form (status, body). */
    const withForm = (form) =>
      answering((req) => (req.url.startsWith('/ibis/rest/task/tasks/') ? { body: '<Task id="1"><Name>Eins</Name></Task>' } : form));

    it('an empty form answer is form: { fields: [], submitters: [] }', async function () {
      const server = await withForm({ body: '' });
      try {
        await loadGet({ form: true }, { url: server.url });
        const result = await run({ taskId: '1' });
        result.out[0].form.should.eql({ fields: [], submitters: [] });
        result.out[0].payload.should.eql({ id: '1', name: 'Eins', units: [], fields: {} });
      } finally {
        await server.close();
      }
    });

    it('a 2xx form answer that is not a <Form> is INVALID_RESPONSE', async function () {
      const taskId = sim.addInubitTask(sim.username, { form: '<html><body>Login</body></html>' });
      await loadGet({ form: true });
      const msg = caughtWith(await run({ taskId }), 'INVALID_RESPONSE');
      msg.statusCode.should.equal(200);
      msg.error.message.should.match(/^Reading the form of task/);
      msg.should.not.have.property('form');
    });

    for (const [status, code, formRequests] of [
      [500, 'SERVER_ERROR', 1],
      [503, 'SERVICE_UNAVAILABLE', 3],
    ]) {
      it(`a failure of the form request (${status}) is the message's error, and the task request is not repeated`, async function () {
        const server = await withForm({
          status,
          type: 'application/json',
          body: JSON.stringify({ statusCode: status, message: 'Form failed' }),
        });
        try {
          await loadGet({ form: true }, { url: server.url });
          const msg = caughtWith(await run({ taskId: '1', topic: 't' }), code);
          msg.statusCode.should.equal(status);
          msg.error.message.should.match(/^Reading the form of task "1"/).and.containEql('Form failed');
          msg.should.not.have.property('form');
          msg.topic.should.equal('t');
          server.requests
            .map((r) => r.url.split('?')[0])
            .should.eql(['/ibis/rest/task/tasks/1', ...Array(formRequests).fill('/ibis/rest/task/data/1')]);
        } finally {
          await server.close();
        }
      });
    }

    it('a failure of the task request sends no form request', async function () {
      await loadGet({ form: true });
      caughtWith(await run({ taskId: LOCKED.id }), 'LOCKED');
      gets().should.have.length(1);
    });
  });
});
