import { BpmError } from './errors';

/** Servers refuse request lines of more than 8 KB or so; no real user or id comes near this. */
export const MAX_SEGMENT_LENGTH = 4096;

/**
 * Turns a user-supplied value into one percent-encoded URL path segment.
 * Accepts text and finite numbers; refuses empty, whitespace-only, other types and `.`/`..`,
 * which URL parsers treat as steps up the path even when encoded.
 */
export function toPathSegment(value: unknown, label: string): { text: string; segment: string } {
  const text = textOf(value, label);
  if (text.trim() === '') {
    throw new BpmError('INVALID_INPUT', `The ${label} is empty`);
  }
  if (text === '.' || text === '..') {
    throw new BpmError('INVALID_INPUT', `The ${label} must not be "${text}"`);
  }
  return { text, segment: encoded(text, label) };
}

/** Text, or a finite number as its decimal text; INVALID_INPUT for anything else. */
function textOf(value: unknown, label: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new BpmError('INVALID_INPUT', `The ${label} must be text or a number, not ${describe(value)}`);
}

/** `text` percent-encoded, when it is valid Unicode and short enough for a request line. */
function encoded(text: string, label: string): string {
  let result: string;
  try {
    result = encodeURIComponent(text);
  } catch {
    throw new BpmError('INVALID_INPUT', `The ${label} is not valid Unicode text`);
  }
  if (result.length > MAX_SEGMENT_LENGTH) {
    throw new BpmError('INVALID_INPUT', `The ${label} is too long (${text.length} characters)`);
  }
  return result;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'missing' : `a ${typeof value}`;
}

/** A user value quoted for an error message, shortened when long, on one line (`\n` shown escaped). */
export function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

/**
 * An optional user value for a query parameter: undefined when missing, null or empty (then the
 * parameter is not sent), the trimmed text of text or a finite number, INVALID_INPUT otherwise.
 */
export function toQueryValue(value: unknown, label: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = textOf(value, label).trim();
  if (text === '') return undefined;
  encoded(text, label);
  return text;
}

/** Text for a query parameter as it is (empty or spaced kept), when it is valid Unicode and short enough; INVALID_INPUT otherwise. */
export function checkedQueryText(text: string, label: string): string {
  encoded(text, label);
  return text;
}
