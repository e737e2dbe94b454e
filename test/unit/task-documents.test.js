'use strict';
// The readers of inubit's task documents (the README's inubit task nodes): a task, the task list,
// a task's form. No HTTP, no Node-RED.
require('should');
const { readPlainTree } = require('../../nodes/lib/xml');
const { readTask, readTaskList } = require('../../nodes/lib/inubit/tasks');
const { readForm } = require('../../nodes/lib/inubit/forms');
const authority = require('../../nodes/lib/xml/authority');
const { taskXml, taskListXml, SAMPLE_TASK, manyTasks, SAMPLE_FORM } = require('../support/task-documents');

const SAMPLE_READ = {
  ...SAMPLE_TASK.attrs,
  name: 'Prüfen & freigeben',
  description: 'Bestellung <4711> prüfen',
  units: [
    { name: 'Administrator', type: 'Role' },
    { name: 'root', type: 'User' },
  ],
  fields: { eins: 'test wert 1', zwei: '"Größe" & <Maß>', nummer: '007' },
};

describe('inubit tasks: a task, from the list or the details', function () {
  it('every attribute of <Task> under its own name, as text, in order', function () {
    const task = readTask(taskXml(SAMPLE_TASK));
    task.should.eql(SAMPLE_READ);
    Object.keys(task).should.eql([...Object.keys(SAMPLE_TASK.attrs), 'name', 'description', 'units', 'fields']);
  });

  it('an absent attribute is no key, and attributes the list does not know are kept', function () {
    const task = readTask(taskXml({ attrs: { id: '17', delegateRuleSetId: 'r1' } }));
    task.should.eql({ id: '17', delegateRuleSetId: 'r1', units: [], fields: {} });
    task.should.not.have.property('locked');
    task.should.not.have.property('name');
  });

  it('locked names the user holding the task', function () {
    readTask(taskXml({ attrs: { id: '1', locked: 'admin' } })).locked.should.equal('admin');
  });

  it('name and description: the text of those elements; an empty element is ""; an absent one no key', function () {
    readTask(taskXml({ attrs: { id: '1' }, name: 'Prüfen', description: '' })).should.eql({
      id: '1',
      name: 'Prüfen',
      description: '',
      units: [],
      fields: {},
    });
    readTask('<Task id="1"><Name/><Description></Description></Task>').should.eql({
      id: '1',
      name: '',
      description: '',
      units: [],
      fields: {},
    });
    readTask('<Task id="1"><Description>d</Description></Task>').should.eql({ id: '1', description: 'd', units: [], fields: {} });
  });

  it('units: [{ name, type }] in order; [] when none; an absent attribute is no key', function () {
    readTask('<Task id="1"><Unit name="B" type="Role"/><Unit type="User" name="A"/><Unit name="C"/><Unit/></Task>').units.should.eql([
      { name: 'B', type: 'Role' },
      { name: 'A', type: 'User' },
      { name: 'C' },
      {},
    ]);
    readTask('<Task id="1"/>').units.should.eql([]);
  });

  it("fields: each <Field>'s name → its text, entities decoded; {} when none", function () {
    readTask(
      '<Task id="1"><Field name="a" index="1" type="String">x &amp; &lt;y&gt; &#252;&#xFC; &quot;q&quot;</Field><Field name="b" type="String"/><Field>no name</Field></Task>',
    ).fields.should.eql({ a: 'x & <y> üü "q"', b: '' });
    readTask('<Task id="1"/>').fields.should.eql({});
  });

  it('text stays text: "007" is never 7, "true" never true', function () {
    const task = readTask('<Task id="007" wait="0" test="true"><Field name="n" type="Integer">007</Field></Task>');
    task.id.should.equal('007');
    task.wait.should.equal('0');
    task.test.should.equal('true');
    task.fields.n.should.equal('007');
  });

  it('entities and umlauts in attributes are decoded', function () {
    readTask('<Task id="1" client="M&#252;ller &amp; S&#246;hne" process="&quot;x&quot;"/>').should.eql({
      id: '1',
      client: 'Müller & Söhne',
      process: '"x"',
      units: [],
      fields: {},
    });
    readTask('<Task id="ä" client="Größe"/>').client.should.equal('Größe');
  });

  it('prefixed attributes keep their prefix; namespace declarations are not data', function () {
    readTask('<Task xmlns="urn:inubit" xmlns:x="urn:x" id="1" xml:lang="de" x:extra="e"/>').should.eql({
      id: '1',
      'xml:lang': 'de',
      'x:extra': 'e',
      units: [],
      fields: {},
    });
    readTask('<t:Task xmlns:t="urn:t" id="1"><t:Name>n</t:Name></t:Task>').should.eql({ id: '1', name: 'n', units: [], fields: {} });
  });

  it('the child elements take precedence over attributes of the same name; the first <Name> counts, the last of two fields', function () {
    readTask('<Task id="1" name="attr" units="u" fields="f"><Name>element</Name><Name>second</Name></Task>').should.eql({
      id: '1',
      name: 'element',
      units: [],
      fields: {},
    });
    readTask('<Task id="1" name="attr"/>').name.should.equal('attr');
    readTask('<Task id="1"><Field name="a">1</Field><Field name="a">2</Field></Task>').fields.should.eql({ a: '2' });
  });

  it('undefined for an empty body (inubit\'s "no such task": the caller decides), another document or broken XML', function () {
    for (const text of [
      '',
      '   ',
      '<Tasklist/>',
      '<ApiError><statusCode>404</statusCode></ApiError>',
      '<html><body>Login</body></html>',
      taskXml(SAMPLE_TASK).slice(0, -3),
      'not xml',
    ]) {
      (readTask(text) === undefined).should.be.true(text);
    }
  });

  it('a <Task> document with a declaration, a namespace, comments and CDATA reads alike', function () {
    readTask('<?xml version="1.0" encoding="UTF-8"?>\n<!-- task --><Task id="1"><Name><![CDATA[a <b> & c]]></Name></Task>\n').should.eql({
      id: '1',
      name: 'a <b> & c',
      units: [],
      fields: {},
    });
  });
});

describe('inubit tasks: the task list', function () {
  it('user and total of <Tasklist> as text, its tasks in order, each read as the details are', function () {
    const tasks = manyTasks(3);
    const list = readTaskList(taskListXml({ user: 'root', total: '7', portletUrl: 'http://x/portlet' }, tasks));
    list.user.should.equal('root');
    list.total.should.equal('7');
    list.tasks.should.have.length(3);
    list.tasks.map((task) => task.id).should.eql(['task-0', 'task-1', 'task-2']);
    list.tasks.forEach((task, i) => task.should.eql(readTask(taskXml(tasks[i]))));
    Object.keys(list).should.eql(['user', 'total', 'tasks']);
  });

  it('one task', function () {
    readTaskList(taskListXml({ user: 'root', total: '1' }, [SAMPLE_TASK])).should.eql({ user: 'root', total: '1', tasks: [SAMPLE_READ] });
  });

  it('none: an empty <Tasklist/> or one without tasks; absent attributes are no key', function () {
    readTaskList('<Tasklist/>').should.eql({ tasks: [] });
    readTaskList('<Tasklist user="root" total="0"></Tasklist>').should.eql({ user: 'root', total: '0', tasks: [] });
    readTaskList('<Tasklist total="007">\n</Tasklist>').should.eql({ total: '007', tasks: [] });
  });

  it('elements other than <Task> in the list are passed over', function () {
    readTaskList('<Tasklist><Info/><Task id="1"/></Tasklist>').tasks.should.eql([{ id: '1', units: [], fields: {} }]);
  });

  it('undefined when the text is not a <Tasklist> document', function () {
    for (const text of ['', '<Task id="1"/>', '<ApiError/>', '<Tasklist><Task id="1">', '<html><body>Login<br></body></html>']) {
      (readTaskList(text) === undefined).should.be.true(text);
    }
  });

  it('a long list reads through the fast path: 10,000 tasks', function () {
    const text = taskListXml({ user: 'root', total: '10000' }, manyTasks(10000));
    (readPlainTree(text) === undefined).should.be.false();
    // The authority, about eight times slower on a list this long, is not asked.
    const original = authority.treeWithLibrary;
    const authorityRead = [];
    authority.treeWithLibrary = (document) => {
      authorityRead.push(document.length);
      return original(document);
    };
    let list;
    try {
      list = readTaskList(text);
    } finally {
      authority.treeWithLibrary = original;
    }
    authorityRead.should.eql([]);
    list.tasks.should.have.length(10000);
    list.tasks[9999].fields.nummer.should.equal('007 9999');
  });
});

describe("inubit tasks: a task's form", function () {
  const form = () => readForm(SAMPLE_FORM);

  it('fields: every named element below <Request> that is not a container, in document order', function () {
    form()
      .fields.map((field) => `${field.type}:${field.name}`)
      .should.eql([
        'PasswordField:PasswordField_1182124896',
        'TextField:Kunde',
        'ComboBox:ComboBox_756522962',
        'TextArea:TextArea_308086401',
        'CheckBox:eilig',
      ]);
  });

  it('a field is { type, name, …every other attribute as text }', function () {
    form().fields[0].should.eql({ type: 'PasswordField', name: 'PasswordField_1182124896', width: '300' });
    form().fields[4].should.eql({ type: 'CheckBox', name: 'eilig', label: 'Eilig' });
  });

  it('items: its <Item> children as { label, value }, entities decoded; an absent attribute is no key', function () {
    form().fields[2].should.eql({
      type: 'ComboBox',
      name: 'ComboBox_756522962',
      width: '300',
      editable: 'false',
      items: [{ label: 'A', value: 'Value of A' }, { label: 'B & C', value: 'b+c' }, { label: 'leer' }],
    });
  });

  it('value: its text when not empty, entities decoded, line ends kept; whitespace around child elements is none', function () {
    form().fields[1].value.should.equal('Müller & Söhne');
    form().fields[3].value.should.equal('Zeile 1\nZeile 2');
    form().fields[2].should.not.have.property('value');
    form().fields[0].should.not.have.property('value');
    readForm('<Form><Request><TextField name="t">  </TextField></Request></Form>').fields[0].value.should.equal('  ');
  });

  it('containers (Panel, Group, Row, Column) are not fields, even with a name; elements without a name are none', function () {
    const names = form().fields.map((field) => field.name);
    names.should.not.containEql('main');
    form()
      .fields.map((field) => field.type)
      .should.not.containEql('Label');
  });

  it('submitters: every element whose event is submit(X), as { submitter: X, label }, in order', function () {
    form().submitters.should.eql([
      { submitter: 'approve', label: 'Freigeben' },
      { submitter: 'reject', label: 'Ablehnen' },
    ]);
    readForm(
      '<Form><Request><Panel><Button event="submit(value)"/><Link name="l" event="submit(a b)" label="L"/><Button event="cancel()"/></Panel></Request></Form>',
    ).should.eql({
      fields: [{ type: 'Link', name: 'l', event: 'submit(a b)', label: 'L' }],
      submitters: [{ submitter: 'value' }, { submitter: 'a b', label: 'L' }],
    });
  });

  it('the keys the element gives take precedence over attributes of the same name', function () {
    readForm(
      '<Form><Request><TextField name="t" type="number" value="preset"/><TextField name="u" value="preset">typed</TextField></Request></Form>',
    ).fields.should.eql([
      { type: 'TextField', name: 't', value: 'preset' },
      { type: 'TextField', name: 'u', value: 'typed' },
    ]);
  });

  it('an empty answer is an empty form', function () {
    readForm('').should.eql({ fields: [], submitters: [] });
    readForm(' \n').should.eql({ fields: [], submitters: [] });
    readForm('<Form version="2.0"/>').should.eql({ fields: [], submitters: [] });
    readForm('<Form><Request/></Form>').should.eql({ fields: [], submitters: [] });
  });

  it('undefined when the text is not a <Form> document', function () {
    for (const text of ['<Task id="1"/>', '<ApiError/>', SAMPLE_FORM.slice(0, 200), 'not xml', '<html><body>Login</body></html>']) {
      (readForm(text) === undefined).should.be.true(text);
    }
  });
});
