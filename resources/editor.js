// Editor code shared by the dialogs of @bpm-flows/node-red-bpm: what its other files share.
// Each node's .html loads the files of resources/ it needs and registers its type with a literal
// definition (so that the Flow Library can read it) whose behaviour comes from window.BpmEditor:
// the server dialog and Test connection (server-dialog.js), the pickers (pickers.js), labels and
// validators (labels-and-validators.js), the rows of flow nodes (flow-node-rows.js).
// The editor runs these files in the order they arrive, each once per .html that loads it: each
// file adds its part to window.BpmEditor once and uses the others' parts only when called.
(function () {
  'use strict';
  const BpmEditor = (window.BpmEditor = window.BpmEditor || {});
  if (BpmEditor.translate) {
    return;
  }

  // Outcomes of Test connection and of the pickers' requests, as the runtime reports them.
  const RESULTS = ['reachable', 'unauthorized', 'login', 'unreachable', 'maintenance', 'error'];

  function translate(node, ns, key, values) {
    const fullKey = ns + '.' + key;
    return node && typeof node._ === 'function' ? node._(fullKey, values) : fullKey;
  }

  function isMissing(value) {
    return value === undefined || value === null || value === '';
  }

  function resultName(result) {
    return RESULTS.indexOf(result) >= 0 ? result : 'error';
  }

  Object.assign(BpmEditor, {
    translate: translate,
    isMissing: isMissing,
    resultName: resultName,
  });
})();
