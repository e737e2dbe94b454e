'use strict';

// XML as both simulated servers write it (escaped text and attributes, child elements from
// values) and read it: with fast-xml-validator and fast-xml-parser, so that any well-formed body is read.

const { XMLParser } = require('fast-xml-parser');
const { SyntaxValidator } = require('fast-xml-validator');

const IND = '    ';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function xmlEscape(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) =>
      ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&apos;',
      })[c],
  );
}

// Attribute text with non-ASCII as numeric references, so clients must decode &#228; too.
function xmlAttr(value) {
  return xmlEscape(value).replace(/[\u0080-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`);
}

// Child elements in key order; null -> xsi:nil, arrays -> repeated elements.
function xmlValue(name, value, indent, out) {
  if (value === null || value === undefined) {
    out.push(`${indent}<${name} xsi:nil="true"/>`);
  } else if (Array.isArray(value)) {
    for (const item of value) xmlValue(name, item, indent, out);
  } else if (typeof value === 'object') {
    out.push(`${indent}<${name}>`);
    for (const [k, v] of Object.entries(value)) xmlValue(k, v, indent + IND, out);
    out.push(`${indent}</${name}>`);
  } else {
    out.push(`${indent}<${name}>${xmlEscape(value)}</${name}>`);
  }
}

const validator = new SyntaxValidator();
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // XML's references are decoded below, numeric ones included; CDATA stays as written.
  processEntities: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
});

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text) {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (m, ref) => {
    if (ref[0] !== '#') return PREDEFINED[ref];
    return String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
  });
}

// The nodes of a well-formed document, in order (fast-xml-parser's preserveOrder form, attributes
// under ':@'); throws an Error that says why for anything else.
function parseXml(text) {
  let reason = 'empty';
  try {
    if (validator.validate(text) === true) reason = null;
  } catch (err) {
    reason = err.message;
  }
  if (reason) throw new Error(reason);
  return parser.parse(text);
}

const nameOf = (node) => Object.keys(node).find((k) => k !== ':@');

// The text of an element's children: text decoded, CDATA as written, elements left out.
function textOf(children) {
  return children
    .map((c) => (c['#text'] !== undefined ? decode(c['#text']) : c['#cdata'] ? c['#cdata'].map((x) => x['#text']).join('') : ''))
    .join('');
}

module.exports = { IND, XML_DECL, xmlEscape, xmlAttr, xmlValue, parseXml, nameOf, textOf, decode };
