'use strict';
// The pieces of the task nodes that need no server (README, "Nodes"): the submit body of an
// inubit form, the variables a flow gives, and what "only new" remembers.
require('should');
const vm = require('vm');
const { submitBody, isWholeForm } = require('../../nodes/lib/inubit/submit-body');
const { toVariables, isPlainObject } = require('../../nodes/lib/variables');
const { LastAnswers } = require('../../nodes/lib/last-answers');

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';
const body = (panel, submitter = 'ok') =>
  `${DECLARATION}<Form><Response submitter="${submitter}"><Panel>${panel}</Panel></Response></Form>`;

describe('the submit body of an inubit form (no Node-RED)', function () {
  it("holds one element per field in the object's order, text escaped", function () {
    submitBody({ b: 'x < y & "z" \'q\'', a: 'ä €' }, 'ok').should.equal(
      body('<b>x &lt; y &amp; &quot;z&quot; &apos;q&apos;</b><a>ä €</a>'),
    );
  });

  it('writes numbers and booleans as text, null as an empty element, a list as one element per item', function () {
    submitBody({ n: 12.5, t: true, f: false, e: null, l: ['1', 2, null] }, 'ok').should.equal(
      body('<n>12.5</n><t>true</t><f>false</f><e/><l>1</l><l>2</l><l/>'),
    );
  });

  it('escapes the submitter in its attribute', function () {
    submitBody({}, 'a"b<c&').should.equal(body('', 'a&quot;b&lt;c&amp;'));
  });

  it('sends an empty panel for no fields', function () {
    submitBody(undefined, 'ok').should.equal(body(''));
  });

  for (const name of ['1st', 'a b', 'ä', 'xmlField', 'XMLfield', 'a:b', '']) {
    it(`refuses the field name ${JSON.stringify(name)} with INVALID_INPUT`, function () {
      (() => submitBody({ [name]: 'v' }, 'ok')).should.throw({ code: 'INVALID_INPUT' });
    });
  }

  for (const [what, value] of [
    ['an object', { a: 1 }],
    ['a list inside a list', [[1]]],
    ['a function', () => 1],
    ['NaN', NaN],
    ['a control character', 'a\u0001b'],
    ['a lone surrogate', 'a\uD800'],
  ]) {
    it(`refuses a field value that is ${what} with INVALID_INPUT`, function () {
      (() => submitBody({ f: value }, 'ok')).should.throw({ code: 'INVALID_INPUT' });
    });
  }

  it('sends a whole <Form> document unchanged, after whitespace and an XML declaration too', function () {
    for (const text of ['<Form><Response submitter="x"/></Form>', `  \n${DECLARATION}\n<Form version="2.0"/>`, '<Form>']) {
      isWholeForm(text).should.be.true(text);
      submitBody(text, 'ok').should.equal(text);
    }
  });

  it('refuses other text with INVALID_INPUT', function () {
    for (const text of ['a=1', '<Formular/>', '<?xml version="1.0"?><Other/>', 'x<Form/>']) {
      isWholeForm(text).should.be.false(text);
      (() => submitBody(text, 'ok')).should.throw({ code: 'INVALID_INPUT' });
    }
  });
});

describe('the variables a flow gives (no Node-RED)', function () {
  it('takes a plain object as it is', function () {
    const value = { a: 1, b: { c: [1] } };
    toVariables(value, 'variables').should.equal(value);
    const bare = Object.create(null);
    (toVariables(bare, 'variables') === bare).should.be.true();
  });

  it("takes a plain object made in another context (a Function node's), nested values included, as it is", function () {
    const made = vm.runInNewContext('({ Kommentar: "ok", Betrag: 12, nested: { list: [1, { deep: true }] } })');
    (Object.getPrototypeOf(made) === Object.prototype).should.be.false();
    (toVariables(made, 'variables') === made).should.be.true();
    JSON.stringify(toVariables(made, 'variables')).should.equal('{"Kommentar":"ok","Betrag":12,"nested":{"list":[1,{"deep":true}]}}');
    const bare = vm.runInNewContext('Object.create(null)');
    (toVariables(bare, 'variables') === bare).should.be.true();
    isPlainObject(vm.runInNewContext('JSON.parse(\'{"a":1}\')')).should.be.true();
  });

  for (const [what, source] of [
    ['a list', '[1, 2]'],
    ['a Date', 'new Date()'],
    ['a class instance', 'class Order { constructor() { this.id = 1; } }; new Order()'],
    ['an object with a prototype of its own', 'Object.create({ inherited: 1 })'],
    ['a Map', 'new Map([["a", 1]])'],
    ['a function', '(function () { return 1; })'],
    ['a boxed string', 'new String("x")'],
  ]) {
    it(`refuses ${what} made in another context with INVALID_INPUT`, function () {
      const made = vm.runInNewContext(source);
      isPlainObject(made).should.be.false();
      (() => toVariables(made, 'variables')).should.throw({ code: 'INVALID_INPUT' });
    });
  }

  it('sends none for undefined, null and empty text', function () {
    for (const value of [undefined, null, '']) (toVariables(value, 'variables') === undefined).should.be.true();
  });

  for (const [what, value] of [
    ['a list', [1]],
    ['text', 'a=1'],
    ['a number', 5],
    ['a boolean', true],
    ['a function', () => 1],
    ['a Buffer', Buffer.from('x')],
    ['a Date', new Date()],
    ['a class instance', new (class Order {})()],
  ]) {
    it(`refuses ${what} with INVALID_INPUT`, function () {
      (() => toVariables(value, 'variables')).should.throw({ code: 'INVALID_INPUT' });
    });
  }

  it('reads the text of an environment variable as JSON: an object, or nothing when empty', function () {
    toVariables('{"a":1}', 'variables', { fromEnv: true }).should.eql({ a: 1 });
    (toVariables('  ', 'variables', { fromEnv: true }) === undefined).should.be.true();
    (toVariables('null', 'variables', { fromEnv: true }) === undefined).should.be.true();
    for (const text of ['a=1', '[1]', '"x"', '{'])
      (() => toVariables(text, 'variables', { fromEnv: true })).should.throw({ code: 'INVALID_INPUT' });
  });

  it('takes a whole form document as text where the node allows one', function () {
    toVariables('<Form/>', 'fields', { wholeForm: isWholeForm }).should.equal('<Form/>');
    (() => toVariables('<Other/>', 'fields', { wholeForm: isWholeForm })).should.throw({ code: 'INVALID_INPUT' });
  });
});

describe('what "only new" remembers (no Node-RED)', function () {
  it('counts every id of the first answer as new, then only those not in the previous answer', function () {
    const last = new LastAnswers();
    last.newOf('q', ['a', 'b']).should.eql([true, true]);
    last.newOf('q', ['b', 'c']).should.eql([false, true]);
    // Compared with the previous answer only: a task that left and came back is new again.
    last.newOf('q', ['a']).should.eql([true]);
  });

  it('keeps the answers of each request apart', function () {
    const last = new LastAnswers();
    last.newOf('q1', ['a']);
    last.newOf('q2', ['a']).should.eql([true]);
    last.newOf('q1', ['a']).should.eql([false]);
  });

  it('keeps at most 100,000 task ids over its requests, forgetting the least recently used request first', function () {
    const last = new LastAnswers();
    const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
    last.newOf('first', ids('f', 10));
    last.newOf('used', ids('u', 10));
    for (let i = 0; i < 9998; i++) last.newOf(`other-${i}`, ids(`o${i}`, 10));
    last.ids.should.equal(100000);
    last.size.should.equal(10000);
    // Asking again makes "used" the most recently used: the next new request pushes out "first".
    last.newOf('used', ids('u', 10)).should.eql(Array(10).fill(false));
    last.newOf('one-more', ids('m', 10));
    last.ids.should.equal(100000);
    last.newOf('used', ids('u', 10)).should.eql(Array(10).fill(false));
    last.newOf('first', ids('f', 10)).should.eql(Array(10).fill(true));
  });

  it('a node polling 5,000 instances with 3 tasks each keeps them all: none is sent again as new', function () {
    const last = new LastAnswers();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5000; i++) {
        last.newOf(`instance-${i}`, [`${i}.1`, `${i}.2`, `${i}.3`]).should.eql(Array(3).fill(round === 0));
      }
    }
    last.size.should.equal(5000);
    last.ids.should.equal(15000);
  });
});
