'use strict';
// The activity group: 2,000 ad-hoc activities started (ibm-bpm-start-adhoc-activity, PUT), fed
// messages shaped like the list node's, against http request PUT wired straight to them, our raw
// client, a bare axios loop and a node:http loop.
const { SERVERS, ours, counter, httpRequest } = require('../nodes');
const { wleData } = require('../loops');
const { madeUpActivity } = require('../../../test/simulator/ibm-bpm-activity-fixtures');

const IDS = { ours: 'bench-activity', core: 'bench-activity-core', count: 'bench-count-activity', countCore: 'bench-count-activity-core' };

module.exports = {
  names: ['activity'],
  types: ['ibm-bpm-start-adhoc-activity'],

  // Ours with its defaults (msg.payload.id, no assignTo), and http request PUT with a mustache URL,
  // wired straight to the list's messages as a user would: it sends the listed activity (msg.payload)
  // along as a JSON body, which the server ignores.
  flows({ sim }) {
    return [
      ours(
        IDS.ours,
        'ibm-bpm-start-adhoc-activity',
        { server: SERVERS.bpm, activityId: 'payload.id', activityIdType: 'msg', assignTo: '', assignToType: 'str' },
        160,
        420,
        [[IDS.count]],
      ),
      counter(IDS.count, 400, 420),
      httpRequest(IDS.core, {
        name: 'PUT start activity',
        method: 'PUT',
        ret: 'obj',
        url: `${sim.bpmUrl}/activity/{{{payload.id}}}?action=ACTION_START_ACTIVITY`,
        x: 160,
        y: 480,
        wires: [[IDS.countCore]],
      }),
      counter(IDS.countCore, 400, 480),
    ];
  },

  scenarios({ sim, options, run }) {
    const starts = options.starts;
    // Ids the simulator starts as made-up user tasks ('2118.' + a uuid, no scenario key), and
    // messages as the list node sends them: one listed activity each, in parts.
    const activityIdOf = (seq) => `2118.00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
    const activityIds = () => Array.from({ length: starts }, (_, seq) => activityIdOf(seq));
    const activityMessages = () =>
      Array.from({ length: starts }, (_, seq) => ({
        payload: madeUpActivity(activityIdOf(seq)),
        parts: { id: 'bench-list', index: seq, count: starts, type: 'array', len: 1 },
        instanceId: 'bench',
      }));
    // Ours: msg.payload = the activity's details; the core node (ret obj): the whole answer, {status, data}.
    const isStarted = (msg) => msg.statusCode === 200 && typeof msg.payload?.id === 'string' && msg.payload.executionState === 'WORKING';
    const isStartedCore = (msg) =>
      msg.statusCode === 200 && typeof msg.payload?.data?.id === 'string' && msg.payload.data.executionState === 'WORKING';
    // The answer parsed, as any client must to use it.
    const started = (status, body) => typeof wleData(status, body)?.id === 'string';
    const activityUrl = (id) => `${sim.bpmUrl}/activity/${encodeURIComponent(id)}?action=ACTION_START_ACTIVITY`;
    const activity = `start ${starts.toLocaleString('en-US')} activities`;
    return [
      {
        name: activity,
        messages: starts,
        variants: [
          {
            key: 'activity-ours',
            label: `${activity}: ours (maxConcurrent 8)`,
            core: 'activity-core',
            raw: 'activity-raw',
            axios: 'activity-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: run.flow(IDS.ours, IDS.count, starts, isStarted, activityMessages),
          },
          {
            key: 'activity-core',
            label: `${activity}: core http request PUT (keep-alive)`,
            run: run.flow(IDS.core, IDS.countCore, starts, isStartedCore, activityMessages),
          },
          {
            key: 'activity-raw',
            label: `${activity}: raw client loop (maxConcurrent 8)`,
            axios: 'activity-axios',
            run: run.rawCalls(
              activityIds,
              (id) => run.bpmClient.startAdHocActivity(id, undefined),
              (result) => result.statusCode === 200 && typeof result.activity?.id === 'string',
              'no 200 with the activity',
            ),
          },
          {
            key: 'activity-axios',
            label: `${activity}: bare axios, 8 at a time (limit)`,
            core: 'activity-core',
            run: run.axiosLoop(
              activityIds,
              (id) => run.bareAxios.put(activityUrl(id), null, { headers: run.jsonHeaders }),
              (response) => started(response?.status, response?.data),
              'no 200 with the activity',
            ),
          },
          {
            key: 'activity-http',
            label: `${activity}: node:http loop, no axios (floor)`,
            core: 'activity-core',
            axios: 'activity-axios',
            run: run.httpLoop(
              activityIds,
              (id) => run.send(activityUrl(id), { method: 'PUT', headers: run.jsonHeaders }),
              (answer) => started(answer.status, answer.body),
              'no 200 with the activity',
            ),
          },
        ],
      },
    ];
  },

  note: () =>
    'Activities: the core http request node is wired straight after the list, so it also sends each listed activity ' +
    '(msg.payload) as a JSON body; ours, the raw, axios and node:http loops send an empty PUT and parse the JSON answer.',
};
