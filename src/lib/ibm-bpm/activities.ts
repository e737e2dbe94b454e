import { invalidResponse } from '../errors';
import { isObject, wleData, wleObject } from './documents';
import { XmlObject, parseXmlDocument } from '../xml';

/** One ad-hoc activity of a process instance, the same whichever representation was read. */
export interface AdHocActivity {
  id: string;
  name: string;
  executionState: string;
  activityType: string;
  executionType: string;
  optionType: string;
  required: boolean;
  repeatable: boolean;
  hidden: boolean;
  startTime: string | null;
  endTime: string | null;
  [field: string]: unknown;
}

/** An ad-hoc activity as the start answers it: the listed fields and the details of the start. */
export interface ActivityDetails extends AdHocActivity {
  taskId?: string | null;
  dueDate?: string | null;
  narrative?: string | null;
}

/** Fields that the activity schema types as xs:boolean; XML carries them as text. */
const BOOLEAN_FIELDS = new Set(['required', 'repeatable', 'hidden']);
const ARRAY_ELEMENTS = new Set(['activities']);

/** Reads the activity list from a JSON answer `{status, data: {activities: [...]}}`. */
export function activitiesFromJson(body: string): AdHocActivity[] {
  const data = wleData(body);
  const list = isObject(data) ? data.activities : undefined;
  if (!Array.isArray(list)) throw invalidResponse('the answer has no activities list');
  if (!list.every(isObject)) throw invalidResponse('the activities list holds something other than activities');
  return list as AdHocActivity[];
}

/** Reads the details of one activity from a JSON answer `{status, data: {id, name, …}}`. */
export function activityDetailsFromJson(body: string): ActivityDetails {
  return wleObject(body, 'activity details') as ActivityDetails;
}

/** Reads the activity list from an XML answer: `<ResponseData><data><activities>…` per activity. */
export function activitiesFromXml(body: string): AdHocActivity[] {
  const root = parseXmlDocument(body, ARRAY_ELEMENTS);
  if (!root) throw invalidResponse('the answer is not complete XML');
  if (root.name !== 'ResponseData' || !isObject(root.value))
    throw invalidResponse(`the answer is a <${root.name}> document, not ResponseData`);
  const data = root.value.data;
  // An empty list is an empty (or self-closed) <data> element.
  if (typeof data === 'string' && data.trim() === '') return [];
  if (!isObject(data)) throw invalidResponse('the answer has no activities list');
  const list = data.activities;
  if (!Array.isArray(list)) throw invalidResponse('the answer has no activities list');
  return list.map((entry) => {
    if (!isObject(entry)) throw invalidResponse('an activity element has no fields');
    return activityFromXml(entry);
  });
}

/** Turns the boolean fields into booleans, in place: the element is the parser's own new object. */
function activityFromXml(element: XmlObject): AdHocActivity {
  const activity = element as Record<string, unknown>;
  for (const field of BOOLEAN_FIELDS) {
    const value = activity[field];
    if (typeof value === 'string') activity[field] = toBoolean(value);
  }
  return activity as AdHocActivity;
}

function toBoolean(text: string): boolean | string {
  const value = text.trim();
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  return text;
}
