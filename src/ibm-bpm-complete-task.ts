import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, serveMessages, taskIdProperty, variablesOf } from './flow-node';

interface CompleteTaskDef extends NodeDef {
  server: string;
  taskId?: string;
  taskIdType?: string;
  variables?: string;
  variablesType?: string;
  /** Claim the task before finishing it: true (also when missing) or false. */
  claim?: boolean | string;
}

const TYPE = 'ibm-bpm-complete-task';

export = (RED: NodeAPI): void => {
  function CompleteTask(this: Node, config: CompleteTaskDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const taskIdOf = taskIdProperty(RED, this, config.taskId, config.taskIdType);
    const variablesOfMsg = variablesOf(RED, this, config.variables, config.variablesType, 'output variables');
    const claim = config.claim !== false && config.claim !== 'false';

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const [taskId, variables] = await Promise.all([taskIdOf(msg), variablesOfMsg(msg)]);
      const completed = await client.completeTask(taskId, variables, { ...call, claim });
      const out = msg as typeof msg & { taskId: string; statusCode: number };
      out.payload = completed.task;
      out.taskId = completed.taskId;
      out.statusCode = completed.statusCode;
      const id = completed.taskId;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.completed', { taskId: id }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, CompleteTask);
};
