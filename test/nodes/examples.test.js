'use strict';
// README, "Examples": the example flows. Each file is checked as Import ▸ Examples offers it, then run in
// Node-RED against the simulator (debug nodes replaced by helper nodes with the same id), and
// must do what its comment nodes promise.
const fs = require('fs');
const path = require('path');
const should = require('should');
const { helper, load, catchSeesCode } = require('../support/runtime');
const { followMessages } = require('../support/message-flow');
const { until: eventually } = require('../support/waits');
const { startSimulator } = require('../simulator');
const fixtures = require('../simulator/fixtures');
const taskFixtures = require('../simulator/inubit-task-fixtures');
const processFixtures = require('../simulator/ibm-bpm-process-fixtures');
const { queryOf } = require('../support/ibm-bpm-tasks');
const { exampleFiles, readExample, asTabs, CONFIG_TYPES } = require('../../scripts/demo');
const { NODE_TYPES, FLOW_TYPES } = require('../support/node-types');
const { kindOf } = require('../support/node-kinds');
// Our nodes in the examples, by the types the flow builders know.
const {
  SERVER_TYPE,
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  listTasksFlow,
  getTaskFlow,
  submitTaskFlow,
  startProcessFlow,
  bpmListTasksFlow,
  bpmGetTaskFlow,
  completeTaskFlow,
  assignTaskFlow,
  sendMessageFlow,
} = require('../support/flows');
const eventFixtures = require('../simulator/ibm-bpm-event-fixtures');
const { SERVER_KINDS } = require('../../nodes/lib/server-facts');

const root = path.join(__dirname, '..', '..');
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const FILES = exampleFiles();
const examples = FILES.map(readExample);
const example = (prefix) => {
  const found = examples.find((e) => e.name.startsWith(prefix));
  should.exist(found, `no example starting with "${prefix}"`);
  return found;
};

/** The one node of `type` named `name` in an example. */
function nodeNamed(ex, type, name) {
  const found = ex.nodes.filter((n) => n.type === type && n.name === name);
  found.should.have.length(1, `${ex.name}: expected one ${type} named "${name}"`);
  return found[0];
}

/** The example's catch node and its status node are each scoped to exactly `nodes`. */
function shouldWatch(ex, nodes) {
  const scope = nodes.map((n) => n.id).sort();
  for (const type of ['catch', 'status']) {
    ex.nodes
      .filter((n) => n.type === type)
      .map((n) => [...n.scope].sort())
      .should.eql([scope], `${ex.name}: the ${type} node's scope`);
  }
}

/** Every key anywhere inside a value, for looking for credentials. */
function keysDeep(value, keys = []) {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, keys));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.push(k);
      keysDeep(v, keys);
    }
  }
  return keys;
}

describe('examples: the files (README, "Examples")', function () {
  it('there are examples, named for the Import ▸ Examples menu', function () {
    FILES.length.should.be.aboveOrEqual(3);
    for (const file of FILES) file.should.match(/^\d\d [A-Z][^/\\]+\.json$/);
  });

  it('each is valid JSON: an array of the nodes of one flow, without tab and without z', function () {
    for (const file of FILES) {
      const nodes = JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
      nodes.should.be.an.Array().and.not.be.empty();
      for (const node of nodes) {
        node.should.have.properties('id', 'type');
        node.type.should.not.equalOneOf('tab', 'subflow');
        node.should.not.have.property('z');
      }
    }
  });

  it('each has a comment node explaining it, with what to set in the config node', function () {
    for (const { name, nodes } of examples) {
      const comments = nodes.filter((n) => n.type === 'comment');
      comments.should.not.be.empty(`${name} has no comment node`);
      const text = comments.map((c) => `${c.name}\n${c.info}`).join('\n');
      for (const word of ['URL', 'Username', 'Password']) text.should.containEql(word, `${name}: comments do not mention ${word}`);
    }
  });

  it('every flow node type of the package occurs in at least one example', function () {
    const used = new Set(examples.flatMap((e) => e.nodes.map((n) => n.type)));
    const types = FLOW_TYPES;
    types.should.not.be.empty();
    for (const type of types) used.has(type).should.be.true(`no example uses ${type}`);
  });

  it('together they show a Join node, a Catch node and a Status node', function () {
    const used = new Set(examples.flatMap((e) => e.nodes.map((n) => n.type)));
    for (const type of ['join', 'catch', 'status']) used.has(type).should.be.true(`no example uses ${type}`);
    nodeNamed(example('02'), 'join', '').mode.should.equal('auto');
  });

  it('04 keeps the READY activities with a switch that recreates message sequences, starts them and joins them in automatic mode', function () {
    const ex = example('04');
    const list = nodeNamed(ex, listFlow.type, 'list activities');
    const keep = nodeNamed(ex, 'switch', 'READY only');
    const start = nodeNamed(ex, startActivityFlow.type, 'start activity');
    const join = nodeNamed(ex, 'join', '');
    list.wires.should.eql([[keep.id]]);
    keep.should.match({ property: 'payload.executionState', propertyType: 'msg', repair: true, outputs: 1 });
    keep.rules.should.eql([{ t: 'eq', v: 'READY', vt: 'str' }]);
    keep.wires.should.eql([[start.id]]);
    start.should.match({ activityId: 'payload.id', activityIdType: 'msg', assignTo: '', assignToType: 'str' });
    start.wires[0].should.containEql(join.id);
    join.mode.should.equal('auto');
    shouldWatch(ex, [list, start]);
  });

  it('05 lists English labels, picks one by msg.payload.label and starts it for msg.user with msg.payload.id', function () {
    const ex = example('05');
    const list = nodeNamed(ex, startersFlow.type, 'list starters');
    const pick = nodeNamed(ex, 'switch', 'Leave request only');
    const start = nodeNamed(ex, startFlow.type, 'start it');
    list.should.match({ user: 'payload', userType: 'msg', lang: 'en', langType: 'str' });
    list.wires[0].should.containEql(pick.id);
    pick.should.match({ property: 'payload.label', propertyType: 'msg', outputs: 1 });
    pick.rules.should.eql([{ t: 'eq', v: 'Leave request', vt: 'str' }]);
    pick.wires.should.eql([[start.id]]);
    start.should.match({ user: 'user', userType: 'msg', starterId: 'payload.id', starterIdType: 'msg' });
    // The label the switch looks for is one the simulator lists in English, and only once.
    fixtures.INUBIT_STARTERS.filter((s) => s.labels.en === pick.rules[0].v).should.have.length(1);
  });

  it("06 starts for msg.user, reads the task with its form, sets msg.fields with a change node and submits with the form's first submitter", function () {
    const ex = example('06');
    const inject = nodeNamed(ex, 'inject', 'user flow, Leave request');
    const start = nodeNamed(ex, startFlow.type, 'start leave request');
    const read = nodeNamed(ex, getTaskFlow.type, 'read task and form');
    const set = nodeNamed(ex, 'change', 'set the fields');
    const submit = nodeNamed(ex, submitTaskFlow.type, 'submit it');
    inject.wires.should.eql([[start.id]]);
    start.should.match({ user: 'user', userType: 'msg', starterId: 'starterId', starterIdType: 'msg' });
    start.wires.should.eql([[read.id]]);
    read.should.match({ taskId: 'taskId', taskIdType: 'msg', form: true });
    read.wires[0].should.containEql(set.id);
    set.rules.should.match([{ t: 'set', p: 'fields', pt: 'msg', tot: 'json' }]).and.have.length(1);
    set.wires.should.eql([[submit.id]]);
    submit.should.match({
      taskId: 'taskId',
      taskIdType: 'msg',
      fields: 'fields',
      fieldsType: 'msg',
      submitter: 'form.submitters[0].submitter',
      submitterType: 'msg',
    });
    shouldWatch(ex, [start, read, submit]);
  });

  it('07 polls every 30 seconds, lists only new tasks in English, routes them by msg.payload.name and submits the notices', function () {
    const ex = example('07');
    const poll = nodeNamed(ex, 'inject', 'every 30 s');
    const list = nodeNamed(ex, listTasksFlow.type, 'new tasks');
    const route = nodeNamed(ex, 'switch', 'by name');
    const ack = nodeNamed(ex, submitTaskFlow.type, 'acknowledge');
    poll.should.match({ repeat: '30', crontab: '' });
    poll.wires.should.eql([[list.id]]);
    list.should.match({ emit: 'new', lang: 'en', langType: 'str', query: '', queryType: 'json' });
    list.wires.should.eql([[route.id]]);
    route.should.match({ property: 'payload.name', propertyType: 'msg', outputs: 2 });
    route.rules.should.match([{ t: 'regex', vt: 'str' }, { t: 'else' }]);
    route.wires[0].should.eql([ack.id]);
    ack.should.match({ taskId: 'taskId', taskIdType: 'msg', fields: '', fieldsType: 'json', submitter: 'ok', submitterType: 'str' });
    // Of the simulator's tasks, exactly the notice matches, and its form has the button ack submits.
    const notices = taskFixtures.accountTasks().filter((t) => new RegExp(route.rules[0].v).test(t.name.en));
    notices.map((t) => t.form).should.eql(['info']);
    taskFixtures.FORMS.info((de, en) => en).should.containEql(`submit(${ack.submitter})`);
    shouldWatch(ex, [list, ack]);
  });

  it('08 starts an exposed process with a requisition, reads msg.taskId, decides with a change node, completes with msg.variables and lists the open tasks of msg.instanceId', function () {
    const ex = example('08');
    const inject = nodeNamed(ex, 'inject', 'new position');
    const start = nodeNamed(ex, startProcessFlow.type, 'start hiring process');
    const read = nodeNamed(ex, bpmGetTaskFlow.type, 'read first task');
    const decide = nodeNamed(ex, 'change', 'decide');
    const complete = nodeNamed(ex, completeTaskFlow.type, 'complete it');
    const list = nodeNamed(ex, bpmListTasksFlow.type, 'its open tasks now');
    inject.wires.should.eql([[start.id]]);
    start.should.match({ bpdIdType: 'str', processAppIdType: 'str', snapshotId: '', snapshotIdType: 'str', variablesType: 'json' });
    // The process is one the simulator exposes to start: Standard HR Open New Position.
    const exposed = processFixtures.EXPOSED_PROCESSES.filter((p) => p.itemID === start.bpdId);
    exposed.should.have.length(1);
    exposed[0].should.match({ display: 'Standard HR Open New Position', processAppID: start.processAppId });
    // Its input variables are declared by the process; the requisition is a business object.
    const variables = JSON.parse(start.variables);
    for (const name of Object.keys(variables)) processFixtures.HIRING_BPD.variables.should.have.property(name);
    Object.keys(variables.requisition).should.eql(Object.keys(processFixtures.BUSINESS_OBJECTS.Requisition));
    start.wires[0].should.containEql(read.id);
    read.should.match({ taskId: 'taskId', taskIdType: 'msg' });
    read.wires[0].should.containEql(decide.id);
    decide.rules.should.match([{ t: 'set', p: 'variables', pt: 'msg', tot: 'jsonata' }]).and.have.length(1);
    decide.wires.should.eql([[complete.id]]);
    complete.should.match({ taskId: 'taskId', taskIdType: 'msg', variables: 'variables', variablesType: 'msg', claim: true });
    complete.wires[0].should.containEql(list.id);
    list.should.match({ instanceId: 'instanceId', instanceIdType: 'msg', state: 'open', emit: 'all' });
    shouldWatch(ex, [start, read, complete, list]);
  });

  it('09 lists the open tasks of the instance in msg.payload, completes each with JSON output variables and joins them in automatic mode', function () {
    const ex = example('09');
    const inject = nodeNamed(ex, 'inject', `instance ${processFixtures.BUILTIN_PIID}`);
    const list = nodeNamed(ex, bpmListTasksFlow.type, 'open tasks');
    const complete = nodeNamed(ex, completeTaskFlow.type, 'complete each');
    const join = nodeNamed(ex, 'join', '');
    inject.should.match({ payload: processFixtures.BUILTIN_PIID, payloadType: 'str' });
    inject.wires.should.eql([[list.id]]);
    list.should.match({ instanceId: 'payload', instanceIdType: 'msg', state: 'open', emit: 'all' });
    list.wires.should.eql([[complete.id]]);
    complete.should.match({ taskId: 'taskId', taskIdType: 'msg', variablesType: 'json', claim: true });
    const variables = JSON.parse(complete.variables);
    variables.should.have.properties({ approved: true });
    for (const name of Object.keys(variables)) processFixtures.HIRING_BPD.variables.should.have.property(name);
    complete.wires[0].should.containEql(join.id);
    join.mode.should.equal('auto');
    shouldWatch(ex, [list, complete]);
  });

  it("10 polls the queue of the server's user for new available tasks, claims each (dropping those taken by others), works it with a change node, completes it without a claim and gives back what failed", function () {
    const ex = example('10');
    const inject = nodeNamed(ex, 'inject', 'poll every 10 s');
    const list = nodeNamed(ex, bpmListTasksFlow.type, 'available tasks');
    const claim = nodeNamed(ex, assignTaskFlow.type, 'claim');
    const work = nodeNamed(ex, 'change', 'the work');
    const complete = nodeNamed(ex, completeTaskFlow.type, 'complete');
    const failed = nodeNamed(ex, 'catch', 'failed');
    const outcome = nodeNamed(ex, 'switch', 'outcome?');
    const back = nodeNamed(ex, assignTaskFlow.type, 'give back');
    inject.repeat.should.equal('10');
    inject.wires.should.eql([[list.id]]);
    list.should.match({ source: 'queue', interaction: 'available', emit: 'new', query: 'IBM.DEFAULTALLTASKSLIST_75' });
    list.wires.should.eql([[claim.id]]);
    claim.should.match({ to: 'me', ifTaken: 'drop', taskId: 'taskId', taskIdType: 'msg' });
    claim.wires.should.eql([[work.id]]);
    work.wires.should.eql([[complete.id]]);
    const variables = JSON.parse(work.rules[0].to);
    for (const name of Object.keys(variables)) {
      processFixtures.HIRING_BPD.variables.should.have.property(name);
      processFixtures.REVIEW_BPD.variables.should.have.property(name);
    }
    complete.should.match({ claim: false, variables: 'variables', variablesType: 'msg' });
    [...failed.scope].sort().should.eql([work.id, complete.id].sort());
    failed.wires.should.eql([[outcome.id]]);
    outcome.wires[2].should.eql([back.id]);
    back.should.match({ to: 'back', taskId: 'taskId', taskIdType: 'msg' });
    const comments = ex.nodes
      .filter((n) => n.type === 'comment')
      .map((c) => c.info)
      .join('\n');
    for (const words of ['its own user', 'digital worker', 'not told apart']) comments.should.containEql(words);
  });

  it('11 sends the payment event of the order in msg.payload to the process app, lists the open tasks of msg.instanceId, and routes errors by msg.outcome', function () {
    const ex = example('11');
    const inject = nodeNamed(ex, 'inject', 'payment for ORD-4711');
    const send = nodeNamed(ex, sendMessageFlow.type, 'payment received');
    const list = nodeNamed(ex, bpmListTasksFlow.type, 'its open tasks');
    const route = nodeNamed(ex, 'switch', 'by outcome');
    inject.should.match({ payload: eventFixtures.BUILTIN_ORDER.orderNumber, payloadType: 'str' });
    inject.props.should.containDeep([{ p: 'instanceId', v: eventFixtures.BUILTIN_ORDER_PIID, vt: 'str' }]);
    inject.wires.should.eql([[send.id]]);
    // The acronym is the simulator's process app's, the event one its UCAs take.
    send.should.match({
      processApp: processFixtures.PROCESS_APP.processAppAcronym,
      processAppType: 'str',
      event: 'PAYMENT_RECEIVED',
      eventType: 'str',
      ucaName: '',
      snapshot: '',
      parametersType: 'jsonata',
    });
    eventFixtures.EVENTS.should.have.property(send.event);
    send.parameters.should.containEql(eventFixtures.EVENTS[send.event].correlation);
    send.wires[0].should.containEql(list.id);
    list.should.match({ instanceId: 'instanceId', instanceIdType: 'msg', state: 'open', emit: 'all' });
    route.should.match({ property: 'outcome', propertyType: 'msg', outputs: 2 });
    route.rules.should.eql([
      { t: 'eq', v: 'not-done', vt: 'str' },
      { t: 'eq', v: 'unknown', vt: 'str' },
    ]);
    ex.nodes.filter((n) => n.type === 'catch')[0].wires[0].should.containEql(route.id);
    shouldWatch(ex, [send, list]);
    const comments = ex.nodes
      .filter((n) => n.type === 'comment')
      .map((c) => `${c.name}\n${c.info}`)
      .join('\n');
    for (const word of ['acronym', 'Event name', 'Process Designer', 'UCA']) comments.should.containEql(word);
  });

  it('besides ours they use core nodes only, and no function node', function () {
    const ours = NODE_TYPES;
    const core = ['comment', 'inject', 'debug', 'change', 'switch', 'join', 'catch', 'status'];
    for (const { name, nodes } of examples) {
      for (const node of nodes) [...ours, ...core].includes(node.type).should.be.true(`${name}: ${node.type}`);
    }
  });

  it('no example contains credentials or a password', function () {
    for (const file of FILES) {
      const text = fs.readFileSync(path.join(root, 'examples', file), 'utf8');
      const keys = keysDeep(JSON.parse(text));
      keys.should.not.containEql('credentials');
      keys.should.not.containEql('username');
      keys.should.not.containEql('password');
      text.should.not.containEql('s3cret');
    }
  });

  it('config nodes have the default URLs, are global, and are the same in every example', function () {
    const seen = new Map();
    for (const { nodes } of examples) {
      for (const node of nodes.filter((n) => CONFIG_TYPES.includes(n.type))) {
        node.url.should.equal(SERVER_KINDS[node.type].defaultUrl);
        if (seen.has(node.id)) node.should.eql(seen.get(node.id));
        seen.set(node.id, node);
      }
    }
    seen.size.should.equal(2);
  });

  it('flow node ids are unique across the examples, and every reference stays inside its example', function () {
    const ids = new Set();
    for (const { name, nodes } of examples) {
      const here = new Map(nodes.map((n) => [n.id, n]));
      for (const node of nodes) {
        if (!CONFIG_TYPES.includes(node.type)) {
          ids.has(node.id).should.be.false(`${name}: id ${node.id} is used twice`);
          ids.add(node.id);
          node.x.should.be.a.Number();
          node.y.should.be.a.Number();
        }
        for (const target of (node.wires || []).flat()) here.has(target).should.be.true(`${name}: wire to unknown ${target}`);
        for (const target of node.scope || []) here.has(target).should.be.true(`${name}: scope names unknown ${target}`);
        if (node.server !== undefined) {
          should.exist(here.get(node.server), `${name}: ${node.id} has no server config node`);
          here.get(node.server).type.should.equal(SERVER_TYPE[kindOf(node.type).server]);
        }
      }
    }
  });
});

describe('examples: running them against the simulator', function () {
  let sim;
  // The messages of the loaded example, followed from its load on.
  let messages;

  before(async function () {
    sim = await startSimulator({ port: 0 });
  });

  after(async function () {
    if (sim) await sim.close();
  });

  beforeEach(function () {
    sim.reset();
  });

  afterEach(async function () {
    await helper.unload();
    if (messages) messages.stop();
    messages = undefined;
  });

  /**
   * Loads one example as Import would place it on a tab, its servers pointing at the simulator,
   * and returns what each debug node receives, keyed by the debug node's name.
   */
  async function loadExample(ex) {
    const credentials = { username: sim.username, password: sim.password };
    const flow = asTabs([ex], {
      [SERVER_TYPE.inubit]: { id: 'cfg-inubit', url: sim.inubitUrl },
      [SERVER_TYPE.bpm]: { id: 'cfg-bpm', url: sim.bpmUrl },
    }).map((node) => (node.type === 'debug' ? { id: node.id, z: node.z, type: 'helper', name: node.name, wires: [] } : node));
    messages = followMessages();
    await load(flow, { 'cfg-inubit': credentials, 'cfg-bpm': credentials });
    const received = {};
    for (const debug of ex.nodes.filter((n) => n.type === 'debug')) {
      const got = [];
      received[debug.name] = got;
      helper.getNode(debug.id).on('input', (msg) => got.push(msg));
    }
    return received;
  }

  /** Clicks an inject node's button. */
  function click(ex, name) {
    helper.getNode(nodeNamed(ex, 'inject', name).id).receive({});
  }

  /**
   * Waits until `condition()` holds and the flow has come to rest: every message that reached one
   * of our nodes has finished there and none is on its way, so nothing more is coming.
   */
  function until(condition, what) {
    return eventually(() => condition() && messages.idle(), what);
  }

  describe('01 Start an ad-hoc process', function () {
    it('user anna starts the Leave request starter and "new task" receives the task id, taskId and statusCode 201', async function () {
      const ex = example('01');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');
      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      sim.requests.should.have.length(1);
      sim.requests[0].should.match({
        method: 'POST',
        rawPath: '/ibis/rest/task/adhoc/anna/74933f6c-72c6-44c5-9e90-91070f98c7dd',
        authUser: sim.username,
      });
    });
  });

  describe('02 List ad-hoc activities and re-join them', function () {
    const served = fixtures.builtinInstances()['102'];

    for (const format of ['json', 'xml']) {
      it(`${format.toUpperCase()}: instance 102 gives two single activity messages and one joined list of both`, async function () {
        const ex = example('02');
        const received = await loadExample(ex);
        const list = ex.nodes.find((n) => n.type === listFlow.type && n.format === format);
        should.exist(list, `no list node with format ${format}`);
        const inject = ex.nodes.find((n) => n.type === 'inject' && n.wires[0].includes(list.id));
        helper.getNode(inject.id).receive({});
        await until(() => received['each activity'].length >= 2 && received['the whole list'].length >= 1, 'the activities');

        received['each activity'].should.have.length(2);
        received['each activity'].forEach((msg, index) => {
          msg.payload.should.eql(served[index]);
          msg.instanceId.should.equal('102');
          msg.parts.should.match({ index, count: 2, type: 'array', len: 1 });
        });
        received['each activity'][0].parts.id.should.equal(received['each activity'][1].parts.id);
        received['the whole list'].should.have.length(1);
        received['the whole list'][0].payload.should.eql(served);

        sim.requests.should.have.length(1);
        sim.requests[0].rawPath.should.equal('/rest/bpm/wle/v1/process/102/adHocActivities');
        sim.requests[0].headers.accept.should.startWith(`application/${format}`);
      });
    }
  });

  describe('03 Handle errors', function () {
    const ERRORS = 'error, statusCode, serverError';
    const STATUSES = 'status changes';

    it('user ".." reaches the catch as INVALID_INPUT, without a request and without statusCode', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('INVALID_INPUT');
      msg.error.message.should.be.a.String().and.not.be.empty();
      msg.should.not.have.property('statusCode');
      msg.should.not.have.property('serverError');
      msg.payload.should.equal('..');
      received['task id'].should.be.empty();
      sim.requests.should.be.empty();
    });

    it('instance "abc" reaches the catch as BAD_REQUEST with statusCode 400 and the server\'s error', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length > 0, 'the error');
      received[ERRORS].should.have.length(1);
      const msg = received[ERRORS][0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.error.message.should.containEql('400');
      msg.statusCode.should.equal(400);
      msg.serverError.should.match({ errorNumber: 'CWTBG0553E' });
      msg.serverError.should.have.properties('exceptionType', 'errorMessage');
      received.activities.should.be.empty();
      sim.requests.should.have.length(1);
    });

    it('the switch on msg.outcome: the refused change leaves as "not done", the failed read as one without an outcome', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      await until(() => received['not done: safe to send again'].length > 0, "the change's error");
      received['not done: safe to send again'][0].outcome.should.equal('not-done');
      received['not done: safe to send again'][0].payload.should.equal('..');
      click(ex, 'instance "abc"');
      await until(() => received['a read: no outcome'].length > 0, "the read's error");
      received['a read: no outcome'][0].should.not.have.property('outcome');
      received['a read: no outcome'][0].statusCode.should.equal(400);
      received['done: carry on'].should.be.empty();
      received['unknown: check before sending again'].should.be.empty();
    });

    it('the status node passes on "requesting" and then the error code on a red ring', async function () {
      const ex = example('03');
      const received = await loadExample(ex);
      click(ex, 'user ".."');
      click(ex, 'instance "abc"');
      await until(() => received[ERRORS].length >= 2 && received[STATUSES].length >= 4, 'the statuses');
      const bySource = (type) => received[STATUSES].filter((m) => m.status.source.type === type).map((m) => m.status);
      // The test runtime has no message catalogues: status texts other than codes stay keys.
      const requesting = { fill: 'blue', text: /requesting$/ };
      const start = bySource(startFlow.type);
      start.should.have.length(2);
      start.should.match([requesting, { fill: 'red', shape: 'ring', text: 'INVALID_INPUT' }]);
      const list = bySource(listFlow.type);
      list.should.have.length(2);
      list.should.match([requesting, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
    });
  });

  describe('04 Start a ready ad-hoc activity', function () {
    const served = fixtures.builtinInstances()['104'];
    const ready = served.filter((a) => a.executionState === 'READY');
    const STARTED = 'started activities';
    const EACH = 'each started activity';

    before(function () {
      // The instance of the example must show what the switch is for.
      ready.length.should.be.aboveOrEqual(2);
      (served.length - ready.length).should.be.aboveOrEqual(1);
    });

    it('instance 104 starts exactly its READY activities, and the join sends the list of them, each WORKING', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');

      received[STARTED].should.have.length(1);
      const joined = received[STARTED][0].payload;
      joined.should.be.an.Array().and.have.length(ready.length);
      joined.map((a) => a.id).should.eql(ready.map((a) => a.id));
      joined.forEach((details, index) => {
        details.should.match({ name: ready[index].name, executionState: 'WORKING', activityType: ready[index].activityType });
        details.startTime.should.be.a.String();
        if (ready[index].activityType === 'USER_TASK') details.taskId.should.be.a.String();
        else should(details.taskId).be.null();
      });

      received[EACH].should.have.length(ready.length);
      for (const msg of received[EACH]) {
        const index = ready.findIndex((a) => a.id === msg.payload.id);
        index.should.be.aboveOrEqual(0);
        msg.activityId.should.equal(msg.payload.id);
        msg.statusCode.should.equal(200);
        msg.instanceId.should.equal('104');
        msg.parts.should.match({ index, count: ready.length, type: 'array' });
        if (msg.payload.taskId === null) msg.should.not.have.property('taskId');
        else msg.taskId.should.equal(msg.payload.taskId);
      }
      received.errors.should.be.empty();

      const puts = sim.requests.filter((r) => r.method === 'PUT');
      sim.requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.rawPath)
        .should.eql(['/rest/bpm/wle/v1/process/104/adHocActivities']);
      puts
        .map((r) => r.rawPath)
        .sort()
        .should.eql(ready.map((a) => `/rest/bpm/wle/v1/activity/${a.id}`).sort());
      for (const put of puts) put.query.should.eql({ action: 'ACTION_START_ACTIVITY' });
      sim.requests.should.have.length(1 + ready.length);
    });

    it('a second click lists the activities again and starts nothing: none is READY any more', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      click(ex, 'instance 104');
      await until(() => received[STARTED].length > 0, 'the joined list');
      const before = sim.requests.length;
      const list = nodeNamed(ex, 'ibm-bpm-list-adhoc-activities', 'list activities').id;
      click(ex, 'instance 104');
      await until(() => sim.requests.length > before && messages.finished(list) === 2, 'the second list');
      // The switch passes READY activities only, and the second list holds none.
      const listed = messages.sent(list).slice(served.length);
      listed.map((m) => m.payload.id).should.eql(served.map((a) => a.id));
      listed.forEach((m) => m.payload.executionState.should.not.equal('READY'));
      sim.requests
        .slice(before)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql(['GET /rest/bpm/wle/v1/process/104/adHocActivities']);
      received[STARTED].should.have.length(1);
      received[EACH].should.have.length(ready.length);
      received.errors.should.be.empty();
    });

    it('without "recreate message sequences" the join would never send: the switch option is what completes it', async function () {
      const ex = example('04');
      const changed = { name: ex.name, nodes: ex.nodes.map((n) => (n.type === 'switch' ? { ...n, repair: false } : n)) };
      const received = await loadExample(changed);
      click(changed, 'instance 104');
      // At rest: every start has finished and the join holds what reached it, waiting for more.
      await until(() => received[EACH].length >= ready.length, 'the started activities');
      received[EACH].forEach((msg) => msg.parts.count.should.equal(served.length));
      received[STARTED].should.be.empty();
    });

    it('an activity that cannot be started reaches the catch node as BAD_REQUEST, and the status node shows it', async function () {
      const ex = example('04');
      const received = await loadExample(ex);
      const notReady = served.find((a) => a.executionState !== 'READY');
      helper.getNode(nodeNamed(ex, startActivityFlow.type, 'start activity').id).receive({ payload: notReady });
      await until(() => received.errors.length > 0 && received['status changes'].length >= 2, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('BAD_REQUEST');
      msg.statusCode.should.equal(400);
      msg.serverError.should.have.properties('errorNumber', 'errorMessage');
      msg.payload.id.should.equal(notReady.id);
      received[EACH].should.be.empty();
      received[STARTED].should.be.empty();
      received['status changes'].map((m) => m.status).should.match([{ fill: 'blue' }, { fill: 'red', shape: 'ring', text: 'BAD_REQUEST' }]);
      sim.requests.map((r) => `${r.method} ${r.rawPath}`).should.eql([`PUT /rest/bpm/wle/v1/activity/${notReady.id}`]);
    });
  });

  describe('05 Pick an ad-hoc starter and start it', function () {
    const LEAVE_REQUEST = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');

    it('user anna lists the English labels and starts exactly the Leave request starter; "new task" receives the task id', async function () {
      should.exist(LEAVE_REQUEST, 'the simulator has no starter labelled "Leave request"');
      const ex = example('05');
      const received = await loadExample(ex);
      click(ex, 'user anna');
      await until(() => received['new task'].length > 0, 'the new task');

      received['each starter'].map((m) => m.payload.label).should.eql(fixtures.INUBIT_STARTERS.map((s) => s.labels.en));
      received['each starter'].forEach((m) => {
        m.user.should.equal('anna');
        m.payload.lang.should.equal('en');
      });

      received['new task'].should.have.length(1);
      const msg = received['new task'][0];
      msg.payload.should.be.a.String().and.match(UUID_RE);
      msg.taskId.should.equal(msg.payload);
      msg.statusCode.should.equal(201);
      msg.user.should.equal('anna');
      received.errors.should.be.empty();

      sim.requests.should.have.length(2);
      sim.requests[0].should.match({ method: 'GET', rawPath: '/ibis/rest/task/adhoc/anna', authUser: sim.username });
      sim.requests[0].query.should.eql({ lang: 'en' });
      sim.requests[1].should.match({
        method: 'POST',
        rawPath: `/ibis/rest/task/adhoc/anna/${encodeURIComponent(LEAVE_REQUEST.id)}`,
        authUser: sim.username,
      });
      sim.requests[1].query.should.eql({ lang: 'en' });
    });

    it('an unknown user reaches the catch node as NOT_FOUND, and nothing is started', async function () {
      const ex = example('05');
      const received = await loadExample(ex);
      helper.getNode(nodeNamed(ex, 'inject', 'user anna').wires[0][0]).receive({ payload: 'unknown-user' });
      await until(() => received.errors.length > 0, 'the error');
      received.errors.should.have.length(1);
      const msg = received.errors[0];
      if (catchSeesCode) msg.error.code.should.equal('NOT_FOUND');
      msg.statusCode.should.equal(404);
      received['each starter'].should.be.empty();
      received['new task'].should.be.empty();
      sim.requests.map((r) => r.method).should.eql(['GET']);
    });
  });

  describe('06 Start an ad-hoc process and submit its task', function () {
    const LEAVE_REQUEST = fixtures.INUBIT_STARTERS.find((s) => s.labels.en === 'Leave request');

    it("user flow starts Leave request, reads the new task with its form and submits it with msg.fields and the form's first submitter", async function () {
      const ex = example('06');
      const inject = nodeNamed(ex, 'inject', 'user flow, Leave request');
      // The task nodes work the tasks of the user the server signs in as: the inject's user.
      inject.props.find((p) => p.p === 'user').v.should.equal(sim.username);
      const fields = JSON.parse(nodeNamed(ex, 'change', 'set the fields').rules[0].to);
      const received = await loadExample(ex);
      click(ex, 'user flow, Leave request');
      await until(() => received.submitted.length > 0, 'the submit');

      received['task and form'].should.have.length(1);
      const read = received['task and form'][0];
      read.taskId.should.be.a.String().and.match(UUID_RE);
      read.payload.should.match({ id: read.taskId, name: LEAVE_REQUEST.labels.de });
      read.form.fields.map((f) => f.name).should.eql(Object.keys(fields));
      read.form.submitters.should.have.length(1);
      read.form.submitters[0].submitter.should.equal('value');

      received.submitted.should.have.length(1);
      const msg = received.submitted[0];
      msg.should.match({ taskId: read.taskId, statusCode: 204, payload: null, user: sim.username });
      msg.should.not.have.property('nextTaskId');
      received.errors.should.be.empty();

      sim
        .submittedForms()
        .should.match([{ taskId: read.taskId, user: sim.username, submitter: 'value', fields }])
        .and.have.length(1);
      sim
        .inubitTasks(sim.username)
        .map((t) => t.id)
        .should.not.containEql(read.taskId);
      sim.requests
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([
          `POST /ibis/rest/task/adhoc/${sim.username}/${LEAVE_REQUEST.id}`,
          `GET /ibis/rest/task/tasks/${read.taskId}`,
          `GET /ibis/rest/task/data/${read.taskId}`,
          `POST /ibis/rest/task/submit/${read.taskId}`,
        ]);
    });

    it('started for another user, the task is not in the list: NOT_FOUND reaches the catch node, and nothing is submitted', async function () {
      const ex = example('06');
      const received = await loadExample(ex);
      helper
        .getNode(nodeNamed(ex, 'inject', 'user flow, Leave request').wires[0][0])
        .receive({ user: 'anna', starterId: LEAVE_REQUEST.id });
      await until(() => received.errors.length > 0, 'the error');
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('NOT_FOUND');
      received.errors[0].statusCode.should.equal(200);
      received['task and form'].should.be.empty();
      received.submitted.should.be.empty();
      sim.submittedForms().should.be.empty();
      received['status changes'].map((m) => m.status).should.matchAny({ fill: 'red', shape: 'ring', text: 'NOT_FOUND' });
    });
  });

  describe('07 Work an inubit task queue', function () {
    const POLL = 'every 30 s';
    const ACKNOWLEDGED = 'acknowledged';
    const LEFT = 'left for people';
    const tasks = taskFixtures.accountTasks();
    const notice = tasks.find((t) => t.name.en.startsWith('Notice:'));

    /** Clicks the poll button and waits until `count` more tasks have been routed. */
    async function poll(ex, received, count) {
      const routed = () => received[ACKNOWLEDGED].length + received[LEFT].length + received.errors.length;
      const before = routed();
      const lists = () => sim.requests.filter((r) => r.method === 'GET').length;
      const listed = lists();
      click(ex, POLL);
      await until(() => lists() > listed && routed() >= before + count, `${count} routed tasks`);
    }

    it('the first poll sends each task of the user once: the notice is acknowledged with submit(ok), the others are left for people', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);

      received[LEFT].map((m) => m.taskId).should.eql(tasks.filter((t) => t !== notice).map((t) => t.id));
      received[LEFT].forEach((m) => m.payload.name.should.not.startWith('Notice:'));
      received[ACKNOWLEDGED].should.have.length(1);
      received[ACKNOWLEDGED][0].should.match({ taskId: notice.id, statusCode: 204, payload: null, total: tasks.length });
      received.errors.should.be.empty();
      sim
        .submittedForms()
        .should.match([{ taskId: notice.id, user: sim.username, submitter: 'ok', fields: {} }])
        .and.have.length(1);
      sim.requests[0].should.match({ method: 'GET', rawPath: '/ibis/rest/task/tasks', query: { lang: 'en' } });
      sim.requests
        .slice(1)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`POST /ibis/rest/task/submit/${notice.id}`]);
      received['status changes'].map((m) => m.status.text).should.containEql(`${listTasksFlow.type}.status.newOf`);
    });

    it('the next poll sends only the tasks that appeared since, each once, routed by name', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);
      const newNotice = sim.addInubitTask(sim.username, {
        name: { de: 'Hinweis: Kantine geschlossen', en: 'Notice: canteen closed' },
        form: 'info',
      });
      const order = sim.addInubitTask(sim.username, { name: { de: 'Bestellung 4711 prüfen', en: 'Check order 4711' }, form: 'adhoc' });
      await poll(ex, received, 2);

      received[ACKNOWLEDGED].map((m) => m.taskId).should.eql([notice.id, newNotice]);
      received[LEFT].map((m) => m.taskId).should.eql([...tasks.filter((t) => t !== notice).map((t) => t.id), order]);
      received[ACKNOWLEDGED][1].parts.should.match({ index: 0, count: 2 });
      sim
        .submittedForms()
        .map((f) => `${f.taskId} ${f.submitter}`)
        .should.eql([`${notice.id} ok`, `${newNotice} ok`]);

      // A third poll finds nothing new and sends nothing.
      const lists = sim.requests.filter((r) => r.method === 'GET').length;
      click(ex, POLL);
      await until(() => sim.requests.filter((r) => r.method === 'GET').length > lists, 'the third list');
      received[ACKNOWLEDGED].should.have.length(2);
      received[LEFT].should.have.length(tasks.length);
      received.errors.should.be.empty();
    });

    it('a notice another user holds reaches the catch node as LOCKED, and the next poll does not send it again', async function () {
      const ex = example('07');
      const received = await loadExample(ex);
      await poll(ex, received, tasks.length);
      const held = sim.addInubitTask(sim.username, {
        name: { de: 'Hinweis: Umzug', en: 'Notice: moving offices' },
        form: 'info',
        locked: 'anna',
      });
      await poll(ex, received, 1);
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('LOCKED');
      received.errors[0].should.match({ taskId: held, statusCode: 423 });
      await poll(ex, received, 0);
      received.errors.should.have.length(1);
      received[ACKNOWLEDGED].map((m) => m.taskId).should.eql([notice.id]);
      sim.requests.filter((r) => r.method === 'POST').should.have.length(2);
    });
  });

  describe('08 Start an IBM BPM process and complete its first task', function () {
    const BPM = '/rest/bpm/wle/v1';
    const [FIRST_STEP, NEXT_STEP] = processFixtures.HIRING_BPD.steps.map((s) => s.name);

    it('new position starts the process with the requisition; its first task is read, decided on, completed Closed with the output variables, and the next task appears', async function () {
      const ex = example('08');
      const start = nodeNamed(ex, startProcessFlow.type, 'start hiring process');
      const input = JSON.parse(start.variables);
      const received = await loadExample(ex);
      click(ex, 'new position');
      await until(() => received['next task'].length > 0, 'the next task');
      received.errors.should.be.empty();

      received['new instance'].should.have.length(1);
      const started = received['new instance'][0];
      started.instanceId.should.be.a.String().and.match(/^\d+$/);
      started.payload.should.match({ piid: started.instanceId, bpdName: 'Standard HR Open New Position', executionState: 'Active' });
      started.payload.variables.requisition.should.match(input.requisition);
      started.statusCode.should.equal(200);
      const piid = started.instanceId;
      const [first, next] = sim.bpmTasks(piid);
      started.taskId.should.equal(first.tkiid);

      received['first task'].should.have.length(1);
      const read = received['first task'][0];
      read.taskId.should.equal(first.tkiid);
      read.payload.should.match({ tkiid: first.tkiid, name: FIRST_STEP, status: 'Received', piid });
      read.payload.data.variables.requisition.should.match(input.requisition);

      // decide: the output variables computed from the task's variables.
      const variables = { approved: true, comments: `Checked by Node-RED: ${input.requisition.reqNum}` };
      received['completed task'].should.have.length(1);
      const completed = received['completed task'][0];
      completed.should.match({ taskId: first.tkiid, instanceId: piid, statusCode: 200, variables });
      completed.payload.should.match({ tkiid: first.tkiid, status: 'Closed', state: 'STATE_FINISHED', owner: sim.username });
      completed.payload.data.variables.should.match(variables);

      received['next task'].should.have.length(1);
      const open = received['next task'][0];
      open.should.match({ taskId: next.tkiid, instanceId: piid, parts: { index: 0, count: 1 } });
      open.payload.should.match({ tkiid: next.tkiid, name: NEXT_STEP, status: 'Received' });

      // The server holds what the flow did: the first task closed, the next one open, the variables set.
      sim
        .bpmTasks(piid)
        .map((t) => `${t.name}: ${t.status}`)
        .should.eql([`${FIRST_STEP}: Closed`, `${NEXT_STEP}: Received`]);
      sim.bpmTask(next.tkiid).data.variables.should.match(Object.assign({ requisition: input.requisition }, variables));
      sim.requests
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([
          `POST ${BPM}/process`,
          `GET ${BPM}/task/${first.tkiid}`,
          `PUT ${BPM}/task/${first.tkiid}`,
          `POST ${BPM}/task/${first.tkiid}`,
          `GET ${BPM}/process/${piid}`,
        ]);
      const [post, , claim, finish] = sim.requests;
      // Variables never travel in a URL: the start and the finish carry them in a form body.
      const form = (request) => Object.fromEntries(new URLSearchParams(request.body));
      post.search.should.equal('');
      form(post).should.match({ action: 'start', bpdId: start.bpdId, processAppId: start.processAppId, parts: 'all' });
      JSON.parse(form(post).params).should.eql(input);
      claim.query.should.eql({ action: 'assign', toMe: 'true', parts: 'none' });
      finish.headers['x-http-method-override'].should.equal('PUT');
      form(finish).should.match({ action: 'finish', parts: 'all' });
      JSON.parse(form(finish).params).should.eql(variables);
      received['status changes'].map((m) => m.status.text).should.containEql(`${completeTaskFlow.type}.status.completed`);
    });

    it('each click starts an instance of its own', async function () {
      const ex = example('08');
      const received = await loadExample(ex);
      click(ex, 'new position');
      await until(() => received['next task'].length > 0, 'the first journey');
      click(ex, 'new position');
      await until(() => received['next task'].length > 1, 'the second journey');
      const piids = received['new instance'].map((m) => m.instanceId);
      new Set(piids).size.should.equal(2);
      received['completed task'].map((m) => m.instanceId).should.eql(piids);
      received['next task'].map((m) => m.instanceId).should.eql(piids);
      received.errors.should.be.empty();
    });

    it('a task someone else has claimed reaches the catch node as CONFLICT, and the status node shows it; nothing is finished', async function () {
      const ex = example('08');
      const received = await loadExample(ex);
      const [, open] = processFixtures.BUILTIN_TASK_IDS;
      sim.claimBpmTask(open, 'anna');
      helper.getNode(nodeNamed(ex, completeTaskFlow.type, 'complete it').id).receive({ taskId: open, variables: { approved: true } });
      await until(() => received.errors.length > 0 && received['status changes'].length >= 2, 'the error');
      received.errors.should.have.length(1);
      if (catchSeesCode) received.errors[0].error.code.should.equal('CONFLICT');
      received.errors[0].should.match({ taskId: open, statusCode: 409 });
      received.errors[0].serverError.should.have.properties('errorNumber', 'errorMessage');
      received['completed task'].should.be.empty();
      received['next task'].should.be.empty();
      received['status changes'].map((m) => m.status).should.match([{ fill: 'blue' }, { fill: 'red', shape: 'ring', text: 'CONFLICT' }]);
      sim.requests.map((r) => `${r.method} ${r.rawPath} ${r.query.action}`).should.eql([`PUT ${BPM}/task/${open} assign`]);
      sim.bpmTask(open).should.match({ status: 'Received', owner: 'anna' });
    });
  });

  describe('09 Complete the open tasks of an IBM BPM instance', function () {
    const BPM = '/rest/bpm/wle/v1';
    const PIID = processFixtures.BUILTIN_PIID;
    const CLICK = `instance ${PIID}`;
    const COMPLETED = 'completed tasks';
    const EACH = 'each completed task';

    it(`instance ${PIID}: every open task is completed with the output variables, and the join sends one array of them, each Closed`, async function () {
      const ex = example('09');
      const variables = JSON.parse(nodeNamed(ex, completeTaskFlow.type, 'complete each').variables);
      const open = sim.bpmTasks(PIID).filter((t) => t.status !== 'Closed');
      open.should.not.be.empty();
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      received.errors.should.be.empty();

      received[COMPLETED].should.have.length(1);
      const joined = received[COMPLETED][0].payload;
      joined.should.be.an.Array().and.have.length(open.length);
      joined.map((t) => t.tkiid).should.eql(open.map((t) => t.tkiid));
      joined.forEach((task) => {
        task.should.match({ status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, piid: PIID });
        task.data.variables.should.match(variables);
      });

      received[EACH].should.have.length(open.length);
      for (const msg of received[EACH]) {
        const index = open.findIndex((t) => t.tkiid === msg.taskId);
        index.should.be.aboveOrEqual(0);
        msg.should.match({ statusCode: 200, instanceId: PIID, parts: { index, count: open.length, type: 'array' } });
        msg.payload.tkiid.should.equal(msg.taskId);
      }

      // On the server, no task of the instance is open any more.
      sim
        .bpmTasks(PIID)
        .filter((t) => t.status !== 'Closed')
        .should.be.empty();
      sim.requests[0].should.match({ method: 'GET', rawPath: `${BPM}/process/${PIID}`, query: { parts: 'all' } });
      const puts = sim.requests.slice(1);
      puts.should.have.length(2 * open.length);
      for (const task of open) {
        puts
          .filter((r) => r.rawPath === `${BPM}/task/${task.tkiid}`)
          .map((r) => `${r.method} ${queryOf(r).action}`)
          .should.eql(['PUT assign', 'POST finish']);
      }
      for (const finish of puts.filter((r) => queryOf(r).action === 'finish')) JSON.parse(queryOf(finish).params).should.eql(variables);
    });

    it('a second click finds no open task: nothing is completed, and the join sends nothing more', async function () {
      const ex = example('09');
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      const before = sim.requests.length;
      const list = nodeNamed(ex, 'ibm-bpm-list-tasks', 'open tasks').id;
      click(ex, CLICK);
      await until(() => sim.requests.length > before && messages.finished(list) === 2, 'the second list');
      sim.requests
        .slice(before)
        .map((r) => `${r.method} ${r.rawPath}`)
        .should.eql([`GET ${BPM}/process/${PIID}`]);
      received[COMPLETED].should.have.length(1);
      received[EACH].should.have.length(received[COMPLETED][0].payload.length);
      received.errors.should.be.empty();
      received['status changes'].map((m) => m.status.text).should.containEql(`${bpmListTasksFlow.type}.status.noTasks`);
    });

    it('a task someone else has claimed reaches the catch node as CONFLICT; it stays open, and the join sends nothing', async function () {
      const ex = example('09');
      const received = await loadExample(ex);
      const open = sim.bpmTasks(PIID).filter((t) => t.status !== 'Closed');
      for (const task of open) sim.claimBpmTask(task.tkiid, 'anna');
      click(ex, CLICK);
      await until(() => received.errors.length >= open.length, 'the errors');
      received.errors.map((m) => m.taskId).should.eql(open.map((t) => t.tkiid));
      for (const msg of received.errors) {
        if (catchSeesCode) msg.error.code.should.equal('CONFLICT');
        msg.statusCode.should.equal(409);
      }
      received[EACH].should.be.empty();
      received[COMPLETED].should.be.empty();
      sim
        .bpmTasks(PIID)
        .filter((t) => t.status !== 'Closed')
        .map((t) => t.owner)
        .should.eql(open.map(() => 'anna'));
      received['status changes'].map((m) => m.status).should.matchAny({ fill: 'red', shape: 'ring', text: 'CONFLICT' });
    });

    it('the instance example 08 started: its next task is completed, and with it the instance', async function () {
      const ex08 = example('08');
      const ex09 = example('09');
      // One tab with both flows; the test runtime takes one Catch and one Status node per flow, 08's.
      const without = (n) =>
        !['catch', 'status'].includes(n.type) && !(n.type === 'debug' && ['errors', 'status changes'].includes(n.name));
      const received = await loadExample({ name: 'both', nodes: [...ex08.nodes, ...ex09.nodes.filter(without)] });
      click(ex08, 'new position');
      await until(() => received['next task'].length > 0, 'the next task of 08');
      const piid = received['new instance'][0].instanceId;
      helper.getNode(nodeNamed(ex09, 'inject', CLICK).wires[0][0]).receive({ payload: piid });
      await until(() => received[COMPLETED].length > 0, 'the joined list');
      received[COMPLETED][0].payload.map((t) => t.tkiid).should.eql([received['next task'][0].taskId]);
      sim
        .bpmTasks(piid)
        .map((t) => t.status)
        .should.eql(['Closed', 'Closed']);
      received.errors.should.be.empty();
    });
  });

  describe('10 Share an IBM BPM task queue between Node-RED copies', function () {
    const BPM = '/rest/bpm/wle/v1';
    const POLL = 'poll every 10 s';
    const OPEN = processFixtures.BUILTIN_TASK_IDS[1];

    it("a poll claims, works and completes every available task once, with the output variables, as the server's user", async function () {
      const ex = example('10');
      const variables = JSON.parse(nodeNamed(ex, 'change', 'the work').rules[0].to);
      const queued = sim.queueBpmTasks(3).map((t) => t.taskId);
      const received = await loadExample(ex);
      click(ex, POLL);
      await until(() => received.completed.length === 4, 'four completed tasks');
      received.completed
        .map((m) => m.taskId)
        .sort()
        .should.eql([OPEN, ...queued].sort());
      for (const msg of received.completed) {
        msg.should.match({ statusCode: 200, payload: { status: 'Closed', owner: sim.username } });
        msg.payload.data.variables.should.match(variables);
        sim.bpmTaskHistory(msg.taskId).should.eql([
          { action: 'claim', user: sim.username },
          { action: 'finish', user: sim.username },
        ]);
      }
      received['given back'].should.be.empty();
      received['check by hand'].should.be.empty();
      sim.requests[0].should.match({
        method: 'GET',
        rawPath: `${BPM}/tasks/query/IBM.DEFAULTALLTASKSLIST_75`,
        query: { interactionFilter: 'ASSESS_AVAILABLE', size: '100', offset: '0' },
      });
    });

    it('a task someone else took is dropped quietly: not worked, no error; the next poll sends only new tasks', async function () {
      const ex = example('10');
      const [taken, free] = sim.queueBpmTasks(2).map((t) => t.taskId);
      const received = await loadExample(ex);
      const claim = nodeNamed(ex, assignTaskFlow.type, 'claim').id;
      // Another copy takes the task between the list and the claim.
      sim.claimBpmTask(taken, 'nodered-worker-2');
      helper.getNode(claim).receive({ taskId: taken });
      click(ex, POLL);
      await until(() => received.completed.length === 2 && messages.finished(claim) === 3, 'the poll');
      received.completed
        .map((m) => m.taskId)
        .sort()
        .should.eql([OPEN, free].sort());
      received['given back'].should.be.empty();
      sim.bpmTask(taken).owner.should.equal('nodered-worker-2');
      const polls = () => sim.requests.filter((r) => r.method === 'GET' && r.segments[0] === 'tasks').length;
      const [later] = sim.queueBpmTasks(1).map((t) => t.taskId);
      click(ex, POLL);
      await until(() => polls() === 2 && received.completed.length === 3, 'the second poll');
      received.completed[2].taskId.should.equal(later);
    });

    it('a completion that did not happen is caught and the task given back to its team; one that may have is left to check by hand', async function () {
      const ex = example('10');
      const [lost, unknown] = sim.queueBpmTasks(2).map((t) => t.taskId);
      sim.claimBpmTask(OPEN, 'anna');
      // The first finish of `lost` never reaches the server; the answer to that of `unknown` is lost after it acted.
      sim.loseAnswers({ match: (r) => r.rawPath === `${BPM}/task/${lost}` && queryOf(r).action === 'finish', way: 'drop-before' });
      sim.loseAnswers({ match: (r) => r.rawPath === `${BPM}/task/${unknown}` && queryOf(r).action === 'finish', way: 'drop-after' });
      const received = await loadExample(ex);
      click(ex, POLL);
      await until(() => received['given back'].length === 1 && received['check by hand'].length === 1, 'the give-back and the check');
      received['given back'][0].should.match({ taskId: lost, payload: { owner: null, state: 'STATE_READY' } });
      sim.bpmTask(lost).should.match({ status: 'Received', owner: null });
      received['check by hand'][0].should.match({ taskId: unknown, outcome: 'done' });
      sim.bpmTask(unknown).status.should.equal('Closed');
      received.completed.should.be.empty();
    });
  });

  describe('11 Tell a waiting IBM BPM process that something happened', function () {
    const BPM = '/rest/bpm/wle/v1';
    const PIID = eventFixtures.BUILTIN_ORDER_PIID;
    const CLICK = 'payment for ORD-4711';
    const REACHED = 'task it reached';

    it('payment for ORD-4711: the event message goes in a form body, the waiting instance moves on, and list tasks shows its new task', async function () {
      const ex = example('11');
      sim.bpmTasks(PIID).should.eql([]);
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[REACHED].length > 0, 'the task it reached');
      received.errors.should.be.empty();
      received.accepted.should.have.length(1);
      received.accepted[0].should.match({ statusCode: 200, payload: 'ORD-4711', instanceId: PIID });
      received[REACHED].should.have.length(1);
      received[REACHED][0].should.match({ payload: { name: 'Ship order', status: 'Received', piid: PIID }, instanceId: PIID });
      const [sent, listed] = sim.requests;
      sent.should.match({ method: 'POST', rawPath: `${BPM}/process`, search: '' });
      queryOf(sent).should.eql({
        action: 'sendMessage',
        message:
          '<eventmsg><event processApp="HSS">PAYMENT_RECEIVED</event><parameters><parameter><key>orderNumber</key><value><![CDATA[ORD-4711]]></value></parameter></parameters></eventmsg>',
      });
      listed.should.match({ method: 'GET', rawPath: `${BPM}/process/${PIID}` });
    });

    it('a second click is accepted, and no instance waits any more: the same task is shown', async function () {
      const ex = example('11');
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received[REACHED].length > 0, 'the first task');
      click(ex, CLICK);
      await until(() => received[REACHED].length > 1, 'the second list');
      received.accepted.should.have.length(2);
      received[REACHED].map((m) => m.taskId).should.eql([received[REACHED][0].taskId, received[REACHED][0].taskId]);
      sim.bpmTasks(PIID).should.have.length(1);
    });

    it('an answer lost after sending reaches "maybe sent: check first" with outcome unknown; the list is not asked', async function () {
      const ex = example('11');
      sim.loseAnswers({ match: (r) => r.method === 'POST', way: 'drop-after' });
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received['maybe sent: check first'].length > 0, 'the error');
      const [msg] = received['maybe sent: check first'];
      msg.outcome.should.equal('unknown');
      if (catchSeesCode) msg.error.code.should.equal('CONNECTION_FAILED');
      received['not sent: send it again'].should.be.empty();
      received[REACHED].should.be.empty();
      // The server took it before the connection dropped: the instance moved on all the same.
      sim.bpmTasks(PIID).should.have.length(1);
    });

    it('a server in maintenance (503 after the retries): "not sent: send it again" with outcome not-done', async function () {
      const ex = example('11');
      sim.setMaintenance(true);
      const received = await loadExample(ex);
      click(ex, CLICK);
      await until(() => received['not sent: send it again'].length > 0, 'the error');
      const [msg] = received['not sent: send it again'];
      msg.should.match({ outcome: 'not-done', statusCode: 503 });
      received['maybe sent: check first'].should.be.empty();
    });
  });
});
