import { XmlElement, XmlObject, XmlValue, putChild } from './value';

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
// The declaration as the validator accepts it: version, then encoding and standalone, in that order.
const DECLARATION = /^<\?xml\s+version\s*=\s*(["'])1\.[01]\1(?:\s+encoding\s*=\s*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\3)?\s*\?>/;
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
