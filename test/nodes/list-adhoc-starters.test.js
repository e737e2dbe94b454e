'use strict';
require('should');
const { helper } = require('../support/runtime');
const { startersFlow, startFlow, withoutProperties, loadFlow, run, runMany, collect, caughtWith } = require('../support/flows');
const { followMessages } = require('../support/message-flow');
const { useSimulator } = require('../support/simulated');
const { until } = require('../support/waits');
const { INUBIT_STARTERS, generateStarters } = require('../simulator/fixtures');

describe('inubit-list-adhoc-starters (README, "Nodes")', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const gets = () => sim.requests.filter((r) => r.server === 'inubit' && r.method === 'GET');
  const STATUS = 'inubit-list-adhoc-starters.status';
  /** The payload of each fixture starter, in the language `lang`. */
  const expected = (lang = 'de') => INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels[lang], role: s.role, lang }));

  /** A flow whose node lists the starters of `user` (text). */
  const flowFor = (user, props = {}, server = {}) => startersFlow(sim, { user, userType: 'str', ...props }, server);

  describe('request', function () {
    it('sends GET {base}/task/adhoc/{user} with Accept: application/xml and Basic authentication', async function () {
      await loadFlow(flowFor('alice'), sim);
      await run({});
      sim.requests.should.have.length(1);
      const request = gets()[0];
      request.rawPath.should.equal('/ibis/rest/task/adhoc/alice');
      request.query.should.eql({});
      request.headers.accept.should.equal('application/xml');
      request.authUser.should.equal(sim.username);
    });

    const segments = [
      ['a "/" and a space', 'a/b c', 'a%2Fb%20c'],
      ['unicode as UTF-8', 'Jürgen€', 'J%C3%BCrgen%E2%82%AC'],
      ['? # % & characters', 'x?y#z%&=', 'x%3Fy%23z%25%26%3D'],
      ['an encoded dot-dot', '%2E%2E', '%252E%252E'],
    ];
    for (const [what, value, encoded] of segments) {
      it(`percent-encodes ${what} in the user so that it stays one segment`, async function () {
        await loadFlow(flowFor(value), sim);
        const result = await run({});
        gets()[0].rawPath.should.equal(`/ibis/rest/task/adhoc/${encoded}`);
        gets()[0].segments.should.eql(['task', 'adhoc', value]);
        result.out.should.have.length(INUBIT_STARTERS.length);
        result.out[0].user.should.equal(value);
      });
    }

    const invalid = [
      ['"."', '.'],
      ['".."', '..'],
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', ' \t\n '],
      ['an object', { user: 'alice' }],
      ['an array', ['alice']],
      ['a boolean', false],
    ];
    for (const [what, value] of invalid) {
      it(`refuses a user that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startersFlow(sim, { user: 'payload', userType: 'msg' }), sim);
        caughtWith(await run({ payload: value }), 'INVALID_INPUT').error.message.should.match(/user/);
        sim.requests.should.have.length(0);
      });
    }

    it('reads the user from str, msg, flow, global, env and jsonata values', async function () {
      const cases = [
        [{ user: 'str-user', userType: 'str' }, () => {}],
        [{ user: 'payload.user', userType: 'msg' }, () => {}],
        [{ user: 'who', userType: 'flow' }, (node) => node.context().flow.set('who', 'flow-user')],
        [{ user: 'who', userType: 'global' }, (node) => node.context().global.set('who', 'global-user')],
        [
          { user: 'BPM_TEST_USER', userType: 'env' },
          () => {
            process.env.BPM_TEST_USER = 'env-user';
          },
        ],
        [{ user: '$uppercase(payload.user)', userType: 'jsonata' }, () => {}],
      ];
      const users = ['str-user', 'msg-user', 'flow-user', 'global-user', 'env-user', 'MSG-USER'];
      try {
        for (const [index, [props, prepare]] of cases.entries()) {
          sim.reset();
          await loadFlow(startersFlow(sim, props), sim);
          prepare(helper.getNode('node'));
          const result = await run({ payload: { user: 'msg-user' } });
          gets()[0].segments.should.eql(['task', 'adhoc', users[index]], `with ${props.userType}`);
          result.out[0].user.should.equal(users[index]);
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_USER;
      }
    });
  });

  describe('lang', function () {
    it('sends lang as query parameter when it is not empty, and the server answers in that language', async function () {
      await loadFlow(flowFor('alice', { lang: 'en', langType: 'str' }), sim);
      const result = await run({});
      gets()[0].query.should.eql({ lang: 'en' });
      gets()[0].rawPath.should.equal('/ibis/rest/task/adhoc/alice');
      result.out.map((m) => m.payload).should.eql(expected('en'));
    });

    const notSent = [
      ['empty', { lang: '', langType: 'str' }, {}],
      ['whitespace only', { lang: '  \t', langType: 'str' }, {}],
      ['a msg property that is missing', { lang: 'lang', langType: 'msg' }, {}],
    ];
    for (const [what, props, input] of notSent) {
      it(`sends no lang when it is ${what}`, async function () {
        await loadFlow(flowFor('alice', props), sim);
        const result = await run(input);
        gets()[0].query.should.eql({});
        result.out.map((m) => m.payload).should.eql(expected('de'));
      });
    }

    it('sends no lang when the node has no lang property (a flow saved without it)', async function () {
      await loadFlow(withoutProperties(flowFor('alice'), 'node', 'lang', 'langType'), sim);
      const result = await run({});
      gets()[0].query.should.eql({});
      result.out.should.have.length(INUBIT_STARTERS.length);
    });

    it('reads lang from msg, flow, global and env', async function () {
      const cases = [
        [{ lang: 'lang', langType: 'msg' }, () => {}],
        [{ lang: 'lang', langType: 'flow' }, (node) => node.context().flow.set('lang', 'en')],
        [{ lang: 'lang', langType: 'global' }, (node) => node.context().global.set('lang', 'en')],
        [
          { lang: 'BPM_TEST_LANG', langType: 'env' },
          () => {
            process.env.BPM_TEST_LANG = 'en';
          },
        ],
      ];
      try {
        for (const [props, prepare] of cases) {
          sim.reset();
          await loadFlow(flowFor('alice', props), sim);
          prepare(helper.getNode('node'));
          const result = await run({ lang: 'en' });
          gets()[0].query.should.eql({ lang: 'en' }, `with ${props.langType}`);
          result.out[0].payload.lang.should.equal('en');
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_LANG;
      }
    });

    it('percent-encodes lang as a query value', async function () {
      await loadFlow(flowFor('alice', { lang: 'de&x=1 ü', langType: 'str' }), sim);
      await run({});
      gets()[0].query.should.eql({ lang: 'de&x=1 ü' });
    });
  });

  describe('200', function () {
    it('sends one message per starter, each a copy of the input message, with payload, parts and user', async function () {
      await loadFlow(flowFor('alice'), sim);
      const result = await run({ payload: 'go', topic: 'keep me', nested: { a: [1] } });
      result.out.should.have.length(INUBIT_STARTERS.length);
      result.out.map((m) => m.payload).should.eql(expected('de'));
      const id = result.out[0].parts.id;
      id.should.be.a.String();
      result.out.forEach((m, index) => {
        m.parts.should.eql({ id, index, count: INUBIT_STARTERS.length, type: 'array', len: 1 });
        m.user.should.equal('alice');
        m.topic.should.equal('keep me');
        m.nested.should.eql({ a: [1] });
      });
      result.out[0].nested.should.not.equal(result.out[1].nested);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
    });

    it('payload: { id, label, role, lang } from the attributes, xml:lang as lang, all text, entities decoded', async function () {
      await loadFlow(flowFor('alice'), sim);
      const payloads = (await run({})).out.map((m) => m.payload);
      payloads.forEach((p) => {
        Object.keys(p).sort().should.eql(['id', 'label', 'lang', 'role']);
        Object.values(p).forEach((value) => value.should.be.a.String());
      });
      payloads[1].id.should.equal('PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140');
      payloads[2].label.should.equal('Reisekosten & Spesen <Entwurf> "eilig" \'Q3\' Bestätigung');
    });

    it('payload: an attribute that is absent is absent (no key)', async function () {
      await loadFlow(flowFor('no-lang'), sim);
      const payloads = (await run({})).out.map((m) => m.payload);
      payloads.should.eql(INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels.de })));
      payloads.forEach((p) => {
        p.should.not.have.property('lang');
        p.should.not.have.property('role');
      });
    });

    it('payload: any other attribute under its name as written', async function () {
      await loadFlow(flowFor('extra-attributes'), sim);
      const payloads = (await run({})).out.map((m) => m.payload);
      payloads[0].should.eql({ ...expected('de')[0], description: 'Antrag auf Urlaub & Freizeitausgleich', priority: '01' });
      payloads.slice(1).should.eql(expected('de').slice(1));
    });

    it('msg.user: the user as text, also for a number', async function () {
      await loadFlow(startersFlow(sim, { user: 'payload', userType: 'msg' }), sim);
      const result = await run({ payload: 4711 });
      gets()[0].rawPath.should.equal('/ibis/rest/task/adhoc/4711');
      result.out.should.have.length(INUBIT_STARTERS.length);
      result.out.forEach((m) => m.user.should.equal('4711'));
    });

    it('a list with one starter is still a list', async function () {
      await loadFlow(flowFor('one-starter'), sim);
      const result = await run({});
      result.out.should.have.length(1);
      result.out[0].payload.should.eql(expected('de')[0]);
      result.out[0].parts.should.match({ index: 0, count: 1, type: 'array', len: 1 });
    });

    it("sends every starter of a long list in the server's order", async function () {
      await loadFlow(flowFor('many-50'), sim);
      const result = await run({});
      result.out.map((m) => m.payload.id).should.eql(generateStarters(50).map((s) => s.id));
      result.out.map((m) => m.parts.index).should.eql([...Array(50).keys()]);
      result.out.forEach((m) => m.parts.count.should.equal(50));
    });

    it('an empty <Modules/> sends nothing, is not an error, and the status says "0 starters"', async function () {
      await loadFlow(flowFor('no-starters'), sim);
      const result = await run({ payload: 'go' });
      result.out.should.have.length(0);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
      result.status.should.eql({ fill: 'grey', shape: 'dot', text: `${STATUS}.noStarters` });
    });

    it('shows a blue dot while requesting and a green dot with the count after', async function () {
      await loadFlow(flowFor('alice'), sim);
      const result = await run({});
      result.statuses[0].should.match({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      result.status.should.match({
        fill: 'green',
        shape: 'dot',
        text: new RegExp(`^${STATUS}\\.starters|^${INUBIT_STARTERS.length} starters$`),
      });
    });
  });

  describe('parts', function () {
    it('gives the starters of each input message their own parts id, also when in flight at once', async function () {
      await loadFlow(flowFor('alice'), sim);
      const result = await runMany([{ n: 1 }, { n: 2 }]);
      result.out.should.have.length(2 * INUBIT_STARTERS.length);
      const idsOf = (n) => new Set(result.out.filter((m) => m.n === n).map((m) => m.parts.id));
      const [one, two] = [idsOf(1), idsOf(2)];
      one.size.should.equal(1);
      two.size.should.equal(1);
      [...one][0].should.not.equal([...two][0]);
    });

    it('keeps an outer msg.parts as parts.parts, as the core Split node does', async function () {
      await loadFlow(flowFor('alice'), sim);
      const outer = { id: 'outer', index: 2, count: 4, type: 'array', len: 1 };
      const result = await run({ parts: outer });
      result.out.forEach((m) => m.parts.parts.should.eql(outer));
      result.out[0].parts.parts.should.not.equal(result.out[1].parts.parts);
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
      const flow = startersFlow(sim, {}, {}, join).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'rejoin']] } : n));
      await loadFlow(flow, sim);
      const joined = collect('joined');
      await run({});
      const [msg] = await joined.until(1);
      msg.payload.should.eql(expected('de'));
      msg.user.should.equal('alice');
    });
  });

  describe('into start ad-hoc process: a start node with user = msg.user and starterId = msg.payload.id', function () {
    for (const user of ['alice', 'Jürgen Müller/HR']) {
      it(`starts every listed starter once, for the listed user (${user})`, async function () {
        const start = [
          {
            id: 'start',
            z: 'tab',
            type: startFlow.type,
            name: '',
            server: 'srv',
            user: 'user',
            userType: 'msg',
            starterId: 'payload.id',
            starterIdType: 'msg',
            wires: [['started']],
          },
          { id: 'started', z: 'tab', type: 'helper' },
        ];
        const flow = flowFor(user, {}, {})
          .concat(start)
          .map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'start']] } : n));
        await loadFlow(flow, sim);
        const started = collect('started');
        const messages = followMessages();
        try {
          await run({});
          // The starter "no-task" creates no follow-on task: the others each send one. Once every
          // start has finished and nothing is on its way, all that the starts sent has arrived.
          await until(() => messages.finished('start') === INUBIT_STARTERS.length && messages.idle(), 'every start to finish');
        } finally {
          messages.stop();
        }
        started.messages.should.have.length(INUBIT_STARTERS.length - 1);
        const posts = sim.requests.filter((r) => r.method === 'POST');
        posts
          .map((r) => r.segments[3])
          .sort()
          .should.eql(INUBIT_STARTERS.map((s) => s.id).sort());
        posts.forEach((r) => r.segments.slice(0, 3).should.eql(['task', 'adhoc', user]));
        posts
          .map((r) => r.rawPath)
          .should.containEql(
            `/ibis/rest/task/adhoc/${encodeURIComponent(user)}/PAB%20HR-Recruiting%20Vorauswahl%40%40%40HR_Sachbearbeiter%40%40%40WF%20Starter%40%40%40140`,
          );
        started.messages.forEach((m) => {
          m.taskId.should.be.a.String().and.equal(m.payload);
          m.user.should.equal(user);
        });
      });
    }
  });
});
