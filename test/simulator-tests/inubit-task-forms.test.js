'use strict';

// The simulated inubit server's single tasks, their forms and submits, and a start's task through
// to its submit, checked with plain node:http and the tests' own XML reader (test/support/inubit-tasks.js).

const { startSimulator } = require('../simulator');
const { readXml, readTask, inubitRequests } = require('../support/inubit-tasks');
const { accountTasks, userTasks } = require('../simulator/inubit-task-fixtures');
const { INUBIT_STARTERS } = require('../simulator/fixtures');

const [LEAVE, INVOICE, LOCKED, INFO] = accountTasks();
const OTHERS_TASK = userTasks()['one-task'][0];
const CONTAINERS = ['Panel', 'Group', 'Row', 'Column'];

// The elements of a form below <Request> in document order, containers left out.
function elementsOf(node, out = []) {
  for (const child of node.children) {
    if (!CONTAINERS.includes(child.name)) out.push(child);
    if (child.name !== 'ComboBox') elementsOf(child, out);
  }
  return out;
}

describe('BPM simulator: inubit task, form and submit', function () {
  this.timeout(3000);
  let sim;
  let call;
  let errorBody;
  let submit;
  let submitBody;

  before(async () => {
    sim = await startSimulator({ port: 0 });
    ({ call, errorBody, submit, submitBody } = inubitRequests(sim));
  });
  after(() => sim && sim.close());
  beforeEach(() => {
    sim.reset();
  });

  const listIds = async (user) => readXml((await call('GET', '/task/tasks', { user })).body).children.map((t) => t.attrs.id);

  describe('one task (GET /task/tasks/{id})', () => {
    it('serves one <Task> document of the user, the same element as in the list', async () => {
      const r = await call('GET', `/task/tasks/${INVOICE.id}?lang=en`);
      r.status.should.equal(200);
      r.headers['content-type'].should.equal('application/xml');
      r.body.should.startWith('<?xml version="1.0" encoding="UTF-8"?>\n<Task id="0042" ');
      const inList = readXml((await call('GET', '/task/tasks?lang=en')).body).children[1];
      readTask(readXml(r.body)).should.eql(readTask(inList));
      readTask(readXml(r.body)).name.should.eql({ lang: 'en', text: 'Check invoice & credit note <draft>' });
    });

    it("answers 200 with an empty body for an unknown task, another user's and another tenant's", async () => {
      for (const path of ['/task/tasks/nope', `/task/tasks/${OTHERS_TASK.id}`, `/task/tasks/${INVOICE.id}?client=other`]) {
        const r = await call('GET', path);
        r.status.should.equal(200);
        r.body.should.equal('');
      }
    });

    it('answers 423 with an inubit error for a task another user holds, and serves one the user holds', async () => {
      errorBody(await call('GET', `/task/tasks/${LOCKED.id}`), 423).should.have.properties({
        statusCode: 423,
        message: `Task ${LOCKED.id} is locked by anna`,
        path: `/rest/task/tasks/${LOCKED.id}`,
      });
      const xml = await call('GET', `/task/tasks/${LOCKED.id}`, { headers: { Accept: 'application/xml' } });
      readXml(xml.body).should.match({ name: 'ApiError', children: [{ name: 'statusCode', text: '423' }] });
      readTask(readXml((await call('GET', `/task/tasks/${INFO.id}`)).body)).attrs.locked.should.equal('flow');
    });

    it('takes the shared scenario keys in the id position', async () => {
      errorBody(await call('GET', '/task/tasks/status-500'), 500).path.should.equal('/rest/task/tasks/status-500');
      readXml((await call('GET', '/task/tasks/slow-200')).body).attrs.id.should.equal('slow-200');
      sim.requests[sim.requests.length - 1].heldMs.should.equal(200);
      (await call('GET', '/task/tasks/login-page')).headers['content-type'].should.startWith('text/html');
      (await call('GET', '/task/tasks/truncated')).body.should.startWith('<?xml').and.not.containEql('</Task>');
      (await call('GET', '/task/tasks/wrong-type')).body.should.equal('[]');
      (await call('GET', '/task/tasks/flaky-1')).status.should.equal(503);
      (await call('GET', '/task/tasks/flaky-1')).status.should.equal(200);
      await call('GET', '/task/tasks/reset').should.be.rejectedWith({ code: 'ECONNRESET' });
    });
  });

  describe('the form of a task (GET /task/data/{id})', () => {
    it('serves <Form version="2.0" metric="px"><Request> with nested Panel, Group, Row and Column', async () => {
      const r = await call('GET', `/task/data/${LEAVE.id}`);
      r.status.should.equal(200);
      r.headers['content-type'].should.equal('application/xml');
      const form = readXml(r.body);
      form.should.match({ name: 'Form', attrs: { version: '2.0', metric: 'px' }, children: [{ name: 'Request' }] });
      const panel = form.children[0].children[0];
      panel.should.match({ name: 'Panel', attrs: { name: 'main', start: 'true' }, children: [{ name: 'Group' }, { name: 'Panel' }] });
      panel.children[0].children.map((c) => c.name).should.eql(['Row', 'Row', 'Row', 'Row']);
      panel.children[0].children[0].children.map((c) => c.name).should.eql(['Column', 'Column']);
    });

    it('has text fields, a text area, a password field, a combo box with items, a check box and buttons', async () => {
      const elements = elementsOf(readXml((await call('GET', `/task/data/${LEAVE.id}`)).body).children[0]);
      elements
        .map((e) => [e.name, e.attrs.name || e.attrs.label, e.text])
        .should.eql([
          ['TextField', 'antragsteller', 'Anna Schmidt'],
          ['TextField', 'tage', '3'],
          ['TextArea', 'TextArea_308086401', ''],
          ['PasswordField', 'PasswordField_1182124896', ''],
          ['ComboBox', 'ComboBox_756522962', ''],
          ['CheckBox', 'dringend', 'true'],
          ['Button', 'Genehmigen', ''],
          ['Button', 'Ablehnen', ''],
          ['Button', 'Drucken', ''],
        ]);
      elements[4].children
        .map((i) => i.attrs)
        .should.eql([
          { label: 'A', value: 'Value of A' },
          { label: 'B', value: 'Value of B' },
        ]);
      elements
        .filter((e) => e.name === 'Button')
        .map((e) => e.attrs.event)
        .should.eql(['submit(approve)', 'submit(reject)', 'print()']);
    });

    it('labels the form in English for lang=en', async () => {
      const elements = elementsOf(readXml((await call('GET', `/task/data/${LEAVE.id}?lang=en`)).body).children[0]);
      elements
        .filter((e) => e.name === 'Button')
        .map((e) => e.attrs.label)
        .should.eql(['Approve', 'Reject', 'Print']);
    });

    it('writes entities in values, labels and items, and several submit buttons', async () => {
      const r = await call('GET', `/task/data/${INVOICE.id}`);
      r.body.should.containEql('M&#252;ller &amp; S&#246;hne &lt;GmbH&gt;');
      const elements = elementsOf(readXml(r.body).children[0]);
      elements[0].text.should.equal('Müller & Söhne <GmbH>');
      elements[1].attrs.label.should.equal('Betrag (€)');
      elements[2].children.map((i) => i.attrs.label).should.eql(['Vertrieb & Marketing', 'F&E <intern>']);
      elements[3].text.should.equal('Zeile 1\nZeile 2 "wichtig"');
      elements
        .filter((e) => e.name === 'Button')
        .map((e) => e.attrs.event)
        .should.eql(['submit(book)', 'submit(return)', 'submit(value)']);
    });

    it('answers 200 with an empty body for an unknown task, 423 for a locked one, and the scenario keys', async () => {
      const r = await call('GET', '/task/data/nope');
      r.status.should.equal(200);
      r.body.should.equal('');
      errorBody(await call('GET', `/task/data/${LOCKED.id}`), 423).message.should.equal(`Task ${LOCKED.id} is locked by anna`);
      errorBody(await call('GET', '/task/data/status-404'), 404).path.should.equal('/rest/task/data/status-404');
      readXml((await call('GET', '/task/data/slow-10')).body).name.should.equal('Form');
      (await call('GET', '/task/data/truncated')).body.should.not.containEql('</Form>');
    });
  });

  describe('submitting a task (POST /task/submit/{id})', () => {
    it('answers 204 and records the form; the task leaves the list', async () => {
      const body = submitBody('book', '<lieferant>M&#252;ller &amp; S&#246;hne</lieferant><betrag>12</betrag><notiz/>');
      const r = await submit(INVOICE.id, body);
      r.status.should.equal(204);
      r.body.should.equal('');
      sim.submittedForms().should.eql([
        {
          taskId: INVOICE.id,
          user: 'flow',
          submitter: 'book',
          raw: body,
          fields: { lieferant: 'Müller & Söhne', betrag: '12', notiz: '' },
        },
      ]);
      (await listIds()).should.not.containEql(INVOICE.id);
      (await call('GET', `/task/tasks/${INVOICE.id}`)).body.should.equal('');
    });

    it("answers 201 with the next task's id as application/plain text; the next task is listed and served", async () => {
      const r = await submit(LEAVE.id, submitBody('approve', '<TextArea_308086401>Gute Erholung</TextArea_308086401>'));
      r.status.should.equal(201);
      r.headers['content-type'].should.equal('application/plain');
      r.body.should.equal(LEAVE.next.id);
      const ids = await listIds();
      ids.should.not.containEql(LEAVE.id);
      ids[ids.length - 1].should.equal(LEAVE.next.id);
      readTask(readXml((await call('GET', `/task/tasks/${r.body}`)).body)).name.text.should.equal('Vertretung informieren');
      (await submit(r.body, submitBody('value'))).status.should.equal(204);
    });

    it('records a name sent more than once as a list, and an XML declaration is optional', async () => {
      (
        await submit(INFO.id, '<Form><Response submitter="ok"><Panel><a>1</a><a>2</a><b>x</b></Panel></Response></Form>')
      ).status.should.equal(204);
      sim.submittedForms()[0].fields.should.eql({ a: ['1', '2'], b: 'x' });
    });

    it('answers 404 for an unknown task and 423 for a locked one, recording nothing', async () => {
      errorBody(await submit('nope', submitBody('value')), 404).should.have.properties({ statusCode: 404, path: '/rest/task/submit/nope' });
      errorBody(await submit(OTHERS_TASK.id, submitBody('value')), 404);
      errorBody(await submit(LOCKED.id, submitBody('value')), 423).message.should.equal(`Task ${LOCKED.id} is locked by anna`);
      sim.submittedForms().should.eql([]);
    });

    it('answers 400 for a body that is not well-formed, names no submitter or one the form has no button for', async () => {
      const bodies = [
        '<Form><Response submitter="book"><Panel></Form>',
        '',
        '<Answer/>',
        '<Form><Response><Panel/></Response></Form>',
        submitBody('approve'),
      ];
      for (const body of bodies) errorBody(await submit(INVOICE.id, body), 400).statusCode.should.equal(400);
      errorBody(await submit(INVOICE.id, submitBody('approve')), 400).message.should.equal(
        'The form of task 0042 has no button that submits approve',
      );
      sim.submittedForms().should.eql([]);
      (await listIds()).should.containEql(INVOICE.id);
    });

    it('answers 415 for a body that is not sent as XML', async () => {
      const r = await submit(INVOICE.id, submitBody('book'), { headers: { 'Content-Type': 'application/json' } });
      errorBody(r, 415).statusCode.should.equal(415);
    });

    it('answers 401 as inubit 9 and 8 send it, 503 in maintenance mode and 405 to a GET', async () => {
      errorBody(await submit(INVOICE.id, submitBody('book'), { user: null }), 401).message.should.equal('Unauthorized access');
      sim.setInubitVersion(8);
      (await submit(INVOICE.id, submitBody('book'), { user: null })).headers['content-type'].should.startWith('text/html');
      sim.setMaintenance(true);
      errorBody(await submit(INVOICE.id, submitBody('book')), 503);
      sim.setMaintenance(false);
      (await call('GET', `/task/submit/${INVOICE.id}`)).headers.allow.should.equal('POST');
    });

    it('takes the shared scenario keys in the id position, a normal one accepting the form', async () => {
      errorBody(await submit('status-500', submitBody('value')), 500);
      (await submit('login-page', submitBody('value'))).headers['content-type'].should.startWith('text/html');
      (await submit('slow-50', submitBody('value'))).status.should.equal(204);
      sim
        .submittedForms()
        .map((f) => f.taskId)
        .should.eql(['slow-50']);
      (await submit('wrong-type', submitBody('value'))).status.should.equal(201);
      await submit('truncated', submitBody('value')).should.be.rejected();
      await submit('reset', submitBody('value')).should.be.rejectedWith({ code: 'ECONNRESET' });
    });
  });

  describe('start, read and submit', () => {
    it('lists, serves and submits the task a start created for that user', async () => {
      const starter = INUBIT_STARTERS[0];
      const start = await call('POST', `/task/adhoc/anna/${starter.id}?client=acme`);
      start.status.should.equal(201);
      const id = start.body;
      (await listIds('anna')).should.eql([id]);
      const task = readTask(readXml((await call('GET', `/task/tasks/${id}?lang=en`, { user: 'anna' })).body));
      task.should.match({
        attrs: { id, client: 'acme', action: 'Form' },
        name: { text: starter.labels.en },
        units: [{ name: starter.role }],
      });
      const form = readXml((await call('GET', `/task/data/${id}`, { user: 'anna' })).body);
      elementsOf(form.children[0])
        .map((e) => e.attrs.event)
        .should.containEql('submit(value)');
      (await submit(id, submitBody('value', '<kommentar>ok</kommentar>'), { user: 'anna' })).status.should.equal(204);
      (await listIds('anna')).should.eql([]);
    });

    it('creates the task of a start answering 000123 under that id, and none for a start answering 204', async () => {
      (await call('POST', '/task/adhoc/flow/leading-zeros')).status.should.equal(201);
      (await call('POST', '/task/adhoc/flow/no-task')).status.should.equal(204);
      const ids = await listIds();
      ids.should.have.length(accountTasks().length + 1);
      ids[ids.length - 1].should.equal('000123');
    });
  });
});
