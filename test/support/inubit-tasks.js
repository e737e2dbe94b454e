'use strict';
// Requests to the simulated inubit task resources, and their XML read with a reader of the tests'
// own, so that neither the clients nor the simulator's XML code can hide a bug.
const should = require('should');
const { request } = require('./http');

const PREDEFINED = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text) =>
  text.replace(/&(\w+|#\d+|#x[0-9a-f]+);/gi, (m, ref) =>
    ref[0] !== '#' ? PREDEFINED[ref] : String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))),
  );

// The root element of an XML document as { name, attrs, children, text }; whitespace between elements is left out.
function readXml(text) {
  const top = { children: [] };
  const stack = [top];
  for (const m of text.matchAll(/<\?[^>]*\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
    const parent = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (m[5].trim() !== '') parent.text += decode(m[5]);
    } else if (m[1] === '/') {
      should(stack.pop().name).equal(m[2]);
    } else if (m[2]) {
      const attrs = {};
      for (const [, name, value] of m[3].matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[name] = decode(value);
      const element = { name: m[2], attrs, children: [], text: '' };
      parent.children.push(element);
      if (!m[4]) stack.push(element);
    }
  }
  should(stack).have.length(1);
  return top.children[0];
}

// A <Task> as the README's tasks describe it: its attributes, name, description, units, fields.
function readTask(task) {
  const out = { attrs: task.attrs, units: [], fields: {} };
  for (const child of task.children) {
    if (child.name === 'Name' || child.name === 'Description')
      out[child.name.toLowerCase()] = { lang: child.attrs['xml:lang'], text: child.text };
    else if (child.name === 'Unit') out.units.push(child.attrs);
    else if (child.name === 'Field') out.fields[child.attrs.name] = Object.assign({}, child.attrs, { text: child.text });
    else throw new Error(`unexpected <${child.name}>`);
  }
  return out;
}

/** Requests as the simulator's account (or `user`, `null` for none) to the inubit REST root. */
function inubitRequests(sim) {
  function call(method, path, { user = sim.username, password = sim.password, headers = {}, body } = {}) {
    const auth = user === null ? {} : { Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64') };
    return request(sim.inubitUrl + path, { method, headers: Object.assign(auth, headers), body });
  }
  return {
    call,
    // The body of a submit: a <Panel> of `panel`, sent by the button of `submitter`.
    submitBody: (submitter, panel = '') =>
      '<?xml version="1.0" encoding="UTF-8"?>' + `<Form><Response submitter="${submitter}"><Panel>${panel}</Panel></Response></Form>`,
    submit: (id, body, options = {}) =>
      call(
        'POST',
        `/task/submit/${encodeURIComponent(id)}`,
        Object.assign({ body, headers: { 'Content-Type': 'application/xml; charset=utf-8' } }, options),
      ),
    // The inubit 9 error of a response with `status`.
    errorBody: (r, status) => {
      should(r.status).equal(status);
      return JSON.parse(r.body);
    },
  };
}

module.exports = { readXml, readTask, inubitRequests };
