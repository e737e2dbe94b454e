'use strict';

// The task resources of the simulated inubit server, for the user the request authenticates
// (Basic: its name; a bearer or portal token: the token's preferred_username, else the account):
//   GET  /task/tasks[?start&count&{field}Filter…&{field}Sorting…]  <Tasklist user total> of <Task>s
//   GET  /task/tasks/{id}    one <Task>; 200 with an empty body when the user has no such task;
//                            423 when another user holds it (locked="…")
//   GET  /task/data/{id}     the task's <Form>; empty (200) when unknown; 423 as above
//   POST /task/submit/{id}   a <Form><Response submitter> body (application/xml): 204, or 201 with
//                            the next task's id as text; 404 unknown, 423 locked, 415 not XML,
//                            400 not well-formed, no submitter, or one the form has no button for
// `lang` (de by default, en) picks the texts. With `client` (a tenant) a user sees the tasks of
// that tenant and those of none.
// Users (each signs in with the account's password): the account (sim.username) with the tasks of
// inubit-task-fixtures.js, `one-task`, `no-tasks`, `growing` (one task more at every list request,
// for polling), every user a start created a task for, and the scenario keys as user names
// (`many-N` lists N tasks). The list also takes a scenario key as the query parameter `scenario`
// (the simulator's own; inubit ignores what it does not know). In the id position every shared
// key stands for a task that is always there (slow-N answers it late, status-NNN fails, …).
// A start that answers 201 creates the task of that id for the start's user, with a form whose
// button submits `value`. Control methods (index.js): addInubitTask(user, spec) → id,
// removeInubitTask(id) → whether it was there, inubitTasks(user) → the specs,
// submittedForms() → [{ taskId, user, submitter, fields: { name: text | [texts] }, raw }].
// reset() restores the fixtures and forgets the submitted forms.

const crypto = require('crypto');
const taskFixtures = require('./inubit-task-fixtures');
const { INUBIT_STARTERS } = require('./inubit-starter-fixtures');
const { parseScenario, echoedHeaders } = require('./scenarios');
const { taskXml, tasklistXml, selectTasks } = require('./inubit-task-list');
const { formXml, submittersOf, readSubmittedForm } = require('./inubit-task-forms');
const { send, sendTruncated, streamFiller, streamHuge, firstValue, CT_JSON, CT_XML, CT_HTML, CT_PLAIN, HUGE_BYTES } = require('./http');

const WEEK_MS = 7 * 24 * 3600 * 1000;
// Tasks kept per user: starts in a loop (the benchmark, a demo left running) must not grow without end.
const MAX_TASKS = 1000;
const MARKER = 'HUGE-TEXT-MARKER';
const GROWING = 'growing';

// A task from a spec: the attributes a spec leaves out get inubit's usual values.
function taskFrom(spec) {
  const now = Date.now();
  return Object.assign(
    {
      id: crypto.randomUUID(),
      process: String(now % 100000),
      creation: String(now),
      expiration: String(now + WEEK_MS),
      action: 'Form',
      wait: '0',
      test: 'false',
      popup: 'false',
      form: 'adhoc',
    },
    spec,
  );
}

// The task a scenario key in the id position stands for; `name` replaces its name.
function scenarioTask(id, name) {
  return taskFrom({
    id,
    process: '1',
    creation: '1700000000000',
    expiration: '1700604800000',
    name: name === undefined ? { de: 'Szenario-Aufgabe', en: 'Scenario task' } : name,
  });
}

// User name -> tasks, from the fixtures; the account is `account`.
function taskStore(account) {
  let lists;
  const store = {
    reset() {
      lists = new Map(Object.entries(taskFixtures.userTasks()));
      lists.set(account, taskFixtures.accountTasks());
      for (const [user, specs] of lists) lists.set(user, specs.map(taskFrom));
    },
    knows: (user) => lists.has(user),
    tasksOf: (user) => lists.get(user) || [],
    add(user, spec) {
      const task = taskFrom(spec);
      const list = store.tasksOf(user).filter((t) => t.id !== task.id);
      list.push(task);
      lists.set(user, list.slice(-MAX_TASKS));
      return task;
    },
    remove(id) {
      let found = false;
      for (const [user, list] of lists) {
        const kept = list.filter((t) => t.id !== id);
        found = found || kept.length < list.length;
        lists.set(user, kept);
      }
      return found;
    },
  };
  store.reset();
  return store;
}

// The task resources of one inubit server: `scenarios` the shared keys, `inubitError` its error answer.
function inubitTasks({ sim, scenarios, inubitError }) {
  const store = taskStore(sim.username);
  const submitted = [];
  const manyLists = new Map();
  let grown = 0;

  const langOf = (ctx) => (firstValue(ctx.query.lang) === 'en' ? 'en' : 'de');
  const xml = (ctx, text) => send(ctx.res, 200, { 'Content-Type': CT_XML }, text);
  // inubit's "no such task for this user".
  const empty = (ctx) => xml(ctx, '');

  function visible(ctx, user) {
    const client = firstValue(ctx.query.client);
    const list = store.tasksOf(user);
    return client === undefined ? list : list.filter((t) => t.client === undefined || t.client === null || t.client === client);
  }

  // The user's task `id` that this request may use, or an answer already sent (null).
  function usableTask(ctx, user, id, unknown) {
    const task = visible(ctx, user).find((t) => t.id === id);
    if (!task) return unknown();
    if (!task.locked || task.locked === user) return task;
    inubitError(ctx, 423, {}, `Task ${id} is locked by ${task.locked}`);
    return null;
  }

  // A shared key for a resource that answers the XML `doc(text)` (`text` in place of a name or value).
  function documentScenario(ctx, key, keyIndex, normal, doc, many) {
    return scenarios.run(ctx, key, keyIndex, {
      normal,
      many,
      error: (status, headers) => inubitError(ctx, status, headers),
      normalBody: () => ({ status: 200, type: CT_XML, body: doc() }),
      truncated: () => xml(ctx, doc().slice(0, Math.floor(doc().length / 2))),
      wrongType: () => send(ctx.res, 200, { 'Content-Type': CT_JSON }, '[]'),
      huge: () => streamHuge(ctx.res, CT_XML, doc(MARKER), MARKER),
      echoHeaders: () => xml(ctx, doc(JSON.stringify(echoedHeaders(ctx)))),
    });
  }

  // The <Tasklist> of `tasks` that the request selects, or null once a query the list cannot read has answered 400.
  function listDocument(ctx, user, tasks) {
    let page;
    try {
      page = selectTasks(tasks, ctx.query, langOf(ctx));
    } catch (err) {
      if (err.status) {
        inubitError(ctx, err.status, {}, err.message);
        return null;
      }
      throw err;
    }
    return tasklistXml(user, page.total, page.page, langOf(ctx));
  }

  function answerList(ctx, user, tasks) {
    const text = listDocument(ctx, user, tasks);
    if (text !== null) xml(ctx, text);
  }

  // A generated list (many-N) is made once per user and query: the benchmark asks for the same one again and again.
  function answerManyList(ctx, user, n) {
    const key = JSON.stringify([n, user, ctx.search]);
    let text = manyLists.get(key);
    if (text === undefined) {
      text = listDocument(ctx, user, taskFixtures.generateTasks(n).map(taskFrom));
      if (text === null) return;
      manyLists.set(key, text);
    }
    xml(ctx, text);
  }

  function listTasks(ctx, user) {
    const key = firstValue(ctx.query.scenario) || user;
    // The redirect keys send the client to the same list, as a normal one.
    const search = new URLSearchParams(ctx.search);
    search.set('scenario', 'ok-after-redirect');
    const normal = () => {
      if (user === GROWING) store.add(GROWING, taskFixtures.generatedTask(++grown, 'growing-'));
      answerList(ctx, user, visible(ctx, user));
    };
    const doc = (name) => tasklistXml(user, 1, [scenarioTask('scenario-task', name)], langOf(ctx));
    const many = (n) => answerManyList(ctx, user, n);
    if (!documentScenario(Object.assign({}, ctx, { search: search.toString() }), key, -1, normal, doc, many)) normal();
  }

  function getTask(ctx, user, id) {
    const doc = (name) => taskXml(scenarioTask(id, name), langOf(ctx));
    if (documentScenario(ctx, id, 2, () => xml(ctx, doc()), doc)) return;
    const task = usableTask(ctx, user, id, () => empty(ctx));
    if (task) xml(ctx, taskXml(task, langOf(ctx)));
  }

  function getForm(ctx, user, id) {
    const doc = (comment) => formXml(scenarioTask(id), langOf(ctx), comment);
    if (documentScenario(ctx, id, 2, () => xml(ctx, doc()), doc)) return;
    const task = usableTask(ctx, user, id, () => empty(ctx));
    if (task) xml(ctx, formXml(task, langOf(ctx)));
  }

  function accept(ctx, user, task, stored) {
    const type = String(ctx.req.headers['content-type'] || '');
    if (!/^(application|text)\/xml\s*(;|$)/i.test(type)) {
      return inubitError(ctx, 415, {}, `A form is sent as application/xml, not ${type || 'without a type'}`);
    }
    let form;
    try {
      form = readSubmittedForm(ctx.record.body);
    } catch (err) {
      return inubitError(ctx, 400, {}, err.message);
    }
    if (!submittersOf(task).includes(form.submitter)) {
      return inubitError(ctx, 400, {}, `The form of task ${task.id} has no button that submits ${form.submitter}`);
    }
    submitted.push({ taskId: task.id, user, submitter: form.submitter, fields: form.fields, raw: ctx.record.body });
    if (stored) store.remove(task.id);
    if (!task.next) return send(ctx.res, 204, {});
    const next = store.add(user, task.next);
    send(ctx.res, 201, { 'Content-Type': CT_PLAIN }, next.id);
  }

  function submitTask(ctx, user, id) {
    const created = (body, type = CT_PLAIN) => send(ctx.res, 201, { 'Content-Type': type }, body);
    const handled = scenarios.run(ctx, id, 2, {
      normal: () => accept(ctx, user, scenarioTask(id), false),
      error: (status, headers) => inubitError(ctx, status, headers),
      normalBody: () => ({ status: 201, type: CT_PLAIN, body: crypto.randomUUID() }),
      truncated: () => sendTruncated(ctx, 201, CT_PLAIN, crypto.randomUUID()),
      wrongType: () => created('<html><body>Created</body></html>', CT_HTML),
      huge: () => streamFiller(ctx.res, 201, CT_PLAIN, '', '', HUGE_BYTES),
    });
    if (handled) return;
    const task = usableTask(ctx, user, id, () => inubitError(ctx, 404, {}, `Task ${id} not found`));
    if (task) accept(ctx, user, task, true);
  }

  // The routes below /task: resource -> [method, handler of (ctx, user, id)].
  const ROUTES = {
    tasks: ['GET', (ctx, user, id) => (id === undefined ? listTasks(ctx, user) : getTask(ctx, user, id))],
    data: ['GET', getForm],
    submit: ['POST', submitTask],
  };

  // Answers a task resource; false when the path is none.
  function handle(ctx, user) {
    const [, resource, id, ...more] = ctx.segments;
    const route = Object.prototype.hasOwnProperty.call(ROUTES, resource) ? ROUTES[resource] : null;
    if (!route || more.length > 0 || id === '' || (id === undefined && resource !== 'tasks')) return false;
    const [method, handler] = route;
    const get = ctx.req.method === 'GET' || ctx.req.method === 'HEAD';
    if (method === 'GET' ? !get : ctx.req.method !== method) {
      inubitError(ctx, 405, { Allow: method });
      return true;
    }
    // A submit's body decides the answer, so wait for all of it.
    if (ctx.req.readableEnded || method === 'GET') handler(ctx, user, id);
    else ctx.req.once('end', () => answerLate(ctx, () => handler(ctx, user, id)));
    return true;
  }

  return {
    handle,
    // Users who sign in: those with a task list, and the scenario keys.
    knows: (user) => store.knows(user) || parseScenario(user) !== null,
    // A start that created task `id` for `user`.
    started(ctx, user, starterId, id) {
      const starter = INUBIT_STARTERS.find((s) => s.id === starterId);
      store.add(user, taskFixtures.startedTask(id, starterId, starter, firstValue(ctx.query.client)));
    },
    addTask: (user, spec) => store.add(user, spec).id,
    removeTask: (id) => store.remove(id),
    tasksOf: (user) => store.tasksOf(user).map((t) => Object.assign({}, t)),
    submittedForms: () => submitted.map((s) => Object.assign({}, s, { fields: Object.assign({}, s.fields) })),
    reset() {
      store.reset();
      submitted.length = 0;
      grown = 0;
    },
  };
}

// Outside the request's own try/catch, a bug in the simulator still answers 500.
function answerLate(ctx, answer) {
  try {
    answer();
  } catch (err) {
    if (!ctx.res.headersSent) send(ctx.res, 500, { 'Content-Type': 'text/plain' }, 'simulator error: ' + err.stack);
    else ctx.res.destroy();
  }
}

module.exports = { inubitTasks };
