import type { InubitClient } from './lib/inubit/client';
import { flowNodeType } from './flow-node';

export = flowNodeType<InubitClient, 'user' | 'starterId' | 'lang'>({
  type: 'inubit-start-adhoc-process',
  server: 'inubit',
  changes: { label: 'start ad-hoc process', what: 'the ad-hoc process', done: 'started', subject: 'starterId' },
  // `lang` is missing in flows saved before it existed: then no language is sent.
  reads: { user: { label: 'user' }, starterId: { label: 'ad-hoc starter id' }, lang: { label: 'language' } },
  setup:
    ({ text }) =>
    async (msg, { user, starterId, lang }, client, call) => {
      const result = await client.startAdHocProcess(user, starterId, { ...call, lang });
      if (result.taskId === null) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noTask') }) };
      }
      const taskId = result.taskId;
      const out = msg as typeof msg & { taskId: string; statusCode: number };
      out.payload = taskId;
      out.taskId = taskId;
      out.statusCode = result.statusCode;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.started', { taskId }) }) };
    },
});
