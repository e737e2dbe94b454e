'use strict';
// What the editor test's steps share: the browser, the node types they add and open, the types a
// TypedInput offers, the error codes the helps name, and the fields of the config dialogs.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { NODE_KINDS } = require('../node-kinds');
const {
  startFlow,
  listFlow,
  startActivityFlow,
  startersFlow,
  listTasksFlow,
  getTaskFlow,
  submitTaskFlow,
  startProcessFlow,
  bpmListTasksFlow,
  bpmGetTaskFlow,
  completeTaskFlow,
} = require('../flows');

const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.join(__dirname, '..', '..', '..');
// The README's screenshots are renewed only when asked (UPDATE_SCREENSHOTS=1); otherwise they go to a temp folder.
const IMAGES = process.env.UPDATE_SCREENSHOTS
  ? path.join(ROOT, 'docs', 'images')
  : fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-shots-'));
const VIEWPORT = { width: 1280, height: 800 };
const START = startFlow.type;
const LIST = listFlow.type;
const START_ACTIVITY = startActivityFlow.type;
const STARTERS = startersFlow.type;
const LIST_TASKS = listTasksFlow.type;
const GET_TASK = getTaskFlow.type;
const SUBMIT_TASK = submitTaskFlow.type;
const START_PROCESS = startProcessFlow.type;
const BPM_LIST_TASKS = bpmListTasksFlow.type;
const BPM_GET_TASK = bpmGetTaskFlow.type;
const COMPLETE_TASK = completeTaskFlow.type;
const VARIABLE_TYPES = ['json', 'msg', 'flow', 'global', 'jsonata', 'env'];
const VALUE_TYPES = ['str', 'msg', 'flow', 'global', 'env', 'jsonata'];
const LANG_TYPES = ['str', 'msg', 'flow', 'global', 'env'];
const ID_TYPES = ['msg', 'str', 'num', 'flow', 'global', 'env', 'jsonata'];
// The error codes the nodes can give, which their helps list.
const ALL_CODES = [...new Set(NODE_KINDS.flatMap((kind) => kind.codes))];
/** The error codes a help's text names, each once, sorted. */
const codesNamed = (text) => ALL_CODES.filter((code) => new RegExp(`\\b${code}\\b`).test(text)).sort();
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP = 15000;
const CREDENTIAL_FIELDS = ['username', 'password', 'token'];
// Per config node type: each kind of authentication it offers, its label and the credential fields it uses.
const AUTH_KINDS = {
  'inubit-server': [
    ['basic', 'Basic (user name and password)', ['username', 'password']],
    ['bearer', 'Bearer token', ['token']],
    ['portalToken', 'Portal token (X-AUTH-TOKEN)', ['token']],
    ['none', 'None', []],
  ],
  'ibm-bpm-server': [
    ['basic', 'Basic (user name and password)', ['username', 'password']],
    ['bearer', 'Bearer token', ['token']],
    ['zenApiKey', 'ZenApiKey (Cloud Pak API key)', ['username', 'token']],
    ['none', 'None', []],
  ],
};
// The fields of one server only, with the choices of those that are selects.
const OWN_FIELDS = {
  'inubit-server': {
    tenant: null,
    userType: [
      ['', 'Server default'],
      ['processEngineUser', 'inubit users (processEngineUser)'],
      ['processUser', 'Portal users (processUser)'],
    ],
  },
  'ibm-bpm-server': {
    csrf: [
      ['auto', 'When the server asks for one'],
      ['always', 'Always'],
      ['off', 'Off'],
    ],
  },
};
const FINAL_STEP = 'logs no errors in the browser console';

// Attribute selectors, because node ids may contain characters that are special in CSS.
const byId = (id) => `[id="${id}"]`;

module.exports = {
  CHROMIUM,
  ROOT,
  IMAGES,
  VIEWPORT,
  START,
  LIST,
  START_ACTIVITY,
  STARTERS,
  LIST_TASKS,
  GET_TASK,
  SUBMIT_TASK,
  START_PROCESS,
  BPM_LIST_TASKS,
  BPM_GET_TASK,
  COMPLETE_TASK,
  VARIABLE_TYPES,
  VALUE_TYPES,
  LANG_TYPES,
  ID_TYPES,
  ALL_CODES,
  codesNamed,
  CHROMIUM_ARGS,
  STEP,
  CREDENTIAL_FIELDS,
  AUTH_KINDS,
  OWN_FIELDS,
  FINAL_STEP,
  byId,
};
