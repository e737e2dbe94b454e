'use strict';
const { answering } = require('../support/http');
const should = require('should');
const { helper } = require('../support/runtime');
const { startFlow, withoutProperties, loadFlow, run, caughtWith } = require('../support/flows');
const { useSimulator } = require('../support/simulated');

describe('inubit-start-adhoc-process (README, "Nodes")', function () {
  const sim = useSimulator();

  const posts = () => sim.requests.filter((r) => r.method === 'POST');

  it('sends POST {base}/task/adhoc/{user}/{starterId} with an empty body and Basic authentication', async function () {
    await loadFlow(startFlow(sim, { user: 'alice', starterId: 'starter-1' }), sim);
    await run({ payload: 'go' });
    posts().should.have.length(1);
    const request = posts()[0];
    request.rawPath.should.equal('/ibis/rest/task/adhoc/alice/starter-1');
    request.authUser.should.equal(sim.username);
    should(request.headers['content-length'] || '0').equal('0');
    should(request.headers['content-type']).be.undefined();
  });

  it('201: sends the input message with payload and taskId = the task id as text and statusCode 201', async function () {
    await loadFlow(startFlow(sim), sim);
    const result = await run({ payload: 'go', topic: 'keep me', custom: { a: 1 } });
    result.out.should.have.length(1);
    const msg = result.out[0];
    msg.payload.should.be.a.String().and.match(/^[0-9a-f-]{36}$/);
    msg.taskId.should.equal(msg.payload);
    msg.statusCode.should.equal(201);
    msg.topic.should.equal('keep me');
    msg.custom.should.eql({ a: 1 });
    result.caught.should.have.length(0);
    result.status.should.match({ fill: 'green', shape: 'dot' });
  });

  it('201: the task id is never parsed as JSON and surrounding whitespace is trimmed', async function () {
    await loadFlow(startFlow(sim, { starterId: 'leading-zeros' }), sim);
    const result = await run({});
    result.out[0].payload.should.equal('000123');
    result.out[0].taskId.should.equal('000123');
  });

  it('201: a numeric-looking task id stays text', async function () {
    await loadFlow(startFlow(sim, { starterId: 'numeric' }), sim);
    const result = await run({});
    result.out[0].payload.should.equal('42');
  });

  it('204: sends nothing, finishes the message and says "no task" in the status', async function () {
    await loadFlow(startFlow(sim, { starterId: 'no-task' }), sim);
    const result = await run({ payload: 'go' });
    result.out.should.have.length(0);
    result.caught.should.have.length(0);
    result.completed.should.have.length(1);
    result.status.should.match({ fill: 'grey', text: 'inubit-start-adhoc-process.status.noTask' });
  });

  describe('path segments', function () {
    const cases = [
      ['a "/" and a space', 'a/b c', 'a%2Fb%20c'],
      ['unicode as UTF-8', 'Jürgen€', 'J%C3%BCrgen%E2%82%AC'],
      [
        'an inubit 8.x composite starter id',
        'PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140',
        'PAB%20HR-Recruiting%20Vorauswahl%40%40%40HR_Sachbearbeiter%40%40%40WF%20Starter%40%40%40140',
      ],
      ['? # % & characters', 'x?y#z%&=', 'x%3Fy%23z%25%26%3D'],
      ['an encoded dot-dot', '%2E%2E', '%252E%252E'],
      ['three dots', '...', '...'],
    ];
    for (const [what, value, encoded] of cases) {
      it(`percent-encodes ${what} so that it stays one segment`, async function () {
        await loadFlow(startFlow(sim, { user: value, starterId: value }), sim);
        const result = await run({});
        result.out.should.have.length(1);
        posts()[0].rawPath.should.equal(`/ibis/rest/task/adhoc/${encoded}/${encoded}`);
        posts()[0].segments.should.eql(['task', 'adhoc', value, value]);
      });
    }

    for (const value of ['.', '..']) {
      it(`refuses "${value}" with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startFlow(sim, { user: 'user', userType: 'msg', starterId: 'starter-1' }), sim);
        const result = await run({ user: value });
        caughtWith(result, 'INVALID_INPUT');
        posts().should.have.length(0);
      });
    }
  });

  describe('TypedInputs for user and starterId', function () {
    it('reads msg properties', async function () {
      await loadFlow(startFlow(sim, { user: 'payload.user', userType: 'msg', starterId: 'payload.id', starterIdType: 'msg' }), sim);
      await run({ payload: { user: 'bob', id: 'from-msg' } });
      posts()[0].segments.should.eql(['task', 'adhoc', 'bob', 'from-msg']);
    });

    it('reads flow and global context', async function () {
      await loadFlow(startFlow(sim, { user: 'who', userType: 'flow', starterId: 'which', starterIdType: 'global' }), sim);
      const node = helper.getNode('node');
      node.context().flow.set('who', 'carol');
      node.context().global.set('which', 'from-global');
      await run({});
      posts()[0].segments.should.eql(['task', 'adhoc', 'carol', 'from-global']);
    });

    it('reads environment variables', async function () {
      process.env.BPM_TEST_USER = 'dave';
      try {
        await loadFlow(startFlow(sim, { user: 'BPM_TEST_USER', userType: 'env' }), sim);
        await run({});
        posts()[0].segments[2].should.equal('dave');
      } finally {
        delete process.env.BPM_TEST_USER;
      }
    });

    it('evaluates JSONata expressions', async function () {
      await loadFlow(
        startFlow(sim, { user: '$uppercase(payload)', userType: 'jsonata', starterId: '"id-" & topic', starterIdType: 'jsonata' }),
        sim,
      );
      await run({ payload: 'erin', topic: '7' });
      posts()[0].segments.should.eql(['task', 'adhoc', 'ERIN', 'id-7']);
    });

    it('uses a number as its decimal text', async function () {
      await loadFlow(startFlow(sim, { user: 'payload', userType: 'msg' }), sim);
      await run({ payload: 4711 });
      posts()[0].segments[2].should.equal('4711');
    });

    const invalid = [
      ['missing', undefined],
      ['null', null],
      ['empty', ''],
      ['whitespace only', ' \t\n '],
      ['an object', { a: 1 }],
      ['an array', ['a']],
      ['a boolean', true],
      ['not a finite number', NaN],
    ];
    for (const [what, value] of invalid) {
      it(`refuses a user that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startFlow(sim, { user: 'payload', userType: 'msg' }), sim);
        const result = await run({ payload: value });
        const msg = caughtWith(result, 'INVALID_INPUT');
        msg.error.message.should.match(/user/);
        posts().should.have.length(0);
      });
      it(`refuses a starter id that is ${what} with INVALID_INPUT and sends no request`, async function () {
        await loadFlow(startFlow(sim, { starterId: 'payload', starterIdType: 'msg' }), sim);
        const result = await run({ payload: value });
        const msg = caughtWith(result, 'INVALID_INPUT');
        msg.error.message.should.match(/starter id/);
        posts().should.have.length(0);
      });
    }

    it('refuses a JSONata expression that fails with INVALID_INPUT', async function () {
      await loadFlow(startFlow(sim, { user: '$error("nope")', userType: 'jsonata' }), sim);
      const result = await run({});
      caughtWith(result, 'INVALID_INPUT');
      posts().should.have.length(0);
    });
  });

  describe('lang', function () {
    for (const lang of ['en', 'de']) {
      it(`sends lang=${lang} as query parameter when it is not empty`, async function () {
        await loadFlow(startFlow(sim, { lang, langType: 'str' }), sim);
        const result = await run({});
        result.out.should.have.length(1);
        posts()[0].rawPath.should.equal('/ibis/rest/task/adhoc/alice/starter-1');
        posts()[0].query.should.eql({ lang });
      });
    }

    const notSent = [
      ['empty', { lang: '', langType: 'str' }, {}],
      ['whitespace only', { lang: ' \t\n ', langType: 'str' }, {}],
      ['a msg property that is missing', { lang: 'lang', langType: 'msg' }, {}],
      ['a msg property that is null', { lang: 'lang', langType: 'msg' }, { lang: null }],
    ];
    for (const [what, props, input] of notSent) {
      it(`sends no lang when it is ${what}`, async function () {
        await loadFlow(startFlow(sim, props), sim);
        const result = await run(input);
        result.out.should.have.length(1);
        posts()[0].query.should.eql({});
      });
    }

    it('sends no lang when the node has no lang property (a flow saved before it existed)', async function () {
      const flow = withoutProperties(startFlow(sim), 'node', 'lang', 'langType');
      flow.find((n) => n.id === 'node').should.not.have.property('lang');
      await loadFlow(flow, sim);
      const result = await run({});
      result.out.should.have.length(1);
      posts()[0].query.should.eql({});
    });

    it('reads lang from msg, flow, global and env', async function () {
      const cases = [
        [{ lang: 'payload.lang', langType: 'msg' }, () => {}],
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
          await loadFlow(startFlow(sim, props), sim);
          prepare(helper.getNode('node'));
          await run({ payload: { lang: 'en' } });
          posts()[0].query.should.eql({ lang: 'en' }, `with ${props.langType}`);
          await helper.unload();
        }
      } finally {
        delete process.env.BPM_TEST_LANG;
      }
    });

    it('percent-encodes lang as a query value', async function () {
      await loadFlow(startFlow(sim, { lang: 'de&x=1 ü', langType: 'str' }), sim);
      await run({});
      posts()[0].query.should.eql({ lang: 'de&x=1 ü' });
    });
  });

  describe('201 task id', function () {
    const kept = [
      ['keeps inner spaces of a task id and trims the surrounding whitespace', '  task 42  of HR \r\n', 'task 42  of HR'],
      ['trims surrounding tabs and line breaks', '\t\r\n000123\r\n\t', '000123'],
      ['keeps text that looks like JSON as text', '{"id": 1}', '{"id": 1}'],
      ['keeps a unicode task id', 'Aufgabe ü€ 1', 'Aufgabe ü€ 1'],
    ];
    for (const [what, body, taskId] of kept) {
      it(`${what}`, async function () {
        const server = await answering(() => ({ status: 201, type: 'application/plain', body }));
        try {
          await loadFlow(startFlow(sim, {}, { url: server.url }), sim);
          const result = await run({});
          result.out.should.have.length(1);
          result.out[0].payload.should.equal(taskId);
          result.out[0].taskId.should.equal(taskId);
          result.out[0].statusCode.should.equal(201);
          server.requests.map((r) => r.url).should.eql(['/ibis/rest/task/adhoc/alice/starter-1']);
        } finally {
          await server.close();
        }
      });
    }

    const refused = [
      ['an empty body', 'application/plain', ''],
      ['a body of whitespace only', 'application/plain', ' \r\n\t '],
      ['an HTML page labelled as text', 'application/plain', '<!DOCTYPE html>\n<html><body>Created</body></html>'],
      ['an HTML page without a Content-Type', undefined, '<html><head><title>Login</title></head><body></body></html>'],
      ['an HTML page labelled text/html', 'text/html;charset=UTF-8', 'Created'],
    ];
    for (const [what, type, body] of refused) {
      it(`refuses ${what} with INVALID_RESPONSE and sends nothing`, async function () {
        const server = await answering(() => ({ status: 201, type: type ?? null, body }));
        try {
          await loadFlow(startFlow(sim, {}, { url: server.url }), sim);
          const result = await run({ taskId: 'from-before' });
          const msg = caughtWith(result, 'INVALID_RESPONSE');
          msg.statusCode.should.equal(201);
          msg.taskId.should.equal('from-before');
          result.completed.should.have.length(0);
          server.requests.should.have.length(1);
        } finally {
          await server.close();
        }
      });
    }
  });
});
