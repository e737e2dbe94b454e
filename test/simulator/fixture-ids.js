'use strict';

// The ids of the generated fixtures: activities, starters, inubit tasks.

const crypto = require('crypto');

// Deterministic UUID-shaped text per index, so repeated runs give the same ids.
function uuidFor(index, prefix = 'adhoc-activity-') {
  const h = crypto
    .createHash('md5')
    .update(prefix + index)
    .digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The shape of a task id inubit makes (and of the ids above). */
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

module.exports = { uuidFor, UUID_RE };
