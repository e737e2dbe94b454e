'use strict';
// The Flow Library scorecard checks (node-red-dev validate) that need no network.
const fs = require('fs');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const semver = require('semver');
require('should');
const { skipSuite } = require('../support/skip');

const root = path.join(__dirname, '..', '..');
const pkg = require(path.join(root, 'package.json'));
// package.json's "node-red".nodes is the one list of the node types: these tests read it.
const { NODE_TYPES, CONFIG_TYPES, FLOW_TYPES } = require('../support/node-types');
const { NODE_KINDS, kindOf } = require('../support/node-kinds');
const { SERVER_KINDS } = require('../../nodes/lib/server-facts');

describe('package.json and the Flow Library scorecard', function () {
  it('P01 has a license', function () {
    pkg.license.should.be.a.String().and.not.be.empty();
  });

  it('P03 has a repository', function () {
    pkg.repository.url.should.match(/^https:\/\//);
  });

  it('P04 uses a scoped name', function () {
    pkg.name.should.match(/^@[a-z0-9-]+\/[a-z0-9-]+$/);
  });

  it('P05 has the keyword node-red', function () {
    pkg.keywords.should.containEql('node-red');
  });

  it('P06 declares a node-red.version that admits Node-RED 3.1, 4 and 5', function () {
    for (const runtime of ['node-red-3', 'node-red', 'node-red-5']) {
      const { version } = require(`${runtime}/package.json`);
      semver.satisfies(version, pkg['node-red'].version).should.be.true(`${runtime} ${version}`);
    }
    semver.satisfies('3.0.2', pkg['node-red'].version).should.be.false();
  });

  it("P07 declares engines.node, which the newest Node-RED's minimum Node.js satisfies", function () {
    pkg.engines.node.should.equal('>=18.5');
    const newest = require('node-red-5/package.json');
    semver.satisfies(semver.minVersion(newest.engines.node), pkg.engines.node).should.be.true();
  });

  it('D01 has at most 6 runtime dependencies, and node-red is not one of them', function () {
    Object.keys(pkg.dependencies).length.should.be.belowOrEqual(6);
    pkg.dependencies.should.not.have.property('node-red');
  });

  it('N02 has examples that use every node that is not a config node', function () {
    // The config nodes are the servers'; every other node is a flow node with a row in the table of node kinds.
    CONFIG_TYPES.should.eql(Object.keys(SERVER_KINDS));
    for (const type of FLOW_TYPES) kindOf(type).type.should.equal(type);
    NODE_KINDS.map((kind) => kind.type)
      .filter((type) => !FLOW_TYPES.includes(type))
      .should.eql([], 'rows of no flow node type of package.json');
    const used = new Set();
    for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json'))) {
      for (const node of JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'))) used.add(node.type);
    }
    for (const type of FLOW_TYPES) used.has(type).should.be.true(type);
  });

  it('D02 depends on axios and fast-xml-parser at run time', function () {
    pkg.dependencies.should.have.property('axios');
    pkg.dependencies.should.have.property('fast-xml-parser');
  });

  it('D03 keeps node-red and the test tools in devDependencies only', function () {
    const tools = ['mocha', 'should', 'node-red-node-test-helper', 'node-red'];
    // Own keys only: `should` is also the name of the getter that should.js puts on every object.
    const dev = Object.keys(pkg.devDependencies);
    const runtime = Object.keys(pkg.dependencies);
    for (const tool of tools) {
      dev.should.containEql(tool);
      runtime.should.not.containEql(tool);
    }
  });

  describe('compiled .js is build output, ignored by git', function () {
    const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });

    before(function () {
      // Outside a git work tree (an unpacked tarball) there is nothing to check.
      const inside = git('rev-parse', '--is-inside-work-tree');
      if (inside.status !== 0 || inside.stdout.trim() !== 'true') skipSuite(this, 'not inside a git work tree');
    });

    it('git tracks no .js file under nodes/', function () {
      const tracked = execFileSync('git', ['ls-files', '--', 'nodes'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
      for (const type of NODE_TYPES) tracked.should.containEql(`nodes/${type}.html`);
      tracked.filter((file) => file.endsWith('.js')).should.eql([]);
    });

    it('git ignores the compiled node files', function () {
      for (const file of [...Object.values(pkg['node-red'].nodes), 'nodes/lib/transport.js']) {
        git('check-ignore', '-q', file).status.should.equal(0, `${file} is not ignored`);
      }
      // The hand-written editor files are not ignored.
      for (const type of NODE_TYPES) git('check-ignore', '-q', '--no-index', `nodes/${type}.html`).status.should.equal(1, type);
    });
  });

  describe('every node is registered and shipped', function () {
    it('package.json "node-red".nodes names each type with its built file nodes/<type>.js', function () {
      // Every node the package has, known by its editor file nodes/<type>.html, is in the list, and only those.
      const editorFiles = fs
        .readdirSync(path.join(root, 'nodes'))
        .filter((file) => file.endsWith('.html'))
        .map((file) => file.replace(/\.html$/, ''));
      [...NODE_TYPES].sort().should.eql(editorFiles.sort());
      // The config nodes first, then the flow nodes (README, "Nodes").
      NODE_TYPES.should.eql([...CONFIG_TYPES, ...FLOW_TYPES]);
      for (const type of NODE_TYPES) pkg['node-red'].nodes[type].should.equal(`nodes/${type}.js`);
    });

    it('each node file registers its type, beside a hand-written .html that registers it in the editor', function () {
      for (const type of NODE_TYPES) {
        const js = path.join(root, 'nodes', `${type}.js`);
        fs.existsSync(js).should.be.true(`${type}.js is not built`);
        fs.readFileSync(js, 'utf8').should.containEql(`'${type}'`);
        fs.readFileSync(path.join(root, 'nodes', `${type}.html`), 'utf8').should.match(new RegExp(`registerType\\(\\s*["']${type}["']`));
        for (const lang of ['en-US', 'de']) {
          for (const ext of ['json', 'html'])
            fs.existsSync(path.join(root, 'nodes', 'locales', lang, `${type}.${ext}`)).should.be.true(`${lang}/${type}.${ext}`);
        }
      }
    });

    it("npm pack ships each node's .js and .html and its catalogues and help, not the sources", function () {
      this.timeout(60000);
      const packed = JSON.parse(
        execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }),
      );
      const files = packed[0].files.map((f) => f.path);
      for (const type of NODE_TYPES) {
        files.should.containEql(`nodes/${type}.js`);
        files.should.containEql(`nodes/${type}.html`);
        for (const lang of ['en-US', 'de']) {
          files.should.containEql(`nodes/locales/${lang}/${type}.json`);
          files.should.containEql(`nodes/locales/${lang}/${type}.html`);
        }
      }
      files.should.containEql('package.json');
      files.filter((f) => /^(src|test)\//.test(f)).should.be.empty();
    });
  });

  it('ships the built nodes, the editor resources and the examples, not the sources', function () {
    pkg.files.should.containEql('nodes/');
    pkg.files.should.containEql('resources/');
    pkg.files.should.containEql('examples/');
    pkg.files.should.not.containEql('src/');
    pkg.scripts.prepare.should.match(/build/);
  });
});
