/** An XML element reduced to plain data: text, null (xsi:nil), or an object of child elements. */
export type XmlValue = string | null | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

export interface XmlElement {
  name: string;
  value: XmlValue;
}

/** Adds a child element's value; a name that repeats (or is `listed` as always a list) becomes a list. */
export function putChild(children: XmlObject, name: string, value: XmlValue, listed: boolean): void {
  const existing = children[name];
  if (existing === undefined) {
    children[name] = listed ? [value] : value;
  } else if (Array.isArray(existing)) {
    existing.push(value);
  } else {
    children[name] = [existing, value];
  }
}

/**
 * An element read in document order: its name (without a namespace prefix), its attributes under
 * their names as written (`xml:lang`, `xmlns:p`), its child elements, and its own text (character
 * data and CDATA between its children, joined; comments left out).
 */
export interface XmlNode {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/** The attributes that carry data, in their order: all but namespace declarations (`xmlns`, `xmlns:p`). */
export function withoutNamespaces(attributes: Record<string, string>): Record<string, string> {
  for (const name in attributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      return Object.fromEntries(Object.entries(attributes).filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:')));
    }
  }
  return attributes;
}

/** The attributes `names` of an element that it has, under the same names (absent → no key). */
export function pickAttributes<Name extends string>(node: XmlNode, names: readonly Name[]): Partial<Record<Name, string>> {
  const picked: Partial<Record<Name, string>> = {};
  for (const name of names) if (Object.prototype.hasOwnProperty.call(node.attributes, name)) picked[name] = node.attributes[name];
  return picked;
}
