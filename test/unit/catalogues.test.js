'use strict';
// The status texts as Node-RED's i18next renders them from our catalogues (Node-RED 3.1 ships
// i18next 21, Node-RED 4 and 5 a newer one; both choose `_one` for a count of 1).
const path = require('path');
require('should');

const root = path.join(__dirname, '..', '..');
const { SERVER_KINDS } = require('../../nodes/lib/server-facts');
const versions = [
  ['Node-RED 4/5', 'i18next'],
  ['Node-RED 3.1', path.join(root, 'node_modules', 'node-red-3', 'node_modules', 'i18next')],
];

describe('message catalogues', function () {
  for (const [runtime, modulePath] of versions) {
    for (const lang of ['en-US', 'de']) {
      it(`${runtime}, ${lang}: the list status says 1 activity, N activities, 0 activities`, async function () {
        const i18next = require(modulePath);
        const instance = i18next.createInstance();
        const catalogue = require(path.join(root, 'nodes', 'locales', lang, 'ibm-bpm-list-adhoc-activities.json'));
        await instance.init({ lng: lang, resources: { [lang]: { translation: catalogue } }, interpolation: { prefix: '__', suffix: '__', escapeValue: false }, showSupportNotice: false });
        const t = (key, options) => instance.t(`ibm-bpm-list-adhoc-activities.${key}`, options);
        const words = lang === 'de' ? ['Aktivität', 'Aktivitäten'] : ['activity', 'activities'];
        t('status.activities', { count: 1 }).should.equal(`1 ${words[0]}`);
        t('status.activities', { count: 3 }).should.equal(`3 ${words[1]}`);
        t('status.noActivities').should.equal(`0 ${words[1]}`);
      });
    }
  }
});

// The config dialogs (README, "Config nodes" and "Connecting to your server"): each kind of authentication a dialog offers, and each
// result of Test connection, has its words in both languages.
describe('catalogues of the config dialogs', function () {
  const fs = require('fs');
  const RESULTS = ['reachable', 'unauthorized', 'login', 'unreachable', 'maintenance', 'error'];
  const keysOf = (object, prefix = '') => Object.entries(object).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`]);
  const lookUp = (catalogue, key) => key.split('.').reduce((value, part) => (value ? value[part] : undefined), catalogue);

  for (const type of ['inubit-server', 'ibm-bpm-server']) {
    const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
    const kinds = SERVER_KINDS[type].authTypes;
    const catalogues = Object.fromEntries(['en-US', 'de'].map((lang) => [lang, require(path.join(root, 'nodes', 'locales', lang, `${type}.json`))]));

    it(`${type}: en-US and de have the same keys`, function () {
      keysOf(catalogues.de).sort().should.eql(keysOf(catalogues['en-US']).sort());
    });

    for (const lang of ['en-US', 'de']) {
      it(`${type}, ${lang}: a label and a tip for each kind of authentication, and the words of every field and result`, function () {
        const catalogue = catalogues[lang];
        const used = [
          ...kinds.flatMap((kind) => [`authType.${kind}`, `tip.authType.${kind}`]),
          ...RESULTS.map((result) => `test.result.${result}`),
          ...['authType', 'username', 'password', 'token', 'tls', 'timeout', 'retries', 'maxConcurrent'].map((name) => `label.${name}`),
          ...(kinds.includes('zenApiKey') ? ['label.apiKey'] : []),
          // The server's own rows, as its template names them.
          ...Array.from(html.matchAll(/data-i18n="(?:\[\w+\])?([^"]+)"/g), (match) => match[1].slice(type.length + 1)),
        ];
        used.filter((key) => typeof lookUp(catalogue[type], key) !== 'string' || lookUp(catalogue[type], key) === '').should.eql([]);
      });
    }
  }
});
