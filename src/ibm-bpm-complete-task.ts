import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { TASK_ID, flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'taskId' | 'variables'>({
  type: 'ibm-bpm-complete-task',
  server: 'IBM BPM',
  changes: { label: 'complete task', what: 'the task', done: 'completed', subject: 'taskId' },
  reads: { taskId: TASK_ID, variables: { label: 'output variables', variables: true } },
  setup: ({ config, text }) => {
    // Claim the task before finishing it: true (also when missing) or false.
    const claim = config.claim !== false && config.claim !== 'false';
    return async (msg, { taskId, variables }, client, call) => {
      const completed = await client.completeTask(taskId, variables, { ...call, claim });
      const out = msg as typeof msg & { taskId: string; statusCode: number };
      out.payload = completed.task;
      out.taskId = completed.taskId;
      out.statusCode = completed.statusCode;
      const id = completed.taskId;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.completed', { taskId: id }) }) };
    };
  },
});
