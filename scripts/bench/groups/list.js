'use strict';
// The list group: 10,000 ad-hoc activities of one process instance (ibm-bpm-list-adhoc-activities),
// in JSON and XML, against http request → change → split (and → xml → for XML) and our raw client.
const { SERVERS, XML_ACCEPT, ours, counter, httpRequest, change, xmlParse, split } = require('../nodes');

const IDS = {
  json: 'bench-list-json',
  xml: 'bench-list-xml',
  core: 'bench-list-core',
  coreXml: 'bench-list-core-xml',
  countJson: 'bench-count-list-json',
  countXml: 'bench-count-list-xml',
  countCore: 'bench-count-list-core',
  countCoreXml: 'bench-count-list-core-xml',
};

/** The process instance whose list both list flows read: the simulator's generated instance of that many activities. */
const instanceOf = (options) => `many-${options.activities}`;

function listNode(id, instanceId, format, wire, y) {
  return ours(id, 'ibm-bpm-list-adhoc-activities', { server: SERVERS.bpm, instanceId, instanceIdType: 'str', format }, 160, y, [[wire]]);
}

module.exports = {
  names: ['list'],
  types: ['ibm-bpm-list-adhoc-activities'],

  flows({ sim, options }) {
    const instanceId = instanceOf(options);
    const listUrl = `${sim.bpmUrl}/process/${encodeURIComponent(instanceId)}/adHocActivities`;
    return [
      listNode(IDS.json, instanceId, 'json', IDS.countJson, 100),
      counter(IDS.countJson, 400, 100),
      listNode(IDS.xml, instanceId, 'xml', IDS.countXml, 160),
      counter(IDS.countXml, 400, 160),
      httpRequest(IDS.core, {
        name: 'GET list',
        method: 'GET',
        ret: 'obj',
        url: listUrl,
        x: 140,
        y: 220,
        wires: [['bench-list-core-change']],
      }),
      change('bench-list-core-change', 'payload.data.activities', 300, 220, [['bench-list-core-split']]),
      split('bench-list-core-split', 440, 220, [[IDS.countCore]]),
      counter(IDS.countCore, 600, 220),
      // The same for XML, with the core xml node (xml2js: every element becomes an array).
      httpRequest(IDS.coreXml, {
        name: 'GET list (XML)',
        method: 'GET',
        ret: 'txt',
        url: listUrl,
        headers: [XML_ACCEPT],
        x: 140,
        y: 260,
        wires: [['bench-list-core-xml-parse']],
      }),
      xmlParse('bench-list-core-xml-parse', 280, 260, [['bench-list-core-xml-change']]),
      change('bench-list-core-xml-change', 'payload["bpm:ResponseData"].data[0].activities', 400, 260, [['bench-list-core-xml-split']]),
      split('bench-list-core-xml-split', 520, 260, [[IDS.countCoreXml]]),
      counter(IDS.countCoreXml, 660, 260),
    ];
  },

  scenarios({ options, run }) {
    const n = options.activities;
    const instanceId = instanceOf(options);
    // xml2js (the core xml node) makes every field an array: ['2118.…'].
    const isActivity = (msg) => (typeof msg.payload?.id === 'string' || Array.isArray(msg.payload?.id)) && msg.parts?.count === n;
    const rawActivities = (format) =>
      run.rawList(async () => (await run.bpmClient.listAdHocActivities(instanceId, format)).activities, n, 'activities');
    const list = `list ${n.toLocaleString('en-US')}`;
    return [
      {
        name: list,
        messages: n,
        variants: [
          {
            key: 'list-json',
            label: `${list}: ours (json)`,
            core: 'list-core',
            raw: 'list-raw-json',
            target: 1.5,
            memory: true,
            run: run.flow(IDS.json, IDS.countJson, n, isActivity, run.once),
          },
          {
            key: 'list-xml',
            label: `${list}: ours (xml)`,
            core: 'list-core',
            xmlCore: 'list-core-xml',
            raw: 'list-raw-xml',
            target: 1.5,
            memory: true,
            run: run.flow(IDS.xml, IDS.countXml, n, isActivity, run.once),
          },
          {
            key: 'list-core',
            label: `${list}: core http request → change → split`,
            memory: true,
            run: run.flow(IDS.core, IDS.countCore, n, isActivity, run.once),
          },
          {
            key: 'list-core-xml',
            label: `${list}: core, xml: http request → xml → change → split`,
            memory: true,
            run: run.flow(IDS.coreXml, IDS.countCoreXml, n, isActivity, run.once),
          },
          { key: 'list-raw-json', label: `${list}: raw client, no Node-RED (json)`, run: rawActivities('json') },
          { key: 'list-raw-xml', label: `${list}: raw client, no Node-RED (xml)`, run: rawActivities('xml') },
        ],
      },
    ];
  },
};
