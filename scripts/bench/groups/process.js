'use strict';
// The process group: 2,000 IBM BPM processes started (ibm-bpm-start-process, POST) with input
// variables from msg.variables, against change → http request POST → change, our raw client and a
// bare axios loop.
const { SERVERS, ours, counter, httpRequest, changeNode, urlOf } = require('../nodes');
const { wleData } = require('../loops');
const { HIRING_BPD, PROCESS_APP } = require('../../../test/simulator/ibm-bpm-process-fixtures');

const IDS = { ours: 'bench-process', core: 'bench-process-core', count: 'bench-count-process', countCore: 'bench-count-process-core' };
/** The process both flows start: the simulator's hiring process, by its process app. */
const PROCESS = { bpdId: HIRING_BPD.bpdId, processAppId: PROCESS_APP.processAppID };

module.exports = {
  names: ['process'],
  types: ['ibm-bpm-start-process'],

  // Ours, and the core flow: a change node writes the URL with the variables as encoded JSON
  // (JSONata), http request POSTs it and parses the JSON answer, a change node sets msg.instanceId
  // and msg.taskId and makes the instance msg.payload, as ours does.
  flows({ sim }) {
    return [
      ours(
        IDS.ours,
        'ibm-bpm-start-process',
        {
          server: SERVERS.bpm,
          bpdId: PROCESS.bpdId,
          bpdIdType: 'str',
          processAppId: PROCESS.processAppId,
          processAppIdType: 'str',
          snapshotId: '',
          snapshotIdType: 'str',
          variables: 'variables',
          variablesType: 'msg',
        },
        160,
        780,
        [[IDS.count]],
      ),
      counter(IDS.count, 400, 780),
      urlOf(
        IDS.core,
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
      changeNode(
        'bench-process-core-ids',
        'instance and task id',
        [
          { t: 'set', p: 'instanceId', pt: 'msg', to: 'payload.data.piid', tot: 'msg' },
          { t: 'set', p: 'taskId', pt: 'msg', to: 'payload.data.tasks[0].tkiid', tot: 'msg' },
          { t: 'set', p: 'payload', pt: 'msg', to: 'payload.data', tot: 'msg' },
        ],
        460,
        840,
        [[IDS.countCore]],
      ),
      counter(IDS.countCore, 620, 840),
    ];
  },

  scenarios({ sim, options, run }) {
    const starts = options.starts;
    // Input variables, the text ones with characters to encode.
    const processVariables = (seq) => ({
      requisition: {
        reqNum: `REQ-${seq + 1}`,
        department: 'Sales & Marketing',
        headcount: (seq % 5) + 1,
        salary: 50000 + seq / 4,
        remote: seq % 2 === 0,
      },
      comments: `Opened by the benchmark: "position ${seq + 1}"`,
      skills: ['negotiation', 'CRM'],
    });
    const processMessages = () => Array.from({ length: starts }, (_, seq) => ({ variables: processVariables(seq) }));
    // Ours and the core flow alike: msg.instanceId, msg.taskId, the instance in msg.payload.
    const isStarted = (msg) =>
      msg.statusCode === 200 &&
      typeof msg.instanceId === 'string' &&
      msg.payload?.piid === msg.instanceId &&
      typeof msg.taskId === 'string';
    // Variables never travel in a URL (README, "IBM BPM tasks"): the query goes as a form body, as ours sends it.
    const processForm = (variables) =>
      `action=start&bpdId=${encodeURIComponent(PROCESS.bpdId)}` +
      `&processAppId=${encodeURIComponent(PROCESS.processAppId)}&parts=all&params=${encodeURIComponent(JSON.stringify(variables))}`;
    const processes = `start ${starts.toLocaleString('en-US')} IBM BPM processes`;
    return [
      {
        name: processes,
        messages: starts,
        variants: [
          {
            key: 'process-ours',
            label: `${processes}: ours (maxConcurrent 8)`,
            core: 'process-core',
            raw: 'process-raw',
            axios: 'process-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: run.flow(IDS.ours, IDS.count, starts, isStarted, processMessages),
          },
          {
            key: 'process-core',
            label: `${processes}: core change → http request POST → change (keep-alive)`,
            run: run.flow(IDS.core, IDS.countCore, starts, isStarted, processMessages),
          },
          {
            key: 'process-raw',
            label: `${processes}: raw client loop (maxConcurrent 8)`,
            axios: 'process-axios',
            run: run.rawCalls(
              processMessages,
              (msg) => run.bpmClient.startProcess(PROCESS, msg.variables),
              (result) => result.statusCode === 200 && typeof result.taskId === 'string',
              'no 200 with the instance and its task',
            ),
          },
          {
            key: 'process-axios',
            label: `${processes}: bare axios, 8 at a time (limit)`,
            core: 'process-core',
            run: run.axiosLoop(
              processMessages,
              (msg) => run.bareAxios.post(`${sim.bpmUrl}/process`, processForm(msg.variables), { headers: run.formHeaders }),
              (response) => {
                const data = wleData(response?.status, response?.data);
                return typeof data?.piid === 'string' && typeof data.tasks?.[0]?.tkiid === 'string';
              },
              'no 200 with the instance and its task',
            ),
          },
        ],
      },
    ];
  },

  note: () =>
    'IBM BPM processes: each start sends msg.variables as the encoded JSON of params, ours and the bare axios loop in a form body (variables never in a URL), ' +
    'the core flow in the URL: it writes its URL in a change node ' +
    '(JSONata $encodeUrlComponent), and a change node after http request sets msg.instanceId, msg.taskId and msg.payload as ours does.',
};
