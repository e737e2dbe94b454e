import type { Node, NodeAPI, NodeDef, NodeMessage, NodeStatus } from 'node-red';
import type { InubitClient } from './lib/inubit-client';
import { LastAnswers } from './lib/last-answers';
import type { ServerConfigNode } from './server-config';
import { clientOf, oneMessagePerItem, propertyOf, serveMessages, variablesOf } from './flow-node';

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
    // Only new tasks: the ids of the last answer per request, for this deployment of the node.
    const lastAnswers = config.emit === 'new' ? new LastAnswers() : undefined;

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [lang, query] = await Promise.all([langOf(msg), queryOf(msg)]);
      const list = await client.listTasks(query as Record<string, unknown> | undefined, { ...call, lang });
      const all = list.tasks.length;
      let tasks = list.tasks;
      if (lastAnswers) {
        const fresh = lastAnswers.newOf(JSON.stringify([lang ?? null, query ?? null]), tasks.map((task) => String(task.id ?? '')));
        tasks = tasks.filter((_task, index) => fresh[index]);
      }
      const count = tasks.length;
      const status = (): NodeStatus =>
        lastAnswers ? { fill: count > 0 ? 'green' : 'grey', shape: 'dot', text: text('status.newOf', { count, total: all }) } :
        count > 0 ? { fill: 'green', shape: 'dot', text: text('status.tasks', { count }) } :
        { fill: 'grey', shape: 'dot', text: text('status.noTasks') };
      const messages = oneMessagePerItem(RED, msg, tasks, {});
      // Each message carries the id of its own task, so that get and submit nodes can follow.
      messages.forEach((message: NodeMessage & { taskId?: string; total?: number }, index) => {
        const id = tasks[index].id;
        if (id === undefined) delete message.taskId;
        else message.taskId = id;
        if (list.total === undefined) delete message.total;
        else message.total = list.total;
      });
      return { messages, status };
    }, text);
  }
  RED.nodes.registerType(TYPE, ListTasks);
};
