import type { Node, NodeAPI, NodeMessageInFlow } from 'node-red';
import { BpmError } from './lib/errors';
import { toVariables } from './lib/variables';

// The TypedInput properties of the flow nodes, each prepared once per node and evaluated for each message.

/** One TypedInput property a flow node reads for each message (`name` and `nameType` as saved). */
export interface PropertySpec {
  /** What the property is called in error messages. */
  label: string;
  /** What a flow saved without a type for it means, e.g. msg.taskId: [value, type]. */
  fallback?: [string, string];
  /** Variables or form fields: a plain object or nothing (README, "Nodes"); `wholeForm` also lets a document through as text. */
  variables?: boolean;
  wholeForm?: (text: string) => boolean;
}

/** The task id of the task nodes: msg.taskId by default and in flows saved without one (README, "Nodes"). */
export const TASK_ID: PropertySpec = { label: 'task id', fallback: ['taskId', 'msg'] };

/**
 * A TypedInput property (str, msg, flow, global, env, jsonata, …), prepared once per node and
 * evaluated for each message: a JSONata expression is parsed at deploy, not per message.
 */
export function propertyOf(
  RED: NodeAPI,
  node: Node,
  saved: string | undefined,
  savedType: string | undefined,
  label: string,
): (msg: NodeMessageInFlow) => Promise<unknown> {
  // A property that a flow saved before it existed lacks is empty text.
  const value = saved ?? '';
  const type = savedType || 'str';
  const failure = (err: Error): BpmError => new BpmError('INVALID_INPUT', `The ${label} could not be evaluated: ${err.message}`);
  if (type === 'jsonata') {
    let expression: ReturnType<NodeAPI['util']['prepareJSONataExpression']>;
    try {
      expression = RED.util.prepareJSONataExpression(value, node);
    } catch (err) {
      return () => Promise.reject(failure(err as Error));
    }
    return (msg) =>
      new Promise((resolve, reject) => {
        RED.util.evaluateJSONataExpression(expression, msg, (err, result) => (err ? reject(failure(err)) : resolve(result)));
      });
  }
  // Fixed text is the same for every message: no evaluation per message.
  if (type === 'str') return () => Promise.resolve(value);
  return (msg) =>
    new Promise((resolve, reject) => {
      try {
        RED.util.evaluateNodeProperty(value, type, node, msg, (err: Error | null, result: unknown) =>
          err ? reject(failure(err)) : resolve(result),
        );
      } catch (err) {
        reject(failure(err as Error));
      }
    });
}

/**
 * A TypedInput of variables or form fields (json, msg, flow, global, jsonata, env): a plain
 * object or nothing, checked by toVariables; an empty JSON value is nothing.
 */
export function variablesOf(
  RED: NodeAPI,
  node: Node,
  saved: string | undefined,
  savedType: string | undefined,
  label: string,
  wholeForm?: (text: string) => boolean,
): (msg: NodeMessageInFlow) => Promise<Record<string, unknown> | string | undefined> {
  const type = savedType || 'json';
  if (type === 'json') {
    // Parsed and checked once at deploy; the nodes only read the object they get.
    const text = (saved ?? '').trim();
    let fixed: Record<string, unknown> | string | undefined;
    try {
      fixed = text === '' ? undefined : toVariables(JSON.parse(text), label, { wholeForm });
    } catch (err) {
      const error =
        err instanceof BpmError ? err : new BpmError('INVALID_INPUT', `The ${label} could not be evaluated: ${(err as Error).message}`);
      return () => Promise.reject(error);
    }
    return () => Promise.resolve(fixed);
  }
  const valueOf = propertyOf(RED, node, saved, type, label);
  return async (msg) => toVariables(await valueOf(msg), label, { fromEnv: type === 'env', wholeForm });
}

/** The reader of property `name` as saved in `config` (`name` and `nameType`). */
export function readerOf(
  RED: NodeAPI,
  node: Node,
  config: Record<string, unknown>,
  name: string,
  spec: PropertySpec,
): (msg: NodeMessageInFlow) => Promise<unknown> {
  const saved = config[name] as string | undefined;
  const savedType = config[`${name}Type`] as string | undefined;
  if (spec.variables) return variablesOf(RED, node, saved, savedType, spec.label, spec.wholeForm);
  if (savedType || !spec.fallback) return propertyOf(RED, node, saved, savedType, spec.label);
  const [value, type] = spec.fallback;
  // Fixed text saved without a type stays as saved, even empty; a property path never is empty.
  const fallback = type === 'str' ? (saved ?? value) : saved || value;
  return propertyOf(RED, node, fallback, type, spec.label);
}
