import { InubitClient, SubmitFields, isWholeForm } from './lib/inubit/client';
import { TASK_ID, flowNodeType } from './flow-node';

export = flowNodeType<InubitClient, 'taskId' | 'fields' | 'submitter' | 'lang'>({
  type: 'inubit-submit-task',
  server: 'inubit',
  changes: { label: 'submit task', what: 'the task', done: 'submitted', subject: 'taskId' },
  reads: {
    taskId: TASK_ID,
    fields: { label: 'form fields', variables: true, wholeForm: isWholeForm },
    // Without a saved submitter, the argument inubit's form designer gives its buttons: submit(value).
    submitter: { label: 'submitter', fallback: ['value', 'str'] },
    lang: { label: 'language' },
  },
  setup:
    ({ text }) =>
    async (msg, { taskId, fields, submitter, lang }, client, call) => {
      const result = await client.submitTask(taskId, fields as SubmitFields, submitter, { ...call, lang });
      const out = msg as typeof msg & { taskId: string; nextTaskId?: string; statusCode: number };
      out.payload = result.nextTaskId;
      if (result.nextTaskId === null) delete out.nextTaskId;
      else out.nextTaskId = result.nextTaskId;
      out.taskId = result.taskId;
      out.statusCode = result.statusCode;
      const next = result.nextTaskId;
      const shown = (): string => (next === null ? text('status.submitted') : text('status.nextTask', { taskId: next }));
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: shown() }) };
    },
});
