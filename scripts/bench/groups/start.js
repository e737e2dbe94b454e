'use strict';
// The start group: 2,000 inubit ad-hoc processes (inubit-start-adhoc-process, POST) against http
// request with a mustache URL, our raw client, a bare axios loop and a node:http loop.
const { SERVERS, ours, counter, httpRequest } = require('../nodes');

const IDS = { ours: 'bench-start', core: 'bench-start-core', count: 'bench-count-start', countCore: 'bench-count-start-core' };

module.exports = {
  names: ['start'],
  types: ['inubit-start-adhoc-process'],

  flows({ sim }) {
    return [
      ours(
        IDS.ours,
        'inubit-start-adhoc-process',
        { server: SERVERS.inubit, user: 'user', userType: 'msg', starterId: 'starterId', starterIdType: 'msg' },
        160,
        300,
        [[IDS.count]],
      ),
      counter(IDS.count, 400, 300),
      httpRequest(IDS.core, {
        name: 'POST start',
        method: 'POST',
        ret: 'txt',
        url: `${sim.inubitUrl}/task/adhoc/{{{user}}}/{{{starterId}}}`,
        x: 160,
        y: 360,
        wires: [[IDS.countCore]],
      }),
      counter(IDS.countCore, 400, 360),
    ];
  },

  scenarios({ sim, options, run }) {
    const starts = options.starts;
    const isStarted = (msg) => msg.statusCode === 201 && typeof msg.payload === 'string' && msg.payload.length > 0;
    const startMessages = () => Array.from({ length: starts }, (_, seq) => ({ user: 'bench', starterId: 'leave-request', seq }));
    const startUrl = `${sim.inubitUrl}/task/adhoc/bench/leave-request`;
    const startTarget = new URL(startUrl);
    const start = `start ${starts.toLocaleString('en-US')} processes`;
    return [
      {
        name: start,
        messages: starts,
        variants: [
          {
            key: 'start-ours',
            label: `${start}: ours (maxConcurrent 8)`,
            core: 'start-core',
            raw: 'start-raw',
            axios: 'start-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: run.flow(IDS.ours, IDS.count, starts, isStarted, startMessages),
          },
          {
            key: 'start-core',
            label: `${start}: core http request (keep-alive)`,
            run: run.flow(IDS.core, IDS.countCore, starts, isStarted, startMessages),
          },
          {
            key: 'start-raw',
            label: `${start}: raw client loop (maxConcurrent 8)`,
            axios: 'start-axios',
            run: run.rawCalls(
              startMessages,
              () => run.inubitClient.startAdHocProcess('bench', 'leave-request'),
              (result) => result.statusCode === 201,
              'no 201',
            ),
          },
          {
            key: 'start-axios',
            label: `${start}: bare axios, 8 at a time (limit)`,
            core: 'start-core',
            run: run.axiosLoop(
              startMessages,
              () => run.bareAxios.post(startUrl, null, { headers: run.headers }),
              (response) => response?.status === 201,
              'no 201 with a task id',
            ),
          },
          {
            key: 'start-http',
            label: `${start}: node:http loop, no axios (floor)`,
            core: 'start-core',
            axios: 'start-axios',
            run: run.httpLoop(
              startMessages,
              () => run.send(startTarget, { method: 'POST', headers: run.headers }),
              (answer) => answer.status === 201 && answer.body.length > 0,
              'no 201 with a task id',
            ),
          },
        ],
      },
    ];
  },
};
