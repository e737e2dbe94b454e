import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient } from './lib/ibm-bpm/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages } from './flow-node';

interface StartAdHocActivityDef extends NodeDef {
  server: string;
  activityId?: string;
  activityIdType?: string;
  assignTo?: string;
  assignToType?: string;
}

const TYPE = 'ibm-bpm-start-adhoc-activity';

export = (RED: NodeAPI): void => {
  function StartAdHocActivity(this: Node, config: StartAdHocActivityDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    // Without a saved activity id, the id of a listed activity: msg.payload.id.
    const activityIdOf = config.activityIdType
      ? propertyOf(RED, this, config.activityId, config.activityIdType, 'activity id')
      : propertyOf(RED, this, config.activityId || 'payload.id', 'msg', 'activity id');
    const assignToOf = propertyOf(RED, this, config.assignTo, config.assignToType, 'user to assign to');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const [activityId, assignTo] = await Promise.all([activityIdOf(msg), assignToOf(msg)]);
      const started = await client.startAdHocActivity(activityId, assignTo, call);
      const { activity } = started;
      const out = msg as typeof msg & { activityId: string; taskId?: string; statusCode: number };
      out.payload = activity;
      out.activityId = started.activityId;
      const taskId = activity.taskId;
      const hasTask = taskId !== null && taskId !== undefined;
      if (hasTask) out.taskId = taskId;
      else delete out.taskId;
      out.statusCode = started.statusCode;
      const shown = (): string =>
        hasTask
          ? text('status.startedTask', { taskId: String(taskId) })
          : text('status.started', { name: typeof activity.name === 'string' ? activity.name : started.activityId });
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: shown() }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, StartAdHocActivity);
};
