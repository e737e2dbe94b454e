import { XMLParser } from 'fast-xml-parser';
import type { EntityDecoderOptions } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { XmlElement, XmlNode, XmlObject, XmlValue, putChild } from './value';

// The authority behind the fast path: fast-xml-validator decides what is well-formed, and
// fast-xml-parser reads it. Both read any XML; the fast path only the plain documents of REST.

const validator = new SyntaxValidator();

/** True when `text` is a well-formed XML document. */
function wellFormed(text: string): boolean {
  try {
    return validator.validate(text) === true;
  } catch {
    return false;
  }
}

const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * XML's own references: the five predefined entities and character references, each decoded
 * once. Entities a DOCTYPE declares are not expanded (no entity expansion from a server's
 * answer), and any other `&name;` stays as written.
 */
const entityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (text: string): string => (text.includes('&') ? text.replace(REFERENCE, decodeReference) : text),
};

function decodeReference(reference: string, name: string | undefined, decimal: string | undefined, hex: string | undefined): string {
  if (name) return PREDEFINED[name];
  const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
  // A code point XML does not allow stays as it was written.
  return code > 0x10ffff || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ? reference : String.fromCodePoint(code);
}

const ORDERED = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  entityDecoder,
  ignoreDeclaration: true,
  ignorePiTags: true,
};
// XmlValue: names without their prefix, attributes too (only xsi:nil counts).
const parser = new XMLParser({ ...ORDERED, removeNSPrefix: true });
// XmlNode: attributes under their names as written; toNode takes the prefix off element names.
const treeParser = new XMLParser({ ...ORDERED, removeNSPrefix: false });

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/** The root element of a well-formed document as fast-xml-parser reads it in order. */
function orderedRoot(text: string, reader: XMLParser): OrderedNode | undefined {
  if (!wellFormed(text)) return undefined;
  try {
    return (reader.parse(text) as OrderedNode[]).find((node) => elementName(node) !== undefined);
  } catch {
    // The validator lets a few broken documents pass that the parser then refuses.
    return undefined;
  }
}

/** The general path: any well-formed XML, through fast-xml-validator and fast-xml-parser. */
export function parseWithLibrary(text: string, arrayElements: ReadonlySet<string> = new Set()): XmlElement | undefined {
  const root = orderedRoot(text, parser);
  if (!root) return undefined;
  const name = elementName(root) as string;
  return { name, value: toValue(root, name, arrayElements) };
}

/** The general path of the reading in document order. */
export function treeWithLibrary(text: string): XmlNode | undefined {
  const root = orderedRoot(text, treeParser);
  return root && toNode(root);
}

function toNode(node: OrderedNode): XmlNode {
  const tag = elementName(node) as string;
  const attributes: Record<string, string> = {};
  for (const [name, value] of Object.entries(node[':@'] ?? {})) if (typeof value === 'string') attributes[name] = value;
  const result: XmlNode = { name: tag.slice(tag.indexOf(':') + 1), attributes, children: [], text: '' };
  for (const child of (node[tag] as OrderedNode[]) ?? []) {
    if (typeof child['#text'] === 'string') result.text += child['#text'];
    else if (elementName(child) !== undefined) result.children.push(toNode(child));
  }
  return result;
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#comment');
}

function toValue(node: OrderedNode, name: string, arrayElements: ReadonlySet<string>): XmlValue {
  const attributes = node[':@'];
  if (attributes && (attributes.nil === 'true' || attributes.nil === '1')) return null;
  const children = (node[name] as OrderedNode[]) ?? [];
  const elements = children.filter((child) => elementName(child) !== undefined);
  if (elements.length === 0) {
    return children.map((child) => (typeof child['#text'] === 'string' ? child['#text'] : '')).join('');
  }
  const result: XmlObject = {};
  for (const child of elements) {
    const childName = elementName(child) as string;
    putChild(result, childName, toValue(child, childName, arrayElements), arrayElements.has(childName));
  }
  return result;
}

const attributeParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  entityDecoder,
  ignoreDeclaration: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/**
 * The attributes of each `child` element directly under a `root` element, for lists whose
 * data sits in attributes (`<Modules><Module id="…" label="…"/></Modules>`); undefined when the
 * text is not well-formed or has another root.
 */
export function attributesOf(text: string, root: string, child: string): Array<Record<string, string>> | undefined {
  if (!wellFormed(text)) return undefined;
  let document: Record<string, unknown>;
  try {
    document = attributeParser.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const roots = document[root];
  if (!Array.isArray(roots) || roots.length !== 1) return undefined;
  const element = roots[0] as Record<string, unknown>;
  const children = typeof element === 'object' && element !== null ? element[child] : undefined;
  if (!Array.isArray(children)) return [];
  return children.map((entry: unknown) => {
    const attributes: Record<string, string> = {};
    if (typeof entry === 'object' && entry !== null) {
      for (const [key, value] of Object.entries(entry)) if (typeof value === 'string') attributes[key] = value;
    }
    return attributes;
  });
}
