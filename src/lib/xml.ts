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
  return readPlainDocument(text, arrayElements) ?? parseWithLibrary(text, arrayElements);
}

/** The general path: any well-formed XML, through fast-xml-parser's validator and parser. */
export function parseWithLibrary(text: string, arrayElements: ReadonlySet<string> = new Set()): XmlElement | undefined {
  if (XMLValidator.validate(text) !== true) return undefined;
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch {
    // The validator lets a few broken documents pass that the parser then refuses.
    return undefined;
  }
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
    putChild(result, childName, toValue(child, childName, arrayElements), arrayElements.has(childName));
  }
  return result;
}

/** Adds a child element's value; a name that repeats (or is `listed` as always a list) becomes a list. */
function putChild(children: XmlObject, name: string, value: XmlValue, listed: boolean): void {
  const existing = children[name];
  if (existing === undefined) {
    children[name] = listed ? [value] : value;
  } else if (Array.isArray(existing)) {
    existing.push(value);
  } else {
    children[name] = [existing, value];
  }
}

// The plain documents that REST answers are: one pass straight into XmlValue, more than ten times
// faster than validating and then parsing with fast-xml-parser (a 10,000-activity list: ~30 ms
// instead of ~600 ms). It accepts only what it can check to be well-formed and reads exactly as
// the general path does; anything else (a DOCTYPE, an HTML entity, a non-ASCII tag name, a
// malformed or truncated document) it leaves to the general path, which then decides.

interface OpenElement {
  known: KnownTag;
  nil: boolean;
  text: string;
  children?: XmlObject;
  /** Where the start tag ends, and whether it closed itself (`<tag/>`). */
  next: number;
  selfClosing: boolean;
}

// ASCII names with at most one prefix; names of Object.prototype members are left alone too.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/;
const DECLARATION = /^<\?xml(?:\s+[A-Za-z]+\s*=\s*(?:"[^"<>?]*"|'[^'<>?]*'))*\s*\?>/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /^&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/;

/** The fast path: plain documents only; undefined for anything it leaves to the general path. */
export function readPlainDocument(source: string, arrayElements: ReadonlySet<string>): XmlElement | undefined {
  // XML reads every line end as \n.
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const length = text.length;
  const stack: OpenElement[] = [];
  const tags: Tags = { known: [], listed: arrayElements };
  // Where the next `&` is: text needs decoding only when it has one.
  let nextAmp = text.indexOf('&');
  const hasReference = (start: number, end: number): boolean => {
    if (nextAmp >= 0 && nextAmp < start) nextAmp = text.indexOf('&', start);
    return nextAmp >= 0 && nextAmp < end;
  };
  let root: XmlElement | undefined;
  let at = 0;
  while (at < length) {
    const lt = text.indexOf('<', at);
    const end = lt < 0 ? length : lt;
    if (end > at) {
      const top = stack[stack.length - 1];
      if (!top) {
        if (!isWhitespace(text, at, end)) return undefined;
      } else if (!top.children) {
        const piece = decodeText(text, at, end);
        if (piece === undefined) return undefined;
        top.text += piece;
      } else {
        // Text between child elements is dropped, but must still be well-formed.
        if (hasReference(at, end) && decodeText(text, at, end) === undefined) return undefined;
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const close = text.indexOf('-->', lt + 4);
        if (close < 0) return undefined;
        at = close + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const top = stack[stack.length - 1];
        const close = text.indexOf(']]>', lt + 9);
        if (!top || close < 0) return undefined;
        if (!top.children) top.text += text.slice(lt + 9, close);
        at = close + 3;
      } else {
        return undefined;
      }
    } else if (next === 0x3f /* ? */) {
      // Only the XML declaration, at the very start; other processing instructions are rare.
      const declaration = lt === 0 ? DECLARATION.exec(text) : null;
      if (!declaration) return undefined;
      at = declaration[0].length;
    } else if (next === 0x2f /* / */) {
      const close = text.indexOf('>', lt + 2);
      const open = stack.pop();
      if (close < 0 || !open || !isEndTag(text, lt + 2, close, open.known.tag)) return undefined;
      const value = open.nil ? null : open.children ?? open.text;
      if (stack.length === 0) root = { name: open.known.name, value };
      else addChild(stack[stack.length - 1], open.known, value);
      at = close + 1;
    } else {
      if (root) return undefined;
      const element = readStartTag(text, lt, tags);
      if (!element) return undefined;
      at = element.next;
      if (!element.selfClosing) {
        // The common leaf `<name>text</name>`: read whole, without a stack entry.
        const parent = stack[stack.length - 1];
        const textEnd = text.indexOf('<', at);
        const close = parent && textEnd > 0 && text.charCodeAt(textEnd + 1) === 0x2f /* / */ ? leafEnd(text, textEnd + 2, element.known.tag) : -1;
        if (close > 0) {
          const piece = hasReference(at, textEnd) ? decodeText(text, at, textEnd) : text.slice(at, textEnd);
          if (piece === undefined) return undefined;
          addChild(parent, element.known, element.nil ? null : piece);
          at = close + 1;
        } else {
          stack.push(element);
        }
      } else {
        const value = element.nil ? null : '';
        if (stack.length === 0) root = { name: element.known.name, value };
        else addChild(stack[stack.length - 1], element.known, value);
      }
    }
  }
  return stack.length === 0 ? root : undefined;
}

/** Reads `<tag attr="value" …>` or `<tag …/>` from `lt`; only the xsi:nil attribute matters. */
function readStartTag(text: string, lt: number, tags: Tags): OpenElement | undefined {
  // Documents repeat their sequence of tags: first try the tag that followed the last one before.
  const guess = tags.last?.followedBy;
  let at = lt + 1;
  let known: KnownTag | undefined;
  if (guess && text.startsWith(guess.tag, at) && endsName(text.charCodeAt(at + guess.tag.length))) {
    known = guess;
    at += guess.tag.length;
  } else {
    while (at < text.length && !endsName(text.charCodeAt(at))) at++;
    known = knownTag(text, lt + 1, at, tags);
    if (!known) return undefined;
    if (tags.last) tags.last.followedBy = known;
  }
  tags.last = known;
  const element: OpenElement = { known, nil: false, text: '', next: 0, selfClosing: false };
  let seen: string[] | undefined;
  for (;;) {
    const spaced = at;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    const code = text.charCodeAt(at);
    if (code === 0x3e /* > */ || (code === 0x2f /* / */ && text.charCodeAt(at + 1) === 0x3e)) {
      element.selfClosing = code === 0x2f;
      element.next = at + (element.selfClosing ? 2 : 1);
      return element;
    }
    // An attribute: whitespace before it, a name, `=`, a quoted value without `<`.
    if (at === spaced) return undefined;
    const nameStart = at;
    while (at < text.length && !endsName(text.charCodeAt(at)) && text.charCodeAt(at) !== 0x3d /* = */) at++;
    const name = text.slice(nameStart, at);
    if (plainName(name) === undefined || seen?.includes(name)) return undefined;
    (seen ??= []).push(name);
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    if (text[at] !== '=') return undefined;
    at++;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    const quote = text[at];
    if (quote !== '"' && quote !== "'") return undefined;
    const close = text.indexOf(quote, at + 1);
    if (close < 0) return undefined;
    const value = decodeText(text, at + 1, close);
    if (value === undefined || value.includes('<')) return undefined;
    // Like the general path, the last of several `…:nil` attributes counts.
    if (plainName(name) === 'nil') element.nil = value === 'true' || value === '1';
    at = close + 1;
  }
}

interface KnownTag {
  tag: string;
  name: string;
  /** Always a list, even when it occurs once. */
  listed: boolean;
  /** The start tag that came after this one the last time. */
  followedBy?: KnownTag;
}

interface Tags {
  known: KnownTag[];
  listed: ReadonlySet<string>;
  last?: KnownTag;
}

/** The tag name at start…end, reusing the strings of a tag seen before in this document. */
function knownTag(text: string, start: number, end: number, tags: Tags): KnownTag | undefined {
  const length = end - start;
  for (const known of tags.known) if (known.tag.length === length && text.startsWith(known.tag, start)) return known;
  const tag = text.slice(start, end);
  const name = plainName(tag);
  if (!name) return undefined;
  const known = { tag, name, listed: tags.listed.has(name) };
  if (tags.known.length < 64) tags.known.push(known);
  return known;
}

function addChild(parent: OpenElement, child: KnownTag, value: XmlValue): void {
  putChild((parent.children ??= {}), child.name, value, child.listed);
}

/** Text with its references decoded; undefined for a reference this reader leaves alone. */
function decodeText(text: string, start: number, end: number): string | undefined {
  const piece = text.slice(start, end);
  let amp = piece.indexOf('&');
  if (amp < 0) return piece;
  let result = '';
  let at = 0;
  for (; amp >= 0; amp = piece.indexOf('&', at)) {
    const match = REFERENCE.exec(piece.slice(amp, amp + 12));
    if (!match) return undefined;
    let decoded: string;
    if (match[1]) {
      decoded = PREDEFINED[match[1]];
    } else {
      const code = match[2] ? Number.parseInt(match[2], 10) : Number.parseInt(match[3], 16);
      // Out of range, a control character, or an `&` that the general path would decode again.
      if (code > 0x10ffff || code < 0x20 || code === 0x26) return undefined;
      decoded = String.fromCodePoint(code);
    }
    result += piece.slice(at, amp) + decoded;
    at = amp + match[0].length;
  }
  return result + piece.slice(at);
}

const plainNames = new Map<string, string | null>();

/**
 * The name as fast-xml-parser's removeNSPrefix reads it (`bpm:ResponseData` → `ResponseData`,
 * `xmlns…` → ''), or undefined for a name this reader leaves alone. Names repeat: kept in a map.
 */
function plainName(name: string): string | undefined {
  const known = plainNames.get(name);
  if (known !== undefined) return known ?? undefined;
  let local: string | null = null;
  if (NAME.test(name) && !(name in Object.prototype)) {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? name : name.slice(0, colon);
    local = prefix === 'xmlns' ? '' : name.slice(colon + 1);
    if (local in Object.prototype) local = null;
  }
  if (plainNames.size < 1000) plainNames.set(name, local);
  return local ?? undefined;
}

/** Where `</tag>` (read from after `</`) ends, with optional whitespace before `>`; -1 if not there. */
function leafEnd(text: string, start: number, tag: string): number {
  if (!text.startsWith(tag, start)) return -1;
  const after = start + tag.length;
  if (text.charCodeAt(after) === 0x3e /* > */) return after;
  const close = text.indexOf('>', after);
  return close > 0 && isWhitespace(text, after, close) ? close : -1;
}

/** `</tag>` with optional whitespace before the `>`. */
function isEndTag(text: string, start: number, end: number, tag: string): boolean {
  return text.startsWith(tag, start) && isWhitespace(text, start + tag.length, end);
}

/** Whitespace, `>` or `/`: the end of a tag or attribute name. */
function endsName(code: number): boolean {
  return isSpace(code) || code === 0x3e || code === 0x2f;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

function isWhitespace(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (!isSpace(text.charCodeAt(at))) return false;
  return true;
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
