import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType, taskListOutcome } from './flow-node';

export = flowNodeType<IbmBpmClient, 'instanceId'>({
  type: 'ibm-bpm-list-tasks',
  server: 'IBM BPM',
  // Without a saved instance id, the payload: an instance id that comes as the message.
  reads: { instanceId: { label: 'process instance id', fallback: ['payload', 'msg'] } },
  setup: ({ RED, config, text }) => {
    // `state`: `open` (also when missing) or `all`.
    const openOnly = config.state !== 'all';
    // `emit`: `all` (also when missing) or `new`; only new tasks are judged per instance.
    const outcomeOf = taskListOutcome(RED, config.emit, text);
    return async (msg, { instanceId }, client, call) => {
      const list = await client.listTasks(instanceId, { ...call, openOnly });
      return outcomeOf(msg, list.instanceId, list, { instanceId: list.instanceId });
    };
  },
});
