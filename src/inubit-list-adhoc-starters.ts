import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { InubitClient } from './lib/inubit/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, oneMessagePerItem, propertyOf, serveMessages } from './flow-node';

interface ListAdHocStartersDef extends NodeDef {
  server: string;
  user: string;
  userType: string;
  lang?: string;
  langType?: string;
}

const TYPE = 'inubit-list-adhoc-starters';

export = (RED: NodeAPI): void => {
  function ListAdHocStarters(this: Node, config: ListAdHocStartersDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<InubitClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const userOf = propertyOf(RED, this, config.user, config.userType, 'user');
    const langOf = propertyOf(RED, this, config.lang, config.langType, 'language');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [user, lang] = await Promise.all([userOf(msg), langOf(msg)]);
      const result = await client.listAdHocStarters(user, { ...call, lang });
      const count = result.starters.length;
      if (count === 0) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noStarters') }) };
      }
      // msg.user, so that a start node with User = msg.user starts the starter each message carries.
      const messages = oneMessagePerItem(RED, msg, result.starters, { user: result.user });
      return { messages, status: () => ({ fill: 'green', shape: 'dot', text: text('status.starters', { count }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, ListAdHocStarters);
};
