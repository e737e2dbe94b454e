import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType } from './flow-node';
import { oneMessagePerItem } from './list-messages';

export = flowNodeType<IbmBpmClient, 'instanceId'>({
  type: 'ibm-bpm-list-adhoc-activities',
  server: 'IBM BPM',
  reads: { instanceId: { label: 'process instance id' } },
  setup: ({ RED, config, text }) => {
    const format = config.format === 'xml' ? 'xml' : 'json';
    return async (msg, values, client, call) => {
      const { instanceId, activities } = await client.listAdHocActivities(values.instanceId, format, call);
      const count = activities.length;
      if (count === 0) {
        return { messages: [], status: () => ({ fill: 'grey', shape: 'dot', text: text('status.noActivities') }) };
      }
      const messages = oneMessagePerItem(RED, msg, activities, { instanceId });
      return { messages, status: () => ({ fill: 'green', shape: 'dot', text: text('status.activities', { count }) }) };
    };
  },
});
