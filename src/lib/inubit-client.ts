import { BpmError, ServerError } from './errors';
import { CallOptions, ParsedServerError, ServerOptions, transportFor } from './transport';
import { quote, toPathSegment, toQueryValue } from './path-segment';
import { RestClient } from './rest-client';
import { SERVER_KINDS } from './server-facts';
import { AdHocStarter, parseXmlDocument, readStarterList } from './xml';

export type { AdHocStarter } from './xml';

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
    const query = this.taskQuery(options);
    const action = `Starting ad-hoc process ${quote(starterSegment.text)} for user ${quote(userSegment.text)}`;
    const response = await this.transport.request({
      method: 'POST',
      path: `/task/adhoc/${userSegment.segment}/${starterSegment.segment}`,
      query,
      accept: ACCEPT,
      action,
      signal: options.signal,
      onRetry: options.onRetry,
      parseError: parseInubitError,
    });
    const result = { statusCode: response.status, user: userSegment.text, starterId: starterSegment.text };
    if (response.status === 204) return { ...result, taskId: null };
    // Task ids are opaque text: only the surrounding whitespace is not part of one.
    const taskId = response.body.trim();
    const problem =
      response.status !== 201 ? 'not 201 Created' :
      /html/i.test(response.contentType) || /^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(taskId) ? 'an HTML page instead of a task id' :
      taskId === '' ? 'no task id' :
      undefined;
    if (problem) {
      throw new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but the answer is ${problem}`, {
        statusCode: response.status,
      });
    }
    return { ...result, taskId };
  }

  /** `GET /task/adhoc/{user}`: the ad-hoc starters this user may run, in the server's order. */
  async listAdHocStarters(user: unknown, options: InubitCallOptions = {}): Promise<{ user: string; starters: AdHocStarter[] }> {
    const userSegment = toPathSegment(user, 'user');
    const query = this.taskQuery(options);
    const action = `Listing the ad-hoc starters of user ${quote(userSegment.text)}`;
    const response = await this.transport.request({
      method: 'GET',
      path: `/task/adhoc/${userSegment.segment}`,
      query,
      accept: 'application/xml',
      action,
      signal: options.signal,
      onRetry: options.onRetry,
      parseError: parseInubitError,
    });
    const starters = response.status === 200 && !/html/i.test(response.contentType) ? readStarterList(response.body) : undefined;
    if (!starters) {
      throw new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but the answer is not a <Modules> list`, {
        statusCode: response.status,
      });
    }
    return { user: userSegment.text, starters };
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

  /** The query of a `/task/…` request: its language, the server's tenant and user base. */
  private taskQuery(options: InubitCallOptions): Record<string, string | undefined> {
    return { lang: toQueryValue(options.lang, 'language'), ...this.server };
  }
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
