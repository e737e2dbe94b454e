'use strict';

// The answers the process and task resources share: their documents, the keys every one of
// them takes (forbidden, server-error, no-data), unknown ids, and the answers of scenario keys.

const { STACK_TRACE } = require('./ibm-bpm-system-fixtures');
const { echoedHeaders } = require('./scenarios');
const { send, streamHuge, CT_TEXT } = require('./http');
const { XSI_NS, renderData, bpmError, genericBpmError } = require('./ibm-bpm-documents');
const { xmlSafe } = require('./ibm-bpm-variables');

const EXPOSED_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:exp="http://rest.bpm.ibm.com/v1/data/exposed" xsi:type="exp:ExposedItems"`;
const INSTANCE_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:prc="http://rest.bpm.ibm.com/v1/data/process" xsi:type="prc:ProcessInstance"`;
const TASK_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:tsk="http://rest.bpm.ibm.com/v1/data/task" xsi:type="tsk:Task"`;

function renderDocument(fmt, data, attrs) {
  return renderData(fmt, fmt.kind === 'xml' ? xmlSafe(data) : data, attrs);
}

function sendData(ctx, fmt, data, attrs) {
  send(ctx.res, 200, { 'Content-Type': fmt.type }, renderDocument(fmt, data, attrs));
}

// Answers the keys every resource here shares (see ibm-bpm-processes.js); false when `key` is none of them.
// `object` names what is read or acted on, `action` the action refused (null: a read).
function sharedKey(ctx, fmt, key, object, action) {
  if (key === 'forbidden' && action === null) {
    bpmError(ctx, 403, fmt, {
      errorNumber: 'CWTBG0549E',
      message: `User ${ctx.record.authUser} is not authorized to access ${object}.`,
      params: [ctx.record.authUser, object],
    });
  } else if (key === 'forbidden') {
    bpmError(ctx, 401, fmt, {
      errorNumber: 'CWTBG0549E',
      message: `You are not authorized to perform the '${action}' action.`,
      params: [action],
    });
  } else if (key === 'server-error') {
    bpmError(ctx, 500, fmt, {
      errorNumber: 'CWTBG0019E',
      message: `An unexpected failure occurred while ${action === null ? 'reading' : `performing the action '${action}' on`} ${object}.`,
      params: [key],
      details: STACK_TRACE,
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
      params: [id],
    });
  }
  return bpmError(ctx, 400, fmt, {
    errorNumber: 'CWTBG0553E',
    message: `The ${kind} ID '${id}' is not valid.`,
    params: [id],
  });
}

// The answers a scenario key needs: normal() answers as usual, body() renders that answer,
// withExtra(extra) renders it with `extra` fields.
function keyApi(ctx, fmt, normal, body, withExtra, attrs) {
  const render = (data) => renderDocument(fmt, data, attrs);
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
    echoHeaders: () =>
      send(ctx.res, 200, { 'Content-Type': fmt.type }, render(withExtra({ description: JSON.stringify(echoedHeaders(ctx)) }))),
  };
}

module.exports = { EXPOSED_ATTRS, INSTANCE_ATTRS, TASK_ATTRS, sendData, sharedKey, badId, keyApi };
