import { BpmError } from '../errors';
import { quote } from '../path-segment';
import type { WleTask } from './documents';

// The task list query of a user's queue and the assignment of a task (README, "Nodes": several Node-RED copies).

/** Which tasks of the user's queue a task list query asks for (README, "Nodes": the queue of list tasks). */
export type Interaction = 'available' | 'claimed' | 'both';

const INTERACTION_FILTERS: Record<Interaction, string> = { available: 'ASSESS_AVAILABLE', claimed: 'WORK_ON', both: 'ASSESS_AND_WORK_ON' };

/** The server's own task list query, behind Process Portal's work list. */
export const DEFAULT_TASK_QUERY = 'IBM.DEFAULTALLTASKSLIST_75';
export const DEFAULT_QUEUE_SIZE = 100;
/** The most tasks one answer may be asked for: as many as `emit: new` keeps. */
const MAX_QUEUE_SIZE = 100000;

export interface TaskQueueRequest {
  /** The task list query's name (default: the server's own). */
  query?: unknown;
  interaction?: unknown;
  size?: unknown;
  processAppName?: unknown;
}

export interface TaskQueue {
  /** What the request asked, as one text: the same for the same query with the same parameters. */
  request: string;
  /** One object per task, with the query's attributes in capitals, in the server's order. */
  tasks: WleTask[];
  taskIds: Array<string | undefined>;
  instanceIds: Array<string | undefined>;
  /** How many tasks the query matches, when the server said. */
  total?: number;
}

/** Whom a task is assigned to: the user of the call (a claim), back to its team, or a named user or group. */
export type Assignee = { to: 'me' } | { to: 'back' } | { to: 'user' | 'group'; name: unknown };

/** The size of a task list query: a whole number from 1 to MAX_QUEUE_SIZE, given as a number or as text; missing or empty is the default. */
export function queueSize(value: unknown): number {
  if (value === undefined || value === null || value === '') return DEFAULT_QUEUE_SIZE;
  const size = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > MAX_QUEUE_SIZE) {
    throw new BpmError(
      'INVALID_INPUT',
      `The size must be a whole number from 1 to ${MAX_QUEUE_SIZE}, not ${quote(typeof value === 'string' ? value : (JSON.stringify(value) ?? typeof value))}`,
    );
  }
  return size;
}

/** The interactionFilter of `interaction` (missing: available); INVALID_INPUT for another value. */
export function interactionFilterOf(interaction: unknown = 'available'): string {
  if (typeof interaction !== 'string' || !Object.prototype.hasOwnProperty.call(INTERACTION_FILTERS, interaction)) {
    throw new BpmError('INVALID_INPUT', `The interaction must be available, claimed or both, not ${quote(String(interaction))}`);
  }
  return INTERACTION_FILTERS[interaction as Interaction];
}

/** The refusal of a claim as CONFLICT when `ownerOf` reads an owner (the task was taken), else the refusal itself. */
export async function takenOr(refusal: BpmError, ownerOf: () => Promise<string | undefined>): Promise<BpmError> {
  let owner: string | undefined;
  try {
    owner = await ownerOf();
  } catch {
    // What the read could not tell, the refusal does.
    return refusal;
  }
  if (owner === undefined) return refusal;
  return new BpmError('CONFLICT', `${refusal.message} (the task is claimed by ${quote(owner)})`, {
    statusCode: refusal.statusCode,
    serverError: refusal.serverError,
    outcome: 'not-done',
  });
}
