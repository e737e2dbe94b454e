'use strict';

// The variables of IBM BPM's processes: given values checked against a BPD's declarations
// (ibm-bpm-process-fixtures.js), kept in a stored form, and answered with "@metadata" on
// business objects and lists as {selected, items}.

const pf = require('./ibm-bpm-process-fixtures');
const { firstValue } = require('./http');
const { bpmError } = require('./ibm-bpm-documents');

const SIMPLE_TYPES = ['String', 'Boolean', 'Integer', 'Decimal'];

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Whether `value` may be stored in a variable of `type` (null always may).
function fits(type, value) {
  if (value === null) return true;
  if (type.endsWith('[]')) {
    const items = isPlainObject(value) && Array.isArray(value.items) ? value.items : value;
    return Array.isArray(items) && items.every((v) => fits(type.slice(0, -2), v));
  }
  switch (type) {
    case 'String':
      return typeof value === 'string';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Integer':
      return Number.isInteger(value);
    case 'Decimal':
      return typeof value === 'number' && Number.isFinite(value);
  }
  const fields = pf.BUSINESS_OBJECTS[type];
  return (
    isPlainObject(value) &&
    Object.entries(value).every(([k, v]) => k === '@metadata' || (Object.prototype.hasOwnProperty.call(fields, k) && fits(fields[k], v)))
  );
}

// The stored form of a checked value: lists as arrays, business objects merged over `current`.
function stored(type, value, current) {
  if (value === null) return null;
  if (type.endsWith('[]')) {
    const items = Array.isArray(value) ? value : value.items;
    return items.map((v) => stored(type.slice(0, -2), v, null));
  }
  if (SIMPLE_TYPES.includes(type)) return value;
  const out = Object.assign({}, current);
  for (const [k, v] of Object.entries(value)) if (k !== '@metadata') out[k] = v;
  return out;
}

// The answered form: business objects with @metadata, lists as {selected, items}.
function rendered(type, value) {
  if (value === null) return null;
  if (type.endsWith('[]')) return { selected: [], items: value.map((v) => rendered(type.slice(0, -2), v)) };
  if (SIMPLE_TYPES.includes(type)) return value;
  return Object.assign({}, value, {
    '@metadata': { dirty: false, shared: false, className: type },
  });
}

function renderVariables(bpd, values) {
  const out = {};
  for (const [name, type] of Object.entries(bpd.variables)) out[name] = rendered(type, values[name]);
  return out;
}

// XML element names cannot start with '@': "@metadata" becomes "metadata" there.
function xmlSafe(value) {
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (!isPlainObject(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k.replace(/^@/, '')] = xmlSafe(v);
  return out;
}

// The variables of `params` checked against `bpd` and merged over `values`; or answers 400 and returns null.
function mergeParams(ctx, fmt, bpd, values) {
  const text = firstValue(ctx.query.params);
  if (text === undefined || text === '') return Object.assign({}, values);
  let given;
  try {
    given = JSON.parse(text);
  } catch (e) {
    given = undefined;
  }
  if (!isPlainObject(given)) {
    bpmError(ctx, 400, fmt, {
      errorNumber: 'CWTBG0029E',
      message: 'The params value is not a JSON object of variables.',
      params: [String(text)],
    });
    return null;
  }
  const out = Object.assign({}, values);
  for (const [name, value] of Object.entries(given)) {
    const type = bpd.variables[name];
    if (!Object.prototype.hasOwnProperty.call(bpd.variables, name)) {
      bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0543E',
        message: `The variable '${name}' is not declared in ${bpd.name}.`,
        params: [name, bpd.name],
      });
      return null;
    }
    if (!fits(type, value)) {
      bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0029E',
        message: `The value of the variable '${name}' is not of the type ${type}.`,
        params: [name, type],
      });
      return null;
    }
    out[name] = stored(type, value, values[name]);
  }
  return out;
}

module.exports = { fits, stored, rendered, renderVariables, xmlSafe, mergeParams };
