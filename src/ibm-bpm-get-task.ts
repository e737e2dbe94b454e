import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { taskName } from './lib/ibm-bpm/documents';
import type { ServerConfigNode } from './server-config';
import { clientOf, serveMessages, taskIdProperty } from './flow-node';

interface GetTaskDef extends NodeDef {
  server: string;
  taskId?: string;
  taskIdType?: string;
}

const TYPE = 'ibm-bpm-get-task';

export = (RED: NodeAPI): void => {
  function GetTask(this: Node, config: GetTaskDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const taskIdOf = taskIdProperty(RED, this, config.taskId, config.taskIdType);

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const read = await client.getTask(await taskIdOf(msg), call);
      const out = msg as typeof msg & { taskId: string };
      out.payload = read.task;
      out.taskId = read.taskId;
      const name = taskName(read.task, read.taskId);
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.task', { name }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, GetTask);
};

