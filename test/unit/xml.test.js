'use strict';
// The fast reader of plain XML documents must read exactly what the general path
// (fast-xml-parser) reads, and refuse nothing the general path accepts differently: in either
// reading, into plain data (XmlValue) and in document order with attributes (XmlNode).
const http = require('http');
require('should');
const {
  parseXmlDocument,
  parseWithLibrary,
  readPlainDocument,
  parseXmlTree,
  treeWithLibrary,
  readPlainTree,
} = require('../../nodes/lib/xml');
const { startSimulator } = require('../simulator');
const { taskListXml, taskXml, manyTasks, SAMPLE_TASK, SAMPLE_FORM } = require('../support/task-documents');

const ARRAYS = new Set(['activities', 'errorMessageParameters']);

function fetchXml(sim, path, base = sim.bpmUrl) {
  const auth = Buffer.from(`${sim.username}:${sim.password}`).toString('base64');
  return new Promise((resolve, reject) => {
    http
      .get(`${base}${path}`, { headers: { Accept: 'application/xml', Authorization: `Basic ${auth}` } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
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

/** Both readings of `text`, through the fast path where it can, equal the authority's. */
function same(text) {
  sameReading(text, parseWithLibrary(text, ARRAYS), parseXmlDocument(text, ARRAYS));
  sameReading(text, treeWithLibrary(text), parseXmlTree(text));
}

function sameReading(text, authority, reader) {
  const expected = JSON.stringify(authority);
  const actual = JSON.stringify(reader);
  if (actual !== expected) throw new Error(`different reading of ${JSON.stringify(text.slice(0, 200))}: ${actual} vs ${expected}`);
}

/** Each text edited at random `count` times: a piece put in, a few characters cut out. */
function randomEdits(texts, count, pieces, seed) {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const base = texts[Math.floor(next() * texts.length)];
    const at = Math.floor(next() * base.length);
    const cut = Math.floor(next() * 4);
    const piece = pieces[Math.floor(next() * pieces.length)];
    return base.slice(0, at) + piece + base.slice(at + cut);
  });
}

const TASK_LIST = taskListXml({ user: 'root', total: '3' }, [...manyTasks(2), { attrs: { id: '3', action: 'Info' } }]);

describe('XML reading (no Node-RED)', function () {
  let documents;
  let inubitDocuments;
  before(async function () {
    const sim = await startSimulator({ port: 0 });
    try {
      documents = await Promise.all(
        ['100', '101', '102', '103', 'many-20', 'abc', 'server-error', '99999'].map((id) =>
          fetchXml(sim, `/process/${id}/adHocActivities`),
        ),
      );
      // inubit's documents: the task lists, each task of the account, its form, the starter list.
      const inubit = (path) => fetchXml(sim, path, sim.inubitUrl);
      const lists = await Promise.all(
        ['', '?lang=en', '?count=2&start=1', '?scenario=many-20'].map((query) => inubit(`/task/tasks${query}`)),
      );
      const ids = [...lists[0].matchAll(/<Task id="([^"]+)"/g)].map((match) => match[1]);
      ids.length.should.be.above(2);
      const details = await Promise.all(
        ids.flatMap((id) => [inubit(`/task/tasks/${encodeURIComponent(id)}`), inubit(`/task/data/${encodeURIComponent(id)}?lang=en`)]),
      );
      const starters = await inubit(`/task/adhoc/${sim.username}?lang=en`);
      inubitDocuments = { lists, details: details.filter((text) => text.trim() !== ''), starters };
    } finally {
      await sim.close();
    }
  });

  it("the fast path reads the server's documents, the same as the general path", function () {
    for (const text of documents) {
      readPlainDocument(text, ARRAYS).should.not.be.undefined();
      readPlainTree(text).should.not.be.undefined();
      same(text);
    }
  });

  it('reads every task list, task, form and starter list the simulator serves the same either way; lists and tasks through the fast path', function () {
    const { lists, details, starters } = inubitDocuments;
    for (const text of [...lists, ...details.filter((text) => /^\s*(<\?xml[^>]*>\s*)?<Task[\s>]/.test(text))]) {
      readPlainTree(text).should.not.be.undefined();
    }
    details.length.should.be.above(4);
    for (const text of [...lists, ...details, starters]) same(text);
  });

  it("the fast path reads inubit's task list, task and form, the same as the general path", function () {
    for (const text of [TASK_LIST, taskXml(SAMPLE_TASK), SAMPLE_FORM]) {
      readPlainTree(text).should.not.be.undefined();
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
      '<r><prototype>1</prototype></r>',
      '<r><x><![CDATA[&amp;]]></x></r>',
    ];
    for (const text of cases) same(text);
  });

  it('reads hand-made attributes and document order the same either way', function () {
    const cases = [
      '<r a="1" b=\'2\' c = "3"/>',
      '<r a="1" a="2"/>',
      '<r a="1" p:a="2" xmlns:p="urn:p"/>',
      '<r p:a="1" q:a="2" xmlns:p="urn:p" xmlns:q="urn:p"/>',
      '<r xmlns="urn:d" xmlns:p="urn:p"><p:x p:a="1">v</p:x></r>',
      '<Name xml:lang="de" lang="en">x</Name>',
      '<r a="&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#xFC;"/>',
      '<r a="&nbsp;"/>',
      '<r a="a & b"/>',
      '<r a="&#0;"/>',
      '<r a="&#10;&#9;"/>',
      '<r a="line\r\nnext\ttab"/>',
      '<r a=\'"\' b="\'" c="it\'s &quot;q&quot;"/>',
      '<r a="<"/>',
      '<r a=">"/>',
      '<r a=""/>',
      '<r a/>',
      '<r a=1/>',
      '<r a="1"b="2"/>',
      '<r a="1/>',
      '<r ="1"/>',
      '<r constructor="1"/>',
      '<r toString="1"/>',
      '<r __proto__="1"/>',
      '<r prototype="1"/>',
      '<r p:constructor="1" xmlns:p="urn:p"/>',
      '<r a:b:c="1"/>',
      '<r ä="1"/>',
      '<r xsi:nil="true"/>',
      '<r><x/><y a="1"/><x>t</x><z><x/></z></r>',
      '<r>a<x/>b<![CDATA[c]]><!-- d -->e<y>f</y> </r>',
      '<a><b><c><d><e a="5">deep</e></d></c></b></a>',
      '<r>\n  <x>1</x>\n  <y/>\n</r>',
      '<r><x a="1"></x ><y a="2"/ ></r>',
      '<r><x a="1"></x></r><y/>',
      '<?xml version="1.0" encoding="UTF-8"?><r a="1"/>',
      '<?xml version="1.0"?><!DOCTYPE r><r a="1"/>',
    ];
    for (const text of cases) same(text);
  });

  it('reads every truncation of a document the same either way', function () {
    for (const text of [documents[3], TASK_LIST, SAMPLE_FORM]) {
      for (let cut = 0; cut < text.length; cut++) same(text.slice(0, cut));
    }
  });

  it('reads 3,000 randomly edited documents the same either way', function () {
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      ' ',
      'a',
      '<![CDATA[',
      ']]>',
      '<!--',
      '-->',
      '&amp;',
      '&#',
      'xsi:nil="true"',
      '',
    ];
    for (const text of randomEdits(documents, 3000, pieces, 42)) same(text);
  });

  it('reads 3,000 randomly edited task lists and forms the same either way', function () {
    const pieces = [
      '<',
      '>',
      '/',
      '&',
      ';',
      '"',
      "'",
      '=',
      ' ',
      'a',
      ':',
      'p:',
      'xmlns:p="urn:p"',
      ' a="1"',
      ' a="2"',
      '&quot;',
      '&#xFC;',
      '<!--',
      '-->',
      '',
    ];
    for (const text of randomEdits([TASK_LIST, SAMPLE_FORM], 3000, pieces, 7)) same(text);
  });
});
