import type { Node, NodeAPI, NodeDef } from 'node-red';
import type { InubitClient } from './lib/inubit/client';
import { isWholeForm } from './lib/inubit/submit-body';
import type { ServerConfigNode } from './server-config';
import { clientOf, propertyOf, serveMessages, taskIdProperty, variablesOf } from './flow-node';

interface SubmitTaskDef extends NodeDef {
  server: string;
  taskId?: string;
  taskIdType?: string;
  fields?: string;
  fieldsType?: string;
  submitter?: string;
  submitterType?: string;
  lang?: string;
  langType?: string;
}

const TYPE = 'inubit-submit-task';

export = (RED: NodeAPI): void => {
  function SubmitTask(this: Node, config: SubmitTaskDef): void {
    RED.nodes.createNode(this, config);
    const server = RED.nodes.getNode(config.server) as ServerConfigNode<InubitClient> | null;
    const text = (key: string, values?: Record<string, string | number>): string => RED._(`${TYPE}.${key}`, values);

    const taskIdOf = taskIdProperty(RED, this, config.taskId, config.taskIdType);
    const fieldsOf = variablesOf(RED, this, config.fields, config.fieldsType, 'form fields', isWholeForm);
    // Without a saved submitter, the argument inubit's form designer gives its buttons: submit(value).
    const submitterOf = config.submitterType
      ? propertyOf(RED, this, config.submitter, config.submitterType, 'submitter')
      : propertyOf(RED, this, config.submitter ?? 'value', 'str', 'submitter');
    const langOf = propertyOf(RED, this, config.lang, config.langType, 'language');

    serveMessages(this, async (msg, call) => {
      const client = clientOf(server, 'inubit');
      const [taskId, fields, submitter, lang] = await Promise.all([taskIdOf(msg), fieldsOf(msg), submitterOf(msg), langOf(msg)]);
      const result = await client.submitTask(taskId, fields, submitter, { ...call, lang });
      const out = msg as typeof msg & { taskId: string; nextTaskId?: string; statusCode: number };
      out.payload = result.nextTaskId;
      if (result.nextTaskId === null) delete out.nextTaskId;
      else out.nextTaskId = result.nextTaskId;
      out.taskId = result.taskId;
      out.statusCode = result.statusCode;
      const next = result.nextTaskId;
      const shown = (): string => (next === null ? text('status.submitted') : text('status.nextTask', { taskId: next }));
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: shown() }) };
    }, text);
  }
  RED.nodes.registerType(TYPE, SubmitTask);
};
