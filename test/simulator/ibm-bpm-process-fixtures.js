'use strict';

// The business process definitions (BPDs) the simulated IBM BPM server knows, the variables
// they declare, and two built-in instances: one with a closed and an open task, one finished.

const PROCESS_APP = {
  processAppID: '2066.7b7f6a3c-4f0e-4bb1-9d2e-1a5c3e2f9b10',
  processAppName: 'Hiring Sample',
  processAppAcronym: 'HSS',
  snapshotID: '2064.5d1e9c7a-8b2f-4c3d-a1e0-6f7b8c9d0e21',
  snapshotName: 'v1.2',
  branchID: '2063.3a9b7c5d-1e2f-4a6b-8c0d-9e1f2a3b4c55',
  branchName: 'Main',
};
// A snapshot of the same app that was archived: its BPDs cannot be started.
const ARCHIVED_SNAPSHOT_ID = '2064.0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

// Variable types: String, Boolean, Integer, Decimal, a business object type (declared in
// BUSINESS_OBJECTS) or a list of one of these ("String[]").
const BUSINESS_OBJECTS = {
  Requisition: { reqNum: 'String', department: 'String', headcount: 'Integer', salary: 'Decimal', remote: 'Boolean' },
};

const HIRING_BPD = {
  bpdId: '25.12df9c48-8e6b-4f5c-9d1a-2b3c4d5e6f70',
  name: 'Standard HR Open New Position',
  exposed: true,
  variables: {
    requisition: 'Requisition',
    comments: 'String',
    approved: 'Boolean',
    skills: 'String[]',
  },
  defaults: {
    requisition: { reqNum: '', department: 'HR', headcount: 1, salary: 0, remote: false },
    comments: '',
    approved: false,
    skills: [],
  },
  // The user tasks, in order: finishing one creates the next; after the last the instance completes.
  steps: [
    { name: 'Submit position request', teamName: 'Hiring Managers', teamID: '24.9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d' },
    { name: 'Approve or reject requisition', teamName: 'General Managers', teamID: '24.1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e' },
  ],
};

// Runs straight through to its end: no user task.
const LOG_BPD = {
  bpdId: '25.7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3921',
  name: 'Log Hiring Event',
  exposed: true,
  variables: { message: 'String', level: 'Integer' },
  defaults: { message: '', level: 1 },
  steps: [],
};

// Known, but not exposed to start by anyone.
const INTERNAL_BPD = {
  bpdId: '25.4c3b2a19-0817-4f6e-8d5c-4b3a29180f7e',
  name: 'Internal Requisition Cleanup',
  exposed: false,
  variables: {},
  defaults: {},
  steps: [],
};

// Exposed to start only to a team the simulator's user is not in: a start is refused (401).
const RESTRICTED_BPD = {
  bpdId: '25.9d8c7b6a-5f4e-4d3c-b2a1-0f9e8d7c6b5a',
  name: 'Executive Hiring',
  exposed: false,
  exposedTo: 'Executive Recruiters',
  variables: {},
  defaults: {},
  steps: [],
};

// One step of work for a queue: started only through the simulator's API (sim.queueBpmTasks),
// so it is not exposed and not in BPDS.
const REVIEW_BPD = {
  bpdId: '25.3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c0b',
  name: 'Review Expense Claim',
  exposed: false,
  variables: { approved: 'Boolean', comments: 'String' },
  defaults: { approved: false, comments: '' },
  steps: [{ name: 'Review expense claim', teamName: 'Claims Reviewers', teamID: '24.6f5e4d3c-2b1a-4098-8776-5e4d3c2b1a09' }],
};

const BPDS = [HIRING_BPD, LOG_BPD, INTERNAL_BPD, RESTRICTED_BPD];

function exposedItem(bpd) {
  const app = PROCESS_APP;
  return {
    branchID: app.branchID,
    branchName: app.branchName,
    display: bpd.name,
    ID: `${app.snapshotID}/${bpd.bpdId}`,
    isDefault: true,
    itemID: bpd.bpdId,
    itemReference: `/${bpd.bpdId}`,
    processAppAcronym: app.processAppAcronym,
    processAppID: app.processAppID,
    processAppName: app.processAppName,
    snapshotCreatedOn: '2026-03-02T09:15:00Z',
    snapshotID: app.snapshotID,
    snapshotName: app.snapshotName,
    startURL: `/rest/bpm/wle/v1/process?action=start&bpdId=${bpd.bpdId}&processAppId=${app.processAppID}`,
    tip: bpd.name,
    type: 'process',
  };
}

const EXPOSED_PROCESSES = BPDS.filter((b) => b.exposed).map(exposedItem);

// The built-in instance: the hiring process with its first task finished and its second open.
const BUILTIN_PIID = '42890';
const BUILTIN_TASK_IDS = ['189811', '189812'];
// A finished instance of the hiring process: both its tasks closed, none open.
const FINISHED_PIID = '42889';
const FINISHED_TASK_IDS = ['189801', '189802'];

module.exports = {
  PROCESS_APP,
  ARCHIVED_SNAPSHOT_ID,
  BUSINESS_OBJECTS,
  HIRING_BPD,
  LOG_BPD,
  INTERNAL_BPD,
  RESTRICTED_BPD,
  REVIEW_BPD,
  BPDS,
  EXPOSED_PROCESSES,
  BUILTIN_PIID,
  BUILTIN_TASK_IDS,
  FINISHED_PIID,
  FINISHED_TASK_IDS,
};
