'use strict';
// The core nodes the tarball test's flows are built of, and the Function node code that answers a
// request with the message that arrived.

// A Function node's code: the message without req and res, as `message`.
const WITHOUT_REQ_RES =
  'const message = {};\nfor (const key of Object.keys(msg)) {\n' + '  if (key !== "req" && key !== "res") message[key] = msg[key];\n}\n';
// ... answered to the http in node's request as { message }.
const REPLY_WITH_MESSAGE = WITHOUT_REQ_RES + 'return [{ req: msg.req, res: msg.res, statusCode: 200, payload: { message } }];';

/** The core nodes the test flows are built of, on tab `tab`: http in (POST unless `method`), join (automatic), function. */
function coreNodes(tab) {
  const at = { z: tab, x: 100, y: 100 };
  return {
    httpIn: (id, url, next, method = 'post') => ({
      id,
      type: 'http in',
      ...at,
      name: id,
      url,
      method,
      upload: false,
      swaggerDoc: '',
      wires: [[next].flat()],
    }),
    join: (id, next) => ({
      id,
      type: 'join',
      ...at,
      name: id,
      mode: 'auto',
      build: 'object',
      property: 'payload',
      propertyType: 'msg',
      key: 'topic',
      joiner: '\\n',
      joinerType: 'str',
      useparts: false,
      accumulate: false,
      timeout: '',
      count: '',
      reduceRight: false,
      reduceExp: '',
      reduceInit: '',
      reduceInitType: '',
      reduceFixup: '',
      wires: [[next]],
    }),
    fn: (id, func, wires, extra = {}) => ({
      id,
      type: 'function',
      ...at,
      name: id,
      func,
      outputs: wires.length,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
      wires,
      ...extra,
    }),
  };
}

module.exports = { WITHOUT_REQ_RES, REPLY_WITH_MESSAGE, coreNodes };
