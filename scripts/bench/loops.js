'use strict';
// The ways a scenario runs, shared by the groups: messages into a flow of the embedded Node-RED,
// our raw clients without Node-RED, a bare axios loop (the limit of any client built on axios)
// and a node:http loop (the floor of any client on this machine). Every run resolves with its wall
// time and the number of messages or calls that failed: { ms, failed, example }.
const fs = require('fs');
const http = require('http');
const path = require('path');
const axios = require('axios');
const { performance } = require('perf_hooks');
const { packageDir } = require('./runtime');

const RUN_TIMEOUT_MS = 120000;

/** `promise`, or a rejection after RUN_TIMEOUT_MS that says what was missing (`describe()`). */
function within(promise, describe) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${RUN_TIMEOUT_MS / 1000} s: ${describe()}`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A client of the package under test: `nodes/lib/<server>/client.js`, or where a build from before the folders had it. */
function requireClient(server) {
  const file = path.join(packageDir, 'nodes', 'lib', server, 'client.js');
  return require(fs.existsSync(file) ? file : path.join(packageDir, 'nodes', 'lib', `${server}-client.js`));
}

/** IBM BPM's answer parsed, as any client must to use it: its `data`, or undefined unless 200 with JSON. */
function wleData(status, body) {
  if (status !== 200) return undefined;
  try {
    return JSON.parse(body)?.data;
  } catch {
    return undefined;
  }
}

/** The loops of one benchmark: `rt` the embedded Node-RED, `sim` the simulator's urls and credentials. */
function loops(rt, sim) {
  const { IbmBpmClient } = requireClient('ibm-bpm');
  const { InubitClient } = requireClient('inubit');
  const credentials = { username: sim.username, password: sim.password };
  // The raw clients are made once, like the client a config node keeps for its lifetime.
  const bpmClient = new IbmBpmClient({ url: sim.bpmUrl, ...credentials, maxConcurrent: 8 });
  const inubitClient = new InubitClient({ url: sim.inubitUrl, ...credentials, maxConcurrent: 8 });
  // Keep-alive, 8 sockets (the agent queues the rest); idle connections closed after 4 s, as ours
  // are (the simulator's own 5 s is 60 s in the bench: simulator-child.js).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8, timeout: 4000 });
  const bareAxios = axios.create({ httpAgent: agent, proxy: false, responseType: 'text', validateStatus: () => true, maxRedirects: 0 });
  const basic = `Basic ${Buffer.from(`${sim.username}:${sim.password}`).toString('base64')}`;
  // The headers of a request without a body, and of a form body (variables never travel in a URL).
  const headers = { Authorization: basic, Accept: 'text/plain', 'Content-Length': '0' };
  const jsonHeaders = { ...headers, Accept: 'application/json' };
  const formHeaders = { Authorization: basic, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' };

  /** Messages from `messages(prepared)` into node `inject`; done when `expected` arrived at counter `count`, `check` telling good from bad. */
  const flow = (inject, count, expected, check, messages) => async (prepared) => {
    const arrived = rt.counters.arm(count, expected, check);
    const node = rt.node(inject);
    const batch = messages(prepared);
    const started = performance.now();
    for (const msg of batch) node.receive(msg);
    const { bad, example } = await within(arrived, () => `${rt.counters.cancel(count)} of ${expected} messages arrived at ${count}`);
    return { ms: performance.now() - started, failed: bad, example };
  };
  /** One list read by a raw client: `read()` resolves with the items, of which there must be `count`. */
  const rawList = (read, count, what) => async () => {
    const started = performance.now();
    const items = await read();
    const ms = performance.now() - started;
    return { ms, failed: items.length === count ? 0 : count, example: `${items.length} ${what}` };
  };
  /**
   * Calls of a raw client, all handed to it at once (its maxConcurrent 8 queues them): `call(item)`
   * for each of `prepare(prepared)`, made before the clock starts; `ok(result)` tells a good result.
   */
  const rawCalls = (prepare, call, ok, missing) => async (prepared) => {
    const items = prepare(prepared);
    const started = performance.now();
    const results = await Promise.allSettled(items.map(call));
    const ms = performance.now() - started;
    const failures = results.filter((result) => result.status === 'rejected' || !ok(result.value));
    return { ms, failed: failures.length, example: failures[0]?.reason?.message ?? missing };
  };
  /**
   * The same requests with the bare axios instance, taken 8 at a time in arrival order as our nodes
   * do (each one sent when one of the 8 before it ends): `send(item)` for each of `prepare(prepared)`.
   */
  const axiosLoop = (prepare, send, ok, missing) => async (prepared) => {
    const items = prepare(prepared);
    const started = performance.now();
    let next = 0;
    let failed = 0;
    const worker = async () => {
      while (next < items.length) {
        const response = await send(items[next++]).catch(() => null);
        if (!ok(response)) failed++;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return { ms: performance.now() - started, failed, example: missing };
  };
  /** One request with node:http and the agent: resolves with { status, body }, or null when it failed. */
  const send = (url, options) =>
    new Promise((resolve) => {
      const request = http.request(url, { agent, ...options }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode, body }));
      });
      request.on('error', () => resolve(null));
      request.end();
    });
  /** The node:http floor: every request of `prepare()` at once (the agent keeps 8 in flight); `ok({ status, body })` tells a good answer. */
  const httpLoop = (prepare, request, ok, missing) => async () => {
    const items = prepare();
    const started = performance.now();
    const answers = await Promise.all(items.map((item) => request(item)));
    const ms = performance.now() - started;
    return { ms, failed: answers.filter((answer) => answer === null || !ok(answer)).length, example: missing };
  };

  return {
    /** The messages of a list scenario: one, which asks for the whole list. */
    once: () => [{ payload: 'list' }],
    bpmClient,
    inubitClient,
    bareAxios,
    headers,
    jsonHeaders,
    formHeaders,
    flow,
    rawList,
    rawCalls,
    axiosLoop,
    send,
    httpLoop,
    close() {
      bpmClient.close();
      inubitClient.close();
      agent.destroy();
    },
  };
}

module.exports = { loops, within, wleData };
