'use strict';

// The message events the simulated IBM BPM server knows: the undercover agents (UCAs) of the
// sample process app (acronym HSS, ibm-bpm-process-fixtures.js), the order process they start and
// move on, and a built-in order instance waiting for its payment.

const pf = require('./ibm-bpm-process-fixtures');

// Started by its message start event only, so not exposed to start over REST. Its one user task
// waits at a message intermediate event until the order's payment comes in.
const ORDER_BPD = {
  bpdId: '25.6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d',
  name: 'Order Fulfilment',
  exposed: false,
  variables: { orderNumber: 'String', customer: 'String', amount: 'Decimal', paid: 'Boolean' },
  defaults: { orderNumber: '', customer: '', amount: 0, paid: false },
  steps: [{ name: 'Ship order', teamName: 'Warehouse', teamID: '24.5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', waitsFor: 'PAYMENT_RECEIVED' }],
};

// By event name (the message event id of each UCA). `start` starts an instance of `bpd`;
// `intermediate` moves on the instances of `bpd` waiting for it whose `correlation` variable
// equals the parameter of that name. The parameters set the variables of the same name.
const EVENTS = {
  ORDER_ARRIVED: { ucaName: 'Order Arrived UCA', kind: 'start', bpd: ORDER_BPD },
  PAYMENT_RECEIVED: {
    ucaName: 'Payment Received UCA',
    kind: 'intermediate',
    bpd: ORDER_BPD,
    correlation: 'orderNumber',
    sets: { paid: true },
  },
};

// The process app and the snapshots (by name) whose UCAs take messages.
const EVENT_APP = { acronym: pf.PROCESS_APP.processAppAcronym, snapshots: [pf.PROCESS_APP.snapshotName] };

// The built-in order instance: order ORD-4711, waiting for its payment.
const BUILTIN_ORDER_PIID = '42880';
const BUILTIN_ORDER = { orderNumber: 'ORD-4711', customer: 'Muster GmbH', amount: 249.9, paid: false };

module.exports = { ORDER_BPD, EVENTS, EVENT_APP, BUILTIN_ORDER_PIID, BUILTIN_ORDER };
