'use strict';
// README, "Examples": the example flows, each file checked as Import ▸ Examples offers it. Each is
// also run in Node-RED against the simulator and must do what its comment nodes promise:
// examples-adhoc, examples-tasks and examples-queue.test.js.
const fs = require('fs');
const path = require('path');
const should = require('should');
const fixtures = require('../simulator/fixtures');
const taskFixtures = require('../simulator/inubit-task-fixtures');
const processFixtures = require('../simulator/ibm-bpm-process-fixtures');
const { CONFIG_TYPES } = require('../../scripts/demo');
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
const { FILES, examples, example, nodeNamed } = require('../support/examples');

const root = path.join(__dirname, '..', '..');

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
