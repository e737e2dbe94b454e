'use strict';

// IBM BPM's processes and tasks, below the REST root:
//   GET  /exposed/process                                 the BPDs exposed to start
//   POST /process?action=start&bpdId=25.…&processAppId=2066.…|snapshotId=2064.…[&params={…}]&parts=all
//   GET  /process/{piid}?parts=all                        an instance with all its tasks
//   GET  /task/{tkiid}?parts=all                          a task with data.variables
//   PUT  /task/{tkiid}?action=assign&toMe=true|back=true|toUser=U|toGroup=G[&parts=none]
//   PUT  /task/{tkiid}?action=finish|complete[&params={…}]&parts=all
// Starts, claims and finishes change the instances and tasks until reset(). Variables are
// checked against the BPD's declarations (ibm-bpm-process-fixtures.js); business objects are
// answered with "@metadata", lists as {selected, items}. The shared scenario keys work as
// piid, tkiid and bpdId (a redirect of a start leads to the same query with the bpdId
// ok-after-redirect). Keys of these resources themselves, in the same places:
//   forbidden     403 CWTBG0549E for a read; 401 CWTBG0549E for an action (start, assign, finish)
//   server-error  500 CWTBG0019E with the server's stack trace
//   no-data       a 200 without data (for a claim with parts=none that is its usual answer)
//   no-piid       a start: a 200 whose instance has no piid
//   no-tasks      an instance: a 200 whose instance has no tasks list

const fixtures = require('./fixtures');
const pf = require('./ibm-bpm-process-fixtures');
const { echoedHeaders } = require('./scenarios');
const { send, streamHuge, firstValue, CT_TEXT } = require('./http');
const { XSI_NS, renderData, bpmError, genericBpmError } = require('./ibm-bpm-documents');

const EXPOSED_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:exp="http://rest.bpm.ibm.com/v1/data/exposed" xsi:type="exp:ExposedItems"`;
const INSTANCE_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:prc="http://rest.bpm.ibm.com/v1/data/process" xsi:type="prc:ProcessInstance"`;
const TASK_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:tsk="http://rest.bpm.ibm.com/v1/data/task" xsi:type="tsk:Task"`;

const FIRST_PIID = 42891;
const FIRST_TKIID = 189900;
const SIMPLE_TYPES = ['String', 'Boolean', 'Integer', 'Decimal'];

function bpmTimestamp() {
    return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function isPlainObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Whether `value` may be stored in a variable of `type` (null always may).
function fits(type, value) {
    if (value === null) return true;
    if (type.endsWith('[]')) {
        const items = isPlainObject(value) && Array.isArray(value.items) ? value.items : value;
        return Array.isArray(items) && items.every((v) => fits(type.slice(0, -2), v));
    }
    switch (type) {
    case 'String': return typeof value === 'string';
    case 'Boolean': return typeof value === 'boolean';
    case 'Integer': return Number.isInteger(value);
    case 'Decimal': return typeof value === 'number' && Number.isFinite(value);
    }
    const fields = pf.BUSINESS_OBJECTS[type];
    return isPlainObject(value) && Object.entries(value).every(([k, v]) =>
        k === '@metadata' || (Object.prototype.hasOwnProperty.call(fields, k) && fits(fields[k], v)));
}

// The stored form of a checked value: lists as arrays, business objects merged over `current`.
function stored(type, value, current) {
    if (value === null) return null;
    if (type.endsWith('[]')) {
        const items = Array.isArray(value) ? value : value.items;
        return items.map((v) => stored(type.slice(0, -2), v, null));
    }
    if (SIMPLE_TYPES.includes(type)) return value;
    const out = Object.assign({}, current);
    for (const [k, v] of Object.entries(value)) if (k !== '@metadata') out[k] = v;
    return out;
}

// The answered form: business objects with @metadata, lists as {selected, items}.
function rendered(type, value) {
    if (value === null) return null;
    if (type.endsWith('[]')) return { selected: [], items: value.map((v) => rendered(type.slice(0, -2), v)) };
    if (SIMPLE_TYPES.includes(type)) return value;
    return Object.assign({}, value, {
        '@metadata': { dirty: false, shared: false, className: type }
    });
}

function renderVariables(bpd, values) {
    const out = {};
    for (const [name, type] of Object.entries(bpd.variables)) out[name] = rendered(type, values[name]);
    return out;
}

// XML element names cannot start with '@': "@metadata" becomes "metadata" there.
function xmlSafe(value) {
    if (Array.isArray(value)) return value.map(xmlSafe);
    if (!isPlainObject(value)) return value;
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k.replace(/^@/, '')] = xmlSafe(v);
    return out;
}

function sendData(ctx, fmt, data, attrs) {
    send(ctx.res, 200, { 'Content-Type': fmt.type }, renderData(fmt, fmt.kind === 'xml' ? xmlSafe(data) : data, attrs));
}

// Answers the keys every resource here shares (see the top); false when `key` is none of them.
// `object` names what is read or acted on, `action` the action refused (null: a read).
function sharedKey(ctx, fmt, key, object, action) {
    if (key === 'forbidden' && action === null) {
        bpmError(ctx, 403, fmt, {
            errorNumber: 'CWTBG0549E',
            message: `User ${ctx.record.authUser} is not authorized to access ${object}.`,
            params: [ctx.record.authUser, object]
        });
    } else if (key === 'forbidden') {
        bpmError(ctx, 401, fmt, {
            errorNumber: 'CWTBG0549E',
            message: `You are not authorized to perform the '${action}' action.`,
            params: [action]
        });
    } else if (key === 'server-error') {
        bpmError(ctx, 500, fmt, {
            errorNumber: 'CWTBG0019E',
            message: `An unexpected failure occurred while ${action === null ? 'reading' : `performing the action '${action}' on`} ${object}.`,
            params: [key],
            details: fixtures.STACK_TRACE
        });
    } else if (key === 'no-data') {
        sendData(ctx, fmt, null, '');
    } else {
        return false;
    }
    return true;
}

function badId(ctx, fmt, kind, id) {
    if (/^\d+$/.test(id)) {
        return bpmError(ctx, 404, fmt, {
            errorNumber: 'CWTBG0059E',
            message: `The ${kind} with the ID ${id} does not exist.`,
            params: [id]
        });
    }
    return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0553E',
        message: `The ${kind} ID '${id}' is not valid.`,
        params: [id]
    });
}

// The processes and tasks of one simulator: `sim` for its user name, `scenarios` the shared keys.
function bpmProcesses({ sim, scenarios }) {
    // piid -> instance { piid, bpd, state, executionState, starter, creationTime, lastModificationTime, values, taskIds }
    let instances;
    // tkiid -> task { tkiid, piid, step, status, state, owner, group, activationTime, startTime, completionTime }
    let tasks;
    let nextPiid;
    let nextTkiid;

    const userOf = (ctx) => ctx.record.authUser || sim.username;

    function newTask(instance, step, now) {
        const tkiid = String(nextTkiid++);
        const task = {
            tkiid, piid: instance.piid, step, status: 'Received', state: 'STATE_READY', owner: null,
            group: instance.bpd.steps[step].teamName, activationTime: now, startTime: now, completionTime: null
        };
        tasks.set(tkiid, task);
        instance.taskIds.push(tkiid);
        return task;
    }

    function newInstance(bpd, values, starter, piid) {
        const now = bpmTimestamp();
        const instance = {
            piid: piid || String(nextPiid++), bpd, state: 'STATE_RUNNING', executionState: 'Active', starter,
            creationTime: now, lastModificationTime: now, values, taskIds: []
        };
        instances.set(instance.piid, instance);
        if (bpd.steps.length > 0) newTask(instance, 0, now);
        else complete(instance, now);
        return instance;
    }

    function complete(instance, now) {
        instance.state = 'STATE_FINISHED';
        instance.executionState = 'Completed';
        instance.lastModificationTime = now;
    }

    function init() {
        instances = new Map();
        tasks = new Map();
        nextPiid = FIRST_PIID;
        nextTkiid = FIRST_TKIID;
        // The built-in instance: its first task finished by the simulator's user, its second open.
        const values = Object.assign({}, pf.HIRING_BPD.defaults, {
            requisition: { reqNum: 'REQ-1001', department: 'Sales', headcount: 2, salary: 65000.5, remote: true },
            comments: 'Two account managers for the north region',
            skills: ['negotiation', 'CRM']
        });
        nextTkiid = Number(pf.BUILTIN_TASK_IDS[0]);
        const instance = newInstance(pf.HIRING_BPD, values, sim.username, pf.BUILTIN_PIID);
        const first = tasks.get(instance.taskIds[0]);
        Object.assign(first, { status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, completionTime: first.startTime });
        newTask(instance, 1, first.startTime);
        // The finished instance: both tasks done by the simulator's user.
        nextTkiid = Number(pf.FINISHED_TASK_IDS[0]);
        const done = newInstance(pf.HIRING_BPD, Object.assign({}, values, { approved: true }), sim.username, pf.FINISHED_PIID);
        newTask(done, 1, done.creationTime);
        for (const id of done.taskIds) Object.assign(tasks.get(id), { status: 'Closed', state: 'STATE_FINISHED', owner: sim.username, completionTime: done.creationTime });
        complete(done, done.creationTime);
        nextTkiid = FIRST_TKIID;
    }
    init();

    function renderTask(task, withData) {
        const instance = instances.get(task.piid);
        const step = instance.bpd.steps[task.step];
        const mine = task.owner !== null;
        const out = {
            tkiid: task.tkiid,
            name: step.name,
            displayName: step.name,
            description: '',
            status: task.status,
            state: task.state,
            kind: 'KIND_PARTICIPATING',
            priority: 30,
            priorityName: 'Normal',
            activationTime: task.activationTime,
            startTime: task.startTime,
            completionTime: task.completionTime,
            dueTime: null,
            atRiskTime: null,
            isAtRisk: false,
            owner: task.owner,
            originator: instance.starter,
            assignedTo: mine ? task.owner : task.group,
            assignedToDisplayName: mine ? task.owner : task.group,
            assignedToID: mine ? task.owner : step.teamID,
            assignedToType: mine ? 'user' : 'group',
            teamID: step.teamID,
            teamName: step.teamName,
            piid: task.piid,
            processInstanceName: `${instance.bpd.name}:${instance.piid}`,
            processAppName: pf.PROCESS_APP.processAppName,
            serviceID: '1.5c4a3b2d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
            flowObjectID: `bpdid:${instance.bpd.bpdId.slice(3, 11)}-step-${task.step + 1}`,
            nextTaskId: null,
            clientTypes: ['IBM_WLE_Coach'],
            collaboration: { status: '' }
        };
        if (withData) out.data = { variables: renderVariables(instance.bpd, instance.values) };
        return out;
    }

    function renderInstance(instance, extra = {}) {
        const app = pf.PROCESS_APP;
        const variables = renderVariables(instance.bpd, instance.values);
        return Object.assign({
            piid: instance.piid,
            name: `${instance.bpd.name}:${instance.piid}`,
            description: '',
            creationTime: instance.creationTime,
            lastModificationTime: instance.lastModificationTime,
            dueDate: null,
            state: instance.state,
            executionState: instance.executionState,
            bpdName: instance.bpd.name,
            processTemplateID: instance.bpd.bpdId,
            processTemplateName: instance.bpd.name,
            processAppID: app.processAppID,
            processAppName: app.processAppName,
            processAppAcronym: app.processAppAcronym,
            snapshotID: app.snapshotID,
            snapshotName: app.snapshotName,
            branchID: app.branchID,
            branchName: app.branchName,
            starter: instance.starter,
            tasks: instance.taskIds.map((id) => renderTask(tasks.get(id), false)),
            variables,
            data: JSON.stringify(variables),
            businessData: []
        }, extra);
    }

    // The variables of `params` checked against `bpd` and merged over `values`; or answers 400 and returns null.
    function mergeParams(ctx, fmt, bpd, values) {
        const text = firstValue(ctx.query.params);
        if (text === undefined || text === '') return Object.assign({}, values);
        let given;
        try {
            given = JSON.parse(text);
        } catch (e) {
            given = undefined;
        }
        if (!isPlainObject(given)) {
            bpmError(ctx, 400, fmt, {
                errorNumber: 'CWTBG0029E',
                message: 'The params value is not a JSON object of variables.',
                params: [String(text)]
            });
            return null;
        }
        const out = Object.assign({}, values);
        for (const [name, value] of Object.entries(given)) {
            const type = bpd.variables[name];
            if (!Object.prototype.hasOwnProperty.call(bpd.variables, name)) {
                bpmError(ctx, 400, fmt, {
                    errorNumber: 'CWTBG0543E',
                    message: `The variable '${name}' is not declared in ${bpd.name}.`,
                    params: [name, bpd.name]
                });
                return null;
            }
            if (!fits(type, value)) {
                bpmError(ctx, 400, fmt, {
                    errorNumber: 'CWTBG0029E',
                    message: `The value of the variable '${name}' is not of the type ${type}.`,
                    params: [name, type]
                });
                return null;
            }
            out[name] = stored(type, value, values[name]);
        }
        return out;
    }

    // -- GET /exposed/process -------------------------------------------------------

    function exposed(ctx, fmt) {
        sendData(ctx, fmt, { exposedItemsList: pf.EXPOSED_PROCESSES }, EXPOSED_ATTRS);
    }

    // -- POST /process?action=start -------------------------------------------------

    function start(ctx, fmt) {
        const q = (name) => {
            const v = firstValue(ctx.query[name]);
            return typeof v === 'string' && v !== '' ? v : null;
        };
        const invalid = (errorNumber, message, params) => bpmError(ctx, 400, fmt, { errorNumber, message, params });
        const action = q('action');
        if (action !== 'start') {
            return invalid('CWTBG0547E', `The action '${action || ''}' is not valid. Valid actions are start.`, [action || '']);
        }
        const bpdId = q('bpdId');
        if (bpdId === null) return invalid('CWTBG0023E', 'The parameter bpdId is required.', ['bpdId']);
        const appId = q('processAppId');
        const snapshotId = q('snapshotId');
        const branchId = q('branchId');
        if (appId === null && snapshotId === null && branchId === null) {
            return invalid('CWTBG0022E', 'Either a snapshot, a branch or a process application is required.', []);
        }
        for (const [name, value, prefix] of [['processAppId', appId, '2066.'], ['snapshotId', snapshotId, '2064.'], ['branchId', branchId, '2063.']]) {
            if (value !== null && !value.startsWith(prefix)) {
                return invalid('CWTBG0554E', `The value '${value}' of ${name} does not start with ${prefix}`, [value, name]);
            }
        }
        const app = pf.PROCESS_APP;
        const archived = snapshotId === pf.ARCHIVED_SNAPSHOT_ID;
        const known = (appId === null || appId === app.processAppID) && (branchId === null || branchId === app.branchID) &&
            (snapshotId === null || snapshotId === app.snapshotID || archived);
        if (!known) {
            const value = appId !== null && appId !== app.processAppID ? appId : snapshotId !== null ? snapshotId : branchId;
            return invalid('CWTBG0012E', `The process application, branch or snapshot '${value}' is not valid.`, [value]);
        }

        const bpd = pf.BPDS.find((b) => b.bpdId === bpdId);
        if (!bpd) {
            // The keys start the hiring process.
            const hiring = pf.HIRING_BPD;
            const newHiring = () => newInstance(hiring, Object.assign({}, hiring.defaults), userOf(ctx));
            if (sharedKey(ctx, fmt, bpdId, `the business process definition ${bpdId}`, 'start')) return;
            if (bpdId === 'no-piid') {
                const { piid: _piid, ...withoutPiid } = renderInstance(newHiring());
                return sendData(ctx, fmt, withoutPiid, INSTANCE_ATTRS);
            }
            const doStart = () => {
                const values = mergeParams(ctx, fmt, hiring, hiring.defaults);
                if (values !== null) sendData(ctx, fmt, renderInstance(newInstance(hiring, values, userOf(ctx))), INSTANCE_ATTRS);
            };
            const api = keyApi(ctx, fmt, doStart, () => renderInstance(newHiring()), (extra) => renderInstance(newHiring(), extra), INSTANCE_ATTRS);
            // The key is a query value: a redirect leads to the same query with the bpdId ok-after-redirect.
            if (scenarios.run(ctx, bpdId, 'bpdId', api)) return;
            if (!/^25\.[0-9a-f-]+$/.test(bpdId)) {
                return invalid('CWTBG0554E', `The value '${bpdId}' of bpdId does not start with 25.`, [bpdId, 'bpdId']);
            }
            return bpmError(ctx, 404, fmt, {
                errorNumber: 'CWTBG0047E',
                message: `The business process definition with the ID ${bpdId} was not found.`,
                params: [bpdId]
            });
        }
        if (!bpd.exposed && bpd.exposedTo) {
            return bpmError(ctx, 401, fmt, {
                errorNumber: 'CWTBG0549E',
                message: 'You are not authorized to perform the \'start\' action.',
                params: ['start']
            });
        }
        if (!bpd.exposed) {
            return bpmError(ctx, 409, fmt, {
                errorNumber: 'CWTBG0587E',
                message: `The business process definition ${bpd.name} (${bpdId}) is not exposed to start.`,
                params: [bpd.name, bpdId]
            });
        }
        if (archived) {
            return bpmError(ctx, 409, fmt, {
                errorNumber: 'CWTBG0586E',
                message: `The snapshot ${snapshotId} is archived: ${bpd.name} cannot be started from it.`,
                params: [snapshotId, bpd.name]
            });
        }
        const values = mergeParams(ctx, fmt, bpd, bpd.defaults);
        if (values === null) return;
        sendData(ctx, fmt, renderInstance(newInstance(bpd, values, userOf(ctx))), INSTANCE_ATTRS);
    }

    // The answers a scenario key needs: normal() answers as usual, body() renders that answer,
    // withExtra(extra) renders it with `extra` fields.
    function keyApi(ctx, fmt, normal, body, withExtra, attrs) {
        const render = (data) => renderData(fmt, fmt.kind === 'xml' ? xmlSafe(data) : data, attrs);
        return {
            normal,
            error: (status, headers) => genericBpmError(ctx, status, fmt, headers),
            normalBody: () => ({ status: 200, type: fmt.type, body: render(body()) }),
            truncated: () => {
                const full = render(body());
                send(ctx.res, 200, { 'Content-Type': fmt.type }, full.slice(0, Math.floor(full.length / 2)));
            },
            wrongType: () => send(ctx.res, 200, { 'Content-Type': CT_TEXT }, 'OK'),
            huge: () => {
                const marker = 'HUGE-DESCRIPTION-MARKER';
                streamHuge(ctx.res, fmt.type, render(withExtra({ description: marker })), marker);
            },
            echoHeaders: () => send(ctx.res, 200, { 'Content-Type': fmt.type },
                render(withExtra({ description: JSON.stringify(echoedHeaders(ctx)) })))
        };
    }

    // -- GET /process/{piid} ----------------------------------------------------------

    function instance(ctx, fmt, piid) {
        const found = instances.get(piid);
        if (found) return sendData(ctx, fmt, renderInstance(found), INSTANCE_ATTRS);
        if (sharedKey(ctx, fmt, piid, `process instance ${piid}`, null)) return;
        const builtin = () => instances.get(pf.BUILTIN_PIID);
        if (piid === 'no-tasks') {
            const { tasks: _tasks, ...withoutTasks } = renderInstance(builtin());
            return sendData(ctx, fmt, withoutTasks, INSTANCE_ATTRS);
        }
        const api = keyApi(ctx, fmt, () => sendData(ctx, fmt, renderInstance(builtin()), INSTANCE_ATTRS),
            () => renderInstance(builtin()), (extra) => renderInstance(builtin(), extra), INSTANCE_ATTRS);
        // many-N: an instance with N open tasks.
        api.many = (n) => {
            const base = builtin();
            const open = renderTask(tasks.get(base.taskIds[1]), false);
            const list = new Array(n);
            for (let i = 0; i < n; i++) {
                list[i] = Object.assign({}, open, { tkiid: String(FIRST_TKIID + 1000000 + i), name: `${open.name} ${i + 1}`, displayName: `${open.name} ${i + 1}` });
            }
            sendData(ctx, fmt, renderInstance(base, { tasks: list }), INSTANCE_ATTRS);
        };
        if (scenarios.run(ctx, piid, 1, api)) return;
        return badId(ctx, fmt, 'process instance', piid);
    }

    // -- GET and PUT /task/{tkiid} ---------------------------------------------------------

    function partsAll(ctx) {
        const parts = firstValue(ctx.query.parts);
        return parts === undefined || parts === 'all' || String(parts).split('|').includes('data');
    }

    function sendTask(ctx, fmt, task) {
        const parts = firstValue(ctx.query.parts);
        if (parts === 'none') return sendData(ctx, fmt, null, TASK_ATTRS);
        sendData(ctx, fmt, renderTask(task, partsAll(ctx)), TASK_ATTRS);
    }

    function notNow(ctx, fmt, task, action) {
        bpmError(ctx, 409, fmt, {
            errorNumber: 'CWTBG0014E',
            message: `The state '${task.state}' of object '${task.tkiid}' does not allow the requested action '${action}'.`,
            params: [task.state, task.tkiid, action]
        });
    }

    function assign(ctx, fmt, task) {
        const user = userOf(ctx);
        const given = ['toMe', 'back', 'toUser', 'toGroup'].filter((k) => {
            const v = firstValue(ctx.query[k]);
            return typeof v === 'string' && v !== '' && v !== 'false';
        });
        if (given.length !== 1) {
            return bpmError(ctx, 400, fmt, {
                errorNumber: 'CWTBG0548E',
                message: 'The action assign needs exactly one of toMe, back, toUser and toGroup.',
                params: ['assign']
            });
        }
        const how = given[0];
        if (task.status === 'Closed') return notNow(ctx, fmt, task, 'assign');
        const free = task.owner === null || task.owner === user;
        if (how === 'toMe' || how === 'toUser') {
            if (!free) return notNow(ctx, fmt, task, 'assign');
            task.owner = how === 'toMe' ? user : firstValue(ctx.query.toUser);
            task.state = 'STATE_CLAIMED';
        } else if (how === 'back') {
            if (!free) return notNow(ctx, fmt, task, 'assign');
            task.owner = null;
            task.state = 'STATE_READY';
        } else {
            if (!free) return notNow(ctx, fmt, task, 'assign');
            task.owner = null;
            task.group = firstValue(ctx.query.toGroup);
            task.state = 'STATE_READY';
        }
        sendTask(ctx, fmt, task);
    }

    function finish(ctx, fmt, task, action) {
        if (task.status === 'Closed') return notNow(ctx, fmt, task, action);
        const user = userOf(ctx);
        if (task.owner !== user) {
            return bpmError(ctx, 401, fmt, {
                errorNumber: 'CWTBG0549E',
                message: `You are not authorized to perform the '${action}' action.`,
                params: [action]
            });
        }
        const inst = instances.get(task.piid);
        const values = mergeParams(ctx, fmt, inst.bpd, inst.values);
        if (values === null) return;
        const now = bpmTimestamp();
        inst.values = values;
        inst.lastModificationTime = now;
        Object.assign(task, { status: 'Closed', state: 'STATE_FINISHED', completionTime: now });
        if (task.step + 1 < inst.bpd.steps.length) newTask(inst, task.step + 1, now);
        else complete(inst, now);
        sendTask(ctx, fmt, task);
    }

    function task(ctx, fmt, tkiid, method) {
        const found = tasks.get(tkiid);
        const action = firstValue(ctx.query.action);
        if (method === 'PUT' && !['assign', 'finish', 'complete'].includes(action)) {
            const named = typeof action === 'string' ? action : '';
            return bpmError(ctx, 400, fmt, {
                errorNumber: 'CWTBG0547E',
                message: `The action '${named}' is not valid. Valid actions are assign, finish, complete.`,
                params: [named]
            });
        }
        if (found) {
            if (method !== 'PUT') return sendTask(ctx, fmt, found);
            if (action === 'assign') return assign(ctx, fmt, found);
            return finish(ctx, fmt, found, action);
        }
        if (sharedKey(ctx, fmt, tkiid, `task ${tkiid}`, method === 'PUT' ? action : null)) return;
        // Scenario keys: a copy of the built-in open task under the key, finished for a finish.
        const keyTask = () => {
            const t = Object.assign({}, tasks.get(pf.BUILTIN_TASK_IDS[1]), { tkiid });
            if (method === 'PUT' && action !== 'assign') Object.assign(t, { status: 'Closed', state: 'STATE_FINISHED', owner: userOf(ctx) });
            if (method === 'PUT' && action === 'assign') Object.assign(t, { state: 'STATE_CLAIMED', owner: userOf(ctx) });
            return t;
        };
        const api = keyApi(ctx, fmt, () => sendTask(ctx, fmt, keyTask()), () => renderTask(keyTask(), true),
            (extra) => Object.assign(renderTask(keyTask(), true), extra), TASK_ATTRS);
        if (scenarios.run(ctx, tkiid, 1, api)) return;
        return badId(ctx, fmt, 'task', tkiid);
    }

    function checkTask(tkiid) {
        const t = tasks.get(String(tkiid));
        if (!t) throw new RangeError(`no task ${tkiid}`);
        return t;
    }

    return {
        exposed,
        start,
        instance,
        task,
        // The tasks of instance `piid` as GET /process/{piid} lists them, or null.
        tasksOf(piid) {
            const inst = instances.get(String(piid));
            return inst ? inst.taskIds.map((id) => renderTask(tasks.get(id), false)) : null;
        },
        // Task `tkiid` with its variables, or null.
        taskOf(tkiid) {
            const t = tasks.get(String(tkiid));
            return t ? renderTask(t, true) : null;
        },
        // Starts `count` instances of the hiring process with its default variables, as `user`
        // would: [{ piid, tkiid }], tkiid the open first task of each.
        startHiring(count, user) {
            const out = new Array(count);
            for (let i = 0; i < count; i++) {
                const inst = newInstance(pf.HIRING_BPD, Object.assign({}, pf.HIRING_BPD.defaults), user);
                out[i] = { piid: inst.piid, tkiid: inst.taskIds[0] };
            }
            return out;
        },
        // Makes `user` the owner of an open task (null: back to its team).
        claim(tkiid, user) {
            const t = checkTask(tkiid);
            t.owner = user === null ? null : String(user);
            t.state = user === null ? 'STATE_READY' : 'STATE_CLAIMED';
        },
        reset: init
    };
}

module.exports = { bpmProcesses };
