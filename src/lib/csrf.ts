import { AbortedError } from './abort';

/** When a `BPMCSRFToken` is sent (SPEC §12): from the first request, once a server asks, or never. */
export type CsrfMode = 'auto' | 'always' | 'off';

export const CSRF_MODES: readonly CsrfMode[] = ['auto', 'always', 'off'];

/** Renewed after this long at the latest; IBM grants 7,200 s at most. */
export const CSRF_RENEW_AFTER_MS = 7000 * 1000;

export function csrfModeOf(value: unknown): CsrfMode {
  return CSRF_MODES.includes(value as CsrfMode) ? (value as CsrfMode) : 'auto';
}

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
