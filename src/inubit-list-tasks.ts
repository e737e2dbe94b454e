import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import type { InubitClient, Task } from './lib/inubit/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages, taskListOutcome, variablesOf } from './flow-node';

interface ListTasksDef extends NodeDef {
  server: string;
  lang?: string;
  langType?: string;
  query?: string;
  queryType?: string;
  /** `all` (also when missing) or `new`. */
  emit?: string;
}

const TYPE = 'inubit-list-tasks';

export = (RED: NodeAPI): void => {
  function ListTasks(this: Node, config: ListTasksDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<InubitClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const langOf = propertyOf(RED, this, config.lang, config.langType, 'language');
    const queryOf = variablesOf(RED, this, config.query, config.queryType, 'query parameters');
    // Only new tasks are judged per request: the same language and query.
    const outcomeOf = taskListOutcome<Task>(RED, config.emit, (task) => task.id, text);

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [lang, query] = await Promise.all([langOf(msg), queryOf(msg)]);
      const list = await client.listTasks(query as Record<string, unknown> | undefined, { ...call, lang });
      const outcome = outcomeOf(msg, JSON.stringify([lang ?? null, query ?? null]), list.tasks, {});
      // The list's total goes with each message, when the server gave one.
      for (const message of outcome.messages as Array<NodeMessage & { total?: number }>) {
        if (list.total === undefined) delete message.total;
        else message.total = list.total;
      }
      return outcome;
    }, text);
  }
  RED.nodes.registerType(TYPE, ListTasks);
};
