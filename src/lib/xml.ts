import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An XML element reduced to plain data: text, null (xsi:nil), or an object of child elements. */
export type XmlValue = string | null | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export interface XmlElement {
  name: string;
  value: XmlValue;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses a whole XML document into its root element, or returns undefined when the text is
 * not well-formed XML (a truncated answer, an HTML page).
 */
export function parseXmlDocument(text: string, arrayElements: ReadonlySet<string> = new Set()): XmlElement | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  const nodes = parser.parse(text) as OrderedNode[];
  const root = nodes.find((node) => elementName(node) !== undefined);
  if (!root) return undefined;
  const name = elementName(root) as string;
  return { name, value: toValue(root, name, arrayElements) };
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
    const value = toValue(child, childName, arrayElements);
    const existing = result[childName];
    if (existing === undefined) {
      result[childName] = arrayElements.has(childName) ? [value] : value;
    } else if (Array.isArray(existing)) {
      existing.push(value);
    } else {
      result[childName] = [existing, value];
    }
  }
  return result;
}

const attributeParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  htmlEntities: true,
  ignoreDeclaration: true,
  isArray: (_name: string, _path: unknown, _leaf: boolean, isAttribute: boolean) => !isAttribute,
});

/**
 * The attributes of each `child` element directly under a `root` element, for lists whose
 * data sits in attributes (`<Modules><Module id="…" label="…"/></Modules>`); undefined when the
 * text is not well-formed or has another root.
 */
export function attributesOf(text: string, root: string, child: string): Array<Record<string, string>> | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  const document = attributeParser.parse(text) as Record<string, unknown>;
  const roots = document[root];
  if (!Array.isArray(roots) || roots.length !== 1) return undefined;
  const element = roots[0] as Record<string, unknown>;
  const children = typeof element === 'object' && element !== null ? element[child] : undefined;
  if (!Array.isArray(children)) return [];
  return children.map((entry) => {
    const attributes: Record<string, string> = {};
    if (typeof entry === 'object' && entry !== null) {
      for (const [key, value] of Object.entries(entry)) if (typeof value === 'string') attributes[key] = value;
    }
    return attributes;
  });
}
