'use strict';
// The Flow Library's own check, `node-red-dev validate`, run on the files `npm pack` ships.
// The tool fetches the Flow Library's catalogue from a host that tests cannot reach: a proxy on
// loopback answers that one request with an empty catalogue. Its npm registry look-ups go out.
const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const Module = require('module');
const { execFile } = require('child_process');
require('should');

const root = path.join(__dirname, '..', '..');
const ownPackage = require(path.join(root, 'package.json'));
const { CONFIG_TYPES, FLOW_TYPES } = require('../support/node-types');
// The palette category and icon of each flow node's server (README, "The nodes").
const { PALETTE, kindOf } = require('../support/node-kinds');
const CATALOGUE = 'https://catalogue.nodered.org/catalogue.json';
const TOOL = path.join(root, 'node_modules', 'node-red-dev', 'bin', 'run');

function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 64 * 1024 * 1024, ...options }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${path.basename(command)} ${args.join(' ')} failed: ${error.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** The tool's own parser of an .html file, as its node check uses it (it does not export it). */
function toolParser() {
  const file = require.resolve('node-red-dev/src/libs/checknodes.js', { paths: [root] });
  const parser = new Module(file, module);
  parser.filename = file;
  parser.paths = Module._nodeModulePaths(path.dirname(file));
  parser._compile(`${fs.readFileSync(file, 'utf8')}\nmodule.exports.getNodeDefinitions = getNodeDefinitions;`, file);
  return parser.exports.getNodeDefinitions;
}

describe('the Flow Library reads the package (node-red-dev validate)', function () {
  this.timeout(120000);
  let dir;
  let proxy;
  let proxied = [];

  /** Runs the tool on a package folder; returns its output and its scorecard. */
  async function validate(packageDir) {
    const scorecard = path.join(dir, `scorecard-${Date.now()}.json`);
    const env = { ...process.env, HTTPS_PROXY: proxy, https_proxy: proxy, NO_PROXY: 'registry.npmjs.org', no_proxy: 'registry.npmjs.org' };
    const { stdout, stderr } = await run(process.execPath, [TOOL, 'validate', '-p', packageDir, '-o', scorecard], { env, cwd: dir });
    return { output: stdout + stderr, scorecard: JSON.parse(fs.readFileSync(scorecard, 'utf8')) };
  }

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'node-red-bpm-flow-library-'));
    const server = http.createServer((req, res) => {
      proxied.push(req.url);
      if (req.method === 'GET' && req.url === CATALOGUE) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ modules: [] }));
      } else {
        res.writeHead(502);
        res.end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = `http://127.0.0.1:${server.address().port}`;
    this.server = server;
    const packed = JSON.parse((await run('npm', ['pack', '--pack-destination', dir, '--json', '--ignore-scripts'], { cwd: root })).stdout);
    await run('tar', ['-xzf', path.join(dir, packed[0].filename), '-C', dir]);
  });

  after(async function () {
    if (this.server) await new Promise((resolve) => this.server.close(resolve));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    proxied = [];
  });

  it('reads every node of the tarball and passes every entry of the scorecard', async function () {
    const { output, scorecard } = await validate(path.join(dir, 'package'));
    output.should.not.match(/Unable to parse/);
    scorecard.package.should.eql({ name: ownPackage.name, version: ownPackage.version });
    const entries = Object.keys(scorecard).filter((key) => key !== 'package');
    // Package, node and dependency checks: each of them ran.
    entries.should.containDeep(['P01', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'N01', 'N02', 'D01', 'D02', 'D03']);
    for (const key of entries) {
      scorecard[key].should.have.property('test', true, `${key} failed: ${JSON.stringify(scorecard[key])}\n${output}`);
    }
    // Examples use every flow node (N02 lists those it found).
    scorecard.N02.nodes.slice().sort().should.eql(FLOW_TYPES.slice().sort());
    // The catalogue came from the loopback proxy, and nothing else went through it.
    proxied.should.not.be.empty();
    proxied.every((url) => url === CATALOGUE).should.be.true(`proxied: ${proxied.join(', ')}`);
  });

  it("the tool's parser reads the category, defaults and credentials of every node, and colour, icon, inputs and outputs of every flow node", function () {
    const parse = toolParser();
    for (const [type, js] of Object.entries(ownPackage['node-red'].nodes)) {
      const defs = parse(path.join(dir, 'package', js.replace(/\.js$/, '.html')));
      defs.should.have.property(type);
      const def = defs[type];
      def.should.have.property('defaults').and.not.be.empty();
      def.defaults.should.have.property('name');
      if (CONFIG_TYPES.includes(type)) {
        def.should.have.property('category', 'config');
        def.should.have.property('credentials').eql(['username', 'password', 'token']);
        def.defaults.should.have.properties('url', 'authType', 'timeout', 'tls', 'retries', 'maxConcurrent');
        continue;
      }
      def.defaults.should.have.property('server');
      const { category, icon } = PALETTE[kindOf(type).server];
      def.should.have.property('category', category);
      def.should.have.property('icon', icon);
      fs.existsSync(path.join(dir, 'package', 'nodes', 'icons', def.icon)).should.be.true(`${def.icon} is packed`);
      def.should.have.property('color').match(/^#[0-9A-Fa-f]{6}$/);
      def.should.have.properties({ inputs: 1, outputs: 1 });
    }
  });

  it('reports a definition made by a function call as one it cannot parse', async function () {
    // The check above must be able to fail: a copy whose node (any flow node will do) registers a factory's result.
    const copy = path.join(dir, 'factory');
    fs.cpSync(path.join(dir, 'package'), copy, { recursive: true });
    const [type] = FLOW_TYPES;
    const html = path.join(copy, 'nodes', `${type}.html`);
    fs.writeFileSync(
      html,
      fs
        .readFileSync(html, 'utf8')
        .replace(new RegExp(`RED\\.nodes\\.registerType\\((['"])${type}\\1, \\{`), `RED.nodes.registerType('${type}', Object.assign({}, {`)
        .replace(/\n( *)\}\);\n<\/script>/, '\n$1}));\n</script>'),
    );
    const { output } = await validate(copy);
    output.should.match(new RegExp(`Unable to parse\\s+nodes/${type}\\.js`));
    (() => toolParser()(html)).should.throw();
  });
});
