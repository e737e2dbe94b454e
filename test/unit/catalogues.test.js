'use strict';
// The status texts as Node-RED's i18next renders them from our catalogues (Node-RED 3.1 ships
// i18next 21, Node-RED 4 and 5 a newer one; both choose `_one` for a count of 1).
const fs = require('fs');
const path = require('path');
require('should');

const root = path.join(__dirname, '..', '..');
const { SERVER_KINDS } = require('../../nodes/lib/server-facts');
const { CONFIG_TYPES, FLOW_TYPES } = require('../support/node-types');
const { NODE_KINDS } = require('../support/node-kinds');
const versions = [
  ['Node-RED 4/5', 'i18next'],
  ['Node-RED 3.1', path.join(root, 'node_modules', 'node-red-3', 'node_modules', 'i18next')],
];

// Every key of a catalogue, as dotted paths; the text under a dotted key.
const keysOf = (object, prefix = '') =>
  Object.entries(object).flatMap(([key, value]) =>
    value && typeof value === 'object' ? keysOf(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
const lookUp = (catalogue, key) => key.split('.').reduce((value, part) => (value ? value[part] : undefined), catalogue);

describe('message catalogues', function () {
  // The list nodes' status: the rows of the node kinds that count what they sent (`counted`).
  const counting = NODE_KINDS.filter((kind) => kind.counted);
  const NEW_OF = { 'en-US': '1 new of 3', de: '1 neu von 3' };

  for (const [runtime, modulePath] of versions) {
    for (const lang of ['en-US', 'de']) {
      for (const {
        type,
        counted: { key, none, words },
      } of counting) {
        it(`${runtime}, ${lang}: the ${type} status says 1 ${words[lang][0]}, N ${words[lang][1]}, 0 ${words[lang][1]}`, async function () {
          const t = await translator(modulePath, lang, type);
          t(`status.${key}`, { count: 1 }).should.equal(`1 ${words[lang][0]}`);
          t(`status.${key}`, { count: 3 }).should.equal(`3 ${words[lang][1]}`);
          t(`status.${none}`).should.equal(`0 ${words[lang][1]}`);
        });
      }

      for (const { type } of counting.filter((kind) => kind.counted.newOf)) {
        it(`${runtime}, ${lang}: the ${type} status of only new tasks says N new of M, also for 1`, async function () {
          const t = await translator(modulePath, lang, type);
          t('status.newOf', { count: 1, total: 3 }).should.equal(NEW_OF[lang]);
        });
      }
    }
  }

  async function translator(modulePath, lang, type) {
    const i18next = require(modulePath);
    const instance = i18next.createInstance();
    const catalogue = require(path.join(root, 'nodes', 'locales', lang, `${type}.json`));
    await instance.init({
      lng: lang,
      resources: { [lang]: { translation: catalogue } },
      interpolation: { prefix: '__', suffix: '__', escapeValue: false },
      showSupportNotice: false,
    });
    return (key, options) => instance.t(`${type}.${key}`, options);
  }
});

// The config dialogs (README, "Config nodes" and "Connecting to your server"): each kind of authentication a dialog offers, and each
// result of Test connection, has its words in both languages.
describe('catalogues of the config dialogs', function () {
  const RESULTS = ['reachable', 'unauthorized', 'login', 'unreachable', 'maintenance', 'error'];

  for (const type of CONFIG_TYPES) {
    const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
    const kinds = SERVER_KINDS[type].authTypes;
    const catalogues = Object.fromEntries(
      ['en-US', 'de'].map((lang) => [lang, require(path.join(root, 'nodes', 'locales', lang, `${type}.json`))]),
    );

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

// The flow nodes' dialogs: both languages have the same words, and every word a dialog names.
describe('catalogues of the flow nodes', function () {
  for (const type of FLOW_TYPES) {
    const catalogues = Object.fromEntries(
      ['en-US', 'de'].map((lang) => [lang, require(path.join(root, 'nodes', 'locales', lang, `${type}.json`))]),
    );

    it(`${type}: en-US and de have the same keys, and the words of the palette, label and ports`, function () {
      keysOf(catalogues.de).sort().should.eql(keysOf(catalogues['en-US']).sort());
      for (const lang of ['en-US', 'de']) {
        ['paletteLabel', 'nodeLabel.default', 'inputLabel', 'outputLabel']
          .filter((key) => typeof lookUp(catalogues[lang][type], key) !== 'string')
          .should.eql([], lang);
      }
    });

    it(`${type}: every word its dialog names is in both catalogues`, function () {
      const html = fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8');
      const named = Array.from(html.matchAll(/data-i18n="(?:\[\w+\])?([^"]+)"/g), (match) => match[1]);
      named.should.not.be.empty();
      for (const lang of ['en-US', 'de']) {
        named
          .filter((key) => typeof lookUp(catalogues[lang], key) !== 'string' || lookUp(catalogues[lang], key) === '')
          .should.eql([], lang);
      }
    });
  }
});

// The help of the task nodes (README, "Nodes"), in both languages: Node-RED's sections and the
// message properties each node reads and sets. The error codes each help lists: help.test.js.
describe('help of the task nodes', function () {
  const SECTIONS = {
    'en-US': ['Inputs', 'Outputs', 'Details', 'References'],
    de: ['Eingangsdaten', 'Ausgangsdaten', 'Details', 'Referenzen'],
  };
  // Per node: the msg properties its help names, and further words it must explain (`help` of its row).
  const helped = NODE_KINDS.filter((kind) => kind.help && kind.help.properties);

  for (const {
    type,
    help: { properties: fields, words },
  } of helped) {
    for (const lang of ['en-US', 'de']) {
      it(`${type}, ${lang}: a tooltip first, Node-RED's sections and its message properties`, function () {
        const help = fs.readFileSync(path.join(root, 'nodes', 'locales', lang, `${type}.html`), 'utf8');
        help.should.match(new RegExp(`^<script type="text/html" data-help-name="${type}">\\s*<p>[^<]`));
        const sections = Array.from(help.matchAll(/<h3>([^<]+)<\/h3>/g), (match) => match[1]);
        sections.should.containDeep(SECTIONS[lang]);
        help.match(/<dl class="message-properties">/g).length.should.be.above(2);
        const named = Array.from(help.matchAll(/<dt[^>]*>([\w.]+) <span class="property-type">/g), (match) => match[1]);
        fields.filter((field) => !named.includes(field)).should.eql([], 'message properties');
        words.filter((word) => !help.includes(word)).should.eql([]);
      });
    }
  }
});
