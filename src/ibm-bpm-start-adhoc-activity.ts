import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'activityId' | 'assignTo'>({
  type: 'ibm-bpm-start-adhoc-activity',
  server: 'IBM BPM',
  changes: { label: 'start ad-hoc activity', what: 'the ad-hoc activity', done: 'started', subject: 'activityId' },
  reads: {
    // Without a saved activity id, the id of a listed activity: msg.payload.id.
    activityId: { label: 'activity id', fallback: ['payload.id', 'msg'] },
    assignTo: { label: 'user to assign to' },
  },
  setup:
    ({ text }) =>
    async (msg, { activityId, assignTo }, client, call) => {
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
    },
});
