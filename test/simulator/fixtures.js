'use strict';

// Canned data for the BPM simulator (test/simulator/), in one module for the tests: they compare
// what a client parsed against the exact objects the simulator served. Each piece lives in the
// module of its concern, where the simulator takes it from.

const {
  SEED_ACTIVITIES,
  ONE_ACTIVITY,
  MIXED_ACTIVITIES,
  STARTABLE_ACTIVITIES,
  builtinInstances,
  generateActivities,
} = require('./ibm-bpm-activity-fixtures');
const { TEXT_FIELDS_DETAILS, activityDetails } = require('./ibm-bpm-activity-detail-fixtures');
const { INUBIT_STARTERS, generateStarters } = require('./inubit-starter-fixtures');
const { SYSTEM_INFO, STACK_TRACE } = require('./ibm-bpm-system-fixtures');
const { LOGIN_PAGE, FORM_LOGIN_PAGE } = require('./login-pages');
const { uuidFor } = require('./fixture-ids');

module.exports = {
  SEED_ACTIVITIES,
  ONE_ACTIVITY,
  MIXED_ACTIVITIES,
  STARTABLE_ACTIVITIES,
  TEXT_FIELDS_DETAILS,
  INUBIT_STARTERS,
  SYSTEM_INFO,
  STACK_TRACE,
  LOGIN_PAGE,
  FORM_LOGIN_PAGE,
  builtinInstances,
  activityDetails,
  uuidFor,
  generateActivities,
  generateStarters,
};
