import type { AuthType, CsrfMode } from './server-facts';
import { BpmError } from './errors';
import { credentialToCheck } from './transport/authentication';
import type { Transport } from './transport';

/**
 * What every client tells about its server: how it authenticates, whether a CSRF token came,
 * what to name when credentials are refused. Its transport stays its own.
 */
export abstract class RestClient {
  protected readonly transport: Transport;

  protected constructor(transport: Transport) {
    this.transport = transport;
  }

  /** The REST root every request goes below. */
  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** Milliseconds one request may take until its whole answer has arrived. */
  get timeout(): number {
    return this.transport.timeout;
  }

  /** host:port of the server, for messages. */
  get host(): string {
    return this.transport.host;
  }

  get authType(): AuthType {
    return this.transport.authType;
  }

  /** Which credential of the chosen kind a refusal points at, in the words of the config dialog. */
  get credentialToCheck(): string {
    return credentialToCheck(this.transport.authType);
  }

  /** When a CSRF token is sent; `off` for a server without them. */
  get csrfMode(): CsrfMode {
    return this.transport.csrfMode;
  }

  /** True once the server handed out a CSRF token. */
  get csrfTokenReceived(): boolean {
    return this.transport.csrfTokenReceived;
  }

  /** True when credentials would cross the network unencrypted. */
  get sendsCredentialsInClear(): boolean {
    return this.transport.sendsCredentialsInClear;
  }

  /** Drops idle connections; requests still running are ended by their signals. */
  close(): void {
    this.transport.close();
  }
}

/**
 * The error of a change whose answer was lost (outcome `unknown`), settled by one read: `check`
 * tells whether the change happened. When the read fails too, the outcome stays unknown.
 */
export async function settled(error: unknown, check: () => Promise<'done' | 'not-done'>, what: string): Promise<unknown> {
  if (!(error instanceof BpmError) || error.outcome !== 'unknown') return error;
  try {
    const outcome = await check();
    return error.with({ outcome, message: `${error.message}; checked by reading ${what} afterwards` });
  } catch {
    return error;
  }
}
