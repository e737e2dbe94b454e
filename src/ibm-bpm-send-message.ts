import type { IbmBpmClient } from './lib/ibm-bpm/client';
import { flowNodeType } from './flow-node';

export = flowNodeType<IbmBpmClient, 'processApp' | 'event' | 'ucaName' | 'snapshot' | 'parameters'>({
  type: 'ibm-bpm-send-message',
  server: 'IBM BPM',
  changes: { label: 'send message', what: 'the event message', done: 'sent', subject: 'event' },
  reads: {
    processApp: { label: 'process app acronym' },
    event: { label: 'event name' },
    ucaName: { label: 'UCA name' },
    snapshot: { label: 'snapshot' },
    parameters: { label: 'parameters', variables: true },
  },
  setup:
    ({ text }) =>
    async (msg, { processApp, event, ucaName, snapshot, parameters }, client, call) => {
      const sent = await client.sendMessage({ processApp, event, ucaName, snapshot, parameters }, call);
      const out = msg as typeof msg & { statusCode: number };
      out.statusCode = sent.statusCode;
      const name = sent.event;
      return { messages: [out], status: () => ({ fill: 'green', shape: 'dot', text: text('status.sent', { event: name }) }) };
    },
});
