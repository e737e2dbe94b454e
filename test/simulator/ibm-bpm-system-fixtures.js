'use strict';

// What the IBM BPM server tells of itself: its system information (GET /systems) and the stack
// trace of its 500s.

const SYSTEM_INFO = {
  systemID: 'a3c6e1f0-2b4d-4e8a-9c71-5f0d2b8e6a41',
  systemType: 'SYSTEM_TYPE_WLE',
  version: '8.5.5.0',
  groupWorkItemsEnabled: true,
};

// Stand-in for the stack trace IBM BPM puts into programmersDetails on a 500.
const STACK_TRACE = [
  'com.lombardisoftware.core.TeamWorksException: Unexpected failure while reading ad hoc activities',
  '\tat com.lombardisoftware.server.ejb.bpd.BPDInstanceCore.getAdHocActivities(BPDInstanceCore.java:1412)',
  '\tat com.ibm.bpm.rest.impl.ProcessResource.getAdHocActivities(ProcessResource.java:2210)',
  '\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
  '\tat org.apache.wink.server.internal.handlers.InvokeMethodHandler.handleRequest(InvokeMethodHandler.java:63)',
  'Caused by: java.sql.SQLException: connection pool exhausted',
  '\t... 42 more',
].join('\n');

module.exports = { SYSTEM_INFO, STACK_TRACE };
