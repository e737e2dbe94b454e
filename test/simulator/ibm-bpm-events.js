'use strict';

// IBM BPM's Event Manager, below the REST root:
//   POST /process?action=sendMessage&message=<eventmsg>…</eventmsg>   (the query in the URL or a form body)
//   <eventmsg><event processApp="ACR" snapshot="S" ucaname="U">EVENT</event><queue>Q</queue>
//     <parameters><parameter><key>K</key><value>V</value></parameter>…</parameters></eventmsg>
// A message it cannot read, or without the acronym or the event name, is answered 400
// (CWTBG0595E), an unknown process app or snapshot 400 (CWTBG0012E). Otherwise 200: the message is
// accepted, and a known event (ibm-bpm-event-fixtures.js) starts an instance of its process or
// moves on the instances waiting for it; an event no UCA takes changes nothing, as on the server,
// which handles messages after it has answered. The shared scenario keys and the keys forbidden
// and server-error work as the event name.

const ef = require('./ibm-bpm-event-fixtures');
const { firstValue } = require('./http');
const { bpmError } = require('./ibm-bpm-documents');
const { sendData, sharedKey, keyApi } = require('./ibm-bpm-process-answers');
const { bpmTimestamp } = require('./ibm-bpm-process-store');
const { parseXml, nameOf, textOf, decode } = require('./xml');

// What a message accepted says and what came of it: the data of the 200 answer.
const ACCEPTED = {};

function unreadable(reason) {
  return Object.assign(new Error(reason), { unreadable: true });
}

// The children of element node `node` named `name`.
function childrenNamed(node, name) {
  return node[nameOf(node)].filter((child) => nameOf(child) === name);
}

// { processApp, snapshot, ucaName, event, queue, parameters: [[key, value], …] } of the XML, or
// throws an Error whose message says why the server cannot read it.
function readEventMessage(xml) {
  let nodes;
  try {
    nodes = parseXml(xml);
  } catch (err) {
    throw unreadable(`The message is not well-formed XML: ${err.message}`);
  }
  const roots = nodes.filter((node) => !['#text', '#comment'].includes(nameOf(node)));
  if (roots.length !== 1 || nameOf(roots[0]) !== 'eventmsg') throw unreadable('The message is not an <eventmsg> document.');
  const [event, ...more] = childrenNamed(roots[0], 'event');
  if (!event || more.length > 0) throw unreadable('The message must hold exactly one <event> element.');
  const attributes = event[':@'] || {};
  const attribute = (name) => (attributes[name] === undefined ? null : decode(String(attributes[name])));
  const processApp = attribute('processApp');
  if (processApp === null || processApp.trim() === '') throw unreadable('The <event> element names no process app acronym (processApp).');
  const eventName = textOf(event.event).trim();
  if (eventName === '') throw unreadable('The <event> element names no event.');
  const parameters = [];
  for (const list of childrenNamed(roots[0], 'parameters')) {
    for (const parameter of childrenNamed(list, 'parameter')) {
      const [key] = childrenNamed(parameter, 'key');
      const [value] = childrenNamed(parameter, 'value');
      if (!key || textOf(key.key).trim() === '') throw unreadable('A <parameter> has no <key>.');
      parameters.push([textOf(key.key), value ? textOf(value.value) : '']);
    }
  }
  const [queue] = childrenNamed(roots[0], 'queue');
  return {
    processApp,
    snapshot: attribute('snapshot'),
    ucaName: attribute('ucaname'),
    event: eventName,
    queue: queue ? textOf(queue.queue) : null,
    parameters,
  };
}

// A parameter's text as the value of a variable of `type`; the UCA's service maps inputs so.
function asVariable(type, text) {
  if (type === 'Boolean') return text === 'true';
  if (type === 'Integer' || type === 'Decimal') return text === '' ? null : Number(text);
  return text;
}

// The Event Manager of one simulator: `store` its instances and tasks, `scenarios` the shared keys.
function bpmEvents({ store, scenarios }) {
  // Every message accepted since the last reset(), oldest first, as readEventMessage reads it.
  let received = [];

  // What the UCA of an accepted message does: start an instance, or move on those waiting for it.
  function deliver(message, ctx) {
    const event = ef.EVENTS[message.event];
    if (!event || (message.ucaName !== null && message.ucaName !== event.ucaName)) return;
    const { bpd } = event;
    const given = {};
    for (const [key, text] of message.parameters) {
      if (Object.prototype.hasOwnProperty.call(bpd.variables, key)) given[key] = asVariable(bpd.variables[key], text);
    }
    if (event.kind === 'start') {
      store.newInstance(bpd, Object.assign({}, bpd.defaults, given, event.sets), store.userOf(ctx));
      return;
    }
    if (!(event.correlation in given)) return;
    const now = bpmTimestamp();
    for (const instance of store.waitingFor(message.event)) {
      if (instance.bpd !== bpd || instance.values[event.correlation] !== given[event.correlation]) continue;
      Object.assign(instance.values, given, event.sets);
      store.moveOn(instance, now);
    }
  }

  function send(ctx, fmt) {
    const xml = firstValue(ctx.query.message);
    if (typeof xml !== 'string' || xml === '') {
      return bpmError(ctx, 400, fmt, { errorNumber: 'CWTBG0023E', message: 'The parameter message is required.', params: ['message'] });
    }
    let message;
    try {
      message = readEventMessage(xml);
    } catch (err) {
      if (!err.unreadable) throw err;
      return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0595E',
        message: `The event message cannot be read: ${err.message}`,
        params: [err.message],
      });
    }
    const unknown =
      message.processApp !== ef.EVENT_APP.acronym
        ? message.processApp
        : message.snapshot !== null && !ef.EVENT_APP.snapshots.includes(message.snapshot)
          ? message.snapshot
          : null;
    if (unknown !== null) {
      return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0012E',
        message: `The process application or snapshot '${unknown}' is not valid.`,
        params: [unknown],
      });
    }
    if (sharedKey(ctx, fmt, message.event, `the event ${message.event}`, 'sendMessage')) return;
    const accept = () => {
      received.push(message);
      deliver(message, ctx);
      sendData(ctx, fmt, ACCEPTED, '');
    };
    const api = keyApi(
      ctx,
      fmt,
      accept,
      () => ACCEPTED,
      (extra) => Object.assign({}, ACCEPTED, extra),
      '',
    );
    if (scenarios.run(ctx, message.event, 'message', api)) return;
    accept();
  }

  return {
    send,
    received: () => received.slice(),
    reset: () => {
      received = [];
    },
  };
}

module.exports = { bpmEvents, readEventMessage };
