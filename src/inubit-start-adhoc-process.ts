import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { InubitClient } from './lib/inubit/client';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages } from './flow-node';

interface StartAdHocProcessDef extends NodeDef {
  server: string;
  user: string;
  userType: string;
  starterId: string;
  starterIdType: string;
  /** Missing in flows saved before it existed: then no language is sent. */
  lang?: string;
  langType?: string;
}

const TYPE = 'inubit-start-adhoc-process';

export = (RED: NodeAPI): void => {
  function StartAdHocProcess(this: Node, config: StartAdHocProcessDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<InubitClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const userOf = propertyOf(RED, this, config.user, config.userType, 'user');
    const starterIdOf = propertyOf(RED, this, config.starterId, config.starterIdType, 'ad-hoc starter id');
    const langOf = propertyOf(RED, this, config.lang, config.langType, 'language');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [user, starterId, lang] = await Promise.all([userOf(msg), starterIdOf(msg), langOf(msg)]);
      const result = await client.startAdHocProcess(user, starterId, { ...call, lang });
      if (result.taskId === null) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noTask') }) };
      }
      const taskId = result.taskId;
      const out = msg as typeof msg & { taskId: string; statusCode: number };
      out.payload = taskId;
      out.taskId = taskId;
      out.statusCode = result.statusCode;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.started', { taskId }) }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, StartAdHocProcess);
};
