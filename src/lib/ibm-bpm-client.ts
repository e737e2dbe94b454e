import { BpmError, ServerError } from './errors';
import { ActivityDetails, AdHocActivity, activitiesFromJson, activitiesFromXml, activityDetailsFromJson } from './activities';
import { CallOptions, ParsedServerError, RestResponse, ServerOptions, transportFor } from './transport';
import { quote, toPathSegment, toQueryValue } from './path-segment';
import { RestClient } from './rest-client';
import { SERVER_KINDS } from './server-facts';
import { parseXmlDocument } from './xml';

const { defaultUrl: IBM_BPM_DEFAULT_URL, restRoot: IBM_BPM_REST_ROOT } = SERVER_KINDS['ibm-bpm-server'];

export type ListFormat = 'json' | 'xml';

const ACCEPT: Record<ListFormat, string> = { json: 'application/json', xml: 'application/xml' };

/** The server's options; `csrf` says when a BPMCSRFToken is sent. */
export type IbmBpmClientOptions = ServerOptions;

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
    const response = await this.transport.request({
      method: 'GET',
      path: `/process/${instance.segment}/adHocActivities`,
      accept: ACCEPT[format] ?? ACCEPT.json,
      action,
      ...options,
      parseError: parseWleError,
    });
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
    const response = await this.transport.request({
      method: 'PUT',
      path: `/activity/${activity.segment}`,
      query: { action: 'ACTION_START_ACTIVITY', assignTo: assignee },
      accept: ACCEPT.json,
      action,
      ...options,
      parseError: parseWleError,
    });
    return { activityId: activity.text, activity: readActivityDetails(response, action), statusCode: response.status };
  }

  /** `GET /systems`: answers when the server is reachable and accepts the credentials. */
  async systems(signal?: AbortSignal): Promise<unknown> {
    const response = await this.transport.request({
      method: 'GET',
      path: '/systems',
      accept: ACCEPT.json,
      action: 'Reading the system information',
      signal,
      parseError: parseWleError,
    });
    try {
      return JSON.parse(response.body);
    } catch {
      throw new BpmError('INVALID_RESPONSE', 'Reading the system information failed: the answer is not JSON', {
        statusCode: response.status,
      });
    }
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
  return readAnswer(response, action, () => {
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
  return readAnswer(response, action, () => {
    if (/html/i.test(response.contentType)) throw new BpmError('INVALID_RESPONSE', 'the answer is an HTML page, not the activity');
    return activityDetailsFromJson(response.body);
  });
}

/** Reads a 2xx answer with `read`: the reason it fails for is the INVALID_RESPONSE of `action`. */
function readAnswer<T>(response: RestResponse, action: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const reason = error instanceof BpmError ? error.message : String(error);
    throw new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but ${reason}`, { statusCode: response.status });
  }
}

/** Elements of an XML error body that are always a list, as in JSON. */
const ERROR_LISTS: ReadonlySet<string> = new Set(['errorMessageParameters']);

/** IBM BPM's error body: `{status, Data: {exceptionType, errorNumber, errorMessage, …}}`, in JSON or XML. */
export function parseWleError(body: string, contentType: string): ParsedServerError | undefined {
  let data: unknown;
  if (/json/i.test(contentType) || /^\s*\{/.test(body)) {
    const document = JSON.parse(body) as Record<string, unknown>;
    data = document?.Data ?? document?.data;
  } else if (/xml/i.test(contentType) || /^\s*<\?xml|^\s*<RestRuntimeException/.test(body)) {
    const root = parseXmlDocument(body, ERROR_LISTS);
    const value = root?.value;
    data = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.Data : undefined;
    // XML cannot show an empty list of parameters; JSON sends []: make both the same object.
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && !('errorMessageParameters' in data)) {
      data = { ...data, errorMessageParameters: [] };
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const serverError = data as ServerError;
  const message = typeof serverError.errorMessage === 'string' ? serverError.errorMessage : undefined;
  return { serverError, message };
}
