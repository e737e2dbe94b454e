'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { listFlow, loadFlow, run, runMany, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const { SEED_ACTIVITIES, ONE_ACTIVITY, MIXED_ACTIVITIES } = require('../simulator/fixtures');

describe('ibm-bpm-list-adhoc-activities (README, "Nodes")', function () {
  const sim = useSimulator();

  const gets = () => sim.requests.filter((r) => r.server === 'bpm');

  for (const [format, accept] of [
    ['json', 'application/json'],
    ['xml', 'application/xml'],
  ]) {
    describe(`format ${format}`, function () {
      it(`sends GET {base}/process/{instanceId}/adHocActivities with Accept: ${accept}`, async function () {
        await loadFlow(listFlow(sim, { format }), sim);
        await run({ payload: '102' });
        gets().should.have.length(1);
        gets()[0].method.should.equal('GET');
        gets()[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
        gets()[0].headers.accept.should.equal(accept);
        gets()[0].authUser.should.equal(sim.username);
      });

      it('sends one message per activity, each a copy of the input message, with payload, parts and instanceId', async function () {
        await loadFlow(listFlow(sim, { format }), sim);
        const result = await run({ payload: '102', topic: 'keep me', nested: { a: [1] } });
        result.out.should.have.length(2);
        result.out.map((m) => m.payload).should.eql(SEED_ACTIVITIES);
        const id = result.out[0].parts.id;
        id.should.be.a.String();
        result.out.forEach((m, index) => {
          m.parts.should.eql({ id, index, count: 2, type: 'array', len: 1 });
          m.instanceId.should.equal('102');
          m.topic.should.equal('keep me');
          m.nested.should.eql({ a: [1] });
        });
        result.out[0].nested.should.not.equal(result.out[1].nested);
        result.status.should.match({ fill: 'green', shape: 'dot' });
      });

      it('keeps text as text, decodes XML entities and turns xsi:nil into null', async function () {
        await loadFlow(listFlow(sim, { format }), sim);
        const result = await run({ payload: '103' });
        result.out.map((m) => m.payload).should.eql(MIXED_ACTIVITIES);
        const byId = Object.fromEntries(result.out.map((m) => [m.payload.id, m.payload]));
        should(byId['2118.1234']).be.an.Object();
        byId['2118.1234'].name.should.equal('007');
      });

      it('a list with one element is still a list', async function () {
        await loadFlow(listFlow(sim, { format }), sim);
        const result = await run({ payload: '101' });
        result.out.should.have.length(1);
        result.out[0].payload.should.eql(ONE_ACTIVITY[0]);
        result.out[0].parts.should.match({ index: 0, count: 1, type: 'array', len: 1 });
      });

      it('an empty list sends nothing, is not an error, and the status says "0 activities"', async function () {
        await loadFlow(listFlow(sim, { format }), sim);
        const result = await run({ payload: '100' });
        result.out.should.have.length(0);
        result.caught.should.have.length(0);
        result.completed.should.have.length(1);
        result.status.should.match({ fill: 'grey', text: 'ibm-bpm-list-adhoc-activities.status.noActivities' });
      });

      it('returns the same activity objects as the other format', async function () {
        const flows = {};
        for (const f of ['json', 'xml']) {
          await loadFlow(listFlow(sim, { format: f }), sim);
          flows[f] = (await run({ payload: 'many-50' })).out.map((m) => m.payload);
          await helper.unload();
        }
        flows.json.should.have.length(50);
        flows.xml.should.eql(flows.json);
      });
    });
  }

  it('asks for JSON when the node has no format property', async function () {
    const flow = listFlow(sim).map((n) => {
      if (n.id !== 'node') return n;
      const copy = { ...n };
      delete copy.format;
      return copy;
    });
    await loadFlow(flow, sim);
    const result = await run({ payload: '102' });
    result.out.map((m) => m.payload).should.eql(SEED_ACTIVITIES);
    gets().should.have.length(1);
    gets()[0].headers.accept.should.equal('application/json');
  });

  it('gives the activities of each input message their own parts id', async function () {
    await loadFlow(listFlow(sim), sim);
    const first = await run({ payload: '102' });
    const second = await run({ payload: '102' });
    first.out.should.have.length(2);
    second.out.should.have.length(2);
    const firstId = first.out[0].parts.id;
    const secondId = second.out[0].parts.id;
    first.out[1].parts.id.should.equal(firstId);
    second.out[1].parts.id.should.equal(secondId);
    firstId.should.not.equal(secondId);
  });

  it('gives two input messages in flight at once different parts ids', async function () {
    await loadFlow(listFlow(sim), sim);
    const result = await runMany([
      { payload: '102', n: 1 },
      { payload: '103', n: 2 },
    ]);
    result.out.should.have.length(5);
    const idsOf = (n) => new Set(result.out.filter((m) => m.n === n).map((m) => m.parts.id));
    const [one, two] = [idsOf(1), idsOf(2)];
    one.size.should.equal(1);
    two.size.should.equal(1);
    [...one][0].should.not.equal([...two][0]);
  });

  it('a core Join node in automatic mode rebuilds the array', async function () {
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
    const flow = listFlow(sim, { format: 'xml' }, {}, join).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'rejoin']] } : n));
    await loadFlow(flow, sim);
    const joined = new Promise((resolve) => helper.getNode('joined').on('input', resolve));
    await run({ payload: '103' });
    const msg = await joined;
    msg.payload.should.eql(MIXED_ACTIVITIES);
  });

  it('keeps an outer msg.parts as parts.parts, as the core Split node does', async function () {
    await loadFlow(listFlow(sim), sim);
    const outer = { id: 'outer', index: 3, count: 5, type: 'array', len: 1 };
    const result = await run({ payload: '102', parts: outer });
    result.out[0].parts.parts.should.eql(outer);
    result.out[1].parts.parts.should.eql(outer);
    result.out[0].parts.parts.should.not.equal(result.out[1].parts.parts);
  });

  it('gives every message its own copy of the input, with only plain values or with objects', async function () {
    await loadFlow(listFlow(sim), sim);
    for (const input of [
      { topic: 't', flag: true, n: 1, none: null },
      { topic: 't', list: [{ a: 1 }], when: new Date(0) },
    ]) {
      const result = await run({ payload: '102', ...input });
      result.out.should.have.length(2);
      const [first, second] = result.out;
      first.should.not.equal(second);
      for (const [key, value] of Object.entries(input)) {
        should(first[key]).eql(value, key);
        should(second[key]).eql(value, key);
        if (value !== null && typeof value === 'object') first[key].should.not.equal(second[key]);
      }
      first.topic = 'changed';
      second.topic.should.equal('t');
    }
  });

  describe('instanceId TypedInput', function () {
    it('accepts a number and uses its decimal text', async function () {
      await loadFlow(listFlow(sim), sim);
      const result = await run({ payload: 102 });
      result.out.should.have.length(2);
      result.out[0].instanceId.should.equal('102');
      gets()[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
    });

    it('reads str, flow, global, env and jsonata values', async function () {
      const cases = [
        [{ instanceId: '101', instanceIdType: 'str' }, () => {}],
        [{ instanceId: 'pid', instanceIdType: 'flow' }, (node) => node.context().flow.set('pid', '101')],
        [{ instanceId: 'pid', instanceIdType: 'global' }, (node) => node.context().global.set('pid', 101)],
        [
          { instanceId: 'BPM_TEST_PIID', instanceIdType: 'env' },
          () => {
            process.env.BPM_TEST_PIID = '101';
          },
        ],
        [{ instanceId: '$string(50 + 51)', instanceIdType: 'jsonata' }, () => {}],
      ];
      try {
        for (const [props, prepare] of cases) {
          await loadFlow(listFlow(sim, props), sim);
          prepare(helper.getNode('node'));
          const result = await run({ payload: 'ignored' });
          result.out.should.have.length(1, `with ${props.instanceIdType}`);
          result.out[0].instanceId.should.equal('101');
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_PIID;
      }
    });

    it('percent-encodes the instance id so that it stays one segment', async function () {
      await loadFlow(listFlow(sim), sim);
      const result = await run({ payload: '1/../2 x' });
      caughtWith(result, 'BAD_REQUEST');
      gets()[0].rawPath.should.equal('/rest/bpm/wle/v1/process/1%2F..%2F2%20x/adHocActivities');
    });

    for (const [what, value] of [
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', '  '],
      ['an object', {}],
      ['an array', [102]],
      ['a boolean', false],
      ['"."', '.'],
      ['".."', '..'],
    ]) {
      it(`refuses an instance id that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(listFlow(sim), sim);
        const result = await run({ payload: value });
        caughtWith(result, 'INVALID_INPUT').error.message.should.match(/instance id/);
        gets().should.have.length(0);
      });
    }
  });
});
