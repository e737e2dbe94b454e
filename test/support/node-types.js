'use strict';
// The package's node types, read from its one list of them: package.json's "node-red".nodes, in
// its order. A config node is one whose editor file (nodes/<type>.html) registers it in the config
// category; every other type is a flow node, and has a row in the table of node kinds
// (test/support/node-kinds/).
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const NODE_TYPES = Object.keys(require(path.join(root, 'package.json'))['node-red'].nodes);

/** True when `type`'s editor file declares the config category; a type without one is no config node. */
function isConfigType(type) {
  const html = path.join(root, 'nodes', `${type}.html`);
  return fs.existsSync(html) && /category:\s*["']config["']/.test(fs.readFileSync(html, 'utf8'));
}

const CONFIG_TYPES = NODE_TYPES.filter(isConfigType);
const FLOW_TYPES = NODE_TYPES.filter((type) => !isConfigType(type));

module.exports = { NODE_TYPES, CONFIG_TYPES, FLOW_TYPES };
