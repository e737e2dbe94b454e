import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { IbmBpmClient, ListFormat } from './lib/ibm-bpm/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, oneMessagePerItem, propertyOf, serveMessages } from './flow-node';

interface ListAdHocActivitiesDef extends NodeDef {
  server: string;
  instanceId: string;
  instanceIdType: string;
  format: string;
}

const TYPE = 'ibm-bpm-list-adhoc-activities';

export = (RED: NodeAPI): void => {
  function ListAdHocActivities(this: Node, config: ListAdHocActivitiesDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<IbmBpmClient> | null;
    const format: ListFormat = config.format === 'xml' ? 'xml' : 'json';
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const instanceIdOf = propertyOf(RED, this, config.instanceId, config.instanceIdType, 'process instance id');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'IBM BPM');
      const value = await instanceIdOf(msg);
      const { instanceId, activities } = await client.listAdHocActivities(value, format, call);
      const count = activities.length;
      if (count === 0) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noActivities') }) };
      }
      const messages = oneMessagePerItem(RED, msg, activities, { instanceId });
      return { messages, status: () => ({ fill: 'green', shape: 'dot', text: text('status.activities', { count }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, ListAdHocActivities);
};
