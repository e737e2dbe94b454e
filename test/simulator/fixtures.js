'use strict';

// Canned data for the BPM simulator (test/simulator/). Kept apart so tests can
// compare what a client parsed against the exact objects the simulator served.

const crypto = require('crypto');

// The two activities of the vendor's JSON example (IBM BPM 8.5.5), field order kept.
const SEED_ACTIVITIES = [
    {
        id: '2118.7cd26750-613a-4c0e-9f8b-7826e5b53233',
        name: 'AdHocActivity 1',
        executionState: 'WORKING',
        activityType: 'USER_TASK',
        executionType: 'AUTOMATIC',
        optionType: 'REQUIRED',
        required: true,
        repeatable: false,
        startTime: '2014-02-03T15:37:47Z',
        endTime: null,
        hidden: false
    },
    {
        id: '2118.1ce314cf-2b5d-4291-a073-fb87f7d8ddf0',
        name: 'AdHocActivity 2',
        executionState: 'READY',
        activityType: 'USER_TASK',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: false,
        startTime: null,
        endTime: null,
        hidden: false
    }
];

const ONE_ACTIVITY = [
    {
        id: '2118.5b0c1f4e-8d2a-4c6b-9e3f-2a7d41c0b915',
        name: 'Request approval',
        executionState: 'READY',
        activityType: 'USER_TASK',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: true,
        startTime: null,
        endTime: null,
        hidden: false
    }
];

// Three activities covering every field of ActivityDetails, nulls, awkward
// names (numeric-looking, XML special characters, non-ASCII) and a finished one.
const MIXED_ACTIVITIES = [
    {
        // ONE_ACTIVITY's fields (in its order) with another id and name, then the optional ones.
        ...ONE_ACTIVITY[0],
        id: '2118.1234',
        name: '007',
        enablingDocumentID: null,
        dueDate: '2025-07-01T09:00:00Z',
        taskId: '000456',
        taskOwnerUserId: null,
        taskOwnerGroupId: 'HR_Sachbearbeiter',
        narrative: null
    },
    {
        id: '2118.9f1d7a52-3c44-4e0b-8a61-5d2e9b7c0a13',
        name: 'Tom & Jerry <draft> "quoted" \'x\' ü€',
        executionState: 'WORKING',
        activityType: 'CALLED_PROCESS',
        executionType: 'AUTOMATIC',
        optionType: 'REQUIRED',
        required: true,
        repeatable: false,
        startTime: '2025-06-02T08:15:30Z',
        endTime: null,
        hidden: false,
        enablingDocumentID: '2072.4c8e0d19-6b7a-4f25-b3d0-81e6a9f2c547',
        dueDate: null,
        taskId: null,
        taskOwnerUserId: 'jdoe',
        taskOwnerGroupId: null,
        narrative: 'First line\nSecond line with <b>markup</b> & an ampersand'
    },
    {
        id: '2118.0e6b2d84-71fa-4a39-b5c2-c93f18d46e70',
        name: 'Archive documents',
        executionState: 'COMPLETED',
        activityType: 'SUB_PROCESS',
        executionType: 'NONE',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: false,
        startTime: '2025-06-01T10:00:00Z',
        endTime: '2025-06-01T10:42:17Z',
        hidden: true,
        enablingDocumentID: null,
        dueDate: '2025-06-03T17:00:00Z',
        taskId: '123',
        taskOwnerUserId: 'asmith',
        taskOwnerGroupId: null,
        narrative: ''
    }
];

// The journey "list, keep READY, start": three startable activities (a user task, a
// repeatable user task, a called process without a task) and two that are not READY.
const STARTABLE_ACTIVITIES = [
    {
        id: '2118.4d1c8f3a-2b6e-4f71-9a05-c3e8b2d7f614',
        name: 'Request a second opinion',
        executionState: 'READY',
        activityType: 'USER_TASK',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: false,
        startTime: null,
        endTime: null,
        hidden: false
    },
    {
        id: '2118.8a27e5d0-93bf-4c1e-b6d4-0f5a1c9e3b82',
        name: 'Add a note to the file',
        executionState: 'READY',
        activityType: 'USER_TASK',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: true,
        startTime: null,
        endTime: null,
        hidden: false
    },
    {
        id: '2118.e5b09c71-6d4a-4a8f-8e23-7b1f0d6c2a95',
        name: 'Order a credit report',
        executionState: 'READY',
        activityType: 'CALLED_PROCESS',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: false,
        startTime: null,
        endTime: null,
        hidden: false
    },
    {
        id: '2118.2f9d6b14-c8a3-4e57-b0f1-5e6a3d8c7b20',
        name: 'Escalate to the manager',
        executionState: 'DISABLED',
        activityType: 'USER_TASK',
        executionType: 'MANUAL',
        optionType: 'OPTIONAL',
        required: false,
        repeatable: false,
        startTime: null,
        endTime: null,
        hidden: false
    },
    {
        id: '2118.b73e1a58-0f4c-4d92-a6b8-91c2e4f5d036',
        name: 'Check identity',
        executionState: 'COMPLETED',
        activityType: 'USER_TASK',
        executionType: 'AUTOMATIC',
        optionType: 'REQUIRED',
        required: true,
        repeatable: false,
        startTime: '2025-06-02T08:00:00Z',
        endTime: '2025-06-02T08:20:41Z',
        hidden: false
    }
];

// Process instance id -> activity list served out of the box.
function builtinInstances() {
    return {
        '100': [],
        '101': ONE_ACTIVITY,
        '102': SEED_ACTIVITIES,
        '103': MIXED_ACTIVITIES,
        '104': STARTABLE_ACTIVITIES,
        '23972': SEED_ACTIVITIES
    };
}

// Fields that ActivityDetails (PUT /activity/{id}) adds to an Activity of the list, BAW's included.
function detailDefaults() {
    return {
        enablingDocumentID: null,
        dueDate: null,
        taskId: null,
        taskOwnerUserId: null,
        taskOwnerGroupId: null,
        narrative: null,
        preconditionType: 'NONE',
        preconditionTriggers: { triggers: [] },
        preconditionExpressions: { expressions: [] },
        preconditionIsMatchAll: true
    };
}

// A fresh ActivityDetails object: the activity's own fields in their order, the missing
// detail fields with their defaults, then `changes`.
function activityDetails(activity, changes = {}) {
    const details = Object.assign({}, activity);
    for (const [k, v] of Object.entries(detailDefaults())) {
        if (!(k in details)) details[k] = v;
    }
    return Object.assign(details, changes);
}

// Details for the `text-fields` activity key: numeric-looking text, entity-like text, nesting.
const TEXT_FIELDS_DETAILS = {
    id: '2118.0042',
    name: '007',
    executionState: 'WORKING',
    activityType: 'USER_TASK',
    executionType: 'MANUAL',
    optionType: 'OPTIONAL',
    required: false,
    repeatable: true,
    startTime: '2025-07-01T08:00:00Z',
    endTime: null,
    hidden: false,
    enablingDocumentID: '0815',
    dueDate: null,
    taskId: '000123',
    taskOwnerUserId: '0042',
    taskOwnerGroupId: null,
    narrative: 'a &amp; b <i>',
    preconditionType: 'SPECIFIC_VARIABLES',
    preconditionTriggers: { triggers: ['0042', 'true', '1e3'] },
    preconditionExpressions: { expressions: ['tw.local.count > 007', 'null'] },
    preconditionIsMatchAll: false
};

// Deterministic UUID-shaped text per index, so repeated runs give the same ids.
function uuidFor(index, prefix = 'adhoc-activity-') {
    const h = crypto.createHash('md5').update(prefix + index).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATES = ['READY', 'WORKING', 'WAITING', 'DISABLED'];

// Activity list for the `many-<n>` instance key.
function generateActivities(n) {
    const list = new Array(n);
    for (let i = 0; i < n; i++) {
        list[i] = {
            id: '2118.' + uuidFor(i),
            name: 'Activity ' + (i + 1),
            executionState: STATES[i % STATES.length],
            activityType: 'USER_TASK',
            executionType: i % 2 ? 'MANUAL' : 'AUTOMATIC',
            optionType: i % 3 ? 'OPTIONAL' : 'REQUIRED',
            required: i % 3 === 0,
            repeatable: i % 5 === 0,
            startTime: i % 2 ? null : '2025-01-01T00:00:00Z',
            endTime: null,
            hidden: false
        };
    }
    return list;
}

// One ad-hoc starter: `label` is the German one, served when the request names no language.
function starter(id, de, en, role) {
    return { id, label: de, labels: { de, en }, role };
}

// Ad-hoc starters listed by GET /ibis/rest/task/adhoc/{user}: inubit 9 UUIDs, an inubit 8
// composite id, a label full of XML special characters, and one that creates no task (204).
const INUBIT_STARTERS = [
    starter('74933f6c-72c6-44c5-9e90-91070f98c7dd', 'Urlaubsantrag', 'Leave request', 'Employee'),
    starter('PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140',
        'HR-Recruiting: Vorauswahl', 'HR recruiting: pre-selection', 'HR_Sachbearbeiter'),
    starter('c2f0a8d3-5e17-4b96-a4d8-0b93e6f71c25',
        'Reisekosten & Spesen <Entwurf> "eilig" \'Q3\' Bestätigung',
        'Travel & expenses <draft> "urgent" \'Q3\' approval', 'Employee'),
    starter('no-task', 'Backoffice benachrichtigen (ohne Folgeaufgabe)', 'Notify back office (no follow-on task)', 'Clerk')
];

// Starter list for the `many-<n>` user key; ids unique and stable across runs.
function generateStarters(n) {
    const list = new Array(n);
    for (let i = 0; i < n; i++) {
        list[i] = starter(uuidFor(i, 'adhoc-starter-'), `Ad-hoc-Starter ${i + 1}`, `Ad-hoc starter ${i + 1}`, i % 2 ? 'Clerk' : 'Employee');
    }
    return list;
}

const SYSTEM_INFO = {
    systemID: 'a3c6e1f0-2b4d-4e8a-9c71-5f0d2b8e6a41',
    systemType: 'SYSTEM_TYPE_WLE',
    version: '8.5.5.0',
    groupWorkItemsEnabled: true
};

// Stand-in for the stack trace IBM BPM puts into programmersDetails on a 500.
const STACK_TRACE = [
    'com.lombardisoftware.core.TeamWorksException: Unexpected failure while reading ad hoc activities',
    '\tat com.lombardisoftware.server.ejb.bpd.BPDInstanceCore.getAdHocActivities(BPDInstanceCore.java:1412)',
    '\tat com.ibm.bpm.rest.impl.ProcessResource.getAdHocActivities(ProcessResource.java:2210)',
    '\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
    '\tat org.apache.wink.server.internal.handlers.InvokeMethodHandler.handleRequest(InvokeMethodHandler.java:63)',
    'Caused by: java.sql.SQLException: connection pool exhausted',
    '\t... 42 more'
].join('\n');

// What a single sign-on proxy or an expired session typically returns instead of data.
const LOGIN_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Log in</title></head>
<body>
<h1>Please log in</h1>
<form method="post" action="/j_security_check">
  <label>User <input type="text" name="j_username"></label>
  <label>Password <input type="password" name="j_password"></label>
  <button type="submit">Log in</button>
</form>
</body>
</html>
`;

// What an application server with form login answers for {prefix}/login.html.
const FORM_LOGIN_PAGE = `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>Login</title></head>
<body>
<h1>Log in to the application server</h1>
<form action="j_security_check" method="post">
  <label>User ID <input type="text" name="j_username"></label>
  <label>Password <input type="password" name="j_password"></label>
  <input type="submit" value="Log in">
</form>
</body>
</html>
`;

module.exports = {
    SEED_ACTIVITIES,
    ONE_ACTIVITY,
    MIXED_ACTIVITIES,
    STARTABLE_ACTIVITIES,
    TEXT_FIELDS_DETAILS,
    INUBIT_STARTERS,
    SYSTEM_INFO,
    STACK_TRACE,
    LOGIN_PAGE,
    FORM_LOGIN_PAGE,
    builtinInstances,
    activityDetails,
    uuidFor,
    generateActivities,
    generateStarters
};
