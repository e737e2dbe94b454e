import type { IbmBpmClient, Assignee } from './lib/ibm-bpm/client';
import { BpmError } from './lib/errors';
import { TASK_ID, flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'taskId' | 'assignee'>({
  type: 'ibm-bpm-assign-task',
  server: 'IBM BPM',
  changes: { label: 'assign task', what: 'the task', done: 'assigned', subject: 'taskId' },
  reads: { taskId: TASK_ID, assignee: { label: 'user or group to assign to' } },
  setup: ({ config, text }) => {
    // `to`: `me` (also when missing), `back`, `user` or `group`.
    const to = config.to === 'back' || config.to === 'user' || config.to === 'group' ? config.to : 'me';
    // `ifTaken`: `error` (also when missing) or `drop`; only a claim can find its task taken.
    const dropTaken = to === 'me' && config.ifTaken === 'drop';
    // Tasks dropped since this node was deployed, for its status.
    let taken = 0;
    const status = (taskId?: string) => () =>
      taskId === undefined
        ? { fill: 'grey' as const, shape: 'dot' as const, text: text('status.taken', { count: taken }) }
        : {
            fill: 'green' as const,
            shape: 'dot' as const,
            text: taken > 0 ? text('status.assignedTaken', { taskId, count: taken }) : text('status.assigned', { taskId }),
          };
    return async (msg, { taskId, assignee }, client, call) => {
      const whom: Assignee = to === 'user' || to === 'group' ? { to, name: assignee } : { to };
      try {
        const assigned = await client.assignTask(taskId, whom, call);
        const out = msg as typeof msg & { taskId: string; statusCode: number };
        out.payload = assigned.task;
        out.taskId = assigned.taskId;
        out.statusCode = assigned.statusCode;
        return { messages: [out], status: status(assigned.taskId) };
      } catch (error) {
        // A claim that found its task taken by someone else: the message ends here, quietly.
        if (dropTaken && error instanceof BpmError && error.code === 'CONFLICT') {
          taken++;
          return { messages: [], status: status() };
        }
        throw error;
      }
    };
  },
});
