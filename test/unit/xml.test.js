'use strict';
// The fast reader of plain XML documents must read exactly what the general path
// (fast-xml-parser) reads, and refuse nothing the general path accepts differently.
const http = require('http');
require('should');
const { parseXmlDocument, parseWithLibrary, readPlainDocument } = require('../../nodes/lib/xml');
const { startSimulator } = require('../simulator');

const ARRAYS = new Set(['activities', 'errorMessageParameters']);

function fetchXml(sim, path) {
  const auth = Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
  return new Promise((resolve, reject) => {
    http.get(`${sim.bpmUrl}${path}`, { headers: { Accept: 'application/xml', Authorization: `Basic ${auth}` } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** A small deterministic pseudo-random sequence, so that every run tests the same documents. */
function random(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function same(text) {
  const expected = JSON.stringify(parseWithLibrary(text, ARRAYS));
  const actual = JSON.stringify(parseXmlDocument(text, ARRAYS));
  if (actual !== expected) throw new Error(`different reading of ${JSON.stringify(text.slice(0, 200))}: ${actual} vs ${expected}`);
}

describe('XML reading (no Node-RED)', function () {
  let documents;
  before(async function () {
    const sim = await startSimulator({ port: 0 });
    try {
      documents = await Promise.all(['100', '101', '102', '103', 'many-20', 'abc', 'server-error', '99999']
        .map((id) => fetchXml(sim, `/process/${id}/adHocActivities`)));
    } finally {
      await sim.close();
    }
  });

  it('the fast path reads the server\'s documents, the same as the general path', function () {
    for (const text of documents) {
      readPlainDocument(text, ARRAYS).should.not.be.undefined();
      same(text);
    }
  });

  it('reads hand-made edge cases the same either way', function () {
    const ns = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    const cases = [
      '<a/>',
      '<a></a>',
      '<a>  </a>',
      `<r ${ns}><x xsi:nil="true"/><y xsi:nil="1"></y><z xsi:nil="false">t</z></r>`,
      '<r><x>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;</x></r>',
      '<r><x><![CDATA[<b> & ]]>tail</x></r>',
      '<r><!-- note --><x>1</x><!-- more --></r>',
      '<r>\r\n<x>a\r\nb\rc</x>\r\n</r>',
      '<r><x a=">" b=\'<\'>v</x></r>',
      '<r><p:x xmlns:p="urn:p">v</p:x><p:x xmlns:p="urn:p">w</p:x></r>',
      '<r><x>1</x><x>2</x><x>3</x></r>',
      '<r><activities><id>1</id></activities></r>',
      '<r><x>&nbsp;</x></r>',
      '<!DOCTYPE r><r><x>1</x></r>',
      '<?xml version="1.0"?><?pi data?><r/>',
      '<r><x>1</x></r>trailing',
      '<r><x>1</x></r><r2/>',
      '<r><x>1</y></r>',
      '<r><x>&bogus;</x></r>',
      '<r><x>a & b</x></r>',
      '<r><constructor>1</constructor><__proto__>2</__proto__><toString>3</toString></r>',
      '<r><ü>1</ü></r>',
      '<r><x y="1" y="2">v</x></r>',
      '<r><x>text<y>child</y>more</x></r>',
      // Repeating tag sequences, tags that begin with another tag's name, spaced end tags.
      '<r><id>1</id><idx>2</idx><id>3</id><id>4</id><idx>5</idx><i>6</i><id >7</id ><id>8</id\n></r>',
      '<r><a><id>1</id><n>x</n></a><a><id>2</id><nn>y</nn></a><a><id>3</id><n/></a></r>',
      '<r><id>1</idx></r>',
      '<r><id>1</id <id>2</id></r>',
      // References in the text between elements, early and late in the document.
      '<r> &amp; <x>1</x> <x>2</x> &lt; <x>3</x> &bogus; </r>',
      '<r><x>1</x> <x>2</x> <x>3</x> & </r>',
      '<r><x>&amp;</x><y>1</y> &#0; <y>2</y></r>',
      '  <r/>  ',
      '',
      'not xml',
      '<html><body>Login<br><input name=x></body></html>',
    ];
    for (const text of cases) same(text);
  });

  it('reads every truncation of a document the same either way', function () {
    const text = documents[3];
    for (let cut = 0; cut < text.length; cut++) same(text.slice(0, cut));
  });

  it('reads 3,000 randomly edited documents the same either way', function () {
    const next = random(42);
    const pieces = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', 'a', '<![CDATA[', ']]>', '<!--', '-->', '&amp;', '&#', 'xsi:nil="true"', ''];
    for (let i = 0; i < 3000; i++) {
      const base = documents[Math.floor(next() * documents.length)];
      const at = Math.floor(next() * base.length);
      const cut = Math.floor(next() * 4);
      const piece = pieces[Math.floor(next() * pieces.length)];
      same(base.slice(0, at) + piece + base.slice(at + cut));
    }
  });
});
