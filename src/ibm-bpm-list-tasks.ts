import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient, WleTask } from './lib/ibm-bpm/client';
import { isOpenTask, taskIdOf } from './lib/ibm-bpm/documents';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages, taskListOutcome } from './flow-node';

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
    // Only new tasks are judged per instance.
    const outcomeOf = taskListOutcome<WleTask>(RED, config.emit, taskIdOf, text);

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const list = await client.listTasks(await instanceIdOf(msg), call);
      const tasks = openOnly ? list.tasks.filter(isOpenTask) : list.tasks;
      return outcomeOf(msg, list.instanceId, tasks, { instanceId: list.instanceId });
    }, text);
  }
  RED.nodes.registerType(TYPE, ListTasks);
};
