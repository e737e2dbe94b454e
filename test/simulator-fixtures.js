'use strict';

// Canned data for the BPM simulator (test/simulator.js). Kept apart so tests can
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

// Process instance id -> activity list served out of the box.
function builtinInstances() {
    return {
        '100': [],
        '101': ONE_ACTIVITY,
        '102': SEED_ACTIVITIES,
        '103': MIXED_ACTIVITIES,
        '23972': SEED_ACTIVITIES
    };
}

// Deterministic UUID-shaped text per index, so repeated runs give the same ids.
function uuidFor(index) {
    const h = crypto.createHash('md5').update('adhoc-activity-' + index).digest('hex');
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

// Ad-hoc starters listed by GET /ibis/rest/task/adhoc/{user}.
const INUBIT_STARTERS = [
    {
        id: '74933f6c-72c6-44c5-9e90-91070f98c7dd',
        label: 'Leave request',
        role: 'Employee'
    },
    {
        id: 'PAB HR-Recruiting Vorauswahl@@@HR_Sachbearbeiter@@@WF Starter@@@140',
        label: 'HR recruiting: pre-selection',
        role: 'HR_Sachbearbeiter'
    },
    {
        id: 'c2f0a8d3-5e17-4b96-a4d8-0b93e6f71c25',
        label: 'Travel & expenses',
        role: 'Employee'
    },
    {
        id: 'no-task',
        label: 'Notify back office (no follow-on task)',
        role: 'Clerk'
    }
];

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

module.exports = {
    SEED_ACTIVITIES,
    ONE_ACTIVITY,
    MIXED_ACTIVITIES,
    INUBIT_STARTERS,
    SYSTEM_INFO,
    STACK_TRACE,
    LOGIN_PAGE,
    builtinInstances,
    generateActivities
};
