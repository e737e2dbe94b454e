'use strict';
const path = require('path');
const should = require('should');
const { helper } = require('../support/runtime');
const { listTasksFlow, loadFlow, credentials, run, runMany, collect, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { skipTest } = require('../support/skip');
const { simulatorIdle } = require('../support/waits');
const { answering } = require('../support/http');
const { accountTasks } = require('../simulator/inubit-task-fixtures');
const { ACCOUNT_TASK_PAYLOAD } = require('../support/node-kinds');

const STATUS = 'inubit-list-tasks.status';
const [LEAVE, INVOICE, LOCKED, INFO, CERTIFICATE] = accountTasks();
const ACCOUNT_IDS = accountTasks().map((t) => t.id);

describe('inubit-list-tasks (README, "Nodes": inubit tasks)', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const gets = () => sim.requests.filter((r) => r.server === 'inubit' && r.method === 'GET');
  const ids = (result) => result.out.map((m) => m.payload.id);
  /** The list node with `props`, signed in as `user` (default: the simulator's account). */
  const loadList = (props = {}, server = {}, user = sim.username) => loadFlow(listTasksFlow(sim, props, server), sim, { username: user });
  /** The list node reading its query from msg.payload, with `props`. */
  const loadQueried = (props = {}) => loadList({ query: 'payload', queryType: 'msg', ...props });

  describe('request', function () {
    it('sends GET {base}/task/tasks with Accept: application/xml and no query by default', async function () {
      await loadList();
      await run({ payload: { start: 0 } });
      gets().should.have.length(1);
      gets()[0].rawPath.should.equal('/ibis/rest/task/tasks');
      gets()[0].query.should.eql({});
      gets()[0].headers.accept.should.equal('application/xml');
      gets()[0].authUser.should.equal(sim.username);
    });

    it("sends lang when not empty, the server's tenant as client and its userType", async function () {
      await loadList({ lang: 'en', langType: 'str' }, { tenant: 'acme', userType: 'processUser' });
      const result = await run({});
      gets()[0].query.should.eql({ lang: 'en', client: 'acme', userType: 'processUser' });
      result.out[0].payload.name.should.equal('Review leave request');
    });

    it('sends no lang, client or userType when they are empty', async function () {
      await loadList({ lang: ' ', langType: 'str' }, { tenant: '', userType: '' });
      await run({});
      gets()[0].query.should.eql({});
    });

    it('query: the values of the object as parameters, text, numbers and booleans as text; null is left out', async function () {
      await loadQueried();
      const result = await run({
        payload: { start: 1, count: 2, nameFilter: 'ung', nameFilterCaseSensitive: false, nameSorting: 'ascending', gone: null },
      });
      gets()[0].query.should.eql({ start: '1', count: '2', nameFilter: 'ung', nameFilterCaseSensitive: 'false', nameSorting: 'ascending' });
      // Three names hold "ung"; sorted by name, the page of two from the second on: the server read the query.
      ids(result).should.eql([INVOICE.id, CERTIFICATE.id]);
      result.out.forEach((m) => m.total.should.equal(3));
    });

    it('query: a saved JSON object is sent with every message', async function () {
      await loadList({ query: '{"nameFilter":"Vertrag","nameFilterComparison":"LIKE"}', queryType: 'json' });
      const result = await run({});
      gets()[0].query.should.eql({ nameFilter: 'Vertrag', nameFilterComparison: 'LIKE' });
      ids(result).should.eql([LOCKED.id]);
    });

    it('query: read from msg, flow, global and jsonata as well', async function () {
      const cases = [
        [{ query: 'q', queryType: 'msg' }, () => {}],
        [{ query: 'q', queryType: 'flow' }, (node) => node.context().flow.set('q', { count: 1 })],
        [{ query: 'q', queryType: 'global' }, (node) => node.context().global.set('q', { count: 1 })],
        [{ query: '{"count": q.count}', queryType: 'jsonata' }, () => {}],
      ];
      for (const [props, prepare] of cases) {
        sim.reset();
        await loadList(props);
        prepare(helper.getNode('node'));
        const result = await run({ q: { count: 1 } });
        gets()[0].query.should.eql({ count: '1' }, `with ${props.queryType}`);
        result.out.should.have.length(1);
        await helper.unload();
      }
    });

    it('query: empty (the default), undefined and null send no parameters', async function () {
      await loadQueried();
      for (const payload of [undefined, null, '']) await run({ payload });
      gets().should.have.length(3);
      gets().forEach((r) => r.query.should.eql({}));
    });

    const shapes = [
      ['a list', [{ count: 1 }]],
      ['text', 'count=1'],
      ['a number', 5],
      ['an object as a value', { nameFilter: { like: 'x' } }],
      ['a list as a value', { count: [1, 2] }],
      ['a number that is not finite', { count: Infinity }],
    ];
    for (const [what, query] of shapes) {
      it(`query: ${what} is INVALID_INPUT and sends no request`, async function () {
        await loadQueried();
        caughtWith(await run({ payload: query }), 'INVALID_INPUT').error.message.should.match(/query/);
        sim.requests.should.have.length(0);
      });
    }
  });

  describe('payload (a task)', function () {
    /** The account's five tasks as the list node sends them. */
    async function payloads(props) {
      await loadList(props);
      return (await run({})).out.map((m) => m.payload);
    }

    it('every attribute of <Task> as text under its own name, name, description, units and fields', async function () {
      (await payloads())[0].should.eql(ACCOUNT_TASK_PAYLOAD);
    });

    it('an attribute that is absent has no key; any other attribute comes under its name', async function () {
      const info = (await payloads())[3];
      info.id.should.equal(INFO.id);
      info.should.not.have.property('expiration');
      info.should.not.have.property('client');
      info.delegateRuleSetId.should.equal('17');
      info.locked.should.equal('flow');
    });

    it('name and description: an empty element is "", an absent one no key', async function () {
      const all = await payloads();
      all[4].description.should.equal('');
      all[3].should.not.have.property('description');
      all[3].name.should.equal('Hinweis: Wartung am Wochenende');
    });

    it('units in order, [] when there are none; fields {} when there are none', async function () {
      const all = await payloads();
      all[2].units.should.eql([{ name: 'Vertrieb', type: 'Role' }]);
      all[3].units.should.eql([]);
      all[3].fields.should.eql({});
    });

    it('entities and numeric references are decoded, in attributes, names, descriptions, units and fields', async function () {
      (await payloads())[1].should.eql({
        id: '0042',
        process: '007',
        creation: '1700000000000',
        expiration: '1700086400000',
        action: 'Form',
        wait: '0',
        test: 'false',
        popup: 'false',
        client: 'acme',
        name: 'Rechnung & Gutschrift <Entwurf> prüfen',
        description: 'Müller & Söhne, "Q3" \'eilig\'',
        units: [{ name: 'Buchhaltung & Controlling', type: 'Group' }],
        fields: { lieferant: 'Müller & Söhne <GmbH>', betrag: '1234.56', nummer: '007' },
      });
    });

    it('text stays text: "007", "0042" and "000815" never become numbers', async function () {
      const all = await payloads();
      all[1].id.should.equal('0042');
      all[1].process.should.equal('007');
      all[1].fields.nummer.should.equal('007');
      all[4].fields.personalnummer.should.equal('000815');
      all.forEach((task) =>
        Object.entries(task)
          .filter(([key]) => !['units', 'fields'].includes(key))
          .forEach(([, value]) => value.should.be.a.String()),
      );
    });

    it('texts in the language asked for', async function () {
      (await payloads({ lang: 'en', langType: 'str' }))[4].should.match({ id: CERTIFICATE.id, name: 'Ask for a medical certificate' });
    });
  });

  describe('one message per task', function () {
    it('msg.parts: one id for the list, index, count, type array, len 1', async function () {
      await loadList();
      const result = await run({});
      const id = result.out[0].parts.id;
      id.should.be.a.String();
      result.out.map((m) => m.parts).should.eql(ACCOUNT_IDS.map((_, index) => ({ id, index, count: 5, type: 'array', len: 1 })));
    });

    it("msg.taskId: the id of the message's own task", async function () {
      await loadList();
      const result = await run({ taskId: 'from before' });
      result.out.map((m) => m.taskId).should.eql(ACCOUNT_IDS);
    });

    it('msg.total: the total attribute as a number', async function () {
      await loadQueried();
      const result = await run({ payload: { count: 2 } });
      result.out.should.have.length(2);
      result.out.forEach((m) => m.total.should.equal(5));
    });

    for (const [what, attributes] of [
      ['absent', ''],
      ['not a number', ' total="many"'],
      ['empty', ' total=""'],
    ]) {
      it(`msg.total: none when the total attribute is ${what}`, async function () {
        const server = await answering(() => ({ body: `<Tasklist user="flow"${attributes}><Task id="1"/></Tasklist>` }));
        try {
          await loadList({}, { url: server.url });
          const result = await run({ total: 'from before' });
          result.out.should.have.length(1);
          result.out[0].should.not.have.property('total');
        } finally {
          await server.close();
        }
      });
    }

    it('other properties of the input message are kept, each message a copy of its own', async function () {
      await loadList();
      const result = await run({ topic: 'keep me', nested: { a: [1] } });
      result.out.forEach((m) => {
        m.topic.should.equal('keep me');
        m.nested.should.eql({ a: [1] });
      });
      result.out[0].nested.should.not.equal(result.out[1].nested);
      result.completed.should.have.length(1);
    });

    it('a core Join node in automatic mode rebuilds the list', async function () {
      const join = [
        {
          id: 'rejoin',
          z: 'tab',
          type: 'join',
          mode: 'auto',
          build: 'array',
          property: 'payload',
          propertyType: 'msg',
          key: 'topic',
          joiner: '\\n',
          joinerType: 'str',
          accumulate: false,
          timeout: '',
          count: '',
          reduceRight: false,
          wires: [['joined']],
        },
        { id: 'joined', z: 'tab', type: 'helper' },
      ];
      const flow = listTasksFlow(sim, {}, {}, join).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'rejoin']] } : n));
      await loadFlow(flow, sim);
      const joined = collect('joined');
      await run({});
      const [msg] = await joined.until(1);
      msg.payload.map((task) => task.id).should.eql(ACCOUNT_IDS);
    });

    it('an empty <Tasklist/> sends nothing, is no error, and the status says "0 tasks"', async function () {
      await loadList({}, {}, 'no-tasks');
      const result = await run({});
      gets()[0].authUser.should.equal('no-tasks');
      result.out.should.have.length(0);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
      result.status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.noTasks` });
    });

    it('a list with one task is still a list', async function () {
      await loadList({}, {}, 'one-task');
      const result = await run({});
      result.out.should.have.length(1);
      result.out[0].parts.should.match({ index: 0, count: 1, type: 'array', len: 1 });
    });

    for (const [what, body] of [
      ['a <Task> document', '<Task id="1"/>'],
      ['a <Modules> list', '<Modules/>'],
      ['an empty body', ''],
    ]) {
      it(`a 200 that is not a <Tasklist> (${what}) is INVALID_RESPONSE`, async function () {
        const server = await answering(() => ({ body }));
        try {
          await loadList({}, { url: server.url });
          caughtWith(await run({}), 'INVALID_RESPONSE').statusCode.should.equal(200);
          server.requests.should.have.length(1);
        } finally {
          await server.close();
        }
      });
    }
  });

  describe('emit new (README, "Nodes": only new tasks)', function () {
    /** The node with emit new, its query from msg.payload. */
    const loadNew = (props = {}, user) => loadList({ emit: 'new', query: 'payload', queryType: 'msg', ...props }, {}, user);
    const added = (name) => sim.addInubitTask(sim.username, { name });

    it('the first answer counts as new: every task is sent', async function () {
      await loadNew();
      ids(await run({})).should.eql(ACCOUNT_IDS);
    });

    it('sends only the tasks that were not in the previous answer to the same request', async function () {
      await loadNew();
      await run({});
      const first = added('eins');
      const second = added('zwei');
      const result = await run({});
      ids(result).should.eql([first, second]);
      result.out.map((m) => m.taskId).should.eql([first, second]);
      ids(await run({})).should.eql([]);
    });

    it('msg.parts counts the tasks sent, so that a Join rebuilds what was new', async function () {
      await loadNew();
      await run({});
      added('eins');
      added('zwei');
      const result = await run({});
      const id = result.out[0].parts.id;
      result.out.map((m) => m.parts).should.eql([0, 1].map((index) => ({ id, index, count: 2, type: 'array', len: 1 })));
    });

    it('a task that left the list and came back counts as new: only the last answer is kept', async function () {
      await loadNew();
      await run({});
      sim.removeInubitTask(CERTIFICATE.id).should.be.true();
      ids(await run({})).should.eql([]);
      sim.addInubitTask(sim.username, { id: CERTIFICATE.id });
      ids(await run({})).should.eql([CERTIFICATE.id]);
    });

    it('remembers per request: another query has its own previous answer', async function () {
      await loadNew();
      ids(await run({ payload: { nameFilter: 'prüfen' } })).should.eql([LEAVE.id, INVOICE.id]);
      ids(await run({})).should.eql(ACCOUNT_IDS);
      ids(await run({ payload: { nameFilter: 'prüfen' } })).should.eql([]);
      ids(await run({ payload: { nameFilter: 'prüfen', count: 1 } })).should.eql([LEAVE.id]);
    });

    it('the first answer after a redeploy counts as new', async function () {
      await loadNew();
      ids(await run({})).should.eql(ACCOUNT_IDS);
      ids(await run({})).should.eql([]);
      await helper.setFlows(listTasksFlow(sim, { emit: 'new', query: 'payload', queryType: 'msg' }), 'full', credentials(sim));
      ids(await run({})).should.eql(ACCOUNT_IDS);
    });

    it('an empty answer sends nothing and is remembered as the last answer', async function () {
      await loadNew({}, 'no-tasks');
      (await run({})).out.should.have.length(0);
      const id = sim.addInubitTask('no-tasks', { name: 'neu' });
      ids(await run({})).should.eql([id]);
    });

    it('more than 1,000 requests are remembered: what counts is the task ids, at most 100,000, the least recently used request forgotten first', async function () {
      this.timeout(60000);
      await loadNew();
      /** Sends one message for each of `count` queries at once (each another request), each answered with `tasks` tasks. */
      const others = (from, count, tasks) =>
        runMany(
          Array.from({ length: count }, (_, i) => ({ payload: { scenario: `many-${tasks}`, n: from + i } })),
          { timeout: 50000 },
        );
      ids(await run({ payload: { q: 'A' } })).should.eql(ACCOUNT_IDS);
      // 1,500 other requests with an empty answer: A is still remembered.
      await others(0, 1500, 0);
      ids(await run({ payload: { q: 'A' } })).should.eql([]);
      // 101 requests of 1,000 tasks each pass 100,000 ids: the least recently used go first, A among them.
      for (let i = 0; i < 101; i += 10) await others(2000 + i, Math.min(10, 101 - i), 1000);
      ids(await run({ payload: { q: 'A' } })).should.eql(ACCOUNT_IDS);
      // The most recent one is still remembered: none of its tasks is new.
      (await run({ payload: { scenario: 'many-1000', n: 2100 } })).out.should.have.length(0);
    });

    it('the status says "N new of M"', async function () {
      const catalogue = require('../../nodes/locales/en-US/inubit-list-tasks.json')['inubit-list-tasks'];
      const nodes = path.join(__dirname, '..', '..', 'nodes');
      // Texts as the editor shows them: the node's English catalogue, its values filled in.
      const english = (key, values = {}) =>
        key
          .split('.')
          .slice(1)
          .reduce((at, part) => at[part], catalogue)
          .replace(/__(\w+)__/g, (_, name) => String(values[name]));
      const inEnglish = (RED) => require(path.join(nodes, 'inubit-list-tasks.js'))(Object.assign(Object.create(RED), { _: english }));
      await helper.load([require(path.join(nodes, 'inubit-server.js')), inEnglish], listTasksFlow(sim, { emit: 'new' }), credentials(sim));
      (await run({})).status.should.eql({ fill: 'green', shape: 'dot', text: '5 new of 5' });
      added('eins');
      (await run({})).status.should.eql({ fill: 'green', shape: 'dot', text: '1 new of 6' });
      (await run({})).status.should.eql({ fill: 'grey', shape: 'dot', text: '0 new of 6' });
    });
  });

  describe('soak: emit new over 10,000 polls of a changing list', function () {
    it('sends every task exactly once while it stays in the list, and memory stays flat', async function () {
      if (typeof global.gc !== 'function') skipTest(this, 'the memory checks need node --expose-gc');
      this.timeout(120000);
      const user = 'no-tasks';
      await loadList({ emit: 'new' }, {}, user);
      const node = helper.getNode('node');
      const sent = [];
      let finished = 0;
      helper.getNode('out').on('input', (msg) => sent.push(msg.taskId));
      const failures = [];
      helper.getNode('completed').on('input', () => {
        finished++;
      });
      helper.getNode('caught').on('input', (msg) => {
        failures.push(msg.error);
        finished++;
      });
      // The tasks in the list, oldest first.
      const waiting = [];
      /** Poll `i`: 0 to 2 tasks arrive, the oldest or one in the middle leave, then the list is read once. */
      async function poll(i) {
        const arrived = [];
        for (let n = [1, 0, 2, 1][i % 4]; n > 0; n--) arrived.push(sim.addInubitTask(user, { name: 'Aufgabe' }));
        while (waiting.length > 12) sim.removeInubitTask(waiting.splice(i % 3 === 0 ? 6 : 0, 1)[0]).should.be.true();
        waiting.push(...arrived);
        sent.length = 0;
        const before = finished;
        node.receive({});
        while (finished === before) await new Promise((resolve) => setImmediate(resolve));
        failures.should.eql([]);
        sent.should.eql(arrived);
      }
      // Measured once the simulator has ended every request: no socket of a poll is still busy.
      const settle = async () => {
        helper._sandbox.resetHistory();
        sim.requests.length = 0;
        await simulatorIdle(sim);
        global.gc();
        return process.memoryUsage().heapUsed;
      };
      for (let i = 0; i < 1000; i++) await poll(i);
      const before = await settle();
      for (let round = 0; round < 9; round++) {
        for (let i = 0; i < 1000; i++) await poll(1000 * (round + 1) + i);
        helper._sandbox.resetHistory();
        sim.requests.length = 0;
      }
      const growth = (await settle()) - before;
      growth.should.be.below(4 * 1024 * 1024);
      should(waiting.length).be.within(12, 14);
    });
  });
});
