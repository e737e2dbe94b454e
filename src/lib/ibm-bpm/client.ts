import { BpmError } from '../errors';
import type { AdHocActivity } from './activities';
import type { CompletedTask, InstanceTasks, ProcessToStart, ReadTask, SentMessage, StartedActivity, StartedProcess } from './results';
import {
  ExposedProcess,
  firstOpenTaskId,
  isOpenTask,
  queuedInstanceIdOf,
  queuedTaskIdOf,
  readAcknowledgement,
  readExposedProcesses,
  readInstance,
  readInstanceTasks,
  readTaskQueue,
  taskIdOf,
  taskName,
  taskOwner,
  wleObject,
} from './documents';
import { EventMessage, writeEventMessage } from './event-message';
import { CallOptions, RestRequest, RestResponse, ServerOptions, transportFor } from '../transport';
import { quote, toPathSegment, toQueryValue } from '../path-segment';
import { RestClient, settled } from '../rest-client';
import { SERVER_KINDS } from '../server-facts';
import { paramsOf, readActivities, readActivityDetails, readDocument } from './exchange';
import { csrfLoginUrl } from './csrf-login';
import { Assignee, DEFAULT_TASK_QUERY, takenOr, TaskQueue, TaskQueueRequest, interactionFilterOf, queueSize } from './task-queue';
import { parseWleError } from './wle-errors';

export type { ExposedProcess, WleInstance, WleTask } from './documents';
export type { CompletedTask, InstanceTasks, ProcessToStart, ReadTask, SentMessage, StartedActivity, StartedProcess } from './results';
export { parseWleError } from './wle-errors';
export type { EventMessage } from './event-message';
export { csrfLoginUrl } from './csrf-login';
export type { Assignee, Interaction, TaskQueue, TaskQueueRequest } from './task-queue';

const { defaultUrl: IBM_BPM_DEFAULT_URL, restRoot: IBM_BPM_REST_ROOT } = SERVER_KINDS['ibm-bpm-server'];

export type ListFormat = 'json' | 'xml';

const ACCEPT: Record<ListFormat, string> = { json: 'application/json', xml: 'application/xml' };

/** The server's options; `csrf` says when a BPMCSRFToken is sent. */
export type IbmBpmClientOptions = ServerOptions;

/** A client of the IBM Business Process Manager REST API (`…/rest/bpm/wle/v1`). */
export class IbmBpmClient extends RestClient {
  constructor(options: IbmBpmClientOptions) {
    super(
      transportFor(options, IBM_BPM_DEFAULT_URL, IBM_BPM_REST_ROOT, (baseUrl) => ({
        csrfLoginUrl: csrfLoginUrl(baseUrl),
        methodOverride: true,
      })),
    );
  }

  /** `GET /process/{instanceId}/adHocActivities`: the ad-hoc activities of one process instance. */
  async listAdHocActivities(
    instanceId: unknown,
    format: ListFormat = 'json',
    options: CallOptions = {},
  ): Promise<{ instanceId: string; activities: AdHocActivity[] }> {
    const instance = toPathSegment(instanceId, 'process instance id');
    const action = `Listing the ad-hoc activities of process instance ${quote(instance.text)}`;
    const response = await this.wleRequest(
      { method: 'GET', path: `/process/${instance.segment}/adHocActivities`, accept: ACCEPT[format] ?? ACCEPT.json, action },
      options,
    );
    return { instanceId: instance.text, activities: readActivities(response, action) };
  }

  /**
   * `PUT /activity/{activityId}?action=ACTION_START_ACTIVITY[&assignTo=…]`: starts one ad-hoc
   * activity, assigning its task to `assignTo` when that is not empty.
   */
  async startAdHocActivity(activityId: unknown, assignTo: unknown, options: CallOptions = {}): Promise<StartedActivity> {
    const activity = toPathSegment(activityId, 'activity id');
    const assignee = toQueryValue(assignTo, 'user to assign to');
    const action = `Starting ad-hoc activity ${quote(activity.text)}${assignee === undefined ? '' : ` for ${quote(assignee)}`}`;
    const query = { action: 'ACTION_START_ACTIVITY', assignTo: assignee };
    const response = await this.wleRequest({ method: 'PUT', path: `/activity/${activity.segment}`, query, action }, options);
    return { activityId: activity.text, activity: readActivityDetails(response, action), statusCode: response.status };
  }

  /**
   * `POST /process?action=start&bpdId=…&processAppId=…|snapshotId=…&parts=all[&params=…]`: starts
   * an instance of an exposed process with the input `variables`.
   */
  async startProcess(process: ProcessToStart, variables: unknown, options: CallOptions = {}): Promise<StartedProcess> {
    const bpdId = toQueryValue(process.bpdId, 'process id (bpdId)');
    if (bpdId === undefined) throw new BpmError('INVALID_INPUT', 'The process id (bpdId) is empty');
    const snapshotId = toQueryValue(process.snapshotId, 'snapshot id');
    const processAppId = snapshotId === undefined ? toQueryValue(process.processAppId, 'process app id') : undefined;
    if (snapshotId === undefined && processAppId === undefined) {
      throw new BpmError('INVALID_INPUT', 'The process app id is empty: give it, or a snapshot id');
    }
    const params = paramsOf(variables, 'input variables');
    const action = `Starting process ${quote(bpdId)}`;
    const query = { action: 'start', bpdId, processAppId, snapshotId, parts: 'all', params };
    const response = await this.wleRequest({ method: 'POST', path: '/process', query, queryInBody: params !== undefined, action }, options);
    const { instance, instanceId } = readDocument(response, action, () => readInstance(response.body));
    return { instanceId, instance, taskId: firstOpenTaskId(instance), statusCode: response.status };
  }

  /**
   * `POST /process` with the form body `action=sendMessage&message={eventmsg}`: hands an event
   * message to the Event Manager, which starts or moves on the processes waiting for it. A 200
   * says the message was accepted, not which instance took it.
   */
  async sendMessage(message: EventMessage, options: CallOptions = {}): Promise<SentMessage> {
    const { xml, processApp, event } = writeEventMessage(message);
    const action = `Sending event message ${quote(event)} to process app ${quote(processApp)}`;
    // The parameters hold business data: never in a URL, however short.
    const query = { action: 'sendMessage', message: xml };
    const response = await this.wleRequest({ method: 'POST', path: '/process', query, queryInBody: true, action }, options);
    readDocument(response, action, () => readAcknowledgement(response.status, response.body));
    return { processApp, event, statusCode: response.status };
  }

  /** `GET /exposed/process`: the processes the user may start, for the editor's picker. */
  async listExposedProcesses(options: CallOptions = {}): Promise<ExposedProcess[]> {
    const action = 'Listing the exposed processes';
    const response = await this.wleRequest({ method: 'GET', path: '/exposed/process', action }, options);
    return readDocument(response, action, () => readExposedProcesses(response.body));
  }

  /**
   * `GET /process/{instanceId}?parts=all`: the tasks of one process instance, closed ones
   * included unless `openOnly` (every status but `Closed`).
   */
  async listTasks(
    instanceId: unknown,
    { openOnly = false, ...options }: CallOptions & { openOnly?: boolean } = {},
  ): Promise<InstanceTasks> {
    const instance = toPathSegment(instanceId, 'process instance id');
    const action = `Listing the tasks of process instance ${quote(instance.text)}`;
    const response = await this.wleRequest(
      { method: 'GET', path: `/process/${instance.segment}`, query: { parts: 'all' }, action },
      options,
    );
    const listed = readDocument(response, action, () => readInstanceTasks(response.body));
    const tasks = openOnly ? listed.filter(isOpenTask) : listed;
    return { instanceId: instance.text, tasks, taskIds: tasks.map(taskIdOf) };
  }

  /**
   * `GET /tasks/query/{query}?interactionFilter=…&size=…&offset=0[&processAppName=…]`: the tasks
   * of the user's queue across instances, as the task list query selects them.
   */
  async listTaskQueue(request: TaskQueueRequest, options: CallOptions = {}): Promise<TaskQueue> {
    const query = toPathSegment(request.query ?? DEFAULT_TASK_QUERY, 'task list query');
    const interactionFilter = interactionFilterOf(request.interaction);
    const size = queueSize(request.size);
    const processAppName = toQueryValue(request.processAppName, 'process app name');
    const action = `Listing the task queue ${quote(query.text)}`;
    const parameters = { interactionFilter, size: String(size), offset: '0', processAppName };
    const response = await this.wleRequest({ method: 'GET', path: `/tasks/query/${query.segment}`, query: parameters, action }, options);
    const { items, total } = readDocument(response, action, () => readTaskQueue(response.body));
    return {
      request: JSON.stringify([query.text, interactionFilter, size, processAppName ?? null]),
      tasks: items,
      taskIds: items.map(queuedTaskIdOf),
      instanceIds: items.map(queuedInstanceIdOf),
      total,
    };
  }

  /** `GET /task/{taskId}?parts=all`: one task with its variables. */
  async getTask(taskId: unknown, options: CallOptions = {}): Promise<ReadTask> {
    const id = toPathSegment(taskId, 'task id');
    const action = `Reading task ${quote(id.text)}`;
    const response = await this.wleRequest({ method: 'GET', path: `/task/${id.segment}`, query: { parts: 'all' }, action }, options);
    const task = readDocument(response, action, () => wleObject(response.body, 'task'));
    return { taskId: id.text, task, name: taskName(task, id.text) };
  }

  /**
   * Claims the task for the authenticated user (`action=assign&toMe=true`) when `claim` is set,
   * then finishes it (`action=finish`) with the output `variables` as `params`. An unanswered
   * finish is checked by reading the task; a finish that did not happen after this call's own
   * claim gives the task back (README, "When the answer is lost").
   */
  async completeTask(
    taskId: unknown,
    variables: unknown,
    { claim = true, ...options }: CallOptions & { claim?: boolean } = {},
  ): Promise<CompletedTask> {
    const id = toPathSegment(taskId, 'task id');
    const params = paramsOf(variables, 'output variables');
    if (claim) {
      const claiming = `Claiming task ${quote(id.text)}`;
      try {
        const claimed = await this.assign(id, { toMe: 'true' }, 'none', claiming, options);
        // A login page or a cut-off answer is no claim: the finish is not sent after it.
        readDocument(claimed, claiming, () => readAcknowledgement(claimed.status, claimed.body));
      } catch (error) {
        // Whatever became of the claim, the task was not completed: the finish was never sent.
        throw error instanceof BpmError ? error.with({ outcome: 'not-done' }) : error;
      }
    }
    const action = `Completing task ${quote(id.text)}`;
    const query = { action: 'finish', parts: 'all', params };
    // After this call's own claim went out, the completion is under way: the finish follows even when the node stops.
    const finishing = claim ? { ...options, stopping: undefined } : options;
    try {
      const response = await this.wleRequest(
        { method: 'PUT', path: `/task/${id.segment}`, query, queryInBody: params !== undefined, action },
        finishing,
      );
      return { taskId: id.text, task: readDocument(response, action, () => wleObject(response.body, 'task')), statusCode: response.status };
    } catch (error) {
      const outcome = await settled(
        error,
        async () => (isOpenTask((await this.getTask(id.text, { signal: options.signal })).task) ? 'not-done' : 'done'),
        'the task',
      );
      if (claim && outcome instanceof BpmError && outcome.outcome === 'not-done') await this.giveBack(id, options);
      throw outcome;
    }
  }

  /**
   * `PUT /task/{taskId}?action=assign&toMe=true|back=true|toUser=…|toGroup=…&parts=all`: claims
   * the task, gives it back to its team, or assigns it to a user or a group. A claim refused with
   * 401/403 for the `assign` action reads the task: held by someone, it was taken (CONFLICT).
   */
  async assignTask(taskId: unknown, assignee: Assignee, options: CallOptions = {}): Promise<CompletedTask> {
    const id = toPathSegment(taskId, 'task id');
    let how: Record<string, string>;
    let action: string;
    if (assignee.to === 'me') {
      how = { toMe: 'true' };
      action = `Claiming task ${quote(id.text)}`;
    } else if (assignee.to === 'back') {
      how = { back: 'true' };
      action = `Giving task ${quote(id.text)} back`;
    } else {
      const label = assignee.to === 'user' ? 'user' : 'group';
      const name = toQueryValue(assignee.name, `${label} to assign to`);
      if (name === undefined) throw new BpmError('INVALID_INPUT', `The ${label} to assign to is empty`);
      how = assignee.to === 'user' ? { toUser: name } : { toGroup: name };
      action = `Assigning task ${quote(id.text)} to ${label} ${quote(name)}`;
    }
    try {
      const response = await this.assign(id, how, 'all', action, options);
      return { taskId: id.text, task: readDocument(response, action, () => wleObject(response.body, 'task')), statusCode: response.status };
    } catch (error) {
      if (assignee.to === 'me' && error instanceof BpmError && error.refusedAction)
        throw await takenOr(error, async () => taskOwner((await this.getTask(id.text, { signal: options.signal })).task));
      throw error;
    }
  }

  /** One assignment of a task: `how` is toMe, back, toUser or toGroup. */
  private assign(
    id: { segment: string },
    how: Record<string, string>,
    parts: 'all' | 'none',
    action: string,
    options: CallOptions,
  ): Promise<RestResponse> {
    return this.wleRequest({ method: 'PUT', path: `/task/${id.segment}`, query: { action: 'assign', ...how, parts }, action }, options);
  }

  /** Gives a task this call claimed back to its team; a failure is only logged: the finish's error is the message's. */
  private async giveBack(id: { text: string; segment: string }, options: CallOptions): Promise<void> {
    const action = `Giving task ${quote(id.text)} back`;
    try {
      await this.assign(id, { back: 'true' }, 'none', action, { signal: options.signal });
    } catch (error) {
      options.warn?.(error instanceof Error ? error.message : String(error));
    }
  }

  /** `GET /systems`: answers when the server is reachable and accepts the credentials. */
  async systems(signal?: AbortSignal): Promise<unknown> {
    const response = await this.wleRequest({ method: 'GET', path: '/systems', action: 'Reading the system information' }, { signal });
    try {
      return JSON.parse(response.body);
    } catch {
      throw new BpmError('INVALID_RESPONSE', 'Reading the system information failed: the answer is not JSON', {
        statusCode: response.status,
      });
    }
  }

  /** A request of the WLE REST API: JSON unless said otherwise, its error bodies read as IBM BPM writes them. */
  private wleRequest(
    request: Omit<RestRequest, 'accept' | 'parseError'> & { accept?: string },
    options: CallOptions,
  ): Promise<RestResponse> {
    return this.transport.request({ accept: ACCEPT.json, ...request, ...options, parseError: parseWleError });
  }
}
