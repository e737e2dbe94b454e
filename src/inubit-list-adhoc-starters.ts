import type { InubitClient } from './lib/inubit/client';
import { flowNodeType } from './flow-node';
import { oneMessagePerItem } from './list-messages';

export = flowNodeType<InubitClient, 'user' | 'lang'>({
  type: 'inubit-list-adhoc-starters',
  server: 'inubit',
  reads: { user: { label: 'user' }, lang: { label: 'language' } },
  setup:
    ({ RED, text }) =>
    async (msg, { user, lang }, client, call) => {
      const result = await client.listAdHocStarters(user, { ...call, lang });
      const count = result.starters.length;
      if (count === 0) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noStarters') }) };
      }
      // msg.user, so that a start node with User = msg.user starts the starter each message carries.
      const messages = oneMessagePerItem(RED, msg, result.starters, { user: result.user });
      return { messages, status: () => ({ fill: 'green', shape: 'dot', text: text('status.starters', { count }) }) };
    },
});
