import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { InubitClient } from './lib/inubit/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages, taskIdProperty } from './flow-node';

interface GetTaskDef extends NodeDef {
  server: string;
  taskId?: string;
  taskIdType?: string;
  lang?: string;
  langType?: string;
  /** Also read the task's form into msg.form. */
  form?: boolean | string;
}

const TYPE = 'inubit-get-task';

export = (RED: NodeAPI): void => {
  function GetTask(this: Node, config: GetTaskDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<InubitClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const taskIdOf = taskIdProperty(RED, this, config.taskId, config.taskIdType);
    const langOf = propertyOf(RED, this, config.lang, config.langType, 'language');
    const withForm = config.form === true || config.form === 'true';

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [taskId, lang] = await Promise.all([taskIdOf(msg), langOf(msg)]);
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
    }, text);
  }
  RED.nodes.registerType(TYPE, GetTask);
};
