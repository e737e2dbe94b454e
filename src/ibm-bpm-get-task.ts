import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { TASK_ID, flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'taskId'>({
  type: 'ibm-bpm-get-task',
  server: 'IBM BPM',
  reads: { taskId: TASK_ID },
  setup:
    ({ text }) =>
    async (msg, { taskId }, client, call) => {
      const read = await client.getTask(taskId, call);
      const out = msg as typeof msg & { taskId: string };
      out.payload = read.task;
      out.taskId = read.taskId;
      const { name } = read;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.task', { name }) }) };
    },
});
