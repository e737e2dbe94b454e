import type { ActivityDetails } from './activities';
import type { WleInstance, WleTask } from './documents';

// What the IBM BPM client's calls give back.

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
