'use strict';

// IBM BPM's ad-hoc activities, below the REST root:
//   GET  /process/{instanceId}/adHocActivities                 the ad-hoc activities
//   PUT  /activity/{activityId}?action=ACTION_START_ACTIVITY[&assignTo=U]  start one
// Starting an activity of a built-in instance changes its state (also in the list) until
// reset(); other ids start made-up activities.

const { SEED_ACTIVITIES, ONE_ACTIVITY, builtinInstances, generateActivities, madeUpActivity } = require('./ibm-bpm-activity-fixtures');
const { bpmTimestamp } = require('./ibm-bpm-process-store');
const { TEXT_FIELDS_DETAILS, activityDetails } = require('./ibm-bpm-activity-detail-fixtures');
const { STACK_TRACE } = require('./ibm-bpm-system-fixtures');
const { echoedHeaders } = require('./scenarios');
const { send, streamHuge, firstValue, CT_TEXT } = require('./http');
const { IND } = require('./xml');
const { XSI_NS, JSON_FORMAT, wrapJson, responseDataXml, renderData, bpmError, genericBpmError } = require('./ibm-bpm-documents');

const ACTIVITIES_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:prc="http://rest.bpm.ibm.com/v1/data/process" xsi:type="prc:adHocActivities"`;
const DETAILS_ATTRS = `xmlns:xsi="${XSI_NS}" xmlns:act="http://rest.bpm.ibm.com/v1/data/activity" xsi:type="act:ActivityDetails"`;

const ACTION_START = 'ACTION_START_ACTIVITY';
const ACTIVITY_ACTIONS = ['ACTION_VIEW_ACTIVITY', ACTION_START, 'ACTION_DISABLE_ACTIVITY', 'ACTION_ENABLE_ACTIVITY'];
const FIRST_TASK_ID = 2078;

function renderActivities(fmt, list) {
  return renderData(fmt, { activities: list }, ACTIVITIES_ATTRS);
}

function sendActivities(ctx, fmt, list) {
  send(ctx.res, 200, { 'Content-Type': fmt.type }, renderActivities(fmt, list));
}

function renderDetails(fmt, details) {
  return renderData(fmt, details, DETAILS_ATTRS);
}

function sendDetails(ctx, fmt, details) {
  send(ctx.res, 200, { 'Content-Type': fmt.type }, renderDetails(fmt, details));
}

// `state` is named when the simulator knows it.
function notValidNow(ctx, fmt, id, action, state) {
  bpmError(ctx, 400, fmt, {
    errorNumber: 'CWTBG0548E',
    message: `The action ${action} is not valid for the activity ${id} in its current state${state ? ' ' + state : ''}.`,
    params: state ? [action, id, state] : [action, id],
  });
}

// The ad-hoc activities of one simulator: `scenarios` the shared keys.
function adHocActivities({ scenarios }) {
  const instances = new Map(Object.entries(builtinInstances()));
  // Activity id -> its activity in the built-in instances (one id may be listed twice).
  const activityIndex = new Map();
  for (const list of instances.values()) {
    for (const a of list) if (!activityIndex.has(a.id)) activityIndex.set(a.id, a);
  }
  // Activity id -> fields changed by a start, until reset().
  const activityStates = new Map();
  let nextTaskId = FIRST_TASK_ID;
  // Rendered many-N lists, by size and representation.
  const manyCache = new Map();

  // A built-in instance's list as it is now: started activities show their new state.
  function currentActivities(list) {
    if (activityStates.size === 0) return list;
    return list.map((a) => {
      const state = activityStates.get(a.id);
      return state ? Object.assign({}, a, { executionState: state.executionState, startTime: state.startTime }) : a;
    });
  }

  function list(ctx, fmt, id) {
    const { res } = ctx;
    if (instances.has(id)) return sendActivities(ctx, fmt, currentActivities(instances.get(id)));
    if (id === 'forbidden') {
      return bpmError(ctx, 403, fmt, {
        errorNumber: 'CWTBG0549E',
        message: `User ${ctx.record.authUser} is not authorized to access process instance ${id}.`,
        params: [ctx.record.authUser, id],
      });
    }
    if (id === 'server-error') {
      return bpmError(ctx, 500, fmt, {
        errorNumber: 'CWTBG0019E',
        message: 'An unexpected failure occurred while reading the ad hoc activities.',
        params: [],
        details: STACK_TRACE,
      });
    }
    const seed = SEED_ACTIVITIES;
    const normal = () => sendActivities(ctx, fmt, seed);
    const handled = scenarios.run(ctx, id, 1, {
      normal,
      error: (status, headers) => genericBpmError(ctx, status, fmt, headers),
      normalBody: () => ({ status: 200, type: fmt.type, body: renderActivities(fmt, seed) }),
      truncated: () => {
        // Complete at the HTTP level, broken as a document.
        const full = renderActivities(fmt, seed);
        send(res, 200, { 'Content-Type': fmt.type }, full.slice(0, Math.floor(full.length / 2)));
      },
      wrongType: () => send(res, 200, { 'Content-Type': CT_TEXT }, 'OK'),
      noActivities: () =>
        send(res, 200, { 'Content-Type': fmt.type }, fmt.kind === 'xml' ? responseDataXml('', null) : renderData(fmt, {}, '')),
      huge: () => {
        const marker = 'HUGE-NARRATIVE-MARKER';
        const activity = Object.assign({}, ONE_ACTIVITY[0], { name: 'Huge narrative', narrative: marker });
        streamHuge(res, fmt.type, renderActivities(fmt, [activity]), marker);
      },
      echoHeaders: () => {
        const activity = Object.assign({}, ONE_ACTIVITY[0], { narrative: JSON.stringify(echoedHeaders(ctx)) });
        sendActivities(ctx, fmt, [activity]);
      },
      many: (n) => {
        // Cache the rendered text: a 10,000-item list is slow to build every time.
        const kind = fmt.kind === 'xml' ? 'xml' : 'json';
        const ck = n + ':' + kind;
        let text = manyCache.get(ck);
        if (text === undefined) {
          text = renderActivities(kind === 'xml' ? fmt : JSON_FORMAT, generateActivities(n));
          manyCache.set(ck, text);
        }
        send(res, 200, { 'Content-Type': fmt.type }, fmt.kind === 'jsonp' ? wrapJson(fmt, text) : text);
      },
    });
    if (handled) return;
    if (/^\d+$/.test(id)) {
      return bpmError(ctx, 404, fmt, {
        errorNumber: 'CWTBG0059E',
        message: `The process instance with the ID ${id} does not exist.`,
        params: [id],
      });
    }
    return bpmError(ctx, 400, fmt, {
      errorNumber: 'CWTBG0553E',
      message: `The instance ID '${id}' is not valid.`,
      params: [id],
    });
  }

  // What a start makes of an activity: WORKING since now, a new task for a user task.
  function started(activity, assignTo) {
    return {
      executionState: 'WORKING',
      startTime: bpmTimestamp(),
      taskId: activity.activityType === 'USER_TASK' ? String(nextTaskId++) : null,
      taskOwnerUserId: assignTo,
    };
  }

  function startMadeUp(ctx, fmt, id, assignTo, activityType) {
    const activity = madeUpActivity(id, activityType);
    sendDetails(ctx, fmt, activityDetails(activity, started(activity, assignTo)));
  }

  function start(ctx, fmt, id) {
    const { res } = ctx;
    const action = firstValue(ctx.query.action);
    if (typeof action !== 'string' || !ACTIVITY_ACTIONS.includes(action)) {
      const named = typeof action === 'string' ? action : '';
      return bpmError(ctx, 400, fmt, {
        errorNumber: 'CWTBG0547E',
        message: `The action '${named}' is not valid. Valid actions are ${ACTIVITY_ACTIONS.join(', ')}.`,
        params: [named],
      });
    }
    const given = firstValue(ctx.query.assignTo);
    const assignTo = typeof given === 'string' && given !== '' ? given : null;

    const fixture = activityIndex.get(id);
    const state = fixture ? Object.assign({}, fixture, activityStates.get(id)) : null;
    // Only starting is simulated; the other actions are never valid here.
    if (action !== ACTION_START) return notValidNow(ctx, fmt, id, action, state ? state.executionState : null);
    if (fixture) {
      // A repeatable activity can be started again while it is working.
      const startable = state.executionState === 'READY' || (fixture.repeatable && state.executionState === 'WORKING');
      if (!startable) return notValidNow(ctx, fmt, id, action, state.executionState);
      const change = started(fixture, assignTo);
      activityStates.set(id, change);
      return sendDetails(ctx, fmt, activityDetails(fixture, change));
    }

    switch (id) {
      case 'no-task':
        return startMadeUp(ctx, fmt, id, assignTo, 'CALLED_PROCESS');
      case 'with-task':
        return startMadeUp(ctx, fmt, id, assignTo, 'USER_TASK');
      case 'text-fields':
        return sendDetails(ctx, fmt, TEXT_FIELDS_DETAILS);
      case 'not-startable':
        return notValidNow(ctx, fmt, id, action, 'DISABLED');
      case 'unknown-activity':
        return bpmError(ctx, 404, fmt, {
          errorNumber: 'CWTBG0059E',
          message: `The activity with the ID ${id} does not exist.`,
          params: [id],
        });
      case 'forbidden':
        return bpmError(ctx, 403, fmt, {
          errorNumber: 'CWTBG0549E',
          message: `User ${ctx.record.authUser} is not authorized to perform the action ${action} on the activity ${id}.`,
          params: [ctx.record.authUser, action, id],
        });
      case 'conflict':
        return bpmError(ctx, 409, fmt, {
          errorNumber: 'CWTBG0550E',
          message: `The activity ${id} was changed by another request; the action ${action} conflicts with its new state.`,
          params: [id, action],
        });
      case 'server-error':
        return bpmError(ctx, 500, fmt, {
          errorNumber: 'CWTBG0019E',
          message: `An unexpected failure occurred while starting the activity ${id}.`,
          params: [id],
          details: STACK_TRACE,
        });
      case 'maintenance':
        return genericBpmError(ctx, 503, fmt, { 'Retry-After': '0' });
      case 'no-data':
        return send(res, 200, { 'Content-Type': fmt.type }, renderData(fmt, null, ''));
      case 'data-not-object':
        return send(
          res,
          200,
          { 'Content-Type': fmt.type },
          fmt.kind === 'xml'
            ? responseDataXml('', null).replace('</bpm:ResponseData>', `${IND}<data>x</data>\n</bpm:ResponseData>`)
            : wrapJson(fmt, JSON.stringify({ status: '200', data: 'x' })),
        );
    }

    const normal = () => startMadeUp(ctx, fmt, id, assignTo);
    const body = () => {
      const activity = madeUpActivity(id);
      return renderDetails(fmt, activityDetails(activity, started(activity, assignTo)));
    };
    const handled = scenarios.run(ctx, id, 1, {
      normal,
      error: (status, headers) => genericBpmError(ctx, status, fmt, headers),
      normalBody: () => ({ status: 200, type: fmt.type, body: body() }),
      truncated: () => {
        // Complete at the HTTP level, broken as a document.
        const full = body();
        send(res, 200, { 'Content-Type': fmt.type }, full.slice(0, Math.floor(full.length / 2)));
      },
      wrongType: () => send(res, 200, { 'Content-Type': CT_TEXT }, 'OK'),
      huge: () => {
        const marker = 'HUGE-NARRATIVE-MARKER';
        const activity = madeUpActivity(id);
        const details = activityDetails(activity, Object.assign(started(activity, assignTo), { narrative: marker }));
        streamHuge(res, fmt.type, renderDetails(fmt, details), marker);
      },
      echoHeaders: () => {
        const activity = madeUpActivity(id);
        sendDetails(
          ctx,
          fmt,
          activityDetails(activity, Object.assign(started(activity, assignTo), { narrative: JSON.stringify(echoedHeaders(ctx)) })),
        );
      },
    });
    if (handled) return;
    if (/^2118\..+$/.test(id)) return normal();
    if (/^\d+$/.test(id)) {
      return bpmError(ctx, 404, fmt, {
        errorNumber: 'CWTBG0059E',
        message: `The activity with the ID ${id} does not exist.`,
        params: [id],
      });
    }
    return bpmError(ctx, 400, fmt, {
      errorNumber: 'CWTBG0553E',
      message: `The activity ID '${id}' is not valid.`,
      params: [id],
    });
  }

  return {
    list,
    start,
    reset() {
      activityStates.clear();
      nextTaskId = FIRST_TASK_ID;
    },
  };
}

module.exports = { adHocActivities };
