import { BpmError } from '../errors';
import { NOT_XML, escapeXml } from '../xml';

/** What a submit sends: an object of form fields, or a whole `<Form>` document as text. */
export type SubmitFields = Record<string, unknown> | string | undefined;

// An XML name as inubit's form designer gives fields; names that start with "xml" are reserved.
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
// After whitespace and an optional XML declaration, a `<Form` element: a body sent as it is.
const WHOLE_FORM = /^\s*(?:<\?xml[^?]*\?>\s*)?<Form[\s>/]/;

/** True when `text` is a whole form document, sent as the body unchanged. */
export function isWholeForm(text: string): boolean {
  return WHOLE_FORM.test(text);
}

/**
 * The body of `POST /task/submit/{taskId}`:
 * `<?xml …?><Form><Response submitter="…"><Panel><name>value</name>…</Panel></Response></Form>`,
 * one element per field in the object's order (an array gives one element per item, null an
 * empty element); a whole `<Form>` document as it is. INVALID_INPUT for what XML cannot carry.
 */
export function submitBody(fields: SubmitFields, submitter: string): string {
  if (typeof fields === 'string') {
    if (!isWholeForm(fields))
      throw new BpmError('INVALID_INPUT', 'The fields are text that is not a <Form> document: give an object of field names and values');
    return fields;
  }
  let panel = '';
  for (const [name, value] of Object.entries(fields ?? {})) {
    if (!FIELD_NAME.test(name) || /^xml/i.test(name)) {
      throw new BpmError('INVALID_INPUT', `The field name ${JSON.stringify(name)} is not an XML name`);
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      panel += item === null ? `<${name}/>` : `<${name}>${escapeXml(fieldText(name, item))}</${name}>`;
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="${escapeXml(submitter)}"><Panel>${panel}</Panel></Response></Form>`;
}

function fieldText(name: string, value: unknown): string {
  if (typeof value === 'string') {
    if (NOT_XML.test(value)) throw new BpmError('INVALID_INPUT', `The field ${name} holds a character that XML cannot carry`);
    return value;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  const what = Array.isArray(value)
    ? 'a list inside a list'
    : typeof value === 'object'
      ? 'an object'
      : typeof value === 'number'
        ? String(value)
        : `a ${typeof value}`;
  throw new BpmError('INVALID_INPUT', `The field ${name} is ${what}: give text, a number, a boolean, null or a list of them`);
}
