import { XmlElement, XmlValue, putChild } from './value';
import {
  KnownTag,
  OpenElement,
  Tags,
  decodeText,
  isEndTag,
  isWhitespace,
  leafEnd,
  normalizeLineEnds,
  readMarkup,
  readStartTag,
} from './scan';

// The plain documents that REST answers are: one pass straight into XmlValue, more than ten times
// faster than validating and then parsing with fast-xml-parser (a 10,000-activity list: ~30 ms
// instead of ~600 ms). It accepts only what it can check to be well-formed and reads exactly as
// the general path does; anything else (a DOCTYPE, an HTML entity, a non-ASCII tag name, a
// malformed or truncated document) it leaves to the general path, which then decides.

/** The fast path: plain documents only; undefined for anything it leaves to the general path. */
export function readPlainDocument(source: string, arrayElements: ReadonlySet<string>): XmlElement | undefined {
  const text = normalizeLineEnds(source);
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
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const top = stack[stack.length - 1];
      const markup = readMarkup(text, lt);
      if (!markup) return undefined;
      if (markup.cdata !== undefined) {
        if (!top) return undefined;
        if (!top.children) top.text += markup.cdata;
      }
      at = markup.end;
    } else if (next === 0x2f /* / */) {
      const close = text.indexOf('>', lt + 2);
      const open = stack.pop();
      if (close < 0 || !open || !isEndTag(text, lt + 2, close, open.known.tag)) return undefined;
      const value = open.nil ? null : (open.children ?? open.text);
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
        const close =
          parent && textEnd > 0 && text.charCodeAt(textEnd + 1) === 0x2f /* / */ ? leafEnd(text, textEnd + 2, element.known.tag) : -1;
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

function addChild(parent: OpenElement, child: KnownTag, value: XmlValue): void {
  putChild((parent.children ??= {}), child.name, value, child.listed);
}
