import { BpmError } from '../errors';
import { AbortedError } from './abort';
import { withoutQuery } from './answer';
import type { RestRequest, RestResponse } from './options';
import type { CsrfMode } from '../server-facts';

/** Renewed after this long at the latest; IBM grants 7,200 s at most. */
export const CSRF_RENEW_AFTER_MS = 7000 * 1000;

/** A token and how long it may be used. */
export interface CsrfLogin {
  token: string;
  /** Milliseconds after which the token is renewed before use. */
  renewAfterMs: number;
}

/**
 * The CSRF token of one server: fetched when first needed, shared by every request, renewed
 * before its lifetime ends and after the server refused it, with one login for all requests
 * that need a token at the same moment.
 */
export class CsrfTokens {
  private token?: string;
  private renewAt = 0;
  private pending?: Promise<string>;
  private needed: boolean;

  constructor(
    readonly mode: CsrfMode,
    private readonly login: () => Promise<CsrfLogin>,
  ) {
    this.needed = mode === 'always';
  }

  /** True once a token was received. */
  get received(): boolean {
    return this.token !== undefined;
  }

  /** The token to send with the next request, after a login where one is due; undefined while none is needed. */
  current(signal?: AbortSignal): Promise<string | undefined> {
    if (!this.needed) return Promise.resolve(undefined);
    if (this.token !== undefined && Date.now() < this.renewAt && !this.pending) return Promise.resolve(this.token);
    return this.renew(this.token, signal);
  }

  /** True when the server refused a request for want of a valid token, and tokens are not off. */
  refuses(status: number, body: string): boolean {
    return status === 403 && /CWTBG0651E|BPMCSRFToken/i.test(body);
  }

  /**
   * A token other than `refused`: the current one when it is newer, else the one of the login
   * under way, else a new login's.
   */
  renew(refused: string | undefined, signal?: AbortSignal): Promise<string> {
    this.needed = true;
    if (!this.pending) {
      if (this.token !== undefined && this.token !== refused && Date.now() < this.renewAt) return Promise.resolve(this.token);
      this.pending = this.login().then(
        ({ token, renewAfterMs }) => {
          this.token = token;
          this.renewAt = Date.now() + Math.min(renewAfterMs, CSRF_RENEW_AFTER_MS);
          this.pending = undefined;
          return token;
        },
        (error: unknown) => {
          this.pending = undefined;
          throw error;
        },
      );
    }
    return untilAborted(this.pending, signal);
  }
}

/** `promise`, or an AbortedError as soon as `signal` aborts; the promise itself goes on for others. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new AbortedError());
  let onAbort = (): void => undefined;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(new AbortedError());
    signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() => signal.removeEventListener('abort', onAbort));
}

const LOGIN_BODY = JSON.stringify({ 'refresh-groups': false, 'requested-lifetime': 7200 });

/**
 * `POST {root}/bpm/system/login` through `send` (with the server's authentication): any 2xx
 * whose JSON has a `csrf_token` gives the token, renewed a little before the lifetime it grants.
 */
export async function csrfLogin(url: string, send: (request: RestRequest) => Promise<RestResponse>): Promise<CsrfLogin> {
  const request: RestRequest = {
    method: 'POST',
    path: '',
    url,
    body: { json: LOGIN_BODY },
    accept: 'application/json',
    action: `the login for a CSRF token at ${withoutQuery(url)}`,
  };
  const response = await send(request);
  let answer: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(response.body);
    answer = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    answer = undefined;
  }
  const token = answer?.csrf_token;
  if (typeof token !== 'string' || token === '') {
    throw new BpmError('INVALID_RESPONSE', `${request.action} failed: HTTP ${response.status}, but the answer has no csrf_token`, {
      statusCode: response.status,
    });
  }
  const lifetime = Number(answer?.expiration);
  return { token, renewAfterMs: Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 900 : CSRF_RENEW_AFTER_MS };
}
