'use strict';
// The queue and drain groups: 10,000 queued IBM BPM tasks listed (ibm-bpm-list-tasks, source queue)
// against http request → change → split; and 2,000 queued tasks drained from a simulator that
// answers every request after 20 ms, by one copy of the flow of example 10 and by two, each in a
// Node-RED process of its own and its own user (drain.js).
const { SERVERS, ours, counter, httpRequest, change, split } = require('../nodes');
const { within } = require('../loops');
const { drainCopies, COPIES } = require('../drain');

const IDS = {
  list: 'bench-queue-list',
  listCore: 'bench-queue-list-core',
  countList: 'bench-count-queue-list',
  countListCore: 'bench-count-queue-list-core',
};
/** What the simulator waits before it answers each request while the queue is drained. */
const DRAIN_LATENCY_MS = 20;

module.exports = {
  names: ['queue', 'drain'],
  types: ['ibm-bpm-list-tasks', 'ibm-bpm-assign-task'],
  // It queues its tasks in the simulator's process.
  simulator: true,

  flows({ sim }) {
    return [
      ours(
        IDS.list,
        'ibm-bpm-list-tasks',
        {
          server: SERVERS.bpm,
          source: 'queue',
          interaction: 'available',
          processAppName: '',
          processAppNameType: 'str',
          size: 100000,
          query: 'IBM.DEFAULTALLTASKSLIST_75',
          emit: 'all',
        },
        160,
        1140,
        [[IDS.countList]],
      ),
      counter(IDS.countList, 400, 1140),
      httpRequest(IDS.listCore, {
        name: 'GET queue',
        method: 'GET',
        ret: 'obj',
        url: `${sim.bpmUrl}/tasks/query/IBM.DEFAULTALLTASKSLIST_75?interactionFilter=ASSESS_AVAILABLE&size=100000&offset=0`,
        x: 140,
        y: 1200,
        wires: [['bench-queue-list-core-change']],
      }),
      change('bench-queue-list-core-change', 'payload.data.items', 300, 1200, [['bench-queue-list-core-split']]),
      split('bench-queue-list-core-split', 440, 1200, [[IDS.countListCore]]),
      counter(IDS.countListCore, 600, 1200),
    ];
  },

  scenarios({ sim, options, simulator, run, onClose }) {
    // With the simulator's own open task, the queue holds options.queue tasks.
    const queued = async () => simulator.queueBpmTasks(options.queue - 1);
    const isQueued = (msg) => typeof msg.payload?.TKIID === 'string' && msg.parts?.count === options.queue;
    const drainQueue = async () => simulator.queueBpmTasks(options.drain, DRAIN_LATENCY_MS);
    // The copies that drain the queue run in Node-RED processes of their own, started at the first drain.
    const copies = drainCopies(sim);
    onClose(() => copies.close());
    const drain = (count) => async (taskIds) => {
      const drained = await within(copies.drain(count), () => `${count} copies did not empty the queue`);
      const workedOnce = await simulator.worked(taskIds);
      return {
        ms: drained.ms,
        cpuMs: drained.cpuMs,
        failed: taskIds.length - workedOnce,
        example: workedOnce < taskIds.length ? `${taskIds.length - workedOnce} tasks not claimed and completed exactly once` : undefined,
      };
    };
    const queueList = `list ${options.queue.toLocaleString('en-US')} queued tasks`;
    const drains = `drain ${options.drain.toLocaleString('en-US')} queued tasks`;
    return [
      {
        name: 'queue',
        messages: options.queue,
        variants: [
          {
            key: 'queue-list-ours',
            label: `${queueList}: ours (source queue)`,
            core: 'queue-list-core',
            target: 1.5,
            prepare: queued,
            run: run.flow(IDS.list, IDS.countList, options.queue, isQueued, run.once),
          },
          {
            key: 'queue-list-core',
            label: `${queueList}: core http request → change → split`,
            prepare: queued,
            run: run.flow(IDS.listCore, IDS.countListCore, options.queue, isQueued, run.once),
          },
        ],
      },
      {
        name: 'drain',
        messages: options.drain,
        variants: [
          { key: 'drain-one', label: `${drains}: one copy`, prepare: drainQueue, run: drain(1) },
          {
            key: 'drain-two',
            label: `${drains}: two copies, each its own user`,
            core: 'drain-one',
            target: 1.7,
            prepare: drainQueue,
            run: drain(COPIES),
          },
        ],
      },
    ];
  },

  note: () =>
    `Task queue: each list reads the user's task list query (JSON) of tasks queued before the run. Each drain empties a queue made before the run from a simulator that answers every request after ${DRAIN_LATENCY_MS} ms: ` +
    "each copy runs in a Node-RED process of its own, as its own user (the CPU time is both processes'), lists up to 100 available tasks, claims a random quarter of them on average " +
    '(a Function node, then assign task with ifTaken drop), completes each claimed one without a claim, and polls again once all its claims are answered; ' +
    '"vs core" of two copies is their speed against one copy\'s, and "failed" counts tasks not claimed and completed exactly once.',
};
