'use strict';
const should = require('should');
const { InubitClient, parseInubitError } = require('../../nodes/lib/inubit/client');
const { IbmBpmClient, parseWleError } = require('../../nodes/lib/ibm-bpm/client');
const { activitiesFromJson, activitiesFromXml, activityDetailsFromJson } = require('../../nodes/lib/ibm-bpm/activities');
const { startSimulator } = require('../simulator');
const { SEED_ACTIVITIES, MIXED_ACTIVITIES, INUBIT_STARTERS, TEXT_FIELDS_DETAILS } = require('../simulator/fixtures');

describe('REST clients (no Node-RED)', function () {
  let sim;
  let inubit;
  let bpm;
  before(async function () {
    sim = await startSimulator({ port: 0 });
    inubit = new InubitClient({ url: sim.url, username: sim.username, password: sim.password, retries: 0 });
    bpm = new IbmBpmClient({ url: sim.url, username: sim.username, password: sim.password, retries: 0 });
  });
  after(async function () {
    inubit.close();
    bpm.close();
    await sim.close();
  });

  describe('InubitClient', function () {
    it('startAdHocProcess: 201 gives the task id as text', async function () {
      const result = await inubit.startAdHocProcess('alice', 'leading-zeros');
      result.should.eql({ taskId: '000123', statusCode: 201, user: 'alice', starterId: 'leading-zeros' });
    });

    it('startAdHocProcess: 204 gives a null task id', async function () {
      should((await inubit.startAdHocProcess('alice', 'no-task')).taskId).equal(null);
    });

    it('startAdHocProcess: a user value with a line break stays on one line in the message', async function () {
      const error = await inubit.startAdHocProcess('alice\nbob', 'unknown-starter').then(
        () => null,
        (e) => e,
      );
      error.message.should.not.match(/\n/);
      error.message.should.containEql('"alice\\nbob"');
    });

    it('startAdHocProcess: refuses bad input before any request', async function () {
      sim.reset();
      for (const [user, id] of [
        ['..', 'x'],
        ['a', '.'],
        ['', 'x'],
        [{}, 'x'],
        ['a', null],
      ]) {
        await inubit.startAdHocProcess(user, id).should.be.rejectedWith({ code: 'INVALID_INPUT' });
      }
      sim.requests.should.have.length(0);
    });

    it('listAdHocStarters reads the Modules list', async function () {
      const { user, starters } = await inubit.listAdHocStarters('alice');
      user.should.equal('alice');
      starters.length.should.be.above(2);
      starters.forEach((s) => s.should.have.properties('id', 'label'));
    });

    it('startAdHocProcess sends lang as query parameter only when it is not empty', async function () {
      sim.reset();
      for (const lang of ['en', '', '  ', undefined, null]) await inubit.startAdHocProcess('alice', 'starter-1', { lang });
      sim.requests.map((r) => r.query).should.eql([{ lang: 'en' }, {}, {}, {}, {}]);
      sim.requests.forEach((r) => r.rawPath.should.equal('/ibis/rest/task/adhoc/alice/starter-1'));
    });

    it('listAdHocStarters gives { user, starters }: the attributes of each Module, xml:lang as lang, in the language asked for', async function () {
      sim.reset();
      for (const lang of ['de', 'en']) {
        const result = await inubit.listAdHocStarters('alice', { lang });
        result.should.eql({
          user: 'alice',
          starters: INUBIT_STARTERS.map((s) => ({ id: s.id, label: s.labels[lang], role: s.role, lang })),
        });
      }
      sim.requests.map((r) => r.query).should.eql([{ lang: 'de' }, { lang: 'en' }]);
      sim.requests.forEach((r) => r.headers.accept.should.equal('application/xml'));
    });

    it('listAdHocStarters uses a number as its decimal text and refuses bad input before any request', async function () {
      sim.reset();
      (await inubit.listAdHocStarters(4711)).user.should.equal('4711');
      for (const user of ['.', '..', '', ' ', {}, null, ['a'], true]) {
        await inubit.listAdHocStarters(user).should.be.rejectedWith({ code: 'INVALID_INPUT' });
      }
      sim.requests.should.have.length(1);
    });

    it('listAdHocStarters: an empty <Modules/> is an empty list; an answer that is not a <Modules> document is INVALID_RESPONSE', async function () {
      (await inubit.listAdHocStarters('no-starters')).should.eql({ user: 'no-starters', starters: [] });
      for (const user of ['login-page', 'truncated', 'wrong-type', 'status-202']) {
        await inubit.listAdHocStarters(user).should.be.rejectedWith({ code: 'INVALID_RESPONSE' }, user);
      }
    });

    it('healthcheck answers without credentials', async function () {
      const anonymous = new InubitClient({ url: sim.url });
      try {
        (await anonymous.healthcheck()).status.should.equal('OK');
      } finally {
        anonymous.close();
      }
    });

    it('parseInubitError reads JSON and XML bodies alike and ignores HTML', function () {
      const json = parseInubitError(
        '{"statusCode":500,"message":"Internal Server Error","path":"/rest/x","timestamp":"t"}',
        'application/json',
      );
      const xml = parseInubitError(
        '<error><statusCode>500</statusCode><message>Internal Server Error</message><path>/rest/x</path><timestamp>t</timestamp></error>',
        'application/xml',
      );
      json.should.eql(xml);
      json.message.should.equal('Internal Server Error');
      should(parseInubitError('<html><title>Error 401</title></html>', 'text/html')).be.undefined();
    });
  });

  describe('IbmBpmClient', function () {
    it('listAdHocActivities returns the same activities from JSON and XML', async function () {
      for (const id of ['102', '103', 'many-300']) {
        const json = await bpm.listAdHocActivities(id, 'json');
        const xml = await bpm.listAdHocActivities(id, 'xml');
        xml.should.eql(json);
      }
      (await bpm.listAdHocActivities('103', 'xml')).activities.should.eql(MIXED_ACTIVITIES);
    });

    it('listAdHocActivities uses a number as its decimal text', async function () {
      const result = await bpm.listAdHocActivities(102, 'json');
      result.instanceId.should.equal('102');
      result.activities.should.eql(SEED_ACTIVITIES);
    });

    it('reads the list by its Content-Type; a 200 of any other type is INVALID_RESPONSE', async function () {
      const http = require('http');
      const types = {
        json: 'application/json;charset=UTF-8',
        xml: 'application/xml',
        none: null,
        plain: 'text/plain',
        html: 'text/html',
        octets: 'application/octet-stream',
      };
      const json = JSON.stringify({ status: '200', data: { activities: [{ id: '1' }] } });
      const xml = '<ResponseData><status>200</status><data><activities><id>1</id></activities></data></ResponseData>';
      const server = http.createServer((req, res) => {
        const key = req.url.split('/')[3];
        res.writeHead(200, types[key] ? { 'Content-Type': types[key] } : {});
        res.end(key === 'xml' ? xml : json);
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      const client = new IbmBpmClient({ url: `http://127.0.0.1:${server.address().port}/r` });
      try {
        for (const key of ['json', 'xml', 'none']) {
          (await client.listAdHocActivities(key)).activities.should.eql([{ id: '1' }], key);
        }
        for (const key of ['plain', 'html', 'octets']) {
          await client.listAdHocActivities(key).should.be.rejectedWith({ code: 'INVALID_RESPONSE', statusCode: 200 });
        }
      } finally {
        client.close();
        server.close();
      }
    });

    it('startAdHocActivity gives { activityId, activity, statusCode }: the details under data as sent', async function () {
      (await bpm.startAdHocActivity('text-fields')).should.eql({
        activityId: 'text-fields',
        activity: TEXT_FIELDS_DETAILS,
        statusCode: 200,
      });
      (await bpm.startAdHocActivity(2118.5, 'bob')).should.match({
        activityId: '2118.5',
        activity: { id: '2118.5', taskOwnerUserId: 'bob' },
        statusCode: 200,
      });
    });

    it('startAdHocActivity sends PUT /activity/{id}?action=ACTION_START_ACTIVITY, with assignTo only when it is not empty', async function () {
      sim.reset();
      for (const assignTo of ['a&b=c d', '', ' ', undefined, null, 42]) await bpm.startAdHocActivity('2118.a/b', assignTo);
      sim.requests.forEach((r) => {
        r.method.should.equal('PUT');
        r.rawPath.should.equal('/rest/bpm/wle/v1/activity/2118.a%2Fb');
        r.headers.accept.should.equal('application/json');
        r.headers['content-length'].should.equal('0');
      });
      const start = { action: 'ACTION_START_ACTIVITY' };
      sim.requests
        .map((r) => r.query)
        .should.eql([{ ...start, assignTo: 'a&b=c d' }, start, start, start, start, { ...start, assignTo: '42' }]);
    });

    it('startAdHocActivity refuses bad input before any request', async function () {
      sim.reset();
      for (const id of ['.', '..', '', ' \t', {}, null, undefined, ['2118.1'], true, NaN]) {
        await bpm.startAdHocActivity(id).should.be.rejectedWith({ code: 'INVALID_INPUT', message: /activity id/ });
      }
      for (const assignTo of [{}, ['bob'], false, Infinity]) {
        await bpm.startAdHocActivity('2118.1', assignTo).should.be.rejectedWith({ code: 'INVALID_INPUT' });
      }
      sim.requests.should.have.length(0);
    });

    it('startAdHocActivity: a 2xx without a data object, or not JSON, is INVALID_RESPONSE', async function () {
      for (const id of ['no-data', 'data-not-object', 'wrong-type', 'login-page', 'truncated', 'status-202']) {
        await bpm.startAdHocActivity(id).should.be.rejectedWith({ code: 'INVALID_RESPONSE' }, id);
      }
    });

    it('startAdHocActivity is repeated after a 503, never after a timeout, a reset, a 500 or a 400', async function () {
      const client = new IbmBpmClient({ url: sim.url, username: sim.username, password: sim.password, retries: 2, timeout: 100 });
      const puts = () => sim.requests.filter((r) => r.method === 'PUT').length;
      try {
        for (const [id, code, attempts] of [
          ['flaky-2', undefined, 3],
          ['maintenance', 'SERVICE_UNAVAILABLE', 3],
          ['slow-1000', 'TIMEOUT', 1],
          ['reset', 'CONNECTION_FAILED', 1],
          ['server-error', 'SERVER_ERROR', 1],
          ['not-startable', 'BAD_REQUEST', 1],
        ]) {
          sim.reset();
          const outcome = await client.startAdHocActivity(id).then(
            () => undefined,
            (e) => e.code,
          );
          should(outcome).equal(code, id);
          puts().should.equal(attempts, id);
        }
      } finally {
        client.close();
      }
    });

    it('systems answers with valid credentials', async function () {
      (await bpm.systems()).should.have.property('data');
    });

    it('parseWleError reads the exception data from JSON and XML alike', function () {
      const json = parseWleError(
        JSON.stringify({
          status: 'error',
          Data: {
            status: 'error',
            exceptionType: 'E',
            errorNumber: 'CWTBG0059E',
            errorMessage: 'gone',
            errorMessageParameters: ['1'],
            programmersDetails: 'trace',
          },
        }),
        'application/json',
      );
      const xml = parseWleError(
        '<?xml version="1.0"?><RestRuntimeException xmlns="http://rest.bpm.ibm.com/v1/data/exception"><status>error</status><Data><status>error</status><exceptionType>E</exceptionType><errorNumber>CWTBG0059E</errorNumber><errorMessage>gone</errorMessage><errorMessageParameters>1</errorMessageParameters><programmersDetails>trace</programmersDetails></Data></RestRuntimeException>',
        'application/xml',
      );
      xml.should.eql(json);
      json.message.should.equal('gone');
    });
  });

  describe('activity lists', function () {
    const wrap = (inner) =>
      `<?xml version="1.0" encoding="UTF-8"?><bpm:ResponseData xmlns:bpm="http://rest.bpm.ibm.com/v1/data"><status>200</status>${inner}</bpm:ResponseData>`;
    const ns = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

    it('XML: an empty or self-closed <data> is an empty list', function () {
      activitiesFromXml(wrap(`<data ${ns}>\n  </data>`)).should.eql([]);
      activitiesFromXml(wrap(`<data ${ns}/>`)).should.eql([]);
    });

    it('XML: a missing <data> is INVALID_RESPONSE', function () {
      (() => activitiesFromXml(wrap(''))).should.throw({ code: 'INVALID_RESPONSE' });
    });

    it('XML: a <data> with other elements but no activities is INVALID_RESPONSE, as in JSON', function () {
      (() => activitiesFromXml(wrap(`<data ${ns}><other>1</other></data>`))).should.throw({
        code: 'INVALID_RESPONSE',
        message: /no activities list/,
      });
      (() => activitiesFromJson(JSON.stringify({ status: '200', data: { other: 1 } }))).should.throw({
        code: 'INVALID_RESPONSE',
        message: /no activities list/,
      });
    });

    it('XML: decodes entities, character references and CDATA; keeps numeric-looking text; nil is null; booleans are booleans', function () {
      const list = activitiesFromXml(
        wrap(
          `<data ${ns}><activities><id>2118.10</id><name>&#252;&#x20AC; &amp; <![CDATA[<b>]]></name><required>true</required><repeatable>false</repeatable><hidden>0</hidden><dueDate xsi:nil="true"/><narrative></narrative><taskId>000456</taskId></activities></data>`,
        ),
      );
      list.should.eql([
        {
          id: '2118.10',
          name: 'ü€ & <b>',
          required: true,
          repeatable: false,
          hidden: false,
          dueDate: null,
          narrative: '',
          taskId: '000456',
        },
      ]);
    });

    it('XML: truncated or not XML at all is INVALID_RESPONSE', function () {
      const full = wrap(`<data ${ns}><activities><id>1</id></activities><activities><id>2</id></activities></data>`);
      for (const cut of [40, 120, full.length - 30, full.length - 3]) {
        (() => activitiesFromXml(full.slice(0, cut))).should.throw({ code: 'INVALID_RESPONSE' }, `cut at ${cut}`);
      }
      (() => activitiesFromXml('<html><body>Login</body></html>')).should.throw({ code: 'INVALID_RESPONSE' });
    });

    it('details: keeps the object under data as sent; no data object or truncated JSON is INVALID_RESPONSE', function () {
      activityDetailsFromJson(JSON.stringify({ status: '200', data: TEXT_FIELDS_DETAILS })).should.eql(TEXT_FIELDS_DETAILS);
      for (const body of [
        '{"status":"200"}',
        '{"status":"200","data":null}',
        '{"status":"200","data":"x"}',
        '{"status":"200","data":[{"id":"1"}]}',
        '{"status":"200","data":{"id":',
        '',
        'OK',
      ]) {
        (() => activityDetailsFromJson(body)).should.throw({ code: 'INVALID_RESPONSE' }, body);
      }
    });

    it('JSON: keeps the objects as sent; a missing list or truncated JSON is INVALID_RESPONSE', function () {
      activitiesFromJson(JSON.stringify({ status: '200', data: { activities: SEED_ACTIVITIES } })).should.eql(SEED_ACTIVITIES);
      (() => activitiesFromJson('{"status":"200","data":{}}')).should.throw({ code: 'INVALID_RESPONSE' });
      (() => activitiesFromJson('{"status":"200","data":{"activities":[{"id":')).should.throw({ code: 'INVALID_RESPONSE' });
      (() => activitiesFromJson('{"status":"200","data":{"activities":[1,2]}}')).should.throw({ code: 'INVALID_RESPONSE' });
    });
  });
});
