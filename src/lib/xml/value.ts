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

