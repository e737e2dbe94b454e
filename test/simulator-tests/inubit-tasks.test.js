'use strict';

// The simulated inubit server's task list, checked with plain node:http and a reader of its XML
// of the tests' own (test/support/inubit-tasks.js).

const { startSimulator } = require('../simulator');
const { readXml, readTask, inubitRequests } = require('../support/inubit-tasks');
const { accountTasks } = require('../simulator/inubit-task-fixtures');

const LEAVE = accountTasks()[0];
const INVOICE = accountTasks()[1];
const LOCKED = accountTasks()[2];
const INFO = accountTasks()[3];

describe('BPM simulator: inubit task list', function () {
  this.timeout(3000);
  let sim;
  let call;
  let errorBody;

  before(async () => {
    sim = await startSimulator({ port: 0 });
    ({ call, errorBody } = inubitRequests(sim));
  });
  after(() => sim && sim.close());
  beforeEach(() => {
    sim.reset();
  });

  const list = async (query = '', options) => {
    const r = await call('GET', `/task/tasks${query ? '?' + query : ''}`, options);
    r.status.should.equal(200);
    r.headers['content-type'].should.equal('application/xml');
    return readXml(r.body);
  };
  const ids = (tasklist) => tasklist.children.map((t) => t.attrs.id);
  const names = (tasklist) => tasklist.children.map((t) => readTask(t).name.text);

  describe('the task list (GET /task/tasks)', () => {
    it("lists the account's tasks as <Tasklist user total> with <Task> attributes in inubit's order", async () => {
      const r = await call('GET', '/task/tasks');
      r.body.should.startWith('<?xml version="1.0" encoding="UTF-8"?>\n<Tasklist user="flow" total="5">\n');
      r.body.should.containEql(
        `<Task id="${LEAVE.id}" process="32361" creation="1261055573295" expiration="1261059173295" ` +
          'action="Form" wait="0" test="true" popup="false">',
      );
      const tasklist = readXml(r.body);
      tasklist.attrs.should.eql({ user: 'flow', total: '5' });
      ids(tasklist).should.eql(accountTasks().map((t) => t.id));
    });

    it('gives each task its <Name>, <Description>, <Unit>s and <Field>s', async () => {
      readTask((await list()).children[0]).should.eql({
        attrs: {
          id: LEAVE.id,
          process: '32361',
          creation: '1261055573295',
          expiration: '1261059173295',
          action: 'Form',
          wait: '0',
          test: 'true',
          popup: 'false',
        },
        name: { lang: 'de', text: 'Urlaubsantrag prüfen' },
        description: { lang: 'de', text: 'Antrag von Anna Schmidt über 3 Tage' },
        units: [
          { name: 'Administrator', type: 'Role' },
          { name: 'HR_Sachbearbeiter', type: 'Role' },
        ],
        fields: {
          eins: { 'xml:lang': 'de', name: 'eins', index: '1', type: 'String', text: 'test wert 1' },
          zwei: { 'xml:lang': 'de', name: 'zwei', index: '2', type: 'String', text: 'test wert 2' },
        },
      });
    });

    it('writes entities, numeric references and umlauts, and a tenant as client', async () => {
      const r = await call('GET', '/task/tasks');
      r.body.should.containEql('<Name xml:lang="de">Rechnung &amp; Gutschrift &lt;Entwurf&gt; pr&#252;fen</Name>');
      r.body.should.containEql('<Name xml:lang="de">Ärztliche Bescheinigung anfordern</Name>');
      const invoice = readTask(readXml(r.body).children[1]);
      invoice.attrs.client.should.equal('acme');
      invoice.name.text.should.equal('Rechnung & Gutschrift <Entwurf> prüfen');
      invoice.description.text.should.equal('Müller & Söhne, "Q3" \'eilig\'');
      invoice.units.should.eql([{ name: 'Buchhaltung & Controlling', type: 'Group' }]);
      invoice.fields.lieferant.text.should.equal('Müller & Söhne <GmbH>');
      invoice.fields.nummer.text.should.equal('007');
    });

    it('leaves out what a task lacks: expiration, description, units, fields; an empty description is empty', async () => {
      const r = await call('GET', '/task/tasks');
      const [, , locked, info, last] = readXml(r.body).children.map(readTask);
      locked.attrs.locked.should.equal('anna');
      info.should.eql({
        attrs: {
          id: INFO.id,
          process: '32370',
          creation: '1700000200000',
          action: 'Info',
          wait: '0',
          test: 'false',
          popup: 'true',
          locked: 'flow',
          delegateRuleSetId: '17',
        },
        name: { lang: 'de', text: 'Hinweis: Wartung am Wochenende' },
        units: [],
        fields: {},
      });
      last.description.should.eql({ lang: 'de', text: '' });
      r.body.should.containEql('<Description xml:lang="de"/>');
    });

    it('gives English texts for lang=en and German for lang=de and a language it does not have', async () => {
      const en = (await list('lang=en')).children.map(readTask);
      en[0].name.should.eql({ lang: 'en', text: 'Review leave request' });
      en[0].fields.eins['xml:lang'].should.equal('en');
      for (const query of ['lang=de', 'lang=fr']) names(await list(query))[0].should.equal('Urlaubsantrag prüfen');
    });

    it('lists one task for one-task and none for no-tasks (<Tasklist user total="0"/>)', async () => {
      const one = await list('', { user: 'one-task' });
      one.attrs.should.eql({ user: 'one-task', total: '1' });
      readTask(one.children[0]).should.match({ units: [], fields: {}, name: { text: 'Adresse bestätigen' } });
      const none = await call('GET', '/task/tasks', { user: 'no-tasks' });
      none.body.should.equal('<?xml version="1.0" encoding="UTF-8"?>\n<Tasklist user="no-tasks" total="0"/>\n');
    });

    it('lists N tasks with unique ids for the user many-N', async () => {
      const tasklist = await list('', { user: 'many-250' });
      tasklist.attrs.total.should.equal('250');
      new Set(ids(tasklist)).size.should.equal(250);
      tasklist.children[0].attrs.should.have.properties('action', 'wait', 'test', 'popup');
    });

    it('gives the page start/count of the list, total staying the number of all tasks', async () => {
      const page = await list('start=1&count=2', { user: 'many-120' });
      page.attrs.total.should.equal('120');
      names(page).should.eql(['Aufgabe 2', 'Aufgabe 3']);
      const beyond = await list('start=200&count=10', { user: 'many-120' });
      beyond.attrs.should.eql({ user: 'many-120', total: '120' });
      beyond.children.should.eql([]);
    });

    it('filters on name: LIKE finds a part (any case) or a pattern with %, = the whole name', async () => {
      names(await list('nameFilter=VERTRAG&nameFilterComparison=LIKE')).should.eql(['Vertrag freigeben']);
      names(await list('nameFilter=%prüfen')).should.eql(['Urlaubsantrag prüfen', 'Rechnung & Gutschrift <Entwurf> prüfen']);
      names(await list('nameFilter=R%ung%&nameFilterComparison=LIKE')).should.eql(['Rechnung & Gutschrift <Entwurf> prüfen']);
      names(await list('nameFilter=vertrag%20freigeben&nameFilterComparison=%3D')).should.eql(['Vertrag freigeben']);
      names(await list('nameFilter=vertrag&nameFilterComparison=%3D')).should.eql([]);
      names(await list('nameFilter=vertrag&nameFilterCaseSensitive=true')).should.eql([]);
      const filtered = await list('nameFilter=contract&lang=en');
      filtered.attrs.total.should.equal('1');
    });

    it('filters on attributes with <, > and ranges ({field}FilterTo), and on fields with {field}FieldFilter', async () => {
      ids(await list('creationFilter=1700000100000&creationFilterComparison=%3E')).should.eql([INFO.id, accountTasks()[4].id]);
      ids(await list('creationFilter=1700000000000&creationFilterTo=1700000200000')).should.eql([INVOICE.id, LOCKED.id, INFO.id]);
      ids(await list('nummerFieldFilter=007&nummerFieldFilterComparison=%3D')).should.eql([INVOICE.id]);
      ids(await list('lockedFilter=anna')).should.eql([LOCKED.id]);
    });

    it('sorts on name and creation, ascending or descending, ä as a with enableDIN5007Sort', async () => {
      names(await list('nameSorting=ascending')).should.eql([
        'Hinweis: Wartung am Wochenende',
        'Rechnung & Gutschrift <Entwurf> prüfen',
        'Urlaubsantrag prüfen',
        'Vertrag freigeben',
        'Ärztliche Bescheinigung anfordern',
      ]);
      names(await list('nameSorting=ascending&enableDIN5007Sort=true'))[0].should.equal('Ärztliche Bescheinigung anfordern');
      names(await list('nameSorting=descending&lang=en')).should.eql([
        'Review leave request',
        'Release contract',
        'Notice: maintenance at the weekend',
        'Check invoice & credit note <draft>',
        'Ask for a medical certificate',
      ]);
      ids(await list('creationSorting=descending&count=2')).should.eql([accountTasks()[4].id, INFO.id]);
      ids(await list('creationSorting=ascending', { user: 'many-12' })).should.eql(ids(await list('', { user: 'many-12' })));
    });

    it('answers 400 for a sorting, comparison or page it cannot read', async () => {
      for (const query of ['nameSorting=up', 'nameFilter=a&nameFilterComparison=NEAR', 'count=-1', 'start=x']) {
        const r = await call('GET', `/task/tasks?${query}`);
        errorBody(r, 400).should.have.properties({ statusCode: 400, path: '/rest/task/tasks' });
      }
    });

    it("shows a tenant's tasks and those of none for client, and refuses an unknown tenant when tenants are set", async () => {
      ids(await list('client=acme')).should.eql(accountTasks().map((t) => t.id));
      ids(await list('client=other')).should.not.containEql(INVOICE.id);
      sim.setTenants(['acme']);
      errorBody(await call('GET', '/task/tasks?client=other'), 404).message.should.equal('Unknown client');
    });

    it('grows by one task at every request of the user growing', async () => {
      const first = ids(await list('', { user: 'growing' }));
      const second = ids(await list('', { user: 'growing' }));
      first.should.have.length(1);
      second.should.have.length(2);
      second[0].should.equal(first[0]);
    });

    it('lists a task added with addInubitTask, not one removed with removeInubitTask, and the fixtures after reset()', async () => {
      const id = sim.addInubitTask('flow', {
        name: { de: 'Neu', en: 'New' },
        fields: [{ name: 'a', index: '1', type: 'String', value: 'x' }],
      });
      const added = readTask((await list()).children[5]);
      added.should.match({ attrs: { id, action: 'Form' }, name: { text: 'Neu' }, fields: { a: { text: 'x' } } });
      sim.removeInubitTask(LEAVE.id).should.be.true();
      ids(await list()).should.not.containEql(LEAVE.id);
      sim
        .inubitTasks('flow')
        .map((t) => t.id)
        .should.containEql(id);
      sim.reset();
      ids(await list()).should.eql(accountTasks().map((t) => t.id));
    });

    it('takes the shared scenario keys as user names and as the query parameter scenario', async () => {
      errorBody(await call('GET', '/task/tasks', { user: 'status-500' }), 500).path.should.equal('/rest/task/tasks');
      errorBody(await call('GET', '/task/tasks?scenario=status-418'), 418).statusCode.should.equal(418);
      (await call('GET', '/task/tasks', { user: 'login-page' })).headers['content-type'].should.startWith('text/html');
      const cut = await call('GET', '/task/tasks?scenario=truncated');
      cut.body.should.startWith('<?xml').and.not.containEql('</Tasklist>');
      const moved = await call('GET', '/task/tasks?lang=en&scenario=redirect-same');
      moved.status.should.equal(302);
      moved.headers.location.should.equal(`${sim.inubitUrl}/task/tasks?lang=en&scenario=ok-after-redirect`);
      await call('GET', '/task/tasks', { user: 'reset' }).should.be.rejectedWith({ code: 'ECONNRESET' });
    });

    it('answers 401 as JSON or <ApiError> on version 9, as an HTML page on version 8, and for a wrong password', async () => {
      errorBody(await call('GET', '/task/tasks', { user: null }), 401).should.have.properties({
        message: 'Unauthorized access',
        path: '/rest/task/tasks',
      });
      const xml = await call('GET', '/task/tasks', { password: 'wrong', headers: { Accept: 'application/xml' } });
      readXml(xml.body).should.match({
        name: 'ApiError',
        children: [
          { name: 'statusCode', text: '401' },
          { name: 'message', text: 'Unauthorized access' },
          { name: 'path' },
          { name: 'timestamp' },
        ],
      });
      (await call('GET', '/task/tasks', { user: 'one-task', password: 'wrong' })).status.should.equal(401);
      (await call('GET', '/task/tasks', { user: 'nobody' })).status.should.equal(401);
      sim.setInubitVersion(8);
      const html = await call('GET', '/task/tasks', { user: null });
      html.status.should.equal(401);
      html.headers['content-type'].should.startWith('text/html');
    });

    it("lists the tasks of the portal token's user, and refuses it with userType=processEngineUser", async () => {
      sim.setInubitAuth('portalToken');
      (await list('', { user: null, headers: { 'X-AUTH-TOKEN': `Bearer ${sim.token}` } })).attrs.user.should.equal('flow');
      const jwt = `h.${Buffer.from(JSON.stringify({ preferred_username: 'one-task' })).toString('base64url')}.s`;
      sim.setToken(jwt);
      (await list('', { user: null, headers: { 'X-AUTH-TOKEN': `Bearer ${jwt}` } })).attrs.user.should.equal('one-task');
      (
        await call('GET', '/task/tasks?userType=processEngineUser', { user: null, headers: { 'X-AUTH-TOKEN': `Bearer ${jwt}` } })
      ).status.should.equal(401);
    });

    it('answers 503 in maintenance mode and 405 to a POST, and records the request', async () => {
      sim.setMaintenance(true);
      const r = await call('GET', '/task/tasks?start=0&count=5&client=acme&userType=processEngineUser');
      errorBody(r, 503);
      r.headers['retry-after'].should.equal('0');
      sim.requests[0].should.match({
        server: 'inubit',
        method: 'GET',
        segments: ['task', 'tasks'],
        authUser: 'flow',
        query: { start: '0', count: '5', client: 'acme', userType: 'processEngineUser' },
      });
      sim.setMaintenance(false);
      const post = await call('POST', '/task/tasks');
      post.status.should.equal(405);
      post.headers.allow.should.equal('GET');
    });
  });
});
