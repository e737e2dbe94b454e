import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages, variablesOf } from './flow-node';

interface StartProcessDef extends NodeDef {
  server: string;
  bpdId?: string;
  bpdIdType?: string;
  processAppId?: string;
  processAppIdType?: string;
  snapshotId?: string;
  snapshotIdType?: string;
  variables?: string;
  variablesType?: string;
}

const TYPE = 'ibm-bpm-start-process';

export = (RED: NodeAPI): void => {
  function StartProcess(this: Node, config: StartProcessDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const bpdIdOf = propertyOf(RED, this, config.bpdId, config.bpdIdType, 'process id (bpdId)');
    const processAppIdOf = propertyOf(RED, this, config.processAppId, config.processAppIdType, 'process app id');
    const snapshotIdOf = propertyOf(RED, this, config.snapshotId, config.snapshotIdType, 'snapshot id');
    const variablesOfMsg = variablesOf(RED, this, config.variables, config.variablesType, 'input variables');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const [bpdId, processAppId, snapshotId, variables] = await Promise.all([bpdIdOf(msg), processAppIdOf(msg), snapshotIdOf(msg), variablesOfMsg(msg)]);
      const started = await client.startProcess({ bpdId, processAppId, snapshotId }, variables, call);
      const out = msg as typeof msg & { instanceId: string; taskId?: string; statusCode: number };
      out.payload = started.instance;
      out.instanceId = started.instanceId;
      if (started.taskId === undefined) delete out.taskId;
      else out.taskId = started.taskId;
      out.statusCode = started.statusCode;
      const { instanceId, taskId } = started;
      const shown = (): string => (taskId === undefined ? text('status.started', { instanceId }) : text('status.startedTask', { instanceId, taskId }));
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: shown() }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, StartProcess);
};
