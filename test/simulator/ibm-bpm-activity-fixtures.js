'use strict';

// IBM BPM's ad-hoc activities as GET /process/{id}/adHocActivities lists them: the lists of the
// built-in instances and the generated list of the `many-<n>` instance key.

const { uuidFor } = require('./fixture-ids');

// The two activities of the vendor's JSON example (IBM BPM 8.5.5), field order kept.
const SEED_ACTIVITIES = [
  {
    id: '2118.7cd26750-613a-4c0e-9f8b-7826e5b53233',
    name: 'AdHocActivity 1',
    executionState: 'WORKING',
    activityType: 'USER_TASK',
    executionType: 'AUTOMATIC',
    optionType: 'REQUIRED',
    required: true,
    repeatable: false,
    startTime: '2014-02-03T15:37:47Z',
    endTime: null,
    hidden: false,
  },
  {
    id: '2118.1ce314cf-2b5d-4291-a073-fb87f7d8ddf0',
    name: 'AdHocActivity 2',
    executionState: 'READY',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: false,
    startTime: null,
    endTime: null,
    hidden: false,
  },
];

const ONE_ACTIVITY = [
  {
    id: '2118.5b0c1f4e-8d2a-4c6b-9e3f-2a7d41c0b915',
    name: 'Request approval',
    executionState: 'READY',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: true,
    startTime: null,
    endTime: null,
    hidden: false,
  },
];

// Three activities covering every field of ActivityDetails, nulls, awkward
// names (numeric-looking, XML special characters, non-ASCII) and a finished one.
const MIXED_ACTIVITIES = [
  {
    // ONE_ACTIVITY's fields (in its order) with another id and name, then the optional ones.
    ...ONE_ACTIVITY[0],
    id: '2118.1234',
    name: '007',
    enablingDocumentID: null,
    dueDate: '2025-07-01T09:00:00Z',
    taskId: '000456',
    taskOwnerUserId: null,
    taskOwnerGroupId: 'HR_Sachbearbeiter',
    narrative: null,
  },
  {
    id: '2118.9f1d7a52-3c44-4e0b-8a61-5d2e9b7c0a13',
    name: 'Tom & Jerry <draft> "quoted" \'x\' ü€',
    executionState: 'WORKING',
    activityType: 'CALLED_PROCESS',
    executionType: 'AUTOMATIC',
    optionType: 'REQUIRED',
    required: true,
    repeatable: false,
    startTime: '2025-06-02T08:15:30Z',
    endTime: null,
    hidden: false,
    enablingDocumentID: '2072.4c8e0d19-6b7a-4f25-b3d0-81e6a9f2c547',
    dueDate: null,
    taskId: null,
    taskOwnerUserId: 'jdoe',
    taskOwnerGroupId: null,
    narrative: 'First line\nSecond line with <b>markup</b> & an ampersand',
  },
  {
    id: '2118.0e6b2d84-71fa-4a39-b5c2-c93f18d46e70',
    name: 'Archive documents',
    executionState: 'COMPLETED',
    activityType: 'SUB_PROCESS',
    executionType: 'NONE',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: false,
    startTime: '2025-06-01T10:00:00Z',
    endTime: '2025-06-01T10:42:17Z',
    hidden: true,
    enablingDocumentID: null,
    dueDate: '2025-06-03T17:00:00Z',
    taskId: '123',
    taskOwnerUserId: 'asmith',
    taskOwnerGroupId: null,
    narrative: '',
  },
];

// The journey "list, keep READY, start": three startable activities (a user task, a
// repeatable user task, a called process without a task) and two that are not READY.
const STARTABLE_ACTIVITIES = [
  {
    id: '2118.4d1c8f3a-2b6e-4f71-9a05-c3e8b2d7f614',
    name: 'Request a second opinion',
    executionState: 'READY',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: false,
    startTime: null,
    endTime: null,
    hidden: false,
  },
  {
    id: '2118.8a27e5d0-93bf-4c1e-b6d4-0f5a1c9e3b82',
    name: 'Add a note to the file',
    executionState: 'READY',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: true,
    startTime: null,
    endTime: null,
    hidden: false,
  },
  {
    id: '2118.e5b09c71-6d4a-4a8f-8e23-7b1f0d6c2a95',
    name: 'Order a credit report',
    executionState: 'READY',
    activityType: 'CALLED_PROCESS',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: false,
    startTime: null,
    endTime: null,
    hidden: false,
  },
  {
    id: '2118.2f9d6b14-c8a3-4e57-b0f1-5e6a3d8c7b20',
    name: 'Escalate to the manager',
    executionState: 'DISABLED',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: false,
    startTime: null,
    endTime: null,
    hidden: false,
  },
  {
    id: '2118.b73e1a58-0f4c-4d92-a6b8-91c2e4f5d036',
    name: 'Check identity',
    executionState: 'COMPLETED',
    activityType: 'USER_TASK',
    executionType: 'AUTOMATIC',
    optionType: 'REQUIRED',
    required: true,
    repeatable: false,
    startTime: '2025-06-02T08:00:00Z',
    endTime: '2025-06-02T08:20:41Z',
    hidden: false,
  },
];

// Process instance id -> activity list served out of the box.
function builtinInstances() {
  return {
    100: [],
    101: ONE_ACTIVITY,
    102: SEED_ACTIVITIES,
    103: MIXED_ACTIVITIES,
    104: STARTABLE_ACTIVITIES,
    23972: SEED_ACTIVITIES,
  };
}

const STATES = ['READY', 'WORKING', 'WAITING', 'DISABLED'];

// Activity list for the `many-<n>` instance key.
function generateActivities(n) {
  const list = new Array(n);
  for (let i = 0; i < n; i++) {
    list[i] = {
      id: '2118.' + uuidFor(i),
      name: 'Activity ' + (i + 1),
      executionState: STATES[i % STATES.length],
      activityType: 'USER_TASK',
      executionType: i % 2 ? 'MANUAL' : 'AUTOMATIC',
      optionType: i % 3 ? 'OPTIONAL' : 'REQUIRED',
      required: i % 3 === 0,
      repeatable: i % 5 === 0,
      startTime: i % 2 ? null : '2025-01-01T00:00:00Z',
      endTime: null,
      hidden: false,
    };
  }
  return list;
}

// An activity made up from its id, for ids that no built-in instance lists.
function madeUpActivity(id, activityType = 'USER_TASK') {
  return {
    id,
    name: `Ad-hoc activity ${id}`,
    executionState: 'READY',
    activityType,
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: true,
    startTime: null,
    endTime: null,
    hidden: false,
  };
}

module.exports = {
  madeUpActivity,
  SEED_ACTIVITIES,
  ONE_ACTIVITY,
  MIXED_ACTIVITIES,
  STARTABLE_ACTIVITIES,
  builtinInstances,
  generateActivities,
};
