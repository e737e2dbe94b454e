'use strict';
// The status texts as Node-RED's i18next renders them from our catalogues (Node-RED 3.1 ships
// i18next 21, Node-RED 4 and 5 a newer one; both choose `_one` for a count of 1).
const path = require('path');
require('should');

const root = path.join(__dirname, '..', '..');
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
