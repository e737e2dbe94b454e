import { parseXmlTree } from '../xml/reader';
import { XmlNode, pickAttributes, withoutNamespaces } from '../xml/value';

/** A role or user a task is assigned to: the attributes of a `<Unit>`. */
export interface TaskUnit {
  name?: string;
  type?: string;
}

/**
 * An inubit task: every attribute of `<Task>` under its own name, as text, then the text of its
 * `<Name>` and `<Description>`, its `<Unit>`s and its `<Field>`s (name → text).
 */
export interface Task {
  id?: string;
  process?: string;
  creation?: string;
  expiration?: string;
  action?: string;
  locked?: string;
  name?: string;
  description?: string;
  units: TaskUnit[];
  fields: Record<string, string>;
  [attribute: string]: string | TaskUnit[] | Record<string, string> | undefined;
}

/** inubit's task list: the `user` and `total` attributes of `<Tasklist>`, and its tasks in order. */
export interface TaskList {
  user?: string;
  total?: string;
  tasks: Task[];
}

/**
 * The reader of inubit's task list, `<Tasklist user="…" total="…"><Task …>…</Task>…</Tasklist>`;
 * undefined when the text is no such document. Lists can be long: read through the fast path.
 */
export function readTaskList(text: string): TaskList | undefined {
  const root = parseXmlTree(text);
  if (root?.name !== 'Tasklist') return undefined;
  const tasks = root.children.filter((child) => child.name === 'Task').map(taskOf);
  return { ...pickAttributes(root, ['user', 'total'] as const), tasks };
}

/**
 * The reader of one inubit task, the details answer `<Task …>…</Task>`; undefined when the text
 * is not a `<Task>` document, an empty body included (inubit's "no such task": the caller decides).
 */
export function readTask(text: string): Task | undefined {
  const root = parseXmlTree(text);
  return root?.name === 'Task' ? taskOf(root) : undefined;
}

/**
 * One `<Task>` element, wherever it comes from. Namespace declarations are not data and are left
 * out; other prefixed attributes keep their prefix (`xml:lang`). The keys the child elements give
 * take precedence over attributes of the same name; the first `<Name>` and `<Description>` count,
 * and of two `<Field>`s with one name the last.
 */
function taskOf(element: XmlNode): Task {
  // The reading's own new object: lists are long, so the task is built in place.
  const task = withoutNamespaces(element.attributes) as Task;
  const name = element.children.find((child) => child.name === 'Name');
  if (name) task.name = name.text;
  const description = element.children.find((child) => child.name === 'Description');
  if (description) task.description = description.text;
  task.units = [];
  task.fields = {};
  for (const child of element.children) {
    if (child.name === 'Unit') task.units.push(pickAttributes(child, ['name', 'type'] as const));
    else if (child.name === 'Field' && child.attributes.name !== undefined) task.fields[child.attributes.name] = child.text;
  }
  return task;
}
