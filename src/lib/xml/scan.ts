import type { XmlObject } from './value';

// The pieces of plain XML that both fast readings (into XmlValue, and into an element tree) read
// alike: start tags and their attributes, names, references, comments and the declaration. Each
// returns undefined (or -1) for anything it leaves to the authority.

/** An element whose start tag was read; the reading into XmlValue collects its content here. */
export interface OpenElement {
  known: KnownTag;
  nil: boolean;
  text: string;
  children?: XmlObject;
  /** Where the start tag ends, and whether it closed itself (`<tag/>`). */
  next: number;
  selfClosing: boolean;
}

export interface KnownTag {
  tag: string;
  name: string;
  /** Always a list, even when it occurs once. */
  listed: boolean;
  /** The start tag that came after this one the last time. */
  followedBy?: KnownTag;
  /** The names of its attributes the last time. */
  attributes: string[];
}

export interface Tags {
  known: KnownTag[];
  listed: ReadonlySet<string>;
  last?: KnownTag;
}

// ASCII names with at most one prefix; names of Object.prototype members are left alone too.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*(?::[A-Za-z_][A-Za-z0-9_.-]*)?$/;
// The declaration as the validator accepts it: version, then encoding and standalone, in that order.
const DECLARATION =
  /^<\?xml\s+version\s*=\s*(["'])1\.[01]\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /^&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/;

/** XML reads every line end as \n. */
export function normalizeLineEnds(source: string): string {
  return source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
}

/** Where markup other than a tag ends, and the text of a CDATA section. */
export interface Markup {
  end: number;
  cdata?: string;
}

/**
 * The comment, CDATA section or XML declaration at `lt`; undefined for other `<!…>` and `<?…?>`
 * (a DOCTYPE, a processing instruction, a declaration not at the very start) or an unclosed one.
 */
export function readMarkup(text: string, lt: number): Markup | undefined {
  if (text.startsWith('<!--', lt)) {
    const close = text.indexOf('-->', lt + 4);
    return close < 0 ? undefined : { end: close + 3 };
  }
  if (text.startsWith('<![CDATA[', lt)) {
    const close = text.indexOf(']]>', lt + 9);
    return close < 0 ? undefined : { end: close + 3, cdata: text.slice(lt + 9, close) };
  }
  // Only the XML declaration, at the very start; other processing instructions are rare.
  const declaration = lt === 0 && text.charCodeAt(1) === 0x3f /* ? */ ? DECLARATION.exec(text) : null;
  return declaration ? { end: declaration[0].length } : undefined;
}

/**
 * Reads `<tag attr="value" …>` or `<tag …/>` from `lt`: the xsi:nil attribute, and every attribute
 * under its name as written into `attributes` when given.
 */
export function readStartTag(text: string, lt: number, tags: Tags, attributes?: Record<string, string>): OpenElement | undefined {
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
  // The names of this tag's attributes as last seen: a document repeats them, in the same order.
  const names = known.attributes;
  let count = 0;
  // An attribute value must not hold a `<`: where the next one is.
  let nextLt = -1;
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
    let name = names[count];
    if (name !== undefined && text.startsWith(name, at) && endsAttributeName(text.charCodeAt(at + name.length))) {
      at += name.length;
    } else {
      const nameStart = at;
      while (at < text.length && !endsAttributeName(text.charCodeAt(at))) at++;
      name = text.slice(nameStart, at);
      if (plainName(name) === undefined) return undefined;
      names[count] = name;
    }
    // Well-formed XML has no attribute twice.
    for (let other = 0; other < count; other++) if (names[other] === name) return undefined;
    count++;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    if (text.charCodeAt(at) !== 0x3d /* = */) return undefined;
    at++;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    const quote = text.charCodeAt(at);
    if (quote !== 0x22 /* " */ && quote !== 0x27 /* ' */) return undefined;
    const close = text.indexOf(quote === 0x22 ? '"' : "'", at + 1);
    if (nextLt <= at) nextLt = text.indexOf('<', at + 1);
    if (close < 0 || (nextLt >= 0 && nextLt < close)) return undefined;
    const value = decodeText(text, at + 1, close);
    if (value === undefined) return undefined;
    // Like the general path, the last of several `…:nil` attributes counts.
    if (name.endsWith('nil') && plainName(name) === 'nil') element.nil = value === 'true' || value === '1';
    if (attributes) attributes[name] = value;
    at = close + 1;
  }
}

/** The tag name at start…end, reusing the strings of a tag seen before in this document. */
function knownTag(text: string, start: number, end: number, tags: Tags): KnownTag | undefined {
  const length = end - start;
  for (const known of tags.known) if (known.tag.length === length && text.startsWith(known.tag, start)) return known;
  const tag = text.slice(start, end);
  const name = plainName(tag);
  if (!name) return undefined;
  const known: KnownTag = { tag, name, listed: tags.listed.has(name), attributes: [] };
  if (tags.known.length < 64) tags.known.push(known);
  return known;
}

/** Text with its references decoded; undefined for a reference this reader leaves alone. */
export function decodeText(text: string, start: number, end: number): string | undefined {
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
      // Out of range or a control character: the general path decides.
      if (code > 0x10ffff || code < 0x20) return undefined;
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
 * `xmlns…` → ''), or undefined for a name this reader leaves alone (fast-xml-parser refuses
 * `prototype` and renames Object.prototype's members). Names repeat: kept in a map.
 */
function plainName(name: string): string | undefined {
  const known = plainNames.get(name);
  if (known !== undefined) return known ?? undefined;
  let local: string | null = null;
  if (NAME.test(name) && !reserved(name)) {
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? name : name.slice(0, colon);
    local = prefix === 'xmlns' ? '' : name.slice(colon + 1);
    if (reserved(local)) local = null;
  }
  if (plainNames.size < 1000) plainNames.set(name, local);
  return local ?? undefined;
}

function reserved(name: string): boolean {
  return name in Object.prototype || name === 'prototype';
}

/** Where `</tag>` (read from after `</`) ends, with optional whitespace before `>`; -1 if not there. */
export function leafEnd(text: string, start: number, tag: string): number {
  if (!text.startsWith(tag, start)) return -1;
  const after = start + tag.length;
  if (text.charCodeAt(after) === 0x3e /* > */) return after;
  const close = text.indexOf('>', after);
  return close > 0 && isWhitespace(text, after, close) ? close : -1;
}

/** `</tag>` with optional whitespace before the `>`. */
export function isEndTag(text: string, start: number, end: number, tag: string): boolean {
  return text.startsWith(tag, start) && isWhitespace(text, start + tag.length, end);
}

/** Whitespace, `>` or `/`: the end of a tag name. */
function endsName(code: number): boolean {
  return isSpace(code) || code === 0x3e || code === 0x2f;
}

/** The end of an attribute name: that of a tag name, or `=`. */
function endsAttributeName(code: number): boolean {
  return endsName(code) || code === 0x3d;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d;
}

export function isWhitespace(text: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (!isSpace(text.charCodeAt(at))) return false;
  return true;
}
