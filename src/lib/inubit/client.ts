import { BpmError, ServerError } from '../errors';
import { CallOptions, ParsedServerError, RestRequest, RestResponse, ServerOptions, transportFor } from '../transport';
import { checkedQueryText, quote, toPathSegment, toQueryValue } from '../path-segment';
import { RestClient, settled } from '../rest-client';
import { SERVER_KINDS } from '../server-facts';
import { SubmitFields, submitBody } from './submit-body';
import { parseXmlDocument } from '../xml';
import { Task, readTask, readTaskList } from './tasks';
import { TaskForm, readForm } from './forms';
import { AdHocStarter, readStarterList } from './starters';

export type { Task } from './tasks';
export type { TaskForm } from './forms';
export type { AdHocStarter } from './starters';
export type { SubmitFields } from './submit-body';
export { isWholeForm } from './submit-body';

const { defaultUrl: INUBIT_DEFAULT_URL, restRoot: INUBIT_REST_ROOT } = SERVER_KINDS['inubit-server'];

/** inubit 9 expects an Accept header; the task id itself comes back as text. */
const ACCEPT = 'application/json, application/xml;q=0.9, */*;q=0.8';

/** The id of a task that inubit created; always text, leading zeros and all. */
export type TaskId = string;

export interface InubitClientOptions extends ServerOptions {
  /** The tenant, sent as `client` on every `/task/…` request when not empty. */
  tenant?: string;
  /** The user base, `processEngineUser` or `processUser`, sent as `userType` when not empty. */
  userType?: string;
}

/** The further query parameters of the task list: text, numbers and booleans; null leaves one out. */
export type TaskQuery = Record<string, unknown>;

export interface TaskListResult {
  tasks: Task[];
  /** The id of each task, in the same order (undefined for a task without one). */
  taskIds: Array<string | undefined>;
  /** The `total` attribute as a number, when it is one. */
  total?: number;
  user?: string;
}

export interface SubmitResult {
  taskId: string;
  /** The id of the task that followed (201), or null when none did (204). */
  nextTaskId: string | null;
  statusCode: number;
}

export interface StartResult {
  /** The new task's id, or null when the process started without a follow-on task (204). */
  taskId: TaskId | null;
  statusCode: number;
  user: string;
  starterId: string;
}

/** What a call on the inubit task resources can add: the language of labels and new tasks. */
export interface InubitCallOptions extends CallOptions {
  /** `de`, `en`, …; sent as query parameter `lang` unless empty. */
  lang?: unknown;
}

/** A client of the inubit BPM REST API (`…/ibis/rest`). */
export class InubitClient extends RestClient {
  /** The server's own query parameters of the `/task/…` resources. */
  private readonly server: { client?: string; userType?: string };

  constructor(options: InubitClientOptions) {
    super(transportFor(options, INUBIT_DEFAULT_URL, INUBIT_REST_ROOT));
    this.server = { client: optionalSetting(options.tenant), userType: optionalSetting(options.userType) };
  }

  /** `POST /task/adhoc/{user}/{starterId}`: starts an ad-hoc process for a user. */
  async startAdHocProcess(user: unknown, starterId: unknown, options: InubitCallOptions = {}): Promise<StartResult> {
    const userSegment = toPathSegment(user, 'user');
    const starterSegment = toPathSegment(starterId, 'ad-hoc starter id');
    const action = `Starting ad-hoc process ${quote(starterSegment.text)} for user ${quote(userSegment.text)}`;
    const path = `/task/adhoc/${userSegment.segment}/${starterSegment.segment}`;
    const response = await this.taskRequest({ method: 'POST', path, accept: ACCEPT, action }, options);
    return { statusCode: response.status, user: userSegment.text, starterId: starterSegment.text, taskId: createdTaskId(response, action) };
  }

  /** `GET /task/tasks`: the tasks of the user the credentials authenticate, with further query parameters. */
  async listTasks(query: TaskQuery | undefined, options: InubitCallOptions = {}): Promise<TaskListResult> {
    const action = 'Listing the tasks';
    const response = await this.taskRequest({ method: 'GET', path: '/task/tasks', query: taskListQuery(query), action }, options);
    const list = readXml(response, action, readTaskList, 'a <Tasklist> document');
    const total = list.total === undefined || list.total.trim() === '' ? NaN : Number(list.total);
    return { tasks: list.tasks, taskIds: list.tasks.map((task) => task.id), user: list.user, ...(Number.isFinite(total) ? { total } : {}) };
  }

  /** `GET /task/tasks/{taskId}`: one task of the user; inubit's empty answer is NOT_FOUND. */
  async getTask(taskId: unknown, options: InubitCallOptions = {}): Promise<{ taskId: string; task: Task }> {
    const id = toPathSegment(taskId, 'task id');
    const action = `Reading task ${quote(id.text)}`;
    const response = await this.taskRequest({ method: 'GET', path: `/task/tasks/${id.segment}`, action }, options);
    if (response.status === 200 && response.body.trim() === '') {
      throw new BpmError('NOT_FOUND', `${action} failed: HTTP 200, but the server has no such task for this user`, { statusCode: 200 });
    }
    return { taskId: id.text, task: readXml(response, action, readTask, 'a <Task> document') };
  }

  /** `GET /task/data/{taskId}`: the task's form, its fields and submit buttons; an empty answer is an empty form. */
  async getTaskForm(taskId: unknown, options: InubitCallOptions = {}): Promise<TaskForm> {
    const id = toPathSegment(taskId, 'task id');
    const action = `Reading the form of task ${quote(id.text)}`;
    const response = await this.taskRequest({ method: 'GET', path: `/task/data/${id.segment}`, action }, options);
    return readXml(response, action, readForm, 'a <Form> document');
  }

  /**
   * `POST /task/submit/{taskId}`: submits the task's form with `fields`, as the button whose
   * `submit(…)` argument is `submitter`; 201 names the next task, 204 says there is none.
   */
  async submitTask(taskId: unknown, fields: SubmitFields, submitter: unknown, options: InubitCallOptions = {}): Promise<SubmitResult> {
    const id = toPathSegment(taskId, 'task id');
    const button = toQueryValue(submitter, 'submitter');
    if (button === undefined) throw new BpmError('INVALID_INPUT', 'The submitter is empty: a form is submitted by one of its buttons');
    const body = submitBody(fields, button);
    const action = `Submitting task ${quote(id.text)}`;
    // A 201's next task id comes as text, though XML is asked for, as of every task resource.
    let response: RestResponse;
    try {
      response = await this.taskRequest({ method: 'POST', path: `/task/submit/${id.segment}`, body: { xml: body }, action }, options);
    } catch (error) {
      // An unanswered submit is checked: a task this user no longer has (an empty 200) was submitted.
      throw await settled(error, () => this.submitted(id.text, options), 'the task');
    }
    return { taskId: id.text, nextTaskId: createdTaskId(response, action), statusCode: response.status };
  }

  /** Whether task `taskId` was submitted: `done` when the user no longer has it, `not-done` when the server still sends it. */
  private async submitted(taskId: string, options: InubitCallOptions): Promise<'done' | 'not-done'> {
    try {
      await this.getTask(taskId, { signal: options.signal, lang: options.lang });
      return 'not-done';
    } catch (error) {
      if (error instanceof BpmError && error.code === 'NOT_FOUND' && error.statusCode === 200) return 'done';
      throw error;
    }
  }

  /** `GET /task/adhoc/{user}`: the ad-hoc starters this user may run, in the server's order. */
  async listAdHocStarters(user: unknown, options: InubitCallOptions = {}): Promise<{ user: string; starters: AdHocStarter[] }> {
    const userSegment = toPathSegment(user, 'user');
    const action = `Listing the ad-hoc starters of user ${quote(userSegment.text)}`;
    const response = await this.taskRequest({ method: 'GET', path: `/task/adhoc/${userSegment.segment}`, action }, options);
    return { user: userSegment.text, starters: readXml(response, action, readStarterList, 'a <Modules> list') };
  }

  /** `GET /healthcheck`: reachable without credentials; tells maintenance mode apart. */
  async healthcheck(signal?: AbortSignal): Promise<Record<string, unknown>> {
    const response = await this.transport.request({
      method: 'GET',
      path: '/healthcheck',
      accept: 'application/json',
      action: 'Checking the server health',
      signal,
      parseError: parseInubitError,
    });
    try {
      return JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      throw new BpmError('INVALID_RESPONSE', 'Checking the server health failed: the answer is not JSON', { statusCode: response.status });
    }
  }

  /**
   * A request to the task resources: XML asked for unless said, the query of every `/task/…` request after
   * the request's own parameters, the caller's signal and retry report, inubit's error bodies.
   */
  private taskRequest(
    request: Pick<RestRequest, 'method' | 'path' | 'action' | 'body' | 'query'> & { accept?: string },
    options: InubitCallOptions,
  ): Promise<RestResponse> {
    return this.transport.request({
      ...request,
      query: { ...request.query, ...this.taskQuery(options) },
      accept: request.accept ?? 'application/xml',
      signal: options.signal,
      stopping: options.stopping,
      onRetry: options.onRetry,
      parseError: parseInubitError,
    });
  }

  /** The query of a `/task/…` request: its language, the server's tenant and user base (those not empty). */
  private taskQuery(options: InubitCallOptions): Record<string, string> {
    const query: Record<string, string | undefined> = { lang: toQueryValue(options.lang, 'language'), ...this.server };
    for (const name of Object.keys(query)) if (query[name] === undefined) delete query[name];
    return query as Record<string, string>;
  }
}

/**
 * The id of the task a start or a submit created: 201 with the id as text (trimmed: ids are
 * opaque, inner spaces included), null for 204; anything else is INVALID_RESPONSE.
 */
function createdTaskId(response: RestResponse, action: string): string | null {
  if (response.status === 204) return null;
  const taskId = response.body.trim();
  const problem =
    response.status !== 201
      ? 'not 201 Created'
      : /html/i.test(response.contentType) || /^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(taskId)
        ? 'an HTML page instead of a task id'
        : taskId === ''
          ? 'no task id'
          : undefined;
  if (problem) throw unreadableAnswer(action, response, problem);
  return taskId;
}

/** A 200 XML answer as `read` reads it; anything else (another status, HTML, another document) is INVALID_RESPONSE. */
function readXml<T>(response: RestResponse, action: string, read: (text: string) => T | undefined, what: string): T {
  const document = response.status === 200 && !/html/i.test(response.contentType) ? read(response.body) : undefined;
  if (document === undefined) throw unreadableAnswer(action, response, `not ${what}`);
  return document;
}

/** A 2xx answer that is not what the API documents: a change it asked for happened. */
function unreadableAnswer(action: string, response: RestResponse, problem: string): BpmError {
  return new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but the answer is ${problem}`, {
    statusCode: response.status,
    outcome: 'done',
  });
}

/** The further parameters of the task list: null leaves one out; other shapes are INVALID_INPUT. */
function taskListQuery(query: TaskQuery | undefined): Record<string, string> {
  if (query !== undefined && (typeof query !== 'object' || query === null || Array.isArray(query))) {
    throw new BpmError('INVALID_INPUT', 'The query must be an object of parameter names and values');
  }
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    const text =
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
        ? String(value)
        : undefined;
    if (text === undefined)
      throw new BpmError('INVALID_INPUT', `The query parameter ${JSON.stringify(name)} must be text, a number or a boolean`);
    parameters[checkedQueryText(name, 'name of a query parameter')] = checkedQueryText(
      text,
      `query parameter ${JSON.stringify(name.slice(0, 40))}`,
    );
  }
  return parameters;
}

/** A text setting of the config node; empty (or missing) means it is not sent. */
function optionalSetting(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() || undefined : undefined;
}

/** inubit 9's error body `{statusCode, message, path, timestamp}`, in JSON or XML. */
export function parseInubitError(body: string, contentType: string): ParsedServerError | undefined {
  let document: unknown;
  if (/json/i.test(contentType) || /^\s*\{/.test(body)) {
    document = JSON.parse(body);
  } else if (/xml/i.test(contentType) && !/html/i.test(contentType)) {
    const root = parseXmlDocument(body);
    document = root?.value;
    if (document && typeof document === 'object' && typeof (document as ServerError).statusCode === 'string') {
      const statusCode = Number((document as ServerError).statusCode);
      if (Number.isFinite(statusCode)) document = { ...(document as ServerError), statusCode };
    }
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return undefined;
  const serverError = document as ServerError;
  const message = typeof serverError.message === 'string' ? serverError.message : undefined;
  return { serverError, message };
}
