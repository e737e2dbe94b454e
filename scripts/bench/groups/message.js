'use strict';
// The message group: 2,000 IBM BPM event messages (ibm-bpm-send-message, POST with a form body)
// with parameters from msg.parameters, against template → change → http request POST, our raw
// client and a bare axios loop.
const { SERVERS, JSON_ACCEPT, contentType, ours, counter, httpRequest, changeNode, template } = require('../nodes');
const { PROCESS_APP } = require('../../../test/simulator/ibm-bpm-process-fixtures');

const IDS = { ours: 'bench-message', core: 'bench-message-core', count: 'bench-count-message', countCore: 'bench-count-message-core' };
/** The event both flows send: to the simulator's process app, an event no UCA takes (the server only accepts it). */
const EVENT = { processApp: PROCESS_APP.processAppAcronym, event: 'PARCEL_DELIVERED' };
/** The parameters sent from msg.parameters, in the order the core flow's template writes them. */
const EVENT_PARAMETERS = ['orderNumber', 'amount', 'delivered', 'note'];

/** The event message's XML, each value in CDATA: `value(name)` writes the value of parameter `name`. */
const eventXml = (value) =>
  `<eventmsg><event processApp="${EVENT.processApp}">${EVENT.event}</event><parameters>` +
  EVENT_PARAMETERS.map((name) => `<parameter><key>${name}</key><value><![CDATA[${value(name)}]]></value></parameter>`).join('') +
  '</parameters></eventmsg>';

module.exports = {
  names: ['message'],
  types: ['ibm-bpm-send-message'],

  // Ours, and the core flow: a template node writes the same XML, a change node makes the form body
  // an object (JSONata), and http request POSTs it form-encoded: the message never travels in the URL.
  flows({ sim }) {
    return [
      ours(
        IDS.ours,
        'ibm-bpm-send-message',
        {
          server: SERVERS.bpm,
          processApp: EVENT.processApp,
          processAppType: 'str',
          event: EVENT.event,
          eventType: 'str',
          ucaName: '',
          ucaNameType: 'str',
          snapshot: '',
          snapshotType: 'str',
          parameters: 'parameters',
          parametersType: 'msg',
        },
        160,
        1020,
        [[IDS.count]],
      ),
      counter(IDS.count, 400, 1020),
      template(
        IDS.core,
        'event message XML',
        'message',
        eventXml((name) => `{{{parameters.${name}}}}`),
        140,
        1080,
        [['bench-message-core-form']],
      ),
      changeNode(
        'bench-message-core-form',
        'form body',
        [{ t: 'set', p: 'payload', pt: 'msg', to: '{"action": "sendMessage", "message": message}', tot: 'jsonata' }],
        300,
        1080,
        [['bench-message-core-post']],
      ),
      httpRequest('bench-message-core-post', {
        name: 'POST message',
        method: 'POST',
        ret: 'txt',
        url: `${sim.bpmUrl}/process`,
        headers: [contentType('application/x-www-form-urlencoded'), JSON_ACCEPT],
        x: 460,
        y: 1080,
        wires: [[IDS.countCore]],
      }),
      counter(IDS.countCore, 620, 1080),
    ];
  },

  scenarios({ sim, options, run }) {
    const count = options.messages;
    // Four parameters, the note with characters that XML and the form body must carry.
    const eventParameters = (seq) => ({
      orderNumber: `ORD-${seq + 1}`,
      amount: 12.5 + seq,
      delivered: seq % 2 === 0,
      note: `Signed by "Anna" & left <at the door> ${seq + 1}`,
    });
    const messageMessages = () => Array.from({ length: count }, (_, seq) => ({ parameters: eventParameters(seq) }));
    // Ours passes the message on with statusCode 200; the core node (ret txt) as well, with the answer in msg.payload.
    const isSent = (msg) => msg.statusCode === 200 && typeof msg.parameters?.orderNumber === 'string';
    const messages = `send ${count.toLocaleString('en-US')} event messages`;
    return [
      {
        name: messages,
        messages: count,
        variants: [
          {
            key: 'message-ours',
            label: `${messages}: ours (maxConcurrent 8)`,
            core: 'message-core',
            raw: 'message-raw',
            axios: 'message-axios',
            target: 1.5,
            axiosTarget: 1.25,
            run: run.flow(IDS.ours, IDS.count, count, isSent, messageMessages),
          },
          {
            key: 'message-core',
            label: `${messages}: core template → change → http request POST (keep-alive)`,
            run: run.flow(IDS.core, IDS.countCore, count, isSent, messageMessages),
          },
          {
            key: 'message-raw',
            label: `${messages}: raw client loop (maxConcurrent 8)`,
            axios: 'message-axios',
            run: run.rawCalls(
              messageMessages,
              (msg) => run.bpmClient.sendMessage({ ...EVENT, parameters: msg.parameters }),
              (result) => result.statusCode === 200,
              'no 200',
            ),
          },
          {
            key: 'message-axios',
            label: `${messages}: bare axios, 8 at a time (limit)`,
            core: 'message-core',
            // The XML written by string concatenation, as a client without our node must; in a form body as ours sends it.
            run: run.axiosLoop(
              messageMessages,
              (msg) =>
                run.bareAxios.post(
                  `${sim.bpmUrl}/process`,
                  `action=sendMessage&message=${encodeURIComponent(eventXml((name) => msg.parameters[name]))}`,
                  { headers: run.formHeaders },
                ),
              (response) => response?.status === 200,
              'no 200',
            ),
          },
        ],
      },
    ];
  },

  note: () =>
    'Event messages: each sends msg.parameters (four, the note with characters XML and forms must carry) as <eventmsg> XML, each value in CDATA, ' +
    'in the form body action=sendMessage&message=…; the core flow writes the XML in a mustache template node and the form body as an object in a change node (JSONata), ' +
    'the bare axios loop by string concatenation. The event is one no UCA takes: the simulator accepts it and changes nothing.',
};
