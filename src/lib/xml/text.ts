// What the XML the clients write shares: escaped text and the characters XML cannot carry.

/** Characters XML 1.0 cannot carry, not even as references (lone surrogates included). */
export const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text and attribute values escaped for XML. */
export function escapeXml(text: string): string {
  // Most names need no escaping: a test is cheaper than a replace that finds nothing.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

const SPECIAL = /[&<>"']/;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
