import type { Node, NodeAPI, NodeDef, NodeMessage, NodeStatus } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm-client';
import { isOpenTask, taskIdOf } from './lib/ibm-bpm-documents';
import { LastAnswers } from './lib/last-answers';
import type { ServerConfigNode } from './server-config';
import { clientOf, oneMessagePerItem, propertyOf, serveMessages } from './flow-node';

interface ListTasksDef extends NodeDef {
  server: string;
  instanceId?: string;
  instanceIdType?: string;
  /** `open` (also when missing) or `all`. */
  state?: string;
  /** `all` (also when missing) or `new`. */
  emit?: string;
}

const TYPE = 'ibm-bpm-list-tasks';

export = (RED: NodeAPI): void => {
  function ListTasks(this: Node, config: ListTasksDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    // Without a saved instance id, the payload: an instance id that comes as the message.
    const instanceIdOf = config.instanceIdType
      ? propertyOf(RED, this, config.instanceId, config.instanceIdType, 'process instance id')
      : propertyOf(RED, this, config.instanceId || 'payload', 'msg', 'process instance id');
    const openOnly = config.state !== 'all';
    // Only new tasks: the ids of the last answer per instance, for this deployment of the node.
    const lastAnswers = config.emit === 'new' ? new LastAnswers() : undefined;

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const list = await client.listTasks(await instanceIdOf(msg), call);
      let tasks = openOnly ? list.tasks.filter(isOpenTask) : list.tasks;
      const all = tasks.length;
      if (lastAnswers) {
        const fresh = lastAnswers.newOf(list.instanceId, tasks.map((task) => taskIdOf(task) ?? ''));
        tasks = tasks.filter((_task, index) => fresh[index]);
      }
      const count = tasks.length;
      const status = (): NodeStatus =>
        lastAnswers ? { fill: count > 0 ? 'green' : 'grey', shape: 'dot', text: text('status.newOf', { count, total: all }) } :
        count > 0 ? { fill: 'green', shape: 'dot', text: text('status.tasks', { count }) } :
        { fill: 'grey', shape: 'dot', text: text('status.noTasks') };
      const messages = oneMessagePerItem(RED, msg, tasks, { instanceId: list.instanceId });
      // Each message carries the id of its own task, so that get and complete nodes can follow.
      messages.forEach((message: NodeMessage & { taskId?: string }, index) => {
        const id = taskIdOf(tasks[index]);
        if (id === undefined) delete message.taskId;
        else message.taskId = id;
      });
      return { messages, status };
    }, text);
  }
  RED.nodes.registerType(TYPE, ListTasks);
};
