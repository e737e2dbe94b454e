import type { InubitClient } from './lib/inubit/client';
import { TASK_ID, flowNodeType } from './flow-node';

export = flowNodeType<InubitClient, 'taskId' | 'lang'>({
  type: 'inubit-get-task',
  server: 'inubit',
  reads: { taskId: TASK_ID, lang: { label: 'language' } },
  setup: ({ config, text }) => {
    const withForm = config.form === true || config.form === 'true';
    return async (msg, { taskId, lang }, client, call) => {
      const options = { ...call, lang };
      const read = await client.getTask(taskId, options);
      // The second request only once the first succeeded: its failure is the message's.
      const form = withForm ? await client.getTaskForm(read.taskId, options) : undefined;
      const out = msg as typeof msg & { taskId: string; form?: unknown };
      out.payload = read.task;
      out.taskId = read.taskId;
      if (form) out.form = form;
      const name = read.task.name ?? read.taskId;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.task', { name }) }) };
    };
  },
});
