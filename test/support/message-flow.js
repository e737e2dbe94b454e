'use strict';
// Follows the messages of the running flows through Node-RED's own message hooks, so that a test
// can wait until the flows have come to rest instead of sleeping before it checks that nothing
// more happened.
const { helper } = require('./runtime');
const { until } = require('./waits');

const OUR_TYPES = new Set(Object.keys(require('../../package.json')['node-red'].nodes));
let followers = 0;

function countUp(counts, key) {
  counts.set(key, (counts.get(key) || 0) + 1);
}

function countDown(counts, key) {
  const left = (counts.get(key) || 0) - 1;
  if (left > 0) counts.set(key, left);
  else counts.delete(key);
}

/**
 * From now on, follows every message: `sent(id)` the messages node `id` sent, `finished(id)` how
 * many node `id` of this package finished (done, with or without an error); `idle()` holds when no
 * message is on its way between nodes and every message that reached a node of this package has
 * finished there; `atRest(what)` waits for that. Core nodes that hold messages back on purpose (a
 * Join waiting for its parts) are at rest. `stop()` removes the hooks.
 */
function followMessages() {
  const hooks = helper._RED.hooks;
  const label = `followMessages${++followers}`;
  const onTheirWay = new Map();
  const working = new Map();
  const sent = new Map();
  const finished = new Map();
  const ours = (node) => Boolean(node) && OUR_TYPES.has(node.type);
  // A hook that returns false would stop the message: these return nothing.
  hooks.add(`onSend.${label}`, (events) => {
    for (const event of events) {
      if (!sent.has(event.source.id)) sent.set(event.source.id, []);
      sent.get(event.source.id).push(event.msg);
    }
  });
  hooks.add(`preDeliver.${label}`, (event) => {
    countUp(onTheirWay, event.msg);
  });
  hooks.add(`onReceive.${label}`, (event) => {
    countDown(onTheirWay, event.msg);
    if (ours(event.destination.node)) countUp(working, event.msg);
  });
  hooks.add(`onComplete.${label}`, (event) => {
    if (!ours(event.node.node)) return;
    countDown(working, event.msg);
    countUp(finished, event.node.id);
  });
  const idle = () => onTheirWay.size === 0 && working.size === 0;
  return {
    idle,
    atRest: (what = 'the flows to come to rest') => until(idle, what),
    sent: (id) => sent.get(id) || [],
    finished: (id) => finished.get(id) || 0,
    stop: () => hooks.remove(`*.${label}`),
  };
}

module.exports = { followMessages };
