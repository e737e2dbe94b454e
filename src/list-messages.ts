import type { NodeAPI, NodeMessage, NodeMessageInFlow, NodeStatus } from 'node-red';
import { LastAnswers } from './lib/last-answers';
import type { Outcome, Text } from './flow-node';

// The messages of the list nodes: one per item, ready for a Join node; for task lists, "only new".

/**
 * One message per item of a list, each a copy of the input with `payload` = the item, `fields`
 * set, and `parts` that let a Join node in automatic mode rebuild the list. The input's own
 * `parts` (a list inside a sequence) nest inside each message's.
 */
export function oneMessagePerItem(RED: NodeAPI, msg: NodeMessageInFlow, items: unknown[], fields: Record<string, unknown>): NodeMessage[] {
  const count = items.length;
  if (count === 0) return [];
  // Clone the input once without its payload; each item then gets a cheap copy of that: a plain
  // copy when every property is a primitive value (10,000 deep clones cost ~10 ms).
  const { payload: _payload, ...rest } = msg;
  const base = RED.util.cloneMessage(rest);
  const flat = Object.values(base).every((value) => value === null || typeof value !== 'object');
  // Object.assign, not a spread: on Node.js 20 spread copies make Node-RED's delivery of each
  // message slower by a third.
  const copy = flat ? (): NodeMessage => Object.assign({}, base) : (): NodeMessage => RED.util.cloneMessage(base);
  const id = RED.util.generateId();
  return items.map((item, index) => {
    const out = index === count - 1 ? base : copy();
    const outer = out.parts;
    out.payload = item;
    out.parts = { id, index, count, type: 'array', len: 1, ...(outer ? { parts: outer } : {}) };
    Object.assign(out, fields);
    return out;
  });
}

/** The tasks of one answer of a task list, with the id of each and, where the list tells, its instance. */
export interface ListedTasks {
  tasks: unknown[];
  taskIds: Array<string | undefined>;
  instanceIds?: Array<string | undefined>;
}

/**
 * The outcome of a task list node (README, "Nodes"): one message per task, each with `fields`
 * and its own `msg.taskId` (and `msg.instanceId` when the list gives one per task), and the
 * status "N tasks". With `emit` `new`, only the tasks whose ids were not in the node's last
 * answer to the same `request` ("N new of M").
 */
export function taskListOutcome(
  RED: NodeAPI,
  emit: unknown,
  text: Text,
): (msg: NodeMessageInFlow, request: string, listed: ListedTasks, fields: Record<string, unknown>) => Outcome {
  // The ids of the last answer per request, for this deployment of the node.
  const lastAnswers = emit === 'new' ? new LastAnswers() : undefined;
  return (msg, request, listed, fields) => {
    let { tasks, taskIds, instanceIds } = listed;
    if (lastAnswers) {
      const fresh = lastAnswers.newOf(
        request,
        taskIds.map((id) => id ?? ''),
      );
      tasks = tasks.filter((_task, index) => fresh[index]);
      taskIds = taskIds.filter((_id, index) => fresh[index]);
      instanceIds = instanceIds?.filter((_id, index) => fresh[index]);
    }
    const count = tasks.length;
    const total = listed.tasks.length;
    const status = (): NodeStatus =>
      lastAnswers
        ? { fill: count > 0 ? 'green' : 'grey', shape: 'dot', text: text('status.newOf', { count, total }) }
        : count > 0
          ? { fill: 'green', shape: 'dot', text: text('status.tasks', { count }) }
          : { fill: 'grey', shape: 'dot', text: text('status.noTasks') };
    const messages = oneMessagePerItem(RED, msg, tasks, fields);
    // Each message carries the id of its own task, so that the nodes that read or finish one can follow.
    messages.forEach((message: NodeMessage & { taskId?: string; instanceId?: string }, index) => {
      const id = taskIds[index];
      if (id === undefined) delete message.taskId;
      else message.taskId = id;
      if (!instanceIds) return;
      const instanceId = instanceIds[index];
      if (instanceId === undefined) delete message.instanceId;
      else message.instanceId = instanceId;
    });
    return { messages, status };
  };
}
