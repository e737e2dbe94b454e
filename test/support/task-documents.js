'use strict';
// inubit's task documents as its REST API answers them (the README's inubit task nodes): a task,
// the task list, a task's form. Built here so that the readers' tests and the XML reader's
// differential tests read the same documents.

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const attributes = (values) =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escape(value)}"`)
    .join('');

/** One `<Task>`: `attrs` on the element, then `<Name>`, `<Description>`, `<Unit>`s and `<Field>`s. */
function taskXml({ attrs = {}, name, description, units = [], fields = [] } = {}) {
  return (
    `<Task${attributes(attrs)}>` +
    (name === undefined ? '' : `<Name xml:lang="de">${escape(name)}</Name>`) +
    (description === undefined ? '' : `<Description xml:lang="de">${escape(description)}</Description>`) +
    units.map((unit) => `<Unit${attributes(unit)}/>`).join('') +
    fields.map(({ text, ...attrs }) => `<Field xml:lang="de"${attributes(attrs)}>${escape(text)}</Field>`).join('') +
    '</Task>'
  );
}

/** `<Tasklist …>` around the tasks, one a line, as a server indents it. */
function taskListXml(attrs, tasks) {
  const body = tasks.map((task) => `\n  ${taskXml(task)}`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Tasklist${attributes(attrs)}>${body}\n</Tasklist>\n`;
}

/** The example of inubit's documentation: a task to check, locked by admin. */
const SAMPLE_TASK = {
  attrs: {
    id: 'e9c47c0c-1b2a-4c3d-9e8f-0a1b2c3d4e5f',
    process: '32361',
    creation: '1261055573295',
    expiration: '1261059173295',
    action: 'Form',
    wait: '0',
    test: 'true',
    popup: 'false',
    client: 'Mandant A',
    locked: 'admin',
  },
  name: 'Prüfen & freigeben',
  description: 'Bestellung <4711> prüfen',
  units: [
    { name: 'Administrator', type: 'Role' },
    { name: 'root', type: 'User' },
  ],
  fields: [
    { name: 'eins', index: '1', type: 'String', text: 'test wert 1' },
    { name: 'zwei', index: '2', type: 'String', text: '"Größe" & <Maß>' },
    { name: 'nummer', index: '3', type: 'Integer', text: '007' },
  ],
};

/** `count` tasks of the sample's shape, each with its own id, process and fields. */
function manyTasks(count) {
  return Array.from({ length: count }, (_, i) => ({
    ...SAMPLE_TASK,
    attrs: { ...SAMPLE_TASK.attrs, id: `task-${i}`, process: String(30000 + i) },
    fields: SAMPLE_TASK.fields.map((field) => ({ ...field, text: `${field.text} ${i}` })),
  }));
}

/** The form of inubit's documentation, with nested containers, items, values and two submit buttons. */
const SAMPLE_FORM = `<?xml version="1.0" encoding="UTF-8"?>
<Form version="2.0" metric="px">
  <Request>
    <Panel background="#ffffff" name="main" start="true" orientation="vertical">
      <Group orientation="table">
        <Row>
          <Column><PasswordField width="300" name="PasswordField_1182124896"/></Column>
          <Column><TextField width="200" name="Kunde" mandatory="true">M&#252;ller &amp; S&#xF6;hne</TextField></Column>
        </Row>
        <Row>
          <Column>
            <ComboBox width="300" editable="false" name="ComboBox_756522962">
              <Item label="A" value="Value of A"/>
              <Item label="B &amp; C" value="b+c"/>
              <Item label="leer"/>
            </ComboBox>
          </Column>
        </Row>
      </Group>
      <TextArea name="TextArea_308086401" rows="4">Zeile 1
Zeile 2</TextArea>
      <CheckBox name="eilig" label="Eilig"/>
      <Label text="Bitte prüfen"/>
      <Button label="Freigeben" validate="true" event="submit(approve)"/>
      <Button label="Ablehnen" validate="false" event="submit(reject)"/>
      <Button label="Abbrechen" event="cancel()"/>
    </Panel>
  </Request>
</Form>
`;

module.exports = { taskXml, taskListXml, SAMPLE_TASK, manyTasks, SAMPLE_FORM };
