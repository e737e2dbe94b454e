import { BpmError } from '../errors';
import { AbortedError, eitherSignal, sleep } from './abort';
import { Answer, Failure, abortedError, bodyOf, headerOf, parseRetryAfter } from './answer';
import type { CsrfTokens } from './csrf';
import type { RestRequest, RestResponse } from './options';

/** Longest pause a server's `Retry-After` may ask for. */
const MAX_RETRY_AFTER_MS = 30000;

/** A request's place among those in flight. */
export interface Slot {
  free(): void;
  take(): Promise<void>;
}

/** The place of a request that waits in no queue (the login for a CSRF token). */
export const UNQUEUED: Slot = { free: () => undefined, take: () => Promise.resolve() };

/**
 * Whether a failed attempt may be repeated: only where nothing can have been done twice. A
 * refused connection reached no server; a timeout or a reset may have, so only a read repeats then.
 */
export function mayRepeat(method: RestRequest['method'], kind: Failure['kind']): boolean {
  if (kind === 'refused') return true;
  return (kind === 'timeout' || kind === 'reset') && method === 'GET';
}

/** The pause before retry `attempt + 1`: what the server asked for, else a delay that doubles. */
export function backoff(attempt: number, retryDelay: number, retryAfter?: unknown): number {
  const fromServer = parseRetryAfter(retryAfter);
  if (fromServer !== undefined) return Math.min(fromServer, MAX_RETRY_AFTER_MS);
  return retryDelay * 2 ** attempt;
}

/** What the retry policy needs of the transport for one request. */
export interface Exchange {
  /** One attempt, with the CSRF token to send; rejects when no answer came. */
  attempt(token: string | undefined): Promise<Answer>;
  /** A 2xx answer as the client reads it; throws the error of any other. */
  read(answer: Answer, attempts: number): RestResponse;
  /** Why an attempt got no answer. */
  failure(error: unknown): Failure;
}

/**
 * The attempts of one request: up to `retries` more where nothing can have been done twice (a
 * 503, or `mayRepeat`), with a growing pause during which the request gives up its place in the
 * queue; and sent once more with a new token when the server refused its CSRF token (it did
 * nothing then).
 */
export class RetryPolicy {
  constructor(
    private readonly retries: number,
    private readonly retryDelay: number,
  ) {}

  async run(request: RestRequest, slot: Slot, csrf: CsrfTokens | undefined, exchange: Exchange): Promise<RestResponse> {
    let tokenRenewed = false;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.retries;
      const token = csrf ? await csrfToken(request, () => csrf.current(request.signal)) : undefined;
      let answer: Answer | undefined;
      try {
        answer = await exchange.attempt(token);
      } catch (error) {
        const failure = exchange.failure(error);
        if (!canRetry || !mayRepeat(request.method, failure.kind)) throw failure.error;
      }
      if (answer && csrf && !tokenRenewed && csrf.refuses(answer.status, bodyOf(answer))) {
        tokenRenewed = true;
        attempt--;
        await csrfToken(request, () => csrf.renew(token, request.signal));
        continue;
      }
      if (answer && (answer.status !== 503 || !canRetry)) return exchange.read(answer, attempt + 1);
      // Waiting to retry is not being in flight: the slot goes to the next request meanwhile,
      // and comes back to this one first.
      request.onRetry?.(attempt + 1);
      slot.free();
      await pause(request, backoff(attempt, this.retryDelay, answer ? headerOf(answer, 'retry-after') : undefined));
      await slot.take();
    }
  }
}

/** A CSRF token from `fetch`, its failure reported as this request's. */
async function csrfToken(request: RestRequest, fetch: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await fetch();
  } catch (error) {
    if (error instanceof AbortedError) throw abortedError(request);
    const cause = error instanceof BpmError ? error : new BpmError('CONNECTION_FAILED', String(error));
    throw new BpmError(cause.code, `${request.action} failed: ${cause.message}`, cause);
  }
}

/** The pause before a retry; it ends early, and the request with it, when the node stops: nothing was sent. */
async function pause(request: RestRequest, ms: number): Promise<void> {
  const either = eitherSignal(request.signal, request.stopping);
  try {
    await sleep(ms, either.signal);
  } catch (error) {
    if (error instanceof AbortedError) throw abortedError(request);
    throw error;
  } finally {
    either.dispose();
  }
}
