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
  if (typeof value === 'object' && !Array.isArray(value)) {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype === Object.prototype || prototype === null) return value as Record<string, unknown>;
  }
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'not a plain object' : `a ${typeof value}`;
  throw new BpmError('INVALID_INPUT', `The ${label} are ${what}: give an object`);
}
