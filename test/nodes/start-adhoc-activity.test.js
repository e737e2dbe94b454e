'use strict';
const should = require('should');
const { helper } = require('../support/runtime');
const { startActivityFlow, listFlow, withoutProperties, loadFlow, run, collect, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');
const {
  MIXED_ACTIVITIES,
  STARTABLE_ACTIVITIES,
  TEXT_FIELDS_DETAILS,
  activityDetails,
  generateActivities,
} = require('../simulator/fixtures');

describe('ibm-bpm-start-adhoc-activity (README, "Nodes")', function () {
  const sim = useSimulator({ password: 'Pa55-w0rd-s3cret' });

  const puts = () => sim.requests.filter((r) => r.server === 'bpm' && r.method === 'PUT');
  const ACTIVITY_ID = '2118.7cd26750-613a-4c0e-9f8b-000000000042';
  const START = { action: 'ACTION_START_ACTIVITY' };
  const STATUS = 'ibm-bpm-start-adhoc-activity.status';

  /** A flow whose node starts the activity `activityId` (text), assigning it to `assignTo`. */
  const flowFor = (activityId, props = {}, server = {}) => startActivityFlow(sim, { activityId, activityIdType: 'str', ...props }, server);

  describe('request', function () {
    it('sends PUT {base}/activity/{activityId}?action=ACTION_START_ACTIVITY with an empty body, Accept: application/json and Basic authentication', async function () {
      await loadFlow(flowFor(ACTIVITY_ID), sim);
      await run({});
      puts().should.have.length(1);
      sim.requests.should.have.length(1);
      const request = puts()[0];
      request.rawPath.should.equal(`/rest/bpm/wle/v1/activity/${ACTIVITY_ID}`);
      request.query.should.eql(START);
      request.headers.accept.should.equal('application/json');
      request.headers['content-length'].should.equal('0');
      should(request.headers['content-type']).be.undefined();
      should(request.headers['transfer-encoding']).be.undefined();
      request.authUser.should.equal(sim.username);
    });

    it('adds &assignTo={user}, percent-encoded as a query value, when assignTo is not empty', async function () {
      for (const user of ['bob', 'a&b=c d', 'Jürgen€ #1?+%']) {
        sim.reset();
        await loadFlow(flowFor(ACTIVITY_ID, { assignTo: user, assignToType: 'str' }), sim);
        const result = await run({});
        puts().should.have.length(1);
        puts()[0].query.should.eql({ ...START, assignTo: user });
        Object.keys(puts()[0].query).should.eql(['action', 'assignTo']);
        puts()[0].rawPath.should.equal(`/rest/bpm/wle/v1/activity/${ACTIVITY_ID}`);
        // The server assigned the task to exactly that user.
        result.out[0].payload.taskOwnerUserId.should.equal(user);
        await helper.unload();
      }
    });

    const notAssigned = [
      ['empty', { assignTo: '', assignToType: 'str' }, {}],
      ['whitespace only', { assignTo: ' \t\n ', assignToType: 'str' }, {}],
      ['a msg property that is missing', { assignTo: 'user', assignToType: 'msg' }, {}],
      ['a msg property that is null', { assignTo: 'user', assignToType: 'msg' }, { user: null }],
    ];
    for (const [what, props, input] of notAssigned) {
      it(`sends no assignTo when assignTo is ${what}`, async function () {
        await loadFlow(flowFor(ACTIVITY_ID, props), sim);
        const result = await run(input);
        result.out.should.have.length(1);
        puts()[0].query.should.eql(START);
        should(result.out[0].payload.taskOwnerUserId).be.null();
      });
    }

    it('sends no assignTo when the node has no assignTo property (a flow saved without it)', async function () {
      await loadFlow(withoutProperties(flowFor(ACTIVITY_ID), 'node', 'assignTo', 'assignToType'), sim);
      const result = await run({});
      result.out.should.have.length(1);
      puts()[0].query.should.eql(START);
    });

    it('keeps an activity id such as 2118.7cd2… as it is in the path', async function () {
      await loadFlow(flowFor('2118.7cd26750-613a-4c0e-9f8b-7826e5b53299'), sim);
      await run({});
      puts()[0].rawPath.should.equal('/rest/bpm/wle/v1/activity/2118.7cd26750-613a-4c0e-9f8b-7826e5b53299');
    });

    const segments = [
      ['a "/" and a space', '2118.a/b c', '2118.a%2Fb%20c'],
      ['unicode as UTF-8', '2118.Jürgen€', '2118.J%C3%BCrgen%E2%82%AC'],
      ['? # % & characters', '2118.x?y#z%&=', '2118.x%3Fy%23z%25%26%3D'],
      ['an encoded dot-dot', '%2E%2E', '%252E%252E'],
    ];
    for (const [what, value, encoded] of segments) {
      it(`percent-encodes ${what} in the activity id so that it stays one segment`, async function () {
        await loadFlow(flowFor(value), sim);
        const result = await run({});
        puts().should.have.length(1);
        puts()[0].rawPath.should.equal(`/rest/bpm/wle/v1/activity/${encoded}`);
        puts()[0].segments.should.eql(['activity', value]);
        puts()[0].query.should.eql(START);
        if (value.startsWith('2118.')) result.out[0].activityId.should.equal(value);
      });
    }

    for (const value of ['.', '..']) {
      it(`refuses an activity id "${value}" with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startActivityFlow(sim), sim);
        caughtWith(await run({ payload: { id: value } }), 'INVALID_INPUT').error.message.should.match(/activity id/);
        sim.requests.should.have.length(0);
      });
    }

    const invalid = [
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', ' \t\n '],
      ['an object', { id: '2118.1' }],
      ['an array', ['2118.1']],
      ['a boolean', true],
      ['not a finite number', NaN],
    ];
    for (const [what, value] of invalid) {
      it(`refuses an activity id that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startActivityFlow(sim), sim);
        caughtWith(await run({ payload: { id: value } }), 'INVALID_INPUT').error.message.should.match(/activity id/);
        sim.requests.should.have.length(0);
      });
    }

    for (const [what, value] of [
      ['an object', { name: 'bob' }],
      ['an array', ['bob']],
      ['a boolean', true],
    ]) {
      it(`refuses an assignTo that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startActivityFlow(sim, { assignTo: 'user', assignToType: 'msg' }), sim);
        caughtWith(await run({ payload: { id: ACTIVITY_ID }, user: value }), 'INVALID_INPUT');
        sim.requests.should.have.length(0);
      });
    }

    it('uses a number, as activity id or as assignTo, as its decimal text', async function () {
      await loadFlow(startActivityFlow(sim, { assignTo: 'user', assignToType: 'msg' }), sim);
      const result = await run({ payload: { id: 2118.5 }, user: 4711 });
      puts()[0].rawPath.should.equal('/rest/bpm/wle/v1/activity/2118.5');
      puts()[0].query.should.eql({ ...START, assignTo: '4711' });
      result.out[0].activityId.should.equal('2118.5');
    });
  });

  describe('activityId and assignTo TypedInputs', function () {
    it('takes msg.payload.id when the node has no activityId property, so that it takes the messages of a list as they come', async function () {
      await loadFlow(withoutProperties(startActivityFlow(sim), 'node', 'activityId', 'activityIdType'), sim);
      const listed = {
        payload: { ...MIXED_ACTIVITIES[0] },
        parts: { id: 'list-1', index: 0, count: 3, type: 'array', len: 1 },
        instanceId: '103',
      };
      const result = await run(listed);
      puts()[0].segments.should.eql(['activity', MIXED_ACTIVITIES[0].id]);
      result.out[0].activityId.should.equal('2118.1234');
    });

    it('takes msg.payload.id with the defaults of a new node (msg, payload.id)', async function () {
      await loadFlow(startActivityFlow(sim), sim);
      await run({ payload: { ...STARTABLE_ACTIVITIES[1] }, instanceId: '104' });
      puts()[0].segments.should.eql(['activity', STARTABLE_ACTIVITIES[1].id]);
    });

    it('reads str, msg, flow, global, env and jsonata values for activityId and assignTo', async function () {
      const cases = [
        [{ activityId: '2118.s', activityIdType: 'str', assignTo: 'str-user', assignToType: 'str' }, () => {}, '2118.s', 'str-user'],
        [{ activityId: 'act', activityIdType: 'msg', assignTo: 'who', assignToType: 'msg' }, () => {}, '2118.m', 'msg-user'],
        [
          { activityId: 'act', activityIdType: 'flow', assignTo: 'who', assignToType: 'flow' },
          (node) => {
            node.context().flow.set('act', '2118.f');
            node.context().flow.set('who', 'flow-user');
          },
          '2118.f',
          'flow-user',
        ],
        [
          { activityId: 'act', activityIdType: 'global', assignTo: 'who', assignToType: 'global' },
          (node) => {
            node.context().global.set('act', '2118.g');
            node.context().global.set('who', 'global-user');
          },
          '2118.g',
          'global-user',
        ],
        [
          { activityId: 'BPM_TEST_ACTIVITY', activityIdType: 'env', assignTo: 'BPM_TEST_ASSIGNEE', assignToType: 'env' },
          () => {
            process.env.BPM_TEST_ACTIVITY = '2118.e';
            process.env.BPM_TEST_ASSIGNEE = 'env-user';
          },
          '2118.e',
          'env-user',
        ],
        [
          { activityId: '"2118." & topic', activityIdType: 'jsonata', assignTo: '$uppercase(who)', assignToType: 'jsonata' },
          () => {},
          '2118.j',
          'MSG-USER',
        ],
      ];
      try {
        for (const [props, prepare, activityId, assignTo] of cases) {
          sim.reset();
          await loadFlow(startActivityFlow(sim, props), sim);
          prepare(helper.getNode('node'));
          const result = await run({ act: '2118.m', who: 'msg-user', topic: 'j' });
          result.out.should.have.length(1, `with ${props.activityIdType}`);
          puts()[0].segments.should.eql(['activity', activityId]);
          puts()[0].query.should.eql({ ...START, assignTo });
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_ACTIVITY;
        delete process.env.BPM_TEST_ASSIGNEE;
      }
    });

    it('refuses a JSONata expression that fails with INVALID_INPUT and sends no request', async function () {
      await loadFlow(startActivityFlow(sim, { assignTo: '$error("nope")', assignToType: 'jsonata' }), sim);
      caughtWith(await run({ payload: { id: ACTIVITY_ID } }), 'INVALID_INPUT');
      sim.requests.should.have.length(0);
    });
  });

  describe('200', function () {
    it('sends the input message with payload = the activity details under data, activityId, taskId and statusCode 200', async function () {
      await loadFlow(flowFor('with-task', { assignTo: 'bob' }), sim);
      const result = await run({ payload: 'go', topic: 'keep me', custom: { a: [1] } });
      result.out.should.have.length(1);
      result.caught.should.have.length(0);
      result.completed.should.have.length(1);
      const msg = result.out[0];
      msg.payload.should.match({ id: 'with-task', executionState: 'WORKING', activityType: 'USER_TASK', taskOwnerUserId: 'bob' });
      msg.payload.taskId.should.be.a.String().and.match(/^\d+$/);
      msg.payload.should.have.properties('name', 'dueDate', 'narrative', 'preconditionTriggers');
      msg.activityId.should.equal('with-task');
      msg.taskId.should.equal(msg.payload.taskId);
      msg.statusCode.should.equal(200);
      msg.topic.should.equal('keep me');
      msg.custom.should.eql({ a: [1] });
    });

    it('keeps every field of the details as sent: text stays text, booleans are booleans, null stays null', async function () {
      await loadFlow(flowFor('text-fields'), sim);
      const msg = (await run({})).out[0];
      msg.payload.should.eql(TEXT_FIELDS_DETAILS);
      msg.payload.name.should.equal('007');
      msg.payload.id.should.equal('2118.0042');
      msg.payload.narrative.should.equal('a &amp; b <i>');
      msg.payload.repeatable.should.be.true();
      should(msg.payload.dueDate).be.null();
      msg.taskId.should.equal('000123');
      msg.activityId.should.equal('text-fields');
    });

    it("gives the details of a listed activity: its fields and the start's", async function () {
      const [activity] = STARTABLE_ACTIVITIES;
      await loadFlow(startActivityFlow(sim, { assignTo: 'carol' }), sim);
      const msg = (await run({ payload: { ...activity } })).out[0];
      msg.payload.should.eql(
        activityDetails(activity, {
          executionState: 'WORKING',
          startTime: msg.payload.startTime,
          taskId: msg.payload.taskId,
          taskOwnerUserId: 'carol',
        }),
      );
      msg.payload.startTime.should.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      msg.taskId.should.equal(msg.payload.taskId);
    });

    it('removes msg.taskId when the activity has no task (payload.taskId null), also when the input message had one', async function () {
      await loadFlow(flowFor('no-task'), sim);
      const result = await run({ taskId: 'from-before', topic: 't' });
      const msg = result.out[0];
      should(msg.payload.taskId).be.null();
      msg.should.not.have.property('taskId');
      msg.activityId.should.equal('no-task');
      msg.statusCode.should.equal(200);
      msg.topic.should.equal('t');
    });

    it('replaces a msg.taskId of the input message with the new task id', async function () {
      await loadFlow(flowFor('with-task'), sim);
      const msg = (await run({ taskId: 'from-before' })).out[0];
      msg.taskId.should.equal(msg.payload.taskId).and.not.equal('from-before');
    });

    it('keeps the other properties of the input message, msg.parts included', async function () {
      await loadFlow(startActivityFlow(sim), sim);
      const parts = {
        id: 'list-1',
        index: 1,
        count: 3,
        type: 'array',
        len: 1,
        parts: { id: 'outer', index: 0, count: 1, type: 'array', len: 1 },
      };
      const input = { payload: { ...MIXED_ACTIVITIES[0] }, parts, instanceId: '103', topic: 't', _msgid: 'kept' };
      const msg = (await run(input)).out[0];
      msg.parts.should.eql(parts);
      msg.instanceId.should.equal('103');
      msg.topic.should.equal('t');
    });

    it('shows a green dot: the task, or the activity when there is no task', async function () {
      await loadFlow(flowFor('with-task'), sim);
      const withTask = await run({});
      withTask.statuses[0].should.match({ fill: 'blue', shape: 'dot', text: `${STATUS}.requesting` });
      withTask.status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.startedTask` });
      await helper.unload();
      await loadFlow(flowFor('no-task'), sim);
      (await run({})).status.should.eql({ fill: 'green', shape: 'dot', text: `${STATUS}.started` });
    });

    it('after a list, a core Join node in automatic mode rebuilds the list of what was started', async function () {
      const extra = [
        {
          id: 'list',
          z: 'tab',
          type: listFlow.type,
          name: '',
          server: 'srv',
          instanceId: 'payload',
          instanceIdType: 'msg',
          format: 'xml',
          wires: [['node']],
        },
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
      const flow = startActivityFlow(sim, {}, {}, extra).map((n) => (n.id === 'node' ? { ...n, wires: [['out', 'rejoin']] } : n));
      await loadFlow(flow, sim);
      const joined = collect('joined');
      const started = collect('out');
      helper.getNode('list').receive({ payload: 'many-5', topic: 'journey' });
      const [msg] = await joined.until(1);
      await started.until(5);
      const listed = generateActivities(5);
      msg.payload.should.be.an.Array().and.have.length(5);
      msg.payload.map((a) => a.id).should.eql(listed.map((a) => a.id));
      msg.payload.forEach((a) => {
        a.executionState.should.equal('WORKING');
        a.taskId.should.match(/^\d+$/);
      });
      msg.topic.should.equal('journey');
      should(msg.parts).be.undefined();
      puts()
        .map((r) => r.segments[1])
        .sort()
        .should.eql(listed.map((a) => a.id).sort());
    });
  });

  describe('400: an activity that cannot be started now', function () {
    // The other answers (README, "Errors") are the table's: test/nodes/errors.test.js.
    it('400 when a listed activity is not READY, and when a non-repeatable one is started a second time', async function () {
      const [once, , , disabled] = STARTABLE_ACTIVITIES;
      await loadFlow(startActivityFlow(sim), sim);
      caughtWith(await run({ payload: disabled }), 'BAD_REQUEST').statusCode.should.equal(400);
      (await run({ payload: once })).out.should.have.length(1);
      const msg = caughtWith(await run({ payload: once }), 'BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.error.message.should.match(new RegExp(`^Starting ad-hoc activity\\W+${once.id.replace(/[.]/g, '\\.')}\\W`));
      msg.error.message.should.containEql('HTTP 400');
      msg.serverError.errorMessage.should.containEql('WORKING');
      puts().should.have.length(3);
    });
  });
});
