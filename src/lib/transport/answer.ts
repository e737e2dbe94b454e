import { BpmError, ServerError, codeForStatus } from '../errors';
import type { RestRequest, RestResponse } from './options';
import type { Secrets } from './secrets';

/** An HTTP answer as axios' adapter hands it over. */
export interface Answer {
  status: number;
  statusText?: string;
  headers: Record<string, unknown>;
  data: unknown;
}

/** What a server's answer tells, beyond its body: how many attempts it took, what to check on a 401. */
export interface AnswerContext {
  attempts: number;
  secrets: Secrets;
  /** Which credential of the chosen kind to check, for a 401. */
  credentialHint: string;
}

/** What the user is told when a server answers with its login form instead of the API. */
export const ASKED_FOR_LOGIN = 'the server asked for a login: check the authentication settings';

export function bodyOf(answer: Answer): string {
  return typeof answer.data === 'string' ? answer.data : '';
}

/** A header of the answer as text; '' when it is absent. */
export function headerOf(answer: Answer, name: string): string {
  const value = answer.headers[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A 2xx answer as the client reads it; any other status (or a login page) as the BpmError of its code (README, "Errors"). */
export function readAnswer(request: RestRequest, answer: Answer, context: AnswerContext): RestResponse {
  const status = answer.status;
  const body = bodyOf(answer);
  const contentType = headerOf(answer, 'content-type');
  if (status >= 200 && status < 300) {
    if (isLoginPage(body, contentType)) {
      // A gateway answered instead of the server: nothing reached it.
      throw new BpmError('INVALID_RESPONSE', `${request.action} failed: HTTP ${status}, but ${ASKED_FOR_LOGIN}`, {
        statusCode: status,
        askedForLogin: true,
        outcome: 'not-done',
      });
    }
    return { status, contentType, body };
  }

  const { secrets } = context;
  // Only what the server sent is redacted; our own words stay as they are.
  const parsed = safely(() => request.parseError?.(body, contentType)) ?? {};
  const serverMessage = parsed.message ?? htmlTitle(body, contentType);
  let text = `${request.action} failed: HTTP ${status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  if (serverMessage) text += `: ${secrets.redact(oneLine(serverMessage))}`;
  // An action refused to a user the server knows is no matter of credentials.
  const refusedAction = parsed.refusesAction === true && (status === 401 || status === 403);
  if (status === 401 && !refusedAction) text += ` (${context.credentialHint})`;
  const location = status >= 300 && status < 400 && headerOf(answer, 'location') !== '' ? headerOf(answer, 'location') : undefined;
  const askedForLogin = location !== undefined && isLoginRedirect(location);
  if (location !== undefined) text += ` (redirected to ${secrets.redact(withoutQuery(location))})`;
  if (askedForLogin) text += `: ${ASKED_FOR_LOGIN}`;
  if (status === 503 && context.attempts > 1) text += ` (after ${context.attempts} attempts)`;
  const serverError = parsed.serverError ? (secrets.redactValue(parsed.serverError) as ServerError) : undefined;
  // The server answered with an error status: it did not carry the change out.
  throw new BpmError(codeForStatus(status), text, { statusCode: status, serverError, askedForLogin, refusedAction, outcome: 'not-done' });
}

/** How an attempt that got no answer failed: `kind` tells the retry policy what may have happened. */
export interface Failure {
  error: BpmError;
  kind: 'timeout' | 'refused' | 'reset' | 'final';
}

/**
 * An attempt that got no complete answer: what went wrong, whether it ran out of time, and
 * whether the request had been written to the connection (then the server may have acted on it).
 */
export class NoAnswer extends Error {
  constructor(
    readonly cause: unknown,
    readonly timedOut: boolean,
    readonly written: boolean,
  ) {
    super('no answer');
  }
}

/** The failure of an attempt that got no answer, from what axios or Node.js reported. */
export function failureOf(
  request: RestRequest,
  thrown: unknown,
  context: { timeout: number; maxResponseBytes: number; host: string; secrets: Secrets },
): Failure {
  const noAnswer = thrown instanceof NoAnswer ? thrown : new NoAnswer(thrown, false, false);
  // Sent and unanswered, the change may have happened; never sent, it did not.
  const outcome = noAnswer.written ? 'unknown' : 'not-done';
  if (noAnswer.timedOut) {
    return {
      error: new BpmError('TIMEOUT', `${request.action} timed out: no complete answer within ${context.timeout} ms`, { outcome }),
      kind: 'timeout',
    };
  }
  if (request.signal?.aborted || (request.stopping?.aborted && !noAnswer.written))
    return { error: abortedError(request, noAnswer.written), kind: 'final' };
  const error = noAnswer.cause;
  const { code: rawCode, message: rawMessage } = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof rawCode === 'string' ? rawCode : '';
  const message = String(rawMessage ?? error);
  if (/maxContentLength/.test(message)) {
    return {
      error: new BpmError('INVALID_RESPONSE', `${request.action} failed: the answer is larger than ${context.maxResponseBytes} bytes`, {
        outcome,
      }),
      kind: 'final',
    };
  }
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
    return { error: new BpmError('HTTP_ERROR', `${request.action} failed: too many redirects`, { outcome }), kind: 'final' };
  }
  const reason = context.secrets.redact(connectionReason(code, message));
  // A refused connection reached no server: nothing was done, whatever was written.
  const refused = code === 'ECONNREFUSED';
  const failed = new BpmError('CONNECTION_FAILED', `${request.action} failed: ${reason} (${context.host})`, {
    outcome: refused ? 'not-done' : outcome,
  });
  if (refused) return { error: failed, kind: 'refused' };
  const reset = code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(message);
  return { error: failed, kind: reset ? 'reset' : 'final' };
}

/** The error of a request ended by its caller (the node was stopped or redeployed), written or not. */
export function abortedError(request: RestRequest, written = false): BpmError {
  return new BpmError('CONNECTION_FAILED', `${request.action} aborted: the node was stopped or redeployed`, {
    outcome: written ? 'unknown' : 'not-done',
  });
}

/** An HTML page with a login form (form login of an application server or identity provider). */
export function isLoginPage(body: string, contentType: string): boolean {
  const head = body.slice(0, 65536);
  if (!/html/i.test(contentType) && !/^\s*<(?:!doctype\s+html|html)[\s>]/i.test(head)) return false;
  return (
    /<input[^>]+type\s*=\s*["']?password|j_security_check|<form[^>]+action\s*=\s*["'][^"']*(?:login|logon|signin|auth)/i.test(head) ||
    /<title[^>]*>[^<]*(?:log\s?in|log\s?on|sign\s?in|anmeld)/i.test(head)
  );
}

/** A redirect that leads to a login page rather than to the resource. */
function isLoginRedirect(location: string): boolean {
  return /login|logon|signin|j_security_check|openid-connect|oauth|\/auth\b/i.test(location);
}

/** Milliseconds a `Retry-After` header asks to wait (seconds or an HTTP date); undefined when it asks nothing. */
export function parseRetryAfter(value: unknown): number | undefined {
  if ((typeof value !== 'string' && typeof value !== 'number') || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function connectionReason(code: string, message: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'server name not found';
  if (code === 'ECONNRESET' || /socket hang up/i.test(message)) return 'connection reset by the server';
  if (/aborted/i.test(message)) return 'connection closed before the answer was complete';
  if (/CERT|SSL|TLS|EPROTO|self.signed|certificate/i.test(code + message)) return `TLS failure: ${oneLine(message)}`;
  return `connection failed: ${oneLine(message)}`;
}

function htmlTitle(body: string, contentType: string): string | undefined {
  if (!/html/i.test(contentType) && !/^\s*</.test(body)) return undefined;
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(body.slice(0, 4096));
  return match?.[1]?.trim() || undefined;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

export function withoutQuery(location: string): string {
  return location.replace(/[?#].*$/, '');
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
