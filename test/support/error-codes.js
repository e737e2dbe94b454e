'use strict';
// The error codes each node can give (README, "Errors"): what its help lists, in both languages,
// no more and no fewer (test/unit/help.test.js). Every node type of package.json has a row; a
// config node sends no messages and lists none.
//
// Every flow node can give the codes of COMMON: bad input or no usable server configuration,
// the answers every server may send, and the failures of the connection. Beyond them:
// - NOT_ACCEPTABLE (406) only where the node asks for a representation the server may not offer:
//   the ad-hoc activity list, whose format (JSON or XML) the user chooses. The other IBM BPM nodes
//   ask for JSON, which every WLE resource serves; the inubit nodes ask for the XML the task
//   resources serve, and the ad-hoc start accepts any answer (`*/*`).
// - CONFLICT (409) where the state of the object can forbid the change: the IBM BPM starts and the
//   completion. A read is not forbidden by a state; inubit answers a task held by another user
//   with 423 and one that is gone with 404, and documents no 409.
// - LOCKED (423) where an inubit task that another user holds is read or submitted.
const COMMON = [
  'INVALID_INPUT', 'BAD_REQUEST', 'UNAUTHORIZED', 'NOT_FOUND', 'SERVER_ERROR', 'SERVICE_UNAVAILABLE',
  'HTTP_ERROR', 'TIMEOUT', 'CONNECTION_FAILED', 'INVALID_RESPONSE',
];

const ERROR_CODES = {
  'inubit-server': [],
  'ibm-bpm-server': [],
  'inubit-list-adhoc-starters': [...COMMON],
  'inubit-start-adhoc-process': [...COMMON],
  'inubit-list-tasks': [...COMMON],
  'inubit-get-task': [...COMMON, 'LOCKED'],
  'inubit-submit-task': [...COMMON, 'LOCKED'],
  'ibm-bpm-list-adhoc-activities': [...COMMON, 'NOT_ACCEPTABLE'],
  'ibm-bpm-start-adhoc-activity': [...COMMON, 'CONFLICT'],
  'ibm-bpm-start-process': [...COMMON, 'CONFLICT'],
  'ibm-bpm-list-tasks': [...COMMON],
  'ibm-bpm-get-task': [...COMMON],
  'ibm-bpm-complete-task': [...COMMON, 'CONFLICT'],
};

module.exports = { ERROR_CODES };
