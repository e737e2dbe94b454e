'use strict';
// SPEC §7: the demo behind `npm start` (scripts/demo.js), started and stopped for real: the
// simulator, a Node-RED (NODE_RED_PACKAGE) with the package and the example flows. It runs on the
// nodes/ that the test script built; `npm start` alone asks the demo to build them first.
const fs = require('fs');
const should = require('should');
const { freePort, request } = require('../support/http');
const { startDemo, exampleFiles, readExample, CONFIG_TYPES } = require('../../scripts/demo');

const ownPackage = require('../../package.json');

async function getJson(url) {
  const res = await request(url, { headers: { Accept: 'application/json', 'Node-RED-API-Version': 'v2' } });
  res.status.should.equal(200, `GET ${url} answered ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

describe('§7 npm start: the demo', function () {
  this.timeout(40000);

  const output = [];
  let port;
  let demo;

  before(async function () {
    port = await freePort();
    demo = await startDemo({ port, log: (line) => output.push(`${line}\n`), nodeRedOutput: (text) => output.push(text) });
  });

  after(async function () {
    if (demo) await demo.stop();
  });

  afterEach(function () {
    if (this.currentTest.state === 'failed') {
      const lines = output.join('').split('\n').filter((line) => line.trim());
      console.log(`      last lines of the demo's output:\n${lines.slice(-30).map((line) => `        ${line}`).join('\n')}`);
    }
  });

  it('the editor answers at editorUrl, on loopback', async function () {
    demo.editorUrl.should.equal(`http://127.0.0.1:${port}/`);
    const res = await request(demo.editorUrl);
    res.status.should.equal(200);
    res.body.should.containEql('Node-RED');
  });

  it('deploys each example on its own tab, with one server of each kind pointing at the simulator', async function () {
    const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
    const examples = exampleFiles().map(readExample);
    const tabs = flows.filter((n) => n.type === 'tab');
    tabs.map((t) => t.label).should.eql(examples.map((e) => e.name));
    examples.forEach((example, index) => {
      for (const node of example.nodes.filter((n) => !CONFIG_TYPES.includes(n.type))) {
        const deployed = flows.find((n) => n.id === node.id);
        should.exist(deployed, `${example.name}: ${node.type} ${node.id} was not deployed`);
        deployed.z.should.equal(tabs[index].id);
        deployed.type.should.equal(node.type);
      }
    });
    const inubit = flows.filter((n) => n.type === 'inubit-server');
    const bpm = flows.filter((n) => n.type === 'ibm-bpm-server');
    inubit.should.have.length(1);
    bpm.should.have.length(1);
    inubit[0].url.should.equal(demo.sim.inubitUrl);
    bpm[0].url.should.equal(demo.sim.bpmUrl);
    for (const node of flows.filter((n) => n.server !== undefined)) node.server.should.equalOneOf(inubit[0].id, bpm[0].id);
    JSON.stringify(flows).should.not.containEql(demo.sim.password);
  });

  it('keeps the simulator credentials in the credential store, and the flows use them', async function () {
    for (const type of CONFIG_TYPES) {
      const { flows } = await getJson(new URL('flows', demo.editorUrl).href);
      const config = flows.find((n) => n.type === type);
      const stored = await getJson(new URL(`credentials/${type}/${config.id}`, demo.editorUrl).href);
      stored.should.match({ username: demo.sim.username, has_password: true });
    }
    const start = readExample(exampleFiles()[0]).nodes.find((n) => n.type === 'inject');
    demo.sim.reset();
    const res = await request(new URL(`inject/${start.id}`, demo.editorUrl).href, { method: 'POST' });
    res.status.should.equal(200);
    const deadline = Date.now() + 5000;
    while (demo.sim.requests.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    demo.sim.requests.should.have.length(1);
    demo.sim.requests[0].should.match({ method: 'POST', authUser: demo.sim.username });
    const basic = demo.sim.requests[0].headers.authorization.replace(/^Basic /, '');
    Buffer.from(basic, 'base64').toString('utf8').should.equal(`${demo.sim.username}:${demo.sim.password}`);
  });

  it('offers the example files under Import ▸ Examples', async function () {
    const library = new URL('library/examples/flows/', demo.editorUrl).href;
    (await getJson(library)).should.containEql(ownPackage.name);
    const offered = await getJson(library + ownPackage.name);
    offered.should.eql(exampleFiles().map((file) => ({ fn: file.replace(/\.json$/, '') })));
    const first = await getJson(`${library}${ownPackage.name}/${encodeURIComponent(offered[0].fn)}`);
    first.should.eql(readExample(exampleFiles()[0]).nodes);
  });

  it('refuses a port already in use with a clear message, before starting anything', async function () {
    const started = Date.now();
    const err = await startDemo({ port, log: () => {} }).then(() => null, (e) => e);
    should.exist(err, 'a second demo on the same port started');
    err.message.should.match(new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is already in use\\.`));
    err.message.should.containEql('PORT=1890 npm start');
    (Date.now() - started).should.be.below(2000);
  });

  it('stop() ends everything, twice is harmless, and the same port serves a second demo', async function () {
    const first = demo;
    demo = null;
    await Promise.all([first.stop(), first.stop()]);
    await first.stop();
    should((await first.exited)).be.an.Object();
    fs.existsSync(first.userDir).should.be.false();
    await request(first.editorUrl).should.be.rejectedWith({ code: 'ECONNREFUSED' });
    await request(first.sim.url).should.be.rejectedWith({ code: 'ECONNREFUSED' });

    demo = await startDemo({ port, log: () => {}, nodeRedOutput: (text) => output.push(text) });
    (await request(demo.editorUrl)).status.should.equal(200);
    await demo.stop();
    demo = null;
  });
});
