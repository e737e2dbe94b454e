import type { NodeMessage } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType } from './flow-node';
import { taskListOutcome } from './list-messages';

export = flowNodeType<IbmBpmClient, 'instanceId' | 'processAppName'>({
  type: 'ibm-bpm-list-tasks',
  server: 'IBM BPM',
  // Without a saved instance id, the payload: an instance id that comes as the message.
  reads: { instanceId: { label: 'process instance id', fallback: ['payload', 'msg'] }, processAppName: { label: 'process app name' } },
  setup: ({ RED, config, text }) => {
    // `emit`: `all` (also when missing) or `new`; only new tasks are judged per instance, or per query with its parameters.
    const outcomeOf = taskListOutcome(RED, config.emit, text);
    // `source`: `instance` (also when missing: flows saved before the queue existed) or `queue`.
    if (config.source === 'queue') {
      // `interaction`, `size` and `query` as saved; missing ones are the client's defaults.
      const { interaction, size, query } = config;
      return async (msg, { processAppName }, client, call) => {
        const queue = await client.listTaskQueue({ query: query === '' ? undefined : query, interaction, size, processAppName }, call);
        const outcome = outcomeOf(msg, queue.request, queue, {});
        // The query's total goes with each message, when the server gave one.
        for (const message of outcome.messages as Array<NodeMessage & { total?: number }>) {
          if (queue.total === undefined) delete message.total;
          else message.total = queue.total;
        }
        return outcome;
      };
    }
    // `state`: `open` (also when missing) or `all`.
    const openOnly = config.state !== 'all';
    return async (msg, { instanceId }, client, call) => {
      const list = await client.listTasks(instanceId, { ...call, openOnly });
      return outcomeOf(msg, list.instanceId, list, { instanceId: list.instanceId });
    };
  },
});
