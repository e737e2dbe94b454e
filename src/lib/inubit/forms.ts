import { parseXmlTree } from '../xml/reader';
import { XmlNode, pickAttributes, withoutNamespaces } from '../xml/value';

/** A choice of a `ComboBox` (or any field): the attributes of an `<Item>`. */
export interface FormItem {
  label?: string;
  value?: string;
}

/**
 * A field of a task's form: the element's name as `type`, its `name`, every other attribute as
 * text, its `<Item>`s and its text as `value`.
 */
export interface FormField {
  type: string;
  name: string;
  items?: FormItem[];
  value?: string;
  [attribute: string]: string | FormItem[] | undefined;
}

/** A button that submits the form: `submit(X)` in its `event` gives X. */
export interface FormSubmitter {
  submitter: string;
  label?: string;
}

export interface TaskForm {
  fields: FormField[];
  submitters: FormSubmitter[];
}

// Elements that only lay out the fields inside them.
const CONTAINERS = new Set(['Panel', 'Group', 'Row', 'Column']);
const SUBMIT = /^\s*submit\((.*)\)\s*$/s;

/**
 * The reader of a task's form, `<Form version="2.0"><Request><Panel …>…</Panel></Request></Form>`:
 * its fields and submit buttons in document order. An empty (or blank) answer is an empty form;
 * undefined when the text is something else than a `<Form>` document.
 */
export function readForm(text: string): TaskForm | undefined {
  const form: TaskForm = { fields: [], submitters: [] };
  if (text.trim() === '') return form;
  const root = parseXmlTree(text);
  if (root?.name !== 'Form') return undefined;
  for (const request of root.children) if (request.name === 'Request') collect(request.children, form);
  return form;
}

/**
 * Every element with a `name` that is not a container is a field, and its children are its own
 * (items), not more fields; every element with `event="submit(X)"` is a submitter.
 */
function collect(elements: XmlNode[], form: TaskForm): void {
  for (const element of elements) {
    const submit = SUBMIT.exec(element.attributes.event ?? '');
    const isField = !CONTAINERS.has(element.name) && element.attributes.name !== undefined;
    if (isField) form.fields.push(fieldOf(element));
    if (submit) form.submitters.push({ submitter: submit[1], ...pickAttributes(element, ['label'] as const) });
    if (!isField) collect(element.children, form);
  }
}

/** The keys the element gives (type, items, value) take precedence over attributes of the same name. */
function fieldOf(element: XmlNode): FormField {
  const field = { type: element.name, name: element.attributes.name } as FormField;
  for (const [name, value] of Object.entries(withoutNamespaces(element.attributes))) if (name !== 'type') field[name] = value;
  const items = element.children.filter((child) => child.name === 'Item');
  if (items.length > 0) field.items = items.map((item) => pickAttributes(item, ['label', 'value'] as const));
  // Whitespace that lays out child elements is no value.
  const value = element.children.length > 0 && element.text.trim() === '' ? '' : element.text;
  if (value !== '') field.value = value;
  return field;
}
