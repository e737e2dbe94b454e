import { BpmError } from '../errors';
import type { RestResponse } from '../transport';
import { toVariables } from '../variables';
import { ActivityDetails, AdHocActivity, activitiesFromJson, activitiesFromXml, activityDetailsFromJson } from './activities';

// What the IBM BPM client sends as variables, and how it reads the answers to its requests.

/** Variables as the `params` query value: their JSON, or nothing when there are none. */
export function paramsOf(variables: unknown, label: string): string | undefined {
  const checked = toVariables(variables, label);
  if (typeof checked !== 'object' || Object.keys(checked).length === 0) return undefined;
  try {
    return JSON.stringify(checked);
  } catch (error) {
    throw new BpmError('INVALID_INPUT', `The ${label} cannot be sent as JSON: ${(error as Error).message}`);
  }
}

/** Parses the list in whichever representation the server actually sent. */
export function readActivities(response: RestResponse, action: string): AdHocActivity[] {
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

export function readActivityDetails(response: RestResponse, action: string): ActivityDetails {
  return readDocument(response, action, () => {
    if (/html/i.test(response.contentType)) throw new BpmError('INVALID_RESPONSE', 'the answer is an HTML page, not the activity');
    return activityDetailsFromJson(response.body);
  });
}

/**
 * Reads a 2xx answer with `read`: the reason it fails for is the INVALID_RESPONSE of `action`.
 * The server answered with a success: a change it asked for happened.
 */
export function readDocument<T>(response: RestResponse, action: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const reason = error instanceof BpmError ? error.message : String(error);
    throw new BpmError('INVALID_RESPONSE', `${action} failed: HTTP ${response.status}, but ${reason}`, {
      statusCode: response.status,
      outcome: 'done',
    });
  }
}
