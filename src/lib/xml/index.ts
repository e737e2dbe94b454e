// The one XML reader: the fast path for the plain documents REST answers are, and behind it the
// authority (fast-xml-validator and fast-xml-parser) for everything else. The differential tests
// keep both reading alike.
import { parseWithLibrary } from './authority';
import { readPlainDocument } from './fast-path';
import type { XmlElement } from './value';

export type { XmlElement, XmlObject, XmlValue } from './value';
export { attributesOf, parseWithLibrary } from './authority';
export { readPlainDocument } from './fast-path';
export { readStarterList } from './starters';
export type { AdHocStarter } from './starters';

/**
 * Parses a whole XML document into its root element, or returns undefined when the text is
 * not well-formed XML (a truncated answer, an HTML page).
 */
export function parseXmlDocument(text: string, arrayElements: ReadonlySet<string> = new Set()): XmlElement | undefined {
  return readPlainDocument(text, arrayElements) ?? parseWithLibrary(text, arrayElements);
}
