'use strict';
// The flows under test, side by side on one tab: ours, and the core-node flow a user would
// wire instead. Every flow ends in its own bench-counter node.
const { HIRING_BPD, PROCESS_APP } = require('../../test/simulator/ibm-bpm-process-fixtures');

const TAB = 'bench-tab';

/** Node ids the benchmark injects into and counts at. */
const IDS = {
  listJson: 'bench-list-json',
  listXml: 'bench-list-xml',
  listCore: 'bench-list-core',
  listCoreXml: 'bench-list-core-xml',
  start: 'bench-start',
  startCore: 'bench-start-core',
  activity: 'bench-activity',
  activityCore: 'bench-activity-core',
  tasks: 'bench-tasks',
  tasksCore: 'bench-tasks-core',
  submit: 'bench-submit',
  submitCore: 'bench-submit-core',
  submitFields: 'bench-submit-fields',
  submitCoreFields: 'bench-submit-core-fields',
  process: 'bench-process',
  processCore: 'bench-process-core',
  complete: 'bench-complete',
  completeCore: 'bench-complete-core',
  countListJson: 'bench-count-list-json',
  countListXml: 'bench-count-list-xml',
  countListCore: 'bench-count-list-core',
  countListCoreXml: 'bench-count-list-core-xml',
  countStart: 'bench-count-start',
  countStartCore: 'bench-count-start-core',
  countActivity: 'bench-count-activity',
  countActivityCore: 'bench-count-activity-core',
  countTasks: 'bench-count-tasks',
  countTasksCore: 'bench-count-tasks-core',
  countSubmit: 'bench-count-submit',
  countSubmitCore: 'bench-count-submit-core',
  countProcess: 'bench-count-process',
  countProcessCore: 'bench-count-process-core',
  countComplete: 'bench-count-complete',
  countCompleteCore: 'bench-count-complete-core',
  message: 'bench-message',
  messageCore: 'bench-message-core',
  countMessage: 'bench-count-message',
  countMessageCore: 'bench-count-message-core',
};

/** Node ids of the queue group: the list of the user's task queue, ours and the core flow. */
const QUEUE_IDS = {
  list: 'bench-queue-list',
  listCore: 'bench-queue-list-core',
  countList: 'bench-count-queue-list',
  countListCore: 'bench-count-queue-list-core',
};

/** The IBM BPM process both process flows start: the simulator's hiring process, by its process app. */
const PROCESS = { bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID };

/** The event message both message flows send: to the simulator's process app, an event no UCA takes (the server only accepts it). */
const EVENT = { processApp: PROCESS_APP.processAppAcronym, event: 'PARCEL_DELIVERED' };
/** The parameters the message flows send from msg.parameters, in the order the core flow's template writes them. */
const EVENT_PARAMETERS = ['orderNumber', 'amount', 'delivered', 'note'];

/** The form fields the submit flows send, in the order the core flow's template writes them. */
const SUBMIT_FIELDS = ['kommentar', 'tage', 'dringend'];
/**
 * The Function node in front of both submit flows: it builds msg.fields from msg.seq as a user's
 * flow would, in the Function node's own context.
 */
const BUILD_FIELDS =
  'msg.fields = { kommentar: "Checked by the benchmark & approved <" + msg.seq + ">", tage: (msg.seq % 30) + 1, dringend: msg.seq % 2 === 0 };\nreturn msg;';

function buildFields(id, x, y, wires) {
  return {
    id,
    type: 'function',
    z: TAB,
    name: 'build the fields',
    func: BUILD_FIELDS,
    outputs: 1,
    noerr: 0,
    initialize: '',
    finalize: '',
    libs: [],
    x,
    y,
    wires,
  };
}
const XML_ACCEPT = { keyType: 'other', keyValue: 'Accept', valueType: 'other', valueValue: 'application/xml' };

function counter(id, x, y) {
  return { id, type: 'bench-counter', z: TAB, name: '', x, y, wires: [] };
}

/** A core http request node as the benchmark wires it (basic auth, keep-alive, no TLS or proxy); the second argument holds what differs from node to node. */
function httpRequest(id, { name, method, ret, url, headers = [], x, y, wires }) {
  return {
    id,
    type: 'http request',
    z: TAB,
    name,
    method,
    ret,
    paytoqs: 'ignore',
    url,
    tls: '',
    persist: true,
    proxy: '',
    insecureHTTPParser: false,
    authType: 'basic',
    senderr: false,
    headers,
    x,
    y,
    wires,
  };
}

/** A core change node that sets msg.url to a JSONata expression (the URL with its query encoded). */
function urlOf(id, name, expression, x, y, wires) {
  return { id, type: 'change', z: TAB, name, rules: [{ t: 'set', p: 'url', pt: 'msg', to: expression, tot: 'jsonata' }], x, y, wires };
}

/** A core change node that moves `from` (a msg property) into msg.payload. */
function change(id, from, x, y, wires, name = 'activities') {
  return { id, type: 'change', z: TAB, name, rules: [{ t: 'set', p: 'payload', pt: 'msg', to: from, tot: 'msg' }], x, y, wires };
}

/** A core xml node: text in msg.payload to an object (xml2js: every element becomes an array, attributes go under `$`). */
function xmlParse(id, x, y, wires) {
  return { id, type: 'xml', z: TAB, name: '', property: 'payload', attr: '', chr: '', x, y, wires };
}

/** A core split node that sends each item of an array in msg.payload on its own. */
function split(id, x, y, wires) {
  return {
    id,
    type: 'split',
    z: TAB,
    name: '',
    splt: '\\n',
    spltType: 'str',
    arraySplt: 1,
    arraySpltType: 'len',
    stream: false,
    addname: '',
    x,
    y,
    wires,
  };
}

/**
 * @param sim the simulator's urls and credentials
 * @param instanceId the process instance whose list both list flows read
 * @param options.activity false leaves out the start-activity flows (a build of this package
 *   from before the ibm-bpm-start-adhoc-activity node)
 * @param options.taskList the simulator's scenario key of the inubit task list both task list flows
 *   read; without it the task flows are left out (a build from before the inubit task nodes)
 * @param options.process, options.complete, options.message false leave out the IBM BPM
 *   start-process, complete-task and send-message flows (a build from before those nodes)
 * @param options.queue false leaves out the task queue flows (a build from before assign task)
 */
function benchFlows(
  sim,
  instanceId,
  {
    activity = true,
    taskList,
    process: processFlows = true,
    complete: completeFlows = true,
    message: messageFlows = true,
    queue: queueFlows = true,
  } = {},
) {
  const bpm = 'bench-bpm-server';
  const inubit = 'bench-inubit-server';
  const listUrl = `${sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`;
  const flows = [
    { id: TAB, type: 'tab', label: 'benchmark' },
    // Our config nodes with their defaults (maxConcurrent 8, retries 2, timeout 30 s).
    { id: bpm, type: 'ibm-bpm-server', name: 'simulator', url: sim.bpmUrl, timeout: '', tls: '', retries: '', maxConcurrent: '' },
    { id: inubit, type: 'inubit-server', name: 'simulator', url: sim.inubitUrl, timeout: '', tls: '', retries: '', maxConcurrent: '' },

    // 1. The list: ours in both formats, and http request → change → split.
    listNode(IDS.listJson, bpm, instanceId, 'json', IDS.countListJson, 100),
    counter(IDS.countListJson, 400, 100),
    listNode(IDS.listXml, bpm, instanceId, 'xml', IDS.countListXml, 160),
    counter(IDS.countListXml, 400, 160),
    httpRequest(IDS.listCore, {
      name: 'GET list',
      method: 'GET',
      ret: 'obj',
      url: listUrl,
      x: 140,
      y: 220,
      wires: [['bench-list-core-change']],
    }),
    change('bench-list-core-change', 'payload.data.activities', 300, 220, [['bench-list-core-split']]),
    split('bench-list-core-split', 440, 220, [[IDS.countListCore]]),
    counter(IDS.countListCore, 600, 220),
    // The same for XML, with the core xml node (xml2js: every element becomes an array).
    httpRequest(IDS.listCoreXml, {
      name: 'GET list (XML)',
      method: 'GET',
      ret: 'txt',
      url: listUrl,
      headers: [XML_ACCEPT],
      x: 140,
      y: 260,
      wires: [['bench-list-core-xml-parse']],
    }),
    xmlParse('bench-list-core-xml-parse', 280, 260, [['bench-list-core-xml-change']]),
    change('bench-list-core-xml-change', 'payload["bpm:ResponseData"].data[0].activities', 400, 260, [['bench-list-core-xml-split']]),
    split('bench-list-core-xml-split', 520, 260, [[IDS.countListCoreXml]]),
    counter(IDS.countListCoreXml, 660, 260),

    // 2. The start: ours, and http request with a mustache URL and keep-alive.
    {
      id: IDS.start,
      type: 'inubit-start-adhoc-process',
      z: TAB,
      name: '',
      server: inubit,
      user: 'user',
      userType: 'msg',
      starterId: 'starterId',
      starterIdType: 'msg',
      x: 160,
      y: 300,
      wires: [[IDS.countStart]],
    },
    counter(IDS.countStart, 400, 300),
    httpRequest(IDS.startCore, {
      name: 'POST start',
      method: 'POST',
      ret: 'txt',
      url: `${sim.inubitUrl}/task/adhoc/{{{user}}}/{{{starterId}}}`,
      x: 160,
      y: 360,
      wires: [[IDS.countStartCore]],
    }),
    counter(IDS.countStartCore, 400, 360),

    // 3. The start of listed activities: ours with its defaults (msg.payload.id, no assignTo), and
    // http request PUT with a mustache URL, wired straight to the list's messages as a user would:
    // it sends the listed activity (msg.payload) along as a JSON body, which the server ignores.
    ...(activity
      ? [
          {
            id: IDS.activity,
            type: 'ibm-bpm-start-adhoc-activity',
            z: TAB,
            name: '',
            server: bpm,
            activityId: 'payload.id',
            activityIdType: 'msg',
            assignTo: '',
            assignToType: 'str',
            x: 160,
            y: 420,
            wires: [[IDS.countActivity]],
          },
          counter(IDS.countActivity, 400, 420),
          httpRequest(IDS.activityCore, {
            name: 'PUT start activity',
            method: 'PUT',
            ret: 'obj',
            url: `${sim.bpmUrl}/activity/{{{payload.id}}}?action=ACTION_START_ACTIVITY`,
            x: 160,
            y: 480,
            wires: [[IDS.countActivityCore]],
          }),
          counter(IDS.countActivityCore, 400, 480),
        ]
      : []),

    // 4. The inubit task list: ours, and http request → xml → change → split.
    ...(taskList
      ? [
          {
            id: IDS.tasks,
            type: 'inubit-list-tasks',
            z: TAB,
            name: '',
            server: inubit,
            lang: '',
            langType: 'str',
            query: JSON.stringify({ scenario: taskList }),
            queryType: 'json',
            emit: 'all',
            x: 160,
            y: 540,
            wires: [[IDS.countTasks]],
          },
          counter(IDS.countTasks, 400, 540),
          httpRequest(IDS.tasksCore, {
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
          split('bench-tasks-core-split', 520, 600, [[IDS.countTasksCore]]),
          counter(IDS.countTasksCore, 660, 600),

          // 5. The submit of a task's form, its fields built in a Function node: ours with msg.fields (an
          // object) and its default submitter, and http request POST behind a template node that writes
          // the same XML body.
          buildFields(IDS.submitFields, 60, 660, [[IDS.submit]]),
          {
            id: IDS.submit,
            type: 'inubit-submit-task',
            z: TAB,
            name: '',
            server: inubit,
            taskId: 'taskId',
            taskIdType: 'msg',
            fields: 'fields',
            fieldsType: 'msg',
            submitter: 'value',
            submitterType: 'str',
            lang: '',
            langType: 'str',
            x: 160,
            y: 660,
            wires: [[IDS.countSubmit]],
          },
          counter(IDS.countSubmit, 400, 660),
          buildFields(IDS.submitCoreFields, 40, 720, [[IDS.submitCore]]),
          {
            id: IDS.submitCore,
            type: 'template',
            z: TAB,
            name: 'form XML',
            field: 'payload',
            fieldType: 'msg',
            format: 'handlebars',
            syntax: 'mustache',
            template:
              '<?xml version="1.0" encoding="UTF-8"?><Form><Response submitter="value"><Panel>' +
              SUBMIT_FIELDS.map((name) => `<${name}>{{fields.${name}}}</${name}>`).join('') +
              '</Panel></Response></Form>',
            output: 'str',
            x: 140,
            y: 720,
            wires: [['bench-submit-core-post']],
          },
          httpRequest('bench-submit-core-post', {
            name: 'POST submit',
            method: 'POST',
            ret: 'txt',
            url: `${sim.inubitUrl}/task/submit/{{{taskId}}}`,
            headers: [{ keyType: 'Content-Type', keyValue: '', valueType: 'other', valueValue: 'application/xml; charset=utf-8' }],
            x: 300,
            y: 720,
            wires: [[IDS.countSubmitCore]],
          }),
          counter(IDS.countSubmitCore, 480, 720),
        ]
      : []),

    // 6. The start of an IBM BPM process with input variables from msg.variables: ours, and the
    // core flow: a change node writes the URL with the variables as encoded JSON (JSONata), http
    // request POSTs it and parses the JSON answer, a change node sets msg.instanceId and msg.taskId
    // and makes the instance msg.payload, as ours does.
    ...(processFlows
      ? [
          {
            id: IDS.process,
            type: 'ibm-bpm-start-process',
            z: TAB,
            name: '',
            server: bpm,
            bpdId: PROCESS.bpdId,
            bpdIdType: 'str',
            processAppId: PROCESS.processAppId,
            processAppIdType: 'str',
            snapshotId: '',
            snapshotIdType: 'str',
            variables: 'variables',
            variablesType: 'msg',
            x: 160,
            y: 780,
            wires: [[IDS.countProcess]],
          },
          counter(IDS.countProcess, 400, 780),
          urlOf(
            IDS.processCore,
            'start URL',
            `"${sim.bpmUrl}/process?action=start&bpdId=${encodeURIComponent(PROCESS.bpdId)}&processAppId=${encodeURIComponent(PROCESS.processAppId)}` +
              '&parts=all&params=" & $encodeUrlComponent($string(variables))',
            140,
            840,
            [['bench-process-core-post']],
          ),
          httpRequest('bench-process-core-post', {
            name: 'POST start process',
            method: 'POST',
            ret: 'obj',
            url: '',
            x: 300,
            y: 840,
            wires: [['bench-process-core-ids']],
          }),
          {
            id: 'bench-process-core-ids',
            type: 'change',
            z: TAB,
            name: 'instance and task id',
            rules: [
              { t: 'set', p: 'instanceId', pt: 'msg', to: 'payload.data.piid', tot: 'msg' },
              { t: 'set', p: 'taskId', pt: 'msg', to: 'payload.data.tasks[0].tkiid', tot: 'msg' },
              { t: 'set', p: 'payload', pt: 'msg', to: 'payload.data', tot: 'msg' },
            ],
            x: 460,
            y: 840,
            wires: [[IDS.countProcessCore]],
          },
          counter(IDS.countProcessCore, 620, 840),
        ]
      : []),

    // 7. The completion of an IBM BPM task (claim, then finish with output variables from
    // msg.variables): ours, and the core flow: http request PUT claims (a mustache URL), a change
    // node writes the finish URL with the variables as encoded JSON (JSONata), http request PUT
    // finishes and parses the JSON answer.
    ...(completeFlows
      ? [
          {
            id: IDS.complete,
            type: 'ibm-bpm-complete-task',
            z: TAB,
            name: '',
            server: bpm,
            taskId: 'taskId',
            taskIdType: 'msg',
            variables: 'variables',
            variablesType: 'msg',
            claim: true,
            x: 160,
            y: 900,
            wires: [[IDS.countComplete]],
          },
          counter(IDS.countComplete, 400, 900),
          httpRequest(IDS.completeCore, {
            name: 'PUT claim',
            method: 'PUT',
            ret: 'txt',
            url: `${sim.bpmUrl}/task/{{{taskId}}}?action=assign&toMe=true&parts=none`,
            x: 140,
            y: 960,
            wires: [['bench-complete-core-url']],
          }),
          urlOf(
            'bench-complete-core-url',
            'finish URL',
            `"${sim.bpmUrl}/task/" & $encodeUrlComponent(taskId) & "?action=finish&parts=all&params=" & $encodeUrlComponent($string(variables))`,
            300,
            960,
            [['bench-complete-core-put']],
          ),
          httpRequest('bench-complete-core-put', {
            name: 'PUT finish',
            method: 'PUT',
            ret: 'obj',
            url: '',
            x: 460,
            y: 960,
            wires: [[IDS.countCompleteCore]],
          }),
          counter(IDS.countCompleteCore, 620, 960),
        ]
      : []),

    // 8. An event message with parameters from msg.parameters: ours, and the core flow: a template
    // node writes the same XML (each value in CDATA), a change node makes the form body an object
    // (JSONata), and http request POSTs it form-encoded: the message never travels in the URL.
    ...(messageFlows
      ? [
          {
            id: IDS.message,
            type: 'ibm-bpm-send-message',
            z: TAB,
            name: '',
            server: bpm,
            processApp: EVENT.processApp,
            processAppType: 'str',
            event: EVENT.event,
            eventType: 'str',
            ucaName: '',
            ucaNameType: 'str',
            snapshot: '',
            snapshotType: 'str',
            parameters: 'parameters',
            parametersType: 'msg',
            x: 160,
            y: 1020,
            wires: [[IDS.countMessage]],
          },
          counter(IDS.countMessage, 400, 1020),
          {
            id: IDS.messageCore,
            type: 'template',
            z: TAB,
            name: 'event message XML',
            field: 'message',
            fieldType: 'msg',
            format: 'handlebars',
            syntax: 'mustache',
            template:
              `<eventmsg><event processApp="${EVENT.processApp}">${EVENT.event}</event><parameters>` +
              EVENT_PARAMETERS.map(
                (name) => `<parameter><key>${name}</key><value><![CDATA[{{{parameters.${name}}}}]]></value></parameter>`,
              ).join('') +
              '</parameters></eventmsg>',
            output: 'str',
            x: 140,
            y: 1080,
            wires: [['bench-message-core-form']],
          },
          {
            id: 'bench-message-core-form',
            type: 'change',
            z: TAB,
            name: 'form body',
            rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{"action": "sendMessage", "message": message}', tot: 'jsonata' }],
            x: 300,
            y: 1080,
            wires: [['bench-message-core-post']],
          },
          httpRequest('bench-message-core-post', {
            name: 'POST message',
            method: 'POST',
            ret: 'txt',
            url: `${sim.bpmUrl}/process`,
            headers: [
              { keyType: 'Content-Type', keyValue: '', valueType: 'other', valueValue: 'application/x-www-form-urlencoded' },
              { keyType: 'other', keyValue: 'Accept', valueType: 'other', valueValue: 'application/json' },
            ],
            x: 460,
            y: 1080,
            wires: [[IDS.countMessageCore]],
          }),
          counter(IDS.countMessageCore, 620, 1080),
        ]
      : []),
    // 9. The user's task queue: ours (list tasks, source queue), and http request → change →
    // split. (The copies that drain it run in Node-RED processes of their own: drain-copy.js.)
    ...(queueFlows
      ? [
          {
            id: QUEUE_IDS.list,
            type: 'ibm-bpm-list-tasks',
            z: TAB,
            name: '',
            server: bpm,
            source: 'queue',
            interaction: 'available',
            processAppName: '',
            processAppNameType: 'str',
            size: 100000,
            query: 'IBM.DEFAULTALLTASKSLIST_75',
            emit: 'all',
            x: 160,
            y: 1020,
            wires: [[QUEUE_IDS.countList]],
          },
          counter(QUEUE_IDS.countList, 400, 1020),
          httpRequest(QUEUE_IDS.listCore, {
            name: 'GET queue',
            method: 'GET',
            ret: 'obj',
            url: `${sim.bpmUrl}/tasks/query/IBM.DEFAULTALLTASKSLIST_75?interactionFilter=ASSESS_AVAILABLE&size=100000&offset=0`,
            x: 140,
            y: 1080,
            wires: [['bench-queue-list-core-change']],
          }),
          change('bench-queue-list-core-change', 'payload.data.items', 300, 1080, [['bench-queue-list-core-split']]),
          split('bench-queue-list-core-split', 440, 1080, [[QUEUE_IDS.countListCore]]),
          counter(QUEUE_IDS.countListCore, 600, 1080),
        ]
      : []),
  ];
  // Our config nodes keep `username`; the core http request node calls the same field `user`.
  const credentials = {
    [bpm]: { username: sim.username, password: sim.password },
    [inubit]: { username: sim.username, password: sim.password },
  };
  for (const node of flows.filter((candidate) => candidate.type === 'http request')) {
    credentials[node.id] = { user: sim.username, password: sim.password };
  }
  return { flows, credentials };
}

function listNode(id, server, instanceId, format, wire, y) {
  return {
    id,
    type: 'ibm-bpm-list-adhoc-activities',
    z: TAB,
    name: '',
    server,
    instanceId,
    instanceIdType: 'str',
    format,
    x: 160,
    y,
    wires: [[wire]],
  };
}

module.exports = { IDS, QUEUE_IDS, PROCESS, SUBMIT_FIELDS, EVENT, EVENT_PARAMETERS, benchFlows };
