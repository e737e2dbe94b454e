import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'bpdId' | 'processAppId' | 'snapshotId' | 'variables'>({
  type: 'ibm-bpm-start-process',
  server: 'IBM BPM',
  changes: { label: 'start process', what: 'the process', done: 'started', subject: 'bpdId' },
  reads: {
    bpdId: { label: 'process id (bpdId)' },
    processAppId: { label: 'process app id' },
    snapshotId: { label: 'snapshot id' },
    variables: { label: 'input variables', variables: true },
  },
  setup:
    ({ text }) =>
    async (msg, { bpdId, processAppId, snapshotId, variables }, client, call) => {
      const started = await client.startProcess({ bpdId, processAppId, snapshotId }, variables, call);
      const out = msg as typeof msg & { instanceId: string; taskId?: string; statusCode: number };
      out.payload = started.instance;
      out.instanceId = started.instanceId;
      if (started.taskId === undefined) delete out.taskId;
      else out.taskId = started.taskId;
      out.statusCode = started.statusCode;
      const { instanceId, taskId } = started;
      const shown = (): string =>
        taskId === undefined ? text('status.started', { instanceId }) : text('status.startedTask', { instanceId, taskId });
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: shown() }) };
    },
});
