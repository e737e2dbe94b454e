'use strict';

// The forms of inubit tasks: the form a task shows (GET /task/data/{id}), the submitters its
// buttons offer, and what a submit sends (POST /task/submit/{id}):
//   <Form><Response submitter="X"><Panel><name>value</name>…</Panel></Response></Form>
// read with fast-xml-validator and fast-xml-parser, so that any well-formed body is read.

const { FORMS } = require('./inubit-task-fixtures');
const { parseXml, nameOf, textOf, decode } = require('./xml');

// The form of `task` in `lang`: a key of FORMS or the form's XML; `comment` fills the adhoc form.
function formXml(task, lang, comment) {
  const t = (de, en) => (lang === 'en' ? en : de);
  const form = typeof task.form === 'string' && FORMS[task.form] ? FORMS[task.form](t, comment) : String(task.form);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${form}\n`;
}

// The X of every button with event="submit(X)".
function submittersOf(task) {
  return Array.from(formXml(task, 'de').matchAll(/\bevent="submit\(([^)"]*)\)"/g), (m) => decode(m[1]));
}

// The fields of a <Panel>: name -> text, or a list of texts for a name sent more than once.
// An element that holds elements (a nested panel) gives its own fields.
function collectFields(children, fields) {
  for (const child of children) {
    const name = nameOf(child);
    if (name === '#text' || name === '#cdata') continue;
    const inner = child[name];
    if (inner.some((c) => !['#text', '#cdata'].includes(nameOf(c)))) {
      collectFields(inner, fields);
      continue;
    }
    const value = textOf(inner);
    if (!(name in fields)) fields[name] = value;
    else if (Array.isArray(fields[name])) fields[name].push(value);
    else fields[name] = [fields[name], value];
  }
  return fields;
}

function refused(message) {
  return Object.assign(new Error(message), { status: 400 });
}

// { submitter, fields } of a submit's body; throws { status: 400, message } for another body.
function readSubmittedForm(body) {
  let nodes;
  try {
    nodes = parseXml(body);
  } catch (err) {
    throw refused(`The body is not well-formed XML: ${err.message}`);
  }
  const form = nodes.find((node) => nameOf(node) === 'Form');
  if (!form) throw refused('The body is not a <Form>');
  const response = form.Form.find((node) => nameOf(node) === 'Response');
  if (!response) throw refused('The form has no <Response>');
  const submitter = response[':@'] ? response[':@'].submitter : undefined;
  if (submitter === undefined || submitter === '') throw refused('The <Response> names no submitter');
  const fields = {};
  for (const panel of response.Response.filter((node) => nameOf(node) === 'Panel')) collectFields(panel.Panel, fields);
  return { submitter: decode(submitter), fields };
}

module.exports = { formXml, submittersOf, readSubmittedForm };
