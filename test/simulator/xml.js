'use strict';

// XML as both simulated servers write it: escaped text and attributes, child elements from values.

const IND = '    ';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>';

function xmlEscape(value) {
    return String(value).replace(/[&<>"']/g, (c) => ({
        '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&apos;'
    })[c]);
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

module.exports = { IND, XML_DECL, xmlEscape, xmlAttr, xmlValue };
