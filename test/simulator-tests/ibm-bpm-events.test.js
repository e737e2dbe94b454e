'use strict';

// Checks the simulated Event Manager of IBM BPM with plain node:http: event messages in a form
// body or the query, what they start and move on, and what it refuses.

const http = require('http');
require('should');
const { startSimulator } = require('../simulator');
const ef = require('../simulator/ibm-bpm-event-fixtures');

const ROOT = '/rest/bpm/wle/v1';

function post(sim, pathAndQuery, body) {
  const headers = {
    Authorization: 'Basic ' + Buffer.from(`${sim.username}:${sim.password}`).toString('base64'),
    Accept: 'application/json',
  };
  if (body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return new Promise((resolve, reject) => {
    const req = http.request(sim.url + ROOT + pathAndQuery, { method: 'POST', headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const form = (message) => new URLSearchParams({ action: 'sendMessage', message }).toString();
const eventXml = (event, parameters = {}, attributes = 'processApp="HSS"') => {
  const list = Object.entries(parameters)
    .map(([k, v]) => `<parameter><key>${k}</key><value><![CDATA[${v}]]></value></parameter>`)
    .join('');
  return `<eventmsg><event ${attributes}>${event}</event>${list ? `<parameters>${list}</parameters>` : ''}</eventmsg>`;
};
const wleError = (r) => JSON.parse(r.body).Data;

describe('BPM simulator: IBM BPM event messages', function () {
  this.timeout(5000);
  let sim;

  before(async () => {
    sim = await startSimulator({ port: 0 });
  });
  after(() => sim && sim.close());
  beforeEach(() => sim.reset());

  const send = (message) => post(sim, '/process', form(message));

  describe('accepted messages', () => {
    it('takes a message in a form body and answers 200 with the JSON envelope', async () => {
      const r = await send(eventXml('SOMETHING_ELSE'));
      r.status.should.equal(200);
      JSON.parse(r.body).should.eql({ status: '200', data: {} });
    });

    it('takes a message in the query too', async () => {
      const r = await post(sim, `/process?${form(eventXml('SOMETHING_ELSE'))}`);
      r.status.should.equal(200);
      sim
        .bpmEventMessages()
        .map((m) => m.event)
        .should.eql(['SOMETHING_ELSE']);
    });

    it('reads attributes, the event name, CDATA split across sections and the parameters in their order', async () => {
      const xml =
        '<eventmsg><event processApp="HSS" snapshot="v1.2" ucaname="Other &amp; UCA">A&amp;&lt;B</event><queue>Async Queue</queue>' +
        '<parameters><parameter><key>z&lt;</key><value><![CDATA[x]]]]><![CDATA[>y]]></value></parameter>' +
        '<parameter><key>a</key><value><![CDATA[]]></value></parameter></parameters></eventmsg>';
      (await send(xml)).status.should.equal(200);
      sim.bpmEventMessages().should.eql([
        {
          processApp: 'HSS',
          snapshot: 'v1.2',
          ucaName: 'Other & UCA',
          event: 'A&<B',
          queue: 'Async Queue',
          parameters: [
            ['z<', 'x]]>y'],
            ['a', ''],
          ],
        },
      ]);
    });
  });

  describe('what known events do', () => {
    it('an intermediate event moves on the instance waiting for it whose correlation matches: its task appears', async () => {
      sim.bpmTasks(ef.BUILTIN_ORDER_PIID).should.eql([]);
      (await send(eventXml('PAYMENT_RECEIVED', { orderNumber: 'ORD-0000' }))).status.should.equal(200);
      sim.bpmTasks(ef.BUILTIN_ORDER_PIID).should.eql([]);
      (await send(eventXml('PAYMENT_RECEIVED', { orderNumber: ef.BUILTIN_ORDER.orderNumber }))).status.should.equal(200);
      const tasks = sim.bpmTasks(ef.BUILTIN_ORDER_PIID);
      tasks.should.have.length(1);
      tasks[0].should.match({ name: 'Ship order', status: 'Received', piid: ef.BUILTIN_ORDER_PIID });
      sim.bpmTask(tasks[0].tkiid).data.variables.should.match({ orderNumber: 'ORD-4711', paid: true });
    });

    it('an intermediate event moves an instance on once: a second message finds none waiting', async () => {
      await send(eventXml('PAYMENT_RECEIVED', { orderNumber: ef.BUILTIN_ORDER.orderNumber }));
      (await send(eventXml('PAYMENT_RECEIVED', { orderNumber: ef.BUILTIN_ORDER.orderNumber }))).status.should.equal(200);
      sim.bpmTasks(ef.BUILTIN_ORDER_PIID).should.have.length(1);
    });

    it('a start event starts an instance with its parameters, which then waits for its payment', async () => {
      (await send(eventXml('ORDER_ARRIVED', { orderNumber: 'ORD-5000', amount: '12.5' }))).status.should.equal(200);
      (await send(eventXml('PAYMENT_RECEIVED', { orderNumber: 'ORD-5000' }))).status.should.equal(200);
      const tasks = sim.bpmTasks('42891');
      tasks.should.have.length(1);
      sim.bpmTask(tasks[0].tkiid).data.variables.should.match({ orderNumber: 'ORD-5000', amount: 12.5, paid: true });
    });

    it("a UCA name that is not the event's: no UCA takes it, nothing moves", async () => {
      const r = await send(eventXml('PAYMENT_RECEIVED', { orderNumber: 'ORD-4711' }, 'processApp="HSS" ucaname="Another UCA"'));
      r.status.should.equal(200);
      sim.bpmTasks(ef.BUILTIN_ORDER_PIID).should.eql([]);
    });

    it('reset() puts the built-in order back to waiting', async () => {
      await send(eventXml('PAYMENT_RECEIVED', { orderNumber: 'ORD-4711' }));
      sim.reset();
      sim.bpmTasks(ef.BUILTIN_ORDER_PIID).should.eql([]);
      sim.bpmEventMessages().should.eql([]);
    });
  });

  describe('refused messages', () => {
    for (const [what, message, errorNumber] of [
      ['not well-formed XML', '<eventmsg><event processApp="HSS">E</eventmsg>', 'CWTBG0595E'],
      ['another document', '<message><event processApp="HSS">E</event></message>', 'CWTBG0595E'],
      ['without the acronym', '<eventmsg><event>E</event></eventmsg>', 'CWTBG0595E'],
      ['without the event name', '<eventmsg><event processApp="HSS"> </event></eventmsg>', 'CWTBG0595E'],
      ['an unknown process app', eventXml('E', {}, 'processApp="NOPE"'), 'CWTBG0012E'],
      ['an unknown snapshot', eventXml('E', {}, 'processApp="HSS" snapshot="v9"'), 'CWTBG0012E'],
    ]) {
      it(`${what}: 400 ${errorNumber}, and nothing is accepted`, async () => {
        const r = await send(message);
        r.status.should.equal(400);
        wleError(r).errorNumber.should.equal(errorNumber);
        sim.bpmEventMessages().should.eql([]);
      });
    }

    it('no message: 400 CWTBG0023E', async () => {
      const r = await post(sim, '/process', 'action=sendMessage');
      r.status.should.equal(400);
      wleError(r).errorNumber.should.equal('CWTBG0023E');
    });
  });

  describe('keys as the event name', () => {
    it('forbidden: 401 CWTBG0549E for the action sendMessage', async () => {
      const r = await send(eventXml('forbidden'));
      r.status.should.equal(401);
      wleError(r).errorMessageParameters.should.eql(['sendMessage']);
    });

    it('status-409 and flaky-1 answer as the shared keys say', async () => {
      (await send(eventXml('status-409'))).status.should.equal(409);
      (await send(eventXml('flaky-1'))).status.should.equal(503);
      (await send(eventXml('flaky-1'))).status.should.equal(200);
    });
  });
});
