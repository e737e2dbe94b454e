'use strict';
// One copy of example 10's flow in a Node-RED of its own, as each copy runs in production: the
// drain group of the benchmark starts one such process per copy (scripts/bench/drain.js).
// Started with child_process.fork, BENCH_SIMULATOR holding the simulator's URL and users and
// BENCH_COPY the copy's number (1, 2, …). Over IPC it says { type: 'ready' } once its flow runs,
// answers { type: 'drain' } with { type: 'drained', cpuMs, polls, claims, taken } once the queue
// is empty, and stops on { type: 'close' }.
const { startRuntime } = require('./runtime');

const TAB = 'drain-tab';
/** The most available tasks one answer holds. */
const ANSWER_SIZE = 100;
/**
 * How many tasks of an answer a copy claims, on average, chosen at random. Copies that poll at the
 * same moment get the same answer; each claiming a random quarter of it, they seldom race for one
 * task (about a quarter of a quarter), while a copy alone still empties the queue.
 */
const CLAIMED_PER_ANSWER = 24;

const ID = {
  server: 'drain-server',
  list: 'drain-list',
  pick: 'drain-pick',
  claim: 'drain-claim',
  work: 'drain-work',
  complete: 'drain-complete',
  // Counters: answers, tasks listed, tasks picked, claims answered (won or dropped), claims won, tasks completed.
  polled: 'drain-count-polled',
  listed: 'drain-count-listed',
  picked: 'drain-count-picked',
  passed: 'drain-count-passed',
  answered: 'drain-count-answered',
  claimed: 'drain-count-claimed',
  completed: 'drain-count-completed',
};

/** Example 10's flow as a copy drains with it: list, a random share of the answer, claim (ifTaken drop), the work, complete without claim. */
function copyFlow(sim) {
  const at = (x, y) => ({ z: TAB, x, y });
  const counter = (id, y) => ({ id, type: 'bench-counter', name: '', wires: [], ...at(820, y) });
  return [
    { id: TAB, type: 'tab', label: 'a copy draining the queue' },
    { id: ID.server, type: 'ibm-bpm-server', name: 'this copy', url: sim.bpmUrl, timeout: '', tls: '', retries: '', maxConcurrent: '' },
    {
      id: ID.list,
      type: 'ibm-bpm-list-tasks',
      name: 'available tasks',
      server: ID.server,
      source: 'queue',
      interaction: 'available',
      processAppName: '',
      processAppNameType: 'str',
      size: ANSWER_SIZE,
      query: 'IBM.DEFAULTALLTASKSLIST_75',
      emit: 'all',
      ...at(140, 60),
      wires: [[ID.pick, ID.listed]],
    },
    {
      id: ID.pick,
      type: 'function',
      name: 'a random share',
      func: `return Math.random() < ${CLAIMED_PER_ANSWER} / msg.parts.count ? [msg, null] : [null, msg];`,
      outputs: 2,
      timeout: 0,
      noerr: 0,
      initialize: '',
      finalize: '',
      libs: [],
      ...at(300, 60),
      wires: [[ID.claim, ID.picked], [ID.passed]],
    },
    {
      id: ID.claim,
      type: 'ibm-bpm-assign-task',
      name: 'claim',
      server: ID.server,
      taskId: 'taskId',
      taskIdType: 'msg',
      to: 'me',
      assignee: '',
      assigneeType: 'str',
      ifTaken: 'drop',
      ...at(460, 60),
      wires: [[ID.work, ID.claimed]],
    },
    {
      id: ID.work,
      type: 'change',
      name: 'the work',
      rules: [{ t: 'set', p: 'variables', pt: 'msg', to: '{"approved":true}', tot: 'json' }],
      ...at(600, 60),
      wires: [[ID.complete]],
    },
    {
      id: ID.complete,
      type: 'ibm-bpm-complete-task',
      name: 'complete',
      server: ID.server,
      taskId: 'taskId',
      taskIdType: 'msg',
      variables: 'variables',
      variablesType: 'msg',
      claim: false,
      ...at(740, 60),
      wires: [[ID.completed]],
    },
    { id: 'drain-list-done', type: 'complete', name: '', scope: [ID.list], uncaught: false, ...at(140, 120), wires: [[ID.polled]] },
    // Every claim ends here once answered: won (passed on) or taken by the other copy (dropped).
    { id: 'drain-claim-done', type: 'complete', name: '', scope: [ID.claim], uncaught: false, ...at(460, 120), wires: [[ID.answered]] },
    ...[ID.polled, ID.listed, ID.picked, ID.passed, ID.answered, ID.claimed, ID.completed].map((id, index) => counter(id, 20 + index * 20)),
  ];
}

/**
 * Drains the queue: polls, and polls again as soon as every claim of the answer is answered (its
 * completions still under way: the tasks it claimed are no longer available, so the next answer
 * holds other tasks), until an answer is empty; then waits for its completions.
 */
async function drain(rt) {
  const { counters } = rt;
  const start = Object.fromEntries(Object.values(ID).map((id) => [id, counters.total(id)]));
  const since = (id) => counters.total(id) - start[id];
  for (;;) {
    const polls = since(ID.polled);
    const listed = since(ID.listed);
    rt.node(ID.list).receive({});
    await counters.reach(ID.polled, start[ID.polled] + polls + 1);
    if (since(ID.listed) === listed) break;
    // Every listed task is picked or passed over, then every picked one's claim is answered.
    await counters.reach([ID.picked, ID.passed], start[ID.picked] + start[ID.passed] + since(ID.listed));
    await counters.reach(ID.answered, start[ID.answered] + since(ID.picked));
  }
  await counters.reach(ID.completed, start[ID.completed] + since(ID.claimed));
  return { polls: since(ID.polled), claims: since(ID.picked), taken: since(ID.picked) - since(ID.claimed) };
}

async function main() {
  const sim = JSON.parse(process.env.BENCH_SIMULATOR);
  const [username, password] = Object.entries(sim.workers)[Number(process.env.BENCH_COPY) - 1];
  const rt = await startRuntime();
  await rt.deploy(copyFlow(sim), { [ID.server]: { username, password } });
  process.on('message', (message) => {
    if (message.type === 'drain') {
      const cpu = process.cpuUsage();
      drain(rt).then(
        (counts) => {
          const used = process.cpuUsage(cpu);
          process.send({ type: 'drained', cpuMs: (used.user + used.system) / 1000, ...counts });
        },
        (error) => process.send({ type: 'failed', message: error.stack }),
      );
    } else if (message.type === 'close') {
      rt.stop().then(() => process.exit(0));
    }
  });
  process.send({ type: 'ready' });
}

main().catch((error) => {
  process.send({ type: 'failed', message: error.stack });
  process.exit(1);
});
