'use strict';
// Each node's help lists the error codes that node can give (`codes` of its row in
// test/support/node-kinds/; a config node sends no messages and lists none), in both languages:
// its table of codes has exactly those rows, in the order of the README's table, and the help
// names no other code anywhere.
const fs = require('fs');
const path = require('path');
require('should');
const { NODE_TYPES, CONFIG_TYPES, FLOW_TYPES } = require('../support/node-types');
const { NODE_KINDS, kindOf } = require('../support/node-kinds');

const root = path.join(__dirname, '..', '..');
/** The codes node `type` of package.json can give. */
const codesOf = (type) => (CONFIG_TYPES.includes(type) ? [] : kindOf(type).codes);
const LANGUAGES = ['en-US', 'de'];

/** The codes of the README's table (section "Errors"), in its order: the whole contract. */
function readmeCodes() {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n### Errors\n'));
  const body = section.slice(0, section.indexOf('\n#', 1));
  return Array.from(body.matchAll(/^\| `([A-Z_]+)` \|/gm), (match) => match[1]);
}

describe('error codes in the help of each node', function () {
  const ALL = readmeCodes();

  it('the README lists the 13 codes', function () {
    ALL.should.have.length(13);
    ALL.should.containEql('INVALID_INPUT').and.containEql('LOCKED');
  });

  it('every node type of package.json has its codes, and only those have', function () {
    for (const type of FLOW_TYPES) kindOf(type).codes.length.should.be.above(0, type);
    NODE_KINDS.map((kind) => kind.type)
      .filter((type) => !FLOW_TYPES.includes(type))
      .should.eql([]);
  });

  it('every code given is one of the README, each once, and every code of the README is given by some node', function () {
    for (const type of NODE_TYPES) {
      const codes = codesOf(type);
      codes.filter((code) => !ALL.includes(code)).should.eql([], type);
      new Set(codes).size.should.equal(codes.length, type);
    }
    ALL.filter((code) => !NODE_TYPES.some((type) => codesOf(type).includes(code))).should.eql([]);
  });

  for (const type of NODE_TYPES) {
    for (const lang of LANGUAGES) {
      it(`${type}, ${lang}: lists exactly the codes it can give`, function () {
        const expected = ALL.filter((code) => codesOf(type).includes(code));
        const help = fs.readFileSync(path.join(root, 'nodes', 'locales', lang, `${type}.html`), 'utf8');
        const rows = Array.from(help.matchAll(/<tr>\s*<td>\s*<code>([A-Z_]+)<\/code>\s*<\/td>/g), (match) => match[1]);
        rows.should.eql(expected, 'the rows of its table of codes');
        const named = Array.from(help.matchAll(/<code>([A-Z_]+)<\/code>/g), (match) => match[1]).filter((code) => ALL.includes(code));
        named.filter((code) => !expected.includes(code)).should.eql([], 'codes named elsewhere in its help');
      });
    }
  }
});
