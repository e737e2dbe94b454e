// The one XML reader: the fast path for the plain documents REST answers are, and behind it the
// authority (fast-xml-validator and fast-xml-parser) for everything else. The differential tests
// keep both reading alike, in either reading: into XmlValue (elements as plain data) and into
// XmlNode (elements in document order with their attributes).
import { parseWithLibrary, treeWithLibrary } from './authority';
import { readPlainDocument } from './fast-path';
import { readPlainTree } from './fast-tree';
import type { XmlElement, XmlNode } from './value';

/**
 * Parses a whole XML document into its root element, or returns undefined when the text is
 * not well-formed XML (a truncated answer, an HTML page).
 */
export function parseXmlDocument(text: string, arrayElements: ReadonlySet<string> = new Set()): XmlElement | undefined {
  return readPlainDocument(text, arrayElements) ?? parseWithLibrary(text, arrayElements);
}

/** Reads a whole XML document into its root element in document order; undefined when not well-formed. */
export function parseXmlTree(text: string): XmlNode | undefined {
  return readPlainTree(text) ?? treeWithLibrary(text);
}
