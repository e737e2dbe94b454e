import type { XmlNode } from './value';
import { Tags, decodeText, isEndTag, isWhitespace, normalizeLineEnds, readMarkup, readStartTag } from './scan';

// The fast path of the reading in document order (XmlNode), for documents whose data sits in
// attributes and whose elements' order matters (inubit's tasks and forms). Like the fast path into
// XmlValue it reads plain documents only and leaves anything else to the authority.

const NO_LISTS: ReadonlySet<string> = new Set();

/** The fast path into XmlNode: plain documents only; undefined for anything it leaves to the authority. */
export function readPlainTree(source: string): XmlNode | undefined {
  const text = normalizeLineEnds(source);
  const length = text.length;
  const stack: XmlNode[] = [];
  const endTags: string[] = [];
  const tags: Tags = { known: [], listed: NO_LISTS };
  let root: XmlNode | undefined;
  let at = 0;
  while (at < length) {
    const lt = text.indexOf('<', at);
    const end = lt < 0 ? length : lt;
    const top = stack[stack.length - 1] as XmlNode | undefined;
    if (end > at) {
      if (!top) {
        if (!isWhitespace(text, at, end)) return undefined;
      } else {
        const piece = decodeText(text, at, end);
        if (piece === undefined) return undefined;
        top.text += piece;
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      const markup = readMarkup(text, lt);
      if (!markup) return undefined;
      if (markup.cdata !== undefined) {
        if (!top) return undefined;
        top.text += markup.cdata;
      }
      at = markup.end;
    } else if (next === 0x2f /* / */) {
      const close = text.indexOf('>', lt + 2);
      const tag = endTags.pop();
      if (close < 0 || tag === undefined || !isEndTag(text, lt + 2, close, tag)) return undefined;
      stack.pop();
      if (stack.length === 0) root = top;
      at = close + 1;
    } else {
      if (root) return undefined;
      const attributes: Record<string, string> = {};
      const element = readStartTag(text, lt, tags, attributes);
      if (!element) return undefined;
      const node: XmlNode = { name: element.known.name, attributes, children: [], text: '' };
      if (top) top.children.push(node);
      if (!element.selfClosing) {
        stack.push(node);
        endTags.push(element.known.tag);
      } else if (!top) {
        root = node;
      }
      at = element.next;
    }
  }
  return stack.length === 0 ? root : undefined;
}
