'use strict';
// The nodes the benchmark's flows are made of, side by side on one tab: the config nodes of our
// two servers, the core nodes a user would wire instead of ours, and the counter at the end of
// every flow. Each group's flows are in its own file under groups/.

const TAB = 'bench-tab';
/** Our config nodes, one per server, with their defaults (maxConcurrent 8, retries 2, timeout 30 s). */
const SERVERS = { bpm: 'bench-bpm-server', inubit: 'bench-inubit-server' };

const XML_ACCEPT = { keyType: 'other', keyValue: 'Accept', valueType: 'other', valueValue: 'application/xml' };
const JSON_ACCEPT = { keyType: 'other', keyValue: 'Accept', valueType: 'other', valueValue: 'application/json' };
/** A Content-Type header of a core http request node. */
const contentType = (value) => ({ keyType: 'Content-Type', keyValue: '', valueType: 'other', valueValue: value });

/** The tab, our two config nodes, and the credentials of those and of every core http request node in `nodes`. */
function tabWith(sim, nodes) {
  const flows = [
    { id: TAB, type: 'tab', label: 'benchmark' },
    { id: SERVERS.bpm, type: 'ibm-bpm-server', name: 'simulator', url: sim.bpmUrl, timeout: '', tls: '', retries: '', maxConcurrent: '' },
    {
      id: SERVERS.inubit,
      type: 'inubit-server',
      name: 'simulator',
      url: sim.inubitUrl,
      timeout: '',
      tls: '',
      retries: '',
      maxConcurrent: '',
    },
    ...nodes,
  ];
  // Our config nodes keep `username`; the core http request node calls the same field `user`.
  const credentials = {
    [SERVERS.bpm]: { username: sim.username, password: sim.password },
    [SERVERS.inubit]: { username: sim.username, password: sim.password },
  };
  for (const node of nodes.filter((candidate) => candidate.type === 'http request')) {
    credentials[node.id] = { user: sim.username, password: sim.password };
  }
  return { flows, credentials };
}

/** One of our flow nodes on the tab: `fields` are its own properties. */
function ours(id, type, fields, x, y, wires) {
  return { id, type, z: TAB, name: '', ...fields, x, y, wires };
}

function counter(id, x, y) {
  return { id, type: 'bench-counter', z: TAB, name: '', x, y, wires: [] };
}

/** A core Function node running `func`. */
function functionNode(id, name, func, x, y, wires) {
  return { id, type: 'function', z: TAB, name, func, outputs: 1, noerr: 0, initialize: '', finalize: '', libs: [], x, y, wires };
}

/** A core http request node as the benchmark wires it (basic auth, keep-alive, no TLS or proxy); the second argument holds what differs from node to node. */
function httpRequest(id, { name, method, ret, url, headers = [], x, y, wires }) {
  return {
    id,
    type: 'http request',
    z: TAB,
    name,
    method,
    ret,
    paytoqs: 'ignore',
    url,
    tls: '',
    persist: true,
    proxy: '',
    insecureHTTPParser: false,
    authType: 'basic',
    senderr: false,
    headers,
    x,
    y,
    wires,
  };
}

/** A core change node with `rules`. */
function changeNode(id, name, rules, x, y, wires) {
  return { id, type: 'change', z: TAB, name, rules, x, y, wires };
}

/** A core change node that sets msg.url to a JSONata expression (the URL with its query encoded). */
function urlOf(id, name, expression, x, y, wires) {
  return changeNode(id, name, [{ t: 'set', p: 'url', pt: 'msg', to: expression, tot: 'jsonata' }], x, y, wires);
}

/** A core change node that moves `from` (a msg property) into msg.payload. */
function change(id, from, x, y, wires, name = 'activities') {
  return changeNode(id, name, [{ t: 'set', p: 'payload', pt: 'msg', to: from, tot: 'msg' }], x, y, wires);
}

/** A core template node writing `template` (mustache) as text into msg[`field`]. */
function template(id, name, field, text, x, y, wires) {
  return {
    id,
    type: 'template',
    z: TAB,
    name,
    field,
    fieldType: 'msg',
    format: 'handlebars',
    syntax: 'mustache',
    template: text,
    output: 'str',
    x,
    y,
    wires,
  };
}

/** A core xml node: text in msg.payload to an object (xml2js: every element becomes an array, attributes go under `$`). */
function xmlParse(id, x, y, wires) {
  return { id, type: 'xml', z: TAB, name: '', property: 'payload', attr: '', chr: '', x, y, wires };
}

/** A core split node that sends each item of an array in msg.payload on its own. */
function split(id, x, y, wires) {
  return {
    id,
    type: 'split',
    z: TAB,
    name: '',
    splt: '\\n',
    spltType: 'str',
    arraySplt: 1,
    arraySpltType: 'len',
    stream: false,
    addname: '',
    x,
    y,
    wires,
  };
}

module.exports = {
  SERVERS,
  XML_ACCEPT,
  JSON_ACCEPT,
  contentType,
  tabWith,
  ours,
  counter,
  functionNode,
  httpRequest,
  changeNode,
  urlOf,
  change,
  template,
  xmlParse,
  split,
};
