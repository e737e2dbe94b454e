import { invalidResponse } from '../errors';

/** A task of IBM BPM as the server sent it: `tkiid`, `name`, `status`, `state`, `data.variables`, … */
export type WleTask = Record<string, unknown>;

/** A process instance as the start answers it: `piid`, `name`, `state`, `tasks`, `variables`, … */
export type WleInstance = Record<string, unknown>;

/** One process the server exposes to start, as `GET /exposed/process` lists it. */
export interface ExposedProcess {
  itemID?: string;
  display?: string;
  processAppID?: string;
  processAppName?: string;
  snapshotID?: string;
  [field: string]: unknown;
}

/** The `data` of a JSON answer of the WLE REST API (`{"status":"200","data":{…}}`), if any. */
export function wleData(body: string): unknown {
  const document = parsedJson(body);
  return isObject(document) ? document.data : undefined;
}

function parsedJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw invalidResponse('the answer is not complete JSON');
  }
}

/**
 * The answer to an action with `parts=none` (a claim): a 200 with the JSON envelope, or with no
 * body at all; another 2xx, text that is not JSON, or the envelope of an error is no confirmation.
 */
export function readAcknowledgement(status: number, body: string): void {
  if (status !== 200) throw invalidResponse(`the server answered ${status}, not 200 OK`);
  if (body.trim() === '') return;
  const document = parsedJson(body);
  if (!isObject(document) || document.status === 'error') throw invalidResponse("the answer is not the server's confirmation");
}

/** The object under `data`, or INVALID_RESPONSE naming `what` was expected. */
export function wleObject(body: string, what: string): Record<string, unknown> {
  const data = wleData(body);
  if (!isObject(data)) throw invalidResponse(`the answer has no ${what}`);
  return data;
}

/** The new instance of a start: a `data` object with a `piid`. */
export function readInstance(body: string): { instance: WleInstance; instanceId: string } {
  const instance = wleObject(body, 'process instance');
  const piid = instance.piid;
  if (!isId(piid)) throw invalidResponse('the process instance has no piid');
  return { instance, instanceId: String(piid) };
}

/** The tasks of an instance (`data.tasks`), closed ones included, in the server's order. */
export function readInstanceTasks(body: string): WleTask[] {
  const instance = wleObject(body, 'process instance');
  const tasks = instance.tasks;
  if (!Array.isArray(tasks)) throw invalidResponse('the process instance has no tasks list');
  if (!tasks.every(isObject)) throw invalidResponse('the tasks list holds something other than tasks');
  return tasks;
}

/** The answer of a task list query: `data.items`, one object per task, and `data.totalCount` when it is a number. */
export function readTaskQueue(body: string): { items: WleTask[]; total?: number } {
  const data = wleObject(body, 'task list');
  const items = data.items;
  if (!Array.isArray(items)) throw invalidResponse('the task list has no items list');
  if (!items.every(isObject)) throw invalidResponse('the items list holds something other than tasks');
  const total = data.totalCount;
  return typeof total === 'number' && Number.isFinite(total) ? { items, total } : { items };
}

/** The id of a task of a task list query (`TKIID`) as text, or undefined. */
export function queuedTaskIdOf(item: WleTask): string | undefined {
  return isId(item.TKIID) ? String(item.TKIID) : undefined;
}

/** The instance of a task of a task list query (`PI_PIID`) as text, or undefined. */
export function queuedInstanceIdOf(item: WleTask): string | undefined {
  return isId(item.PI_PIID) ? String(item.PI_PIID) : undefined;
}

/** The user who holds a task, or undefined when nobody does. */
export function taskOwner(task: WleTask): string | undefined {
  return typeof task.owner === 'string' && task.owner.trim() !== '' ? task.owner : undefined;
}

/** The exposed processes: `data.exposedItemsList`. */
export function readExposedProcesses(body: string): ExposedProcess[] {
  const list = wleObject(body, 'list of exposed processes').exposedItemsList;
  if (!Array.isArray(list)) throw invalidResponse('the answer has no list of exposed processes');
  return list.filter(isObject);
}

/** A task is open until the server closes it: every status but `Closed`. */
export function isOpenTask(task: WleTask): boolean {
  return task.status !== 'Closed';
}

/** The id of a task as text, or undefined when it has none. */
export function taskIdOf(task: WleTask): string | undefined {
  return isId(task.tkiid) ? String(task.tkiid) : undefined;
}

/** The id of the first open task of an instance's `tasks`, or undefined when there is none. */
export function firstOpenTaskId(instance: WleInstance): string | undefined {
  const tasks: unknown[] = Array.isArray(instance.tasks) ? instance.tasks : [];
  for (const task of tasks) {
    const id = isObject(task) && isOpenTask(task) ? taskIdOf(task) : undefined;
    if (id !== undefined) return id;
  }
  return undefined;
}

/** What a status calls a task: its display name, its name, or its id. */
export function taskName(task: WleTask, taskId: string): string {
  const name = [task.displayName, task.name].find((value): value is string => typeof value === 'string' && value !== '');
  return name ?? taskId;
}

function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value.trim() !== '') || (typeof value === 'number' && Number.isFinite(value));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
