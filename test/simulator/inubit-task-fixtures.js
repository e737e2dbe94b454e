'use strict';

// Canned tasks and forms of the simulated inubit server (inubit-tasks.js). A task here is a
// spec: texts are German/English pairs ({ de, en }) or one text for both; `form` names a form
// of FORMS (or is the form's XML); `next` is the task a submit creates (201), absent for 204.
// A function per list, so that every reset() starts from fresh objects.

const { uuidFor } = require('./fixture-ids');
const { xmlEscape } = require('./xml');

// A form of the form designer; `t(de, en)` picks the language of the request.
const FORMS = {
  leave: (t) => `<Form version="2.0" metric="px">
    <Request>
        <Panel background="#ffffff" name="main" start="true" orientation="vertical">
            <Group orientation="table" name="antrag">
                <Row>
                    <Column><TextField width="300" name="antragsteller" label="${t('Antragsteller', 'Applicant')}" editable="false">Anna Schmidt</TextField></Column>
                    <Column><TextField width="80" name="tage" label="${t('Tage', 'Days')}">3</TextField></Column>
                </Row>
                <Row>
                    <Column><TextArea width="300" height="80" name="TextArea_308086401" label="${t('Begründung', 'Reason')}"/></Column>
                </Row>
                <Row>
                    <Column><PasswordField width="300" name="PasswordField_1182124896" label="PIN"/></Column>
                </Row>
                <Row>
                    <Column>
                        <ComboBox width="300" editable="false" name="ComboBox_756522962" label="${t('Vertretung', 'Deputy')}">
                            <Item label="A" value="Value of A"/>
                            <Item label="B" value="Value of B"/>
                        </ComboBox>
                    </Column>
                    <Column><CheckBox name="dringend" label="${t('Dringend', 'Urgent')}">true</CheckBox></Column>
                </Row>
            </Group>
            <Panel name="buttons" orientation="horizontal">
                <Button label="${t('Genehmigen', 'Approve')}" validate="true" event="submit(approve)"/>
                <Button label="${t('Ablehnen', 'Reject')}" validate="false" event="submit(reject)"/>
                <Button label="${t('Drucken', 'Print')}" event="print()"/>
            </Panel>
        </Panel>
    </Request>
</Form>`,
  // Entities in values, labels and items, as a form designer writes them.
  invoice: () => `<Form version="2.0" metric="px">
    <Request>
        <Panel name="main" start="true" orientation="vertical">
            <TextField width="300" name="lieferant" label="Lieferant">M&#252;ller &amp; S&#246;hne &lt;GmbH&gt;</TextField>
            <TextField width="120" name="betrag" label="Betrag (&#8364;)">1.234,56</TextField>
            <ComboBox width="300" editable="true" name="kostenstelle" label="Kostenstelle">
                <Item label="Vertrieb &amp; Marketing" value="4711"/>
                <Item label="F&amp;E &lt;intern&gt;" value="0815"/>
            </ComboBox>
            <TextArea width="300" height="60" name="notiz" label="Notiz">Zeile 1&#10;Zeile 2 &quot;wichtig&quot;</TextArea>
            <Button label="Buchen" validate="true" event="submit(book)"/>
            <Button label="Zur&#252;ckweisen" event="submit(return)"/>
            <Button label="R&#252;ckfrage" event="submit(value)"/>
        </Panel>
    </Request>
</Form>`,
  // The form of a task that a start creates, and of the generated tasks; `comment` its value.
  adhoc: (t, comment = '') => `<Form version="2.0" metric="px">
    <Request>
        <Panel background="#ffffff" name="main" start="true" orientation="vertical">
            <TextArea width="300" height="80" name="kommentar" label="${t('Kommentar', 'Comment')}">${xmlEscape(comment)}</TextArea>
            <Button label="${t('Absenden', 'Submit')}" validate="true" event="submit(value)"/>
        </Panel>
    </Request>
</Form>`,
  info: (t) => `<Form version="2.0" metric="px">
    <Request>
        <Panel name="main" start="true">
            <Label text="${t('Bitte zur Kenntnis nehmen.', 'Please take note.')}"/>
            <Button label="OK" event="submit(ok)"/>
        </Panel>
    </Request>
</Form>`,
};

// The tasks of the simulator's own account (sim.username).
function accountTasks() {
  return [
    {
      id: 'e9c47c0c-2f1b-4a5e-9c3d-7b2a61c0f4d8',
      process: '32361',
      creation: '1261055573295',
      expiration: '1261059173295',
      test: 'true',
      name: { de: 'Urlaubsantrag prüfen', en: 'Review leave request' },
      description: { de: 'Antrag von Anna Schmidt über 3 Tage', en: 'Request by Anna Schmidt for 3 days' },
      units: [
        { name: 'Administrator', type: 'Role' },
        { name: 'HR_Sachbearbeiter', type: 'Role' },
      ],
      fields: [
        { name: 'eins', index: '1', type: 'String', value: 'test wert 1' },
        { name: 'zwei', index: '2', type: 'String', value: 'test wert 2' },
      ],
      form: 'leave',
      next: {
        id: '5b2d8e41-0c7a-4f3e-a1d6-9e4c2b7f1a08',
        process: '32361',
        name: { de: 'Vertretung informieren', en: 'Inform the deputy' },
        description: { de: 'Der Urlaub wurde genehmigt', en: 'The leave was approved' },
        units: [{ name: 'HR_Sachbearbeiter', type: 'Role' }],
      },
    },
    {
      // Numeric-looking id, entities, umlauts as numeric references, a tenant.
      id: '0042',
      process: '007',
      creation: '1700000000000',
      expiration: '1700086400000',
      client: 'acme',
      numericReferences: true,
      name: { de: 'Rechnung & Gutschrift <Entwurf> prüfen', en: 'Check invoice & credit note <draft>' },
      description: 'Müller & Söhne, "Q3" \'eilig\'',
      units: [{ name: 'Buchhaltung & Controlling', type: 'Group' }],
      fields: [
        { name: 'lieferant', index: '1', type: 'String', value: 'Müller & Söhne <GmbH>' },
        { name: 'betrag', index: '2', type: 'Double', value: '1234.56' },
        { name: 'nummer', index: '3', type: 'String', value: '007' },
      ],
      form: 'invoice',
    },
    {
      id: 'c0a8017e-6d2b-4b1f-8e55-3f9a0d7c2e61',
      process: '32400',
      creation: '1700000100000',
      expiration: '1700604900000',
      locked: 'anna',
      name: { de: 'Vertrag freigeben', en: 'Release contract' },
      description: { de: 'Gesperrt von Anna', en: 'Locked by Anna' },
      units: [{ name: 'Vertrieb', type: 'Role' }],
      form: 'adhoc',
    },
    {
      // An information task: no expiration, no description, no units or fields, held by the user.
      id: '32370',
      process: '32370',
      creation: '1700000200000',
      expiration: null,
      action: 'Info',
      popup: 'true',
      locked: 'flow',
      delegateRuleSetId: '17',
      name: { de: 'Hinweis: Wartung am Wochenende', en: 'Notice: maintenance at the weekend' },
      form: 'info',
    },
    {
      id: '7f3e9a20-4c5d-4e6f-8a7b-1c2d3e4f5a6b',
      process: '32401',
      creation: '1700000300000',
      expiration: '1700086700000',
      wait: '5',
      name: { de: 'Ärztliche Bescheinigung anfordern', en: 'Ask for a medical certificate' },
      description: '',
      units: [{ name: 'HR_Sachbearbeiter', type: 'Role' }],
      fields: [{ name: 'personalnummer', index: '1', type: 'String', value: '000815' }],
      form: 'adhoc',
    },
  ];
}

// User name -> tasks, besides the account's. `no-tasks` has none; `growing` gets one more
// task at every list request (inubit-tasks.js).
function userTasks() {
  return {
    'one-task': [
      {
        id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        process: '41000',
        creation: '1700001000000',
        expiration: '1700087400000',
        name: { de: 'Adresse bestätigen', en: 'Confirm address' },
        description: { de: 'Umzug gemeldet', en: 'Move reported' },
        form: 'adhoc',
      },
    ],
    'no-tasks': [],
    growing: [],
  };
}

// A generated task: the `n`-th (from 1) of a long list or of the growing one.
function generatedTask(n, prefix = 'task-') {
  return {
    id: uuidFor(n, prefix),
    process: String(50000 + n),
    creation: String(1700000000000 + n * 60000),
    expiration: String(1700000000000 + n * 60000 + 86400000),
    name: { de: `Aufgabe ${n}`, en: `Task ${n}` },
    description: { de: `Beschreibung ${n}`, en: `Description ${n}` },
    units: n % 2 ? [{ name: 'Employee', type: 'Role' }] : [],
    fields: n % 3 ? [] : [{ name: 'nummer', index: '1', type: 'String', value: String(n).padStart(4, '0') }],
    form: 'adhoc',
  };
}

function generateTasks(n) {
  return Array.from({ length: n }, (_, i) => generatedTask(i + 1));
}

// The task a start of `starter` (an INUBIT_STARTERS entry, or undefined) creates.
function startedTask(id, starterId, starter, client) {
  const name = starter ? starter.labels : { de: `Ad-hoc-Aufgabe ${starterId}`, en: `Ad-hoc task ${starterId}` };
  const creation = Date.now();
  return {
    id,
    process: String(60000 + (creation % 10000)),
    creation: String(creation),
    expiration: String(creation + 7 * 86400000),
    client,
    name,
    description: { de: `Gestartet über ${starterId}`, en: `Started by ${starterId}` },
    units: starter ? [{ name: starter.role, type: 'Role' }] : [],
    form: 'adhoc',
  };
}

module.exports = { FORMS, accountTasks, userTasks, generatedTask, generateTasks, startedTask };
