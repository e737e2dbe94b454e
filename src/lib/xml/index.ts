// The one XML reader (reader.ts: a fast path, the authority behind it). The readers of each
// server's documents live with that server's client; the escaping of the XML they write is here too.
export type { XmlElement, XmlNode, XmlObject, XmlValue } from './value';
export { parseXmlDocument, parseXmlTree } from './reader';
export { attributesOf, parseWithLibrary, treeWithLibrary } from './authority';
export { readPlainDocument } from './fast-path';
export { readPlainTree } from './fast-tree';
export { NOT_XML, escapeXml } from './text';
