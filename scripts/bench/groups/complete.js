'use strict';
// The complete group: 2,000 IBM BPM tasks completed (ibm-bpm-complete-task: claim PUT, finish PUT)
// with output variables from msg.variables, against http request PUT → change → http request PUT,
// our raw client and a bare axios loop. Fresh open tasks are made before each run, outside its
// time (a finished task cannot be finished again).
const { SERVERS, ours, counter, httpRequest, urlOf } = require('../nodes');
const { wleData } = require('../loops');

const IDS = {
  ours: 'bench-complete',
  core: 'bench-complete-core',
  count: 'bench-count-complete',
  countCore: 'bench-count-complete-core',
};

module.exports = {
  names: ['complete'],
  types: ['ibm-bpm-complete-task'],
  // It makes its open tasks in the simulator's process.
  simulator: true,

  // Ours, and the core flow: http request PUT claims (a mustache URL), a change node writes the
  // finish URL with the variables as encoded JSON (JSONata), http request PUT finishes and parses
  // the JSON answer.
  flows({ sim }) {
    return [
      ours(
        IDS.ours,
        'ibm-bpm-complete-task',
        { server: SERVERS.bpm, taskId: 'taskId', taskIdType: 'msg', variables: 'variables', variablesType: 'msg', claim: true },
        160,
        900,
        [[IDS.count]],
      ),
      counter(IDS.count, 400, 900),
      httpRequest(IDS.core, {
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
        wires: [[IDS.countCore]],
      }),
      counter(IDS.countCore, 620, 960),
    ];
  },

  scenarios({ sim, options, simulator, run }) {
    const completes = options.completes;
    const completeVariables = (seq) => ({
      approved: seq % 2 === 0,
      comments: `Checked by the benchmark & approved <${seq + 1}>`,
      requisition: { headcount: (seq % 5) + 1 },
    });
    const openTasks = async () =>
      (await simulator.startBpmProcesses(completes)).map(({ taskId }, seq) => ({ taskId, variables: completeVariables(seq) }));
    const given = (prepared) => prepared;
    // Ours: msg.payload = the finished task; the core node (ret obj): the whole answer, {status, data}.
    const isCompleted = (msg) => msg.statusCode === 200 && msg.payload?.status === 'Closed' && typeof msg.payload.tkiid === 'string';
    const isCompletedCore = (msg) =>
      msg.statusCode === 200 && msg.payload?.data?.status === 'Closed' && typeof msg.payload.data.tkiid === 'string';
    // Two requests per task, the finish sent when the claim has answered; the finish in a form body.
    const finishHeaders = { ...run.formHeaders, 'X-HTTP-Method-Override': 'PUT' };
    const taskUrl = (taskId) => `${sim.bpmUrl}/task/${encodeURIComponent(taskId)}`;
    const claimAndFinish = async (msg) => {
      const claimed = await run.bareAxios.put(`${taskUrl(msg.taskId)}?action=assign&toMe=true&parts=none`, null, {
        headers: run.jsonHeaders,
      });
      if (claimed.status !== 200) return claimed;
      return run.bareAxios.post(
        taskUrl(msg.taskId),
        `action=finish&parts=all&params=${encodeURIComponent(JSON.stringify(msg.variables))}`,
        {
          headers: finishHeaders,
        },
      );
    };
    const label = `complete ${completes.toLocaleString('en-US')} tasks`;
    return [
      {
        name: label,
        messages: completes,
        variants: [
          {
            key: 'complete-ours',
            label: `${label}: ours (maxConcurrent 8)`,
            core: 'complete-core',
            raw: 'complete-raw',
            axios: 'complete-axios',
            target: 1.5,
            axiosTarget: 1.25,
            prepare: openTasks,
            run: run.flow(IDS.ours, IDS.count, completes, isCompleted, given),
          },
          {
            key: 'complete-core',
            label: `${label}: core http request PUT → change → http request PUT (keep-alive)`,
            prepare: openTasks,
            run: run.flow(IDS.core, IDS.countCore, completes, isCompletedCore, given),
          },
          {
            key: 'complete-raw',
            label: `${label}: raw client loop (maxConcurrent 8)`,
            axios: 'complete-axios',
            prepare: openTasks,
            run: run.rawCalls(
              given,
              (msg) => run.bpmClient.completeTask(msg.taskId, msg.variables),
              (result) => result.statusCode === 200 && result.task.status === 'Closed',
              'no 200 with the finished task',
            ),
          },
          {
            key: 'complete-axios',
            label: `${label}: bare axios, 8 at a time (limit)`,
            core: 'complete-core',
            prepare: openTasks,
            run: run.axiosLoop(
              given,
              claimAndFinish,
              (response) => wleData(response?.status, response?.data)?.status === 'Closed',
              'no 200 with the finished task',
            ),
          },
        ],
      },
    ];
  },

  note: () =>
    'Completions: claim (PUT action=assign&toMe=true) then finish (action=finish with msg.variables as params: a POST with X-HTTP-Method-Override: PUT and a form body for ours and the bare axios loop), two requests per task; ' +
    'the core flow builds the finish URL in a change node (JSONata). Each run completes open tasks the simulator made before the run started.',
};
