import { BpmError } from '../errors';
import { ActivityDetails, AdHocActivity, activitiesFromJson, activitiesFromXml, activityDetailsFromJson } from './activities';
import { EventMessage, writeEventMessage } from './event-message';
import { ExposedProcess, WleInstance, WleTask, firstOpenTaskId, isOpenTask, readAcknowledgement, readExposedProcesses, readInstance, readInstanceTasks, taskIdOf, taskName, wleObject } from './documents';
import { CallOptions, RestRequest, RestResponse, ServerOptions, transportFor } from '../transport';
import { quote, toPathSegment, toQueryValue } from '../path-segment';
import { RestClient, settled } from '../rest-client';
import { SERVER_KINDS } from '../server-facts';
import { toVariables } from '../variables';
import { parseWleError } from './wle-error';

export type { ExposedProcess, WleInstance, WleTask } from './documents';
export type { EventMessage } from './event-message';
export { parseWleError } from './wle-error';

const { defaultUrl: IBM_BPM_DEFAULT_URL, restRoot: IBM_BPM_REST_ROOT } = SERVER_KINDS['ibm-bpm-server'];

export type ListFormat = 'json' | 'xml';

const ACCEPT: Record<ListFormat, string> = { json: 'application/json', xml: 'application/xml' };

/** The server's options; `csrf` says when a BPMCSRFToken is sent. */
export type IbmBpmClientOptions = ServerOptions;

/** Which process to start: its BPD, and the process app or a snapshot of it. */
export interface ProcessToStart {
  bpdId: unknown;
  processAppId?: unknown;
  /** When set, it is sent instead of the process app. */
  snapshotId?: unknown;
}

export interface StartedProcess {
  instanceId: string;
  /** The new instance, as the server describes it. */
  instance: WleInstance;
  /** The first task of the instance that is not closed, if any. */
  taskId?: string;
  statusCode: number;
}

export interface InstanceTasks {
  instanceId: string;
  /** The tasks of the instance (closed ones included unless only open ones were asked for), in the server's order. */
  tasks: WleTask[];
  /** The id of each task as text, in the same order (undefined for a task without one). */
  taskIds: Array<string | undefined>;
}

export interface ReadTask {
  taskId: string;
  task: WleTask;
  /** What a status calls the task: its display name, its name, or its id. */
  name: string;
}

export interface CompletedTask {
  taskId: string;
  task: WleTask;
  statusCode: number;
}

export interface SentMessage {
  processApp: string;
  event: string;
  statusCode: number;
}

export interface StartedActivity {
  activityId: string;
  /** The activity after its start, as the server describes it. */
  activity: ActivityDetails;
  statusCode: number;
}

/** A client of the IBM Business Process Manager REST API (`…/rest/bpm/wle/v1`). */
export class IbmBpmClient extends RestClient {
  constructor(options: IbmBpmClientOptions) {
    super(transportFor(options, IBM_BPM_DEFAULT_URL, IBM_BPM_REST_ROOT, (baseUrl) => ({ csrfLoginUrl: csrfLoginUrl(baseUrl), methodOverride: true })));
  }

  /** `GET /process/{instanceId}/adHocActivities`: the ad-hoc activities of one process instance. */
  async listAdHocActivities(
    instanceId: unknown,
    format: ListFormat = 'json',
    options: CallOptions = {},
  ): Promise<{ instanceId: string; activities: AdHocActivity[] }> {
    const instance = toPathSegment(instanceId, 'process instance id');
    const action = `Listing the ad-hoc activities of process instance ${quote(instance.text)}`;
    const response = await this.wleRequest({ method: 'GET', path: `/process/${instance.segment}/adHocActivities`, accept: ACCEPT[format] ?? ACCEPT.json, action }, options);
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
  async listTasks(instanceId: unknown, { openOnly = false, ...options }: CallOptions & { openOnly?: boolean } = {}): Promise<InstanceTasks> {
    const instance = toPathSegment(instanceId, 'process instance id');
    const action = `Listing the tasks of process instance ${quote(instance.text)}`;
    const response = await this.wleRequest({ method: 'GET', path: `/process/${instance.segment}`, query: { parts: 'all' }, action }, options);
    const listed = readDocument(response, action, () => readInstanceTasks(response.body));
    const tasks = openOnly ? listed.filter(isOpenTask) : listed;
    return { instanceId: instance.text, tasks, taskIds: tasks.map(taskIdOf) };
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
  async completeTask(taskId: unknown, variables: unknown, { claim = true, ...options }: CallOptions & { claim?: boolean } = {}): Promise<CompletedTask> {
    const id = toPathSegment(taskId, 'task id');
    const params = paramsOf(variables, 'output variables');
    if (claim) {
      const claiming = `Claiming task ${quote(id.text)}`;
      const claimQuery = { action: 'assign', toMe: 'true', parts: 'none' };
      try {
        const claimed = await this.wleRequest({ method: 'PUT', path: `/task/${id.segment}`, query: claimQuery, action: claiming }, options);
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
      const response = await this.wleRequest({ method: 'PUT', path: `/task/${id.segment}`, query, queryInBody: params !== undefined, action }, finishing);
      return { taskId: id.text, task: readDocument(response, action, () => wleObject(response.body, 'task')), statusCode: response.status };
    } catch (error) {
      const outcome = await settled(error, async () => (isOpenTask((await this.getTask(id.text, { signal: options.signal })).task) ? 'not-done' : 'done'), 'the task');
      if (claim && outcome instanceof BpmError && outcome.outcome === 'not-done') await this.giveBack(id, options);
      throw outcome;
    }
  }

  /** Gives a task this call claimed back to its team; a failure is only logged: the finish's error is the message's. */
  private async giveBack(id: { text: string; segment: string }, options: CallOptions): Promise<void> {
    const action = `Giving task ${quote(id.text)} back`;
    try {
      await this.wleRequest({ method: 'PUT', path: `/task/${id.segment}`, query: { action: 'assign', back: 'true', parts: 'none' }, action }, { signal: options.signal });
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
  private wleRequest(request: Omit<RestRequest, 'accept' | 'parseError'> & { accept?: string }, options: CallOptions): Promise<RestResponse> {
    return this.transport.request({ accept: ACCEPT.json, ...request, ...options, parseError: parseWleError });
  }
}

/** Variables as the `params` query value: their JSON, or nothing when there are none. */
function paramsOf(variables: unknown, label: string): string | undefined {
  const checked = toVariables(variables, label);
  if (typeof checked !== 'object' || Object.keys(checked).length === 0) return undefined;
  try {
    return JSON.stringify(checked);
  } catch (error) {
    throw new BpmError('INVALID_INPUT', `The ${label} cannot be sent as JSON: ${(error as Error).message}`);
  }
}

/**
 * `{root}/bpm/system/login`, where `{root}` is the base URL without its REST root
 * (`https://h/bas/rest/bpm/wle/v1` → `https://h/bas`), or its origin when it has another path.
 */
export function csrfLoginUrl(baseUrl: string): string {
  const root = baseUrl.endsWith(IBM_BPM_REST_ROOT) ? baseUrl.slice(0, -IBM_BPM_REST_ROOT.length) : new URL(baseUrl).origin;
  return `${root}/bpm/system/login`;
}

/** Parses the list in whichever representation the server actually sent. */
function readActivities(response: RestResponse, action: string): AdHocActivity[] {
  return readDocument(response, action, () => {
    if (response.status !== 200) throw new BpmError('INVALID_RESPONSE', 'the server did not answer 200 OK');
    const type = response.contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (/html/.test(type)) throw new BpmError('INVALID_RESPONSE', 'the answer is an HTML page, not the activity list');
    // Either representation the API documents is read, whichever was asked; anything else is refused.
    if (type !== '' && !/json|xml/.test(type)) throw new BpmError('INVALID_RESPONSE', `the answer is ${type}, not JSON or XML`);
    const xml = /xml/.test(type) || (type === '' && /^\s*</.test(response.body));
    return xml ? activitiesFromXml(response.body) : activitiesFromJson(response.body);
  });
}

function readActivityDetails(response: RestResponse, action: string): ActivityDetails {
  return readDocument(response, action, () => {
    if (/html/i.test(response.contentType)) throw new BpmError('INVALID_RESPONSE', 'the answer is an HTML page, not the activity');
    return activityDetailsFromJson(response.body);
  });
}

/**
 * Reads a 2xx answer with `read`: the reason it fails for is the INVALID_RESPONSE of `action`.
 * The server answered with a success: a change it asked for happened.
 */
function readDocument<T>(response: RestResponse, action: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const reason = error instanceof BpmError ? error.message : String(error);
    throw new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but ${reason}`, { statusCode: response.status, outcome: 'done' });
  }
}
