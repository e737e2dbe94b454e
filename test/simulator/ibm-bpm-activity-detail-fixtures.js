'use strict';

// IBM BPM's ActivityDetails, what PUT /activity/{id} answers: the fields it adds to an activity
// of the list, and the details of the `text-fields` activity key.

// Fields that ActivityDetails (PUT /activity/{id}) adds to an Activity of the list, BAW's included.
function detailDefaults() {
  return {
    enablingDocumentID: null,
    dueDate: null,
    taskId: null,
    taskOwnerUserId: null,
    taskOwnerGroupId: null,
    narrative: null,
    preconditionType: 'NONE',
    preconditionTriggers: { triggers: [] },
    preconditionExpressions: { expressions: [] },
    preconditionIsMatchAll: true,
  };
}

// A fresh ActivityDetails object: the activity's own fields in their order, the missing
// detail fields with their defaults, then `changes`.
function activityDetails(activity, changes = {}) {
  const details = Object.assign({}, activity);
  for (const [k, v] of Object.entries(detailDefaults())) {
    if (!(k in details)) details[k] = v;
  }
  return Object.assign(details, changes);
}

// Details for the `text-fields` activity key: numeric-looking text, entity-like text, nesting.
const TEXT_FIELDS_DETAILS = {
  id: '2118.0042',
  name: '007',
  executionState: 'WORKING',
  activityType: 'USER_TASK',
  executionType: 'MANUAL',
  optionType: 'OPTIONAL',
  required: false,
  repeatable: true,
  startTime: '2025-07-01T08:00:00Z',
  endTime: null,
  hidden: false,
  enablingDocumentID: '0815',
  dueDate: null,
  taskId: '000123',
  taskOwnerUserId: '0042',
  taskOwnerGroupId: null,
  narrative: 'a &amp; b <i>',
  preconditionType: 'SPECIFIC_VARIABLES',
  preconditionTriggers: { triggers: ['0042', 'true', '1e3'] },
  preconditionExpressions: { expressions: ['tw.local.count > 007', 'null'] },
  preconditionIsMatchAll: false,
};

module.exports = { TEXT_FIELDS_DETAILS, activityDetails };
