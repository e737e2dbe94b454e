'use strict';

// inubit's task documents and the query of its task list:
//   <Task> and <Tasklist> as the server writes them, in the language of the request;
//   start, count (a page; `total` stays the number of matching tasks);
//   {field}Filter + {field}FilterComparison (LIKE, =, <, >, <=, >=, >0), {field}FilterCaseSensitive,
//   {field}FilterTo (a range) on attributes, `name` and `description`, and the same as
//   {field}FieldFilter… on the task's <Field>s; {field}Sorting (ascending, descending), in the
//   order of the query; enableDIN5007Sort (ä sorts as a).
// A query the server cannot read throws { status: 400, message }.

const { IND, XML_DECL, xmlEscape, xmlAttr } = require('./xml');
const { firstValue } = require('./http');

// <Task> attributes in the order inubit writes them; any other attribute of a spec follows.
const ATTRIBUTES = ['id', 'process', 'creation', 'expiration', 'action', 'wait', 'test', 'popup', 'client', 'locked'];
// Spec keys that are not attributes.
const CONTENT = new Set(['name', 'description', 'units', 'fields', 'form', 'next', 'numericReferences']);
const COMPARISONS = new Set(['LIKE', '=', '<', '>', '<=', '>=', '>0']);

// A text of a spec in `lang`: a { de, en } pair or one text for both.
function inLanguage(text, lang) {
  return text === null || typeof text !== 'object' ? text : text[lang] !== undefined ? text[lang] : text.de;
}

// The attributes of a task, in inubit's order; null or undefined leaves one out.
function attributesOf(task) {
  const names = ATTRIBUTES.concat(Object.keys(task).filter((k) => !ATTRIBUTES.includes(k) && !CONTENT.has(k)));
  return names.filter((k) => task[k] !== null && task[k] !== undefined).map((k) => [k, String(task[k])]);
}

function taskLines(task, lang, indent) {
  // Some servers write every non-ASCII character of a text as a numeric reference.
  const text = (value) => (task.numericReferences ? xmlAttr(value) : xmlEscape(value));
  const element = (tag, attrs, value) =>
    value === '' ? `${indent}${IND}<${tag} ${attrs}/>` : `${indent}${IND}<${tag} ${attrs}>${text(value)}</${tag}>`;
  const lines = [
    `${indent}<Task ${attributesOf(task)
      .map(([k, v]) => `${k}="${xmlAttr(v)}"`)
      .join(' ')}>`,
  ];
  for (const tag of ['Name', 'Description']) {
    const value = inLanguage(task[tag.toLowerCase()], lang);
    if (value !== undefined && value !== null) lines.push(element(tag, `xml:lang="${lang}"`, value));
  }
  for (const unit of task.units || []) lines.push(`${indent}${IND}<Unit name="${xmlAttr(unit.name)}" type="${xmlAttr(unit.type)}"/>`);
  for (const f of task.fields || []) {
    const attrs = `xml:lang="${lang}" name="${xmlAttr(f.name)}" index="${xmlAttr(f.index)}" type="${xmlAttr(f.type)}"`;
    lines.push(element('Field', attrs, inLanguage(f.value, lang)));
  }
  lines.push(`${indent}</Task>`);
  return lines;
}

// GET /task/tasks/{id}: one task.
function taskXml(task, lang) {
  return [XML_DECL, ...taskLines(task, lang, '')].join('\n') + '\n';
}

// GET /task/tasks: a page of tasks of `total`.
function tasklistXml(user, total, tasks, lang) {
  const root = `<Tasklist user="${xmlAttr(user)}" total="${total}"`;
  if (tasks.length === 0) return `${XML_DECL}\n${root}/>\n`;
  const lines = [XML_DECL, `${root}>`];
  for (const task of tasks) lines.push(...taskLines(task, lang, IND));
  lines.push('</Tasklist>');
  return lines.join('\n') + '\n';
}

function badQuery(message) {
  return Object.assign(new Error(message), { status: 400 });
}

const isNumber = (text) => typeof text === 'string' && /^-?\d+(\.\d+)?$/.test(text);

// The value a filter or sorting of `field` sees: `name`, `description`, an attribute, or
// with `custom` the text of the <Field> of that name.
function valueOf(task, field, lang, custom) {
  if (custom) {
    const f = (task.fields || []).find((x) => x.name === field);
    return f ? inLanguage(f.value, lang) : undefined;
  }
  if (field === 'name' || field === 'description') return inLanguage(task[field], lang);
  const attr = attributesOf(task).find(([k]) => k === field);
  return attr ? attr[1] : undefined;
}

function compare(a, b, din5007) {
  if (isNumber(a) && isNumber(b)) return Number(a) - Number(b);
  if (din5007) return a.localeCompare(b, 'de', { sensitivity: 'base' });
  return a < b ? -1 : a > b ? 1 : 0;
}

// One {field}Filter (or {field}FieldFilter, `prefix` the parameter's name): a test of a value.
function filterOf(query, prefix) {
  const param = (suffix) => firstValue(query[prefix + suffix]);
  const wanted = param('');
  const comparison = param('Comparison') === undefined ? 'LIKE' : param('Comparison').toUpperCase();
  const to = param('To');
  if (!COMPARISONS.has(comparison)) throw badQuery(`Unknown comparison ${comparison} for ${prefix}`);
  const sensitive = param('CaseSensitive') === 'true';
  const fold = (text) => (sensitive ? text : text.toLowerCase());
  if (to !== undefined) return (v) => compare(v, wanted) >= 0 && compare(v, to) <= 0;
  switch (comparison) {
    case '=':
      return (v) => fold(v) === fold(wanted);
    case '<':
      return (v) => compare(v, wanted) < 0;
    case '>':
      return (v) => compare(v, wanted) > 0;
    case '<=':
      return (v) => compare(v, wanted) <= 0;
    case '>=':
      return (v) => compare(v, wanted) >= 0;
    case '>0':
      return (v) => Number(v) > 0;
  }
  // LIKE: % stands for any text; without one, the value is looked for anywhere.
  if (!wanted.includes('%')) return (v) => fold(v).includes(fold(wanted));
  const pattern = fold(wanted)
    .split('%')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${pattern}$`, 's');
  return (v) => re.test(fold(v));
}

function pageNumber(query, name, fallback) {
  const text = firstValue(query[name]);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text)) throw badQuery(`${name} must be a number, not ${text}`);
  return Number(text);
}

// The tasks a list request selects: { total, page }.
function selectTasks(tasks, query, lang) {
  let selected = tasks;
  const sortings = [];
  for (const key of Object.keys(query)) {
    let m;
    if ((m = /^(.+)FieldFilter$/.exec(key)) || (m = /^(.+)Filter$/.exec(key))) {
      const custom = key.endsWith('FieldFilter');
      const test = filterOf(query, key);
      selected = selected.filter((task) => {
        const v = valueOf(task, m[1], lang, custom);
        return v !== undefined && v !== null && test(v);
      });
    } else if ((m = /^(.+)Sorting$/.exec(key))) {
      const direction = firstValue(query[key]);
      if (direction !== 'ascending' && direction !== 'descending') {
        throw badQuery(`${key} must be ascending or descending, not ${direction}`);
      }
      sortings.push({ field: m[1], sign: direction === 'ascending' ? 1 : -1 });
    }
  }
  const din5007 = firstValue(query.enableDIN5007Sort) === 'true';
  if (sortings.length > 0) {
    selected = selected.slice().sort((a, b) => {
      for (const { field, sign } of sortings) {
        const va = valueOf(a, field, lang);
        const vb = valueOf(b, field, lang);
        // A task without the value comes last, either way.
        if (va === undefined || va === null || vb === undefined || vb === null) {
          const missing = (va === undefined || va === null) - (vb === undefined || vb === null);
          if (missing !== 0) return missing;
          continue;
        }
        const c = compare(va, vb, din5007);
        if (c !== 0) return sign * c;
      }
      return 0;
    });
  }
  const start = pageNumber(query, 'start', 0);
  const count = pageNumber(query, 'count', selected.length);
  return { total: selected.length, page: selected.slice(start, start + count) };
}

module.exports = { inLanguage, taskXml, tasklistXml, selectTasks };
