// The one XML reader (reader.ts: a fast path, the authority behind it) and a reader per document kind.
export type { XmlElement, XmlNode, XmlObject, XmlValue } from './value';
export { parseXmlDocument, parseXmlTree } from './reader';
export { attributesOf, parseWithLibrary, treeWithLibrary } from './authority';
export { readPlainDocument } from './fast-path';
export { readPlainTree } from './fast-tree';
export { readStarterList } from './starters';
export type { AdHocStarter } from './starters';
export { readTask, readTaskList } from './tasks';
export type { Task, TaskList, TaskUnit } from './tasks';
export { readForm } from './forms';
export type { FormField, FormItem, FormSubmitter, TaskForm } from './forms';
