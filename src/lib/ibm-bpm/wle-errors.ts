import type { ServerError } from '../errors';
import type { ParsedServerError } from '../transport';
import { parseXmlDocument } from '../xml';

/** Elements of an XML error body that are always a list, as in JSON. */
const ERROR_LISTS: ReadonlySet<string> = new Set(['errorMessageParameters']);

/** IBM BPM's error body: `{status, Data: {exceptionType, errorNumber, errorMessage, …}}`, in JSON or XML. */
export function parseWleError(body: string, contentType: string): ParsedServerError | undefined {
  let data: unknown;
  if (/json/i.test(contentType) || /^\s*\{/.test(body)) {
    const document = JSON.parse(body) as Record<string, unknown>;
    data = document?.Data ?? document?.data;
  } else if (/xml/i.test(contentType) || /^\s*<\?xml|^\s*<RestRuntimeException/.test(body)) {
    const root = parseXmlDocument(body, ERROR_LISTS);
    const value = root?.value;
    data = typeof value === 'object' && value !== null && !Array.isArray(value) ? value.Data : undefined;
    // XML cannot show an empty list of parameters; JSON sends []: make both the same object.
    if (typeof data === 'object' && data !== null && !Array.isArray(data) && !('errorMessageParameters' in data)) {
      data = { ...data, errorMessageParameters: [] };
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const serverError = data as ServerError;
  const message = typeof serverError.errorMessage === 'string' ? serverError.errorMessage : undefined;
  // An error number comes from the application: it knew the user, and refused the action.
  const refusesAction = typeof serverError.errorNumber === 'string' && serverError.errorNumber !== '';
  return { serverError, message, refusesAction };
}
