'use strict';
// The tasks group: 10,000 inubit tasks listed (inubit-list-tasks, XML) against http request → xml
// → change → split, and 2,000 task forms submitted (inubit-submit-task, an object of fields written
// as the form's XML) against a template node and http request, our raw client and a bare axios loop.
const {
  SERVERS,
  XML_ACCEPT,
  contentType,
  ours,
  counter,
  functionNode,
  httpRequest,
  change,
  template,
  xmlParse,
  split,
} = require('../nodes');

const IDS = {
  list: 'bench-tasks',
  listCore: 'bench-tasks-core',
  countList: 'bench-count-tasks',
  countListCore: 'bench-count-tasks-core',
  submit: 'bench-submit',
  submitCore: 'bench-submit-core',
  submitFields: 'bench-submit-fields',
  submitCoreFields: 'bench-submit-core-fields',
  countSubmit: 'bench-count-submit',
  countSubmitCore: 'bench-count-submit-core',
};

/** The form fields the submit flows send, in the order the core flow's template writes them. */
const SUBMIT_FIELDS = ['kommentar', 'tage', 'dringend'];
/** The Function node in front of both submit flows: it builds msg.fields from msg.seq as a user's flow would, in its own context. */
const BUILD_FIELDS =
  'msg.fields = { kommentar: "Checked by the benchmark & approved <" + msg.seq + ">", tage: (msg.seq % 30) + 1, dringend: msg.seq % 2 === 0 };\nreturn msg;';
const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** The simulator's scenario key of the generated task list both list flows read. */
const listOf = (options) => `many-${options.tasks}`;

module.exports = {
  names: ['tasks'],
  types: ['inubit-list-tasks', 'inubit-submit-task'],

  flows({ sim, options }) {
    const taskList = listOf(options);
    return [
      ours(
        IDS.list,
        'inubit-list-tasks',
        {
          server: SERVERS.inubit,
          lang: '',
          langType: 'str',
          query: JSON.stringify({ scenario: taskList }),
          queryType: 'json',
          emit: 'all',
        },
        160,
        540,
        [[IDS.countList]],
      ),
      counter(IDS.countList, 400, 540),
      httpRequest(IDS.listCore, {
        name: 'GET tasks',
        method: 'GET',
        ret: 'txt',
        url: `${sim.inubitUrl}/task/tasks?scenario=${encodeURIComponent(taskList)}`,
        headers: [XML_ACCEPT],
        x: 140,
        y: 600,
        wires: [['bench-tasks-core-parse']],
      }),
      xmlParse('bench-tasks-core-parse', 280, 600, [['bench-tasks-core-change']]),
      change('bench-tasks-core-change', 'payload.Tasklist.Task', 400, 600, [['bench-tasks-core-split']], 'tasks'),
      split('bench-tasks-core-split', 520, 600, [[IDS.countListCore]]),
      counter(IDS.countListCore, 660, 600),

      // The submit, its fields built in a Function node: ours with msg.fields (an object) and its
      // default submitter, and http request POST behind a template node that writes the same XML body.
      functionNode(IDS.submitFields, 'build the fields', BUILD_FIELDS, 60, 660, [[IDS.submit]]),
      ours(
        IDS.submit,
        'inubit-submit-task',
        {
          server: SERVERS.inubit,
          taskId: 'taskId',
          taskIdType: 'msg',
          fields: 'fields',
          fieldsType: 'msg',
          submitter: 'value',
          submitterType: 'str',
          lang: '',
          langType: 'str',
        },
        160,
        660,
        [[IDS.countSubmit]],
      ),
      counter(IDS.countSubmit, 400, 660),
      functionNode(IDS.submitCoreFields, 'build the fields', BUILD_FIELDS, 40, 720, [[IDS.submitCore]]),
      template(
        IDS.submitCore,
        'form XML',
        'payload',
        '<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="value"><Panel>' +
          SUBMIT_FIELDS.map((name) => `<${name}>{{fields.${name}}}</${name}>`).join('') +
          '</Panel></Response></Form>',
        140,
        720,
        [['bench-submit-core-post']],
      ),
      httpRequest('bench-submit-core-post', {
        name: 'POST submit',
        method: 'POST',
        ret: 'txt',
        url: `${sim.inubitUrl}/task/submit/{{{taskId}}}`,
        headers: [contentType('application/xml; charset=utf-8')],
        x: 300,
        y: 720,
        wires: [[IDS.countSubmitCore]],
      }),
      counter(IDS.countSubmitCore, 480, 720),
    ];
  },

  scenarios({ sim, options, run }) {
    // The list: the simulator's generated list of that many tasks.
    const taskList = listOf(options);
    const isTask = (msg) =>
      (typeof msg.payload?.id === 'string' || typeof msg.payload?.$?.id === 'string') && msg.parts?.count === options.tasks;
    // The submits: forms of tasks whose ids are scenario keys (`many-N` in the id position: a task that
    // is always there, its form taken with 204), each with an object of three fields, the text one with
    // characters to escape: the flows build it in a Function node from msg.seq, the loops here.
    const fieldsOf = (seq) => ({
      kommentar: `Checked by the benchmark & approved <${seq}>`,
      tage: (seq % 30) + 1,
      dringend: seq % 2 === 0,
    });
    const submitMessages = () =>
      Array.from({ length: options.submits }, (_, seq) => ({ taskId: `many-${seq + 1}`, fields: fieldsOf(seq) }));
    const submitFlowMessages = () => Array.from({ length: options.submits }, (_, seq) => ({ taskId: `many-${seq + 1}`, seq }));
    const isSubmitted = (msg) => msg.statusCode === 204;
    // The form's XML written by hand, as a client without our node must.
    const submitHeaders = { ...run.headers, 'Content-Type': 'application/xml; charset=utf-8' };
    delete submitHeaders['Content-Length'];
    const xmlText = (value) => String(value).replace(/[&<>"]/g, (c) => XML_ENTITIES[c]);
    const submitBody = (fields) =>
      '<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="value"><Panel>' +
      SUBMIT_FIELDS.map((name) => `<${name}>${xmlText(fields[name])}</${name}>`).join('') +
      '</Panel></Response></Form>';
    const tasks = `list ${options.tasks.toLocaleString('en-US')} inubit tasks`;
    const submit = `submit ${options.submits.toLocaleString('en-US')} tasks`;
    return [
      {
        name: tasks,
        messages: options.tasks,
        variants: [
          {
            key: 'tasks-list-ours',
            label: `${tasks}: ours`,
            core: 'tasks-list-core',
            raw: 'tasks-list-raw',
            target: 3,
            memory: true,
            run: run.flow(IDS.list, IDS.countList, options.tasks, isTask, run.once),
          },
          {
            key: 'tasks-list-core',
            label: `${tasks}: core http request → xml → change → split`,
            memory: true,
            run: run.flow(IDS.listCore, IDS.countListCore, options.tasks, isTask, run.once),
          },
          {
            key: 'tasks-list-raw',
            label: `${tasks}: raw client, no Node-RED`,
            run: run.rawList(async () => (await run.inubitClient.listTasks({ scenario: taskList })).tasks, options.tasks, 'tasks'),
          },
        ],
      },
      {
        name: submit,
        messages: options.submits,
        variants: [
          {
            key: 'tasks-submit-ours',
            label: `${submit}: function → ours (maxConcurrent 8)`,
            core: 'tasks-submit-core',
            raw: 'tasks-submit-raw',
            axios: 'tasks-submit-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: run.flow(IDS.submitFields, IDS.countSubmit, options.submits, isSubmitted, submitFlowMessages),
          },
          {
            key: 'tasks-submit-core',
            label: `${submit}: core function → template → http request (keep-alive)`,
            run: run.flow(IDS.submitCoreFields, IDS.countSubmitCore, options.submits, isSubmitted, submitFlowMessages),
          },
          {
            key: 'tasks-submit-raw',
            label: `${submit}: raw client loop (maxConcurrent 8)`,
            axios: 'tasks-submit-axios',
            run: run.rawCalls(
              submitMessages,
              (msg) => run.inubitClient.submitTask(msg.taskId, msg.fields, 'value'),
              (result) => result.statusCode === 204,
              'no 204',
            ),
          },
          {
            key: 'tasks-submit-axios',
            label: `${submit}: bare axios, 8 at a time (limit)`,
            core: 'tasks-submit-core',
            run: run.axiosLoop(
              submitMessages,
              (msg) =>
                run.bareAxios.post(`${sim.inubitUrl}/task/submit/${encodeURIComponent(msg.taskId)}`, submitBody(msg.fields), {
                  headers: submitHeaders,
                }),
              (response) => response?.status === 204,
              'no 204',
            ),
          },
        ],
      },
    ];
  },

  note: () =>
    "Tasks: each list flow reads the simulator's generated <Tasklist> (XML); the core one with the xml node (xml2js). Each submit " +
    "sends an object of three fields as the form's XML: both flows build msg.fields in a Function node, as users do; ours and the raw client send " +
    'the object, the core flow writes it through a mustache template node, ' +
    'the bare axios loop with a body written by string concatenation.',
};
