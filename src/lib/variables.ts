import { BpmError } from './errors';

/**
 * The variables or form fields a flow gives (README, "Nodes"): a plain object, or nothing
 * (undefined, null or empty text send none). Text from an environment variable is read as JSON.
 * `wholeForm` accepts text that it recognises as a whole document (inubit's `<Form>`), returned
 * as it is. Anything else is INVALID_INPUT, and nothing is sent.
 */
export function toVariables(
  value: unknown,
  label: string,
  { fromEnv = false, wholeForm }: { fromEnv?: boolean; wholeForm?: (text: string) => boolean } = {},
): Record<string, unknown> | string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'string') {
    if (wholeForm?.(value)) return value;
    if (!fromEnv) throw new BpmError('INVALID_INPUT', `The ${label} are text: give an object`);
    if (value.trim() === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new BpmError('INVALID_INPUT', `The ${label} from the environment variable are not JSON`);
    }
    return toVariables(parsed, label);
  }
  if (isPlainObject(value)) return value;
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'not a plain object' : `a ${typeof value}`;
  throw new BpmError('INVALID_INPUT', `The ${label} are ${what}: give an object`);
}

// The source text of `Object` is the same in every context, unlike `Object` itself.
const OBJECT_SOURCE = Function.prototype.toString.call(Object);

/**
 * A plain object by its shape, whoever made it: an object literal, a parsed JSON object or one
 * without a prototype. An object built in a Function node has its own context's
 * `Object.prototype`, so the check asks what the prototype is, not which one it is. Arrays,
 * dates, buffers, class instances and functions are not plain objects.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype = Object.getPrototypeOf(value) as object | null;
  if (prototype === null) return true;
  if (Object.getPrototypeOf(prototype) !== null || !Object.prototype.hasOwnProperty.call(prototype, 'constructor')) return false;
  const { constructor } = prototype as { constructor: unknown };
  return typeof constructor === 'function' && Function.prototype.toString.call(constructor) === OBJECT_SOURCE;
}
