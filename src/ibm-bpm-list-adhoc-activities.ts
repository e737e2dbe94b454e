import type { Node, NodeAPI, NodeDef, NodeMessage } from 'node-red';
import type { IbmBpmClient, ListFormat } from './lib/ibm-bpm-client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages } from './flow-node';

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
      // Clone the input once without its payload; each activity then gets a cheap copy of that:
      // a plain copy when every property is a primitive value (10,000 deep clones cost ~10 ms).
      const { payload: _payload, ...rest } = msg;
      const base = RED.util.cloneMessage(rest as NodeMessage);
      const flat = Object.values(base).every((value) => value === null || typeof value !== 'object');
      // Object.assign, not a spread: on Node.js 20 spread copies make Node-RED's delivery of each
      // message slower by a third.
      const copy = flat ? (): NodeMessage => Object.assign({}, base) : (): NodeMessage => RED.util.cloneMessage(base);
      const id = RED.util.generateId();
      const messages = activities.map((activity, index) => {
        const out = index === count - 1 ? base : copy();
        // The input's own parts (a list inside a sequence) nest inside, as this message's copy.
        const outer = out.parts;
        out.payload = activity;
        out.parts = { id, index, count, type: 'array', len: 1, ...(outer ? { parts: outer } : {}) } as NodeMessage['parts'];
        (out as NodeMessage & { instanceId: string }).instanceId = instanceId;
        return out;
      });
      return { messages, status: () => ({ fill: 'green', shape: 'dot', text: text('status.activities', { count }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, ListAdHocActivities);
};
