'use strict';

// inubit's ad-hoc starters as GET /ibis/rest/task/adhoc/{user} lists them.

const { uuidFor } = require('./fixture-ids');

// One ad-hoc starter: `label` is the German one, served when the request names no language.
function starter(id, de, en, role) {
  return { id, label: de, labels: { de, en }, role };
}

// Ad-hoc starters listed by GET /ibis/rest/task/adhoc/{user}: inubit 9 UUIDs, an inubit 8
// composite id, a label full of XML special characters, and one that creates no task (204).
const INUBIT_STARTERS = [
  starter('74933f6c-72c6-44c5-9e90-91070f98c7dd', 'Urlaubsantrag', 'Leave request', 'Employee'),
  starter(
    'PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140',
    'HR-Recruiting: Vorauswahl',
    'HR recruiting: pre-selection',
    'HR_Sachbearbeiter',
  ),
  starter(
    'c2f0a8d3-5e17-4b96-a4d8-0b93e6f71c25',
    'Reisekosten & Spesen <Entwurf> "eilig" \'Q3\' Bestätigung',
    'Travel & expenses <draft> "urgent" \'Q3\' approval',
    'Employee',
  ),
  starter('no-task', 'Backoffice benachrichtigen (ohne Folgeaufgabe)', 'Notify back office (no follow-on task)', 'Clerk'),
];

// Starter list for the `many-<n>` user key; ids unique and stable across runs.
function generateStarters(n) {
  const list = new Array(n);
  for (let i = 0; i < n; i++) {
    list[i] = starter(uuidFor(i, 'adhoc-starter-'), `Ad-hoc-Starter ${i + 1}`, `Ad-hoc starter ${i + 1}`, i % 2 ? 'Clerk' : 'Employee');
  }
  return list;
}

module.exports = { INUBIT_STARTERS, generateStarters };
