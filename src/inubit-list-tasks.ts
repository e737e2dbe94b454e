import type { NodeMessage } from 'node-red';
import type { InubitClient } from './lib/inubit/client';
import { flowNodeType } from './flow-node';
import { taskListOutcome } from './list-messages';

export = flowNodeType<InubitClient, 'lang' | 'query'>({
  type: 'inubit-list-tasks',
  server: 'inubit',
  reads: { lang: { label: 'language' }, query: { label: 'query parameters', variables: true } },
  setup: ({ RED, config, text }) => {
    // `emit`: `all` (also when missing) or `new`; only new tasks are judged per request: the same language and query.
    const outcomeOf = taskListOutcome(RED, config.emit, text);
    return async (msg, { lang, query }, client, call) => {
      const list = await client.listTasks(query as Record<string, unknown> | undefined, { ...call, lang });
      const outcome = outcomeOf(msg, JSON.stringify([lang ?? null, query ?? null]), list, {});
      // The list's total goes with each message, when the server gave one.
      for (const message of outcome.messages as Array<NodeMessage & { total?: number }>) {
        if (list.total === undefined) delete message.total;
        else message.total = list.total;
      }
      return outcome;
    };
  },
});
