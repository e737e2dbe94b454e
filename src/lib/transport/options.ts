import type { Credentials } from './authentication';
import type { AuthType, CsrfMode } from '../server-facts';
import type { ServerError } from '../errors';
import { LIMITS } from '../server-facts';

/** TLS settings, as a core `tls-config` node provides them. */
export interface TlsOptions {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  passphrase?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

export interface TransportOptions extends Credentials {
  /** Absolute base URL of the REST root, without trailing slash (see normaliseBaseUrl). */
  baseUrl: string;
  /** How the credentials are sent; `basic` when not given. */
  authType?: AuthType;
  /** When a BPMCSRFToken is sent; only with `csrfLoginUrl`. */
  csrf?: CsrfMode;
  /** Where a CSRF token is fetched (`POST {root}/bpm/system/login`); without it, none is. */
  csrfLoginUrl?: string;
  /** The server takes a POST with `X-HTTP-Method-Override` for another method: long URLs go that way. */
  methodOverride?: boolean;
  /** Milliseconds one attempt may take until the whole answer has arrived. */
  timeout?: number;
  /** Further attempts where a retry cannot start anything twice. */
  retries?: number;
  /** Requests in flight at once; the rest wait in arrival order. */
  maxConcurrent?: number;
  tls?: TlsOptions;
  /** Largest response body read; a longer one is an INVALID_RESPONSE. */
  maxResponseBytes?: number;
  /** Back-off before the first retry, doubled for each further one. */
  retryDelay?: number;
  /** Milliseconds an unused keep-alive connection stays open. */
  idleSocketTimeout?: number;
}

/** A client's settings: the server's URL as the user typed it, and the transport options. */
export interface ServerOptions extends Omit<TransportOptions, 'baseUrl'> {
  url?: string;
}

/**
 * What a caller can add to one client call: a signal to abort it, a signal that the node stops
 * (a request not yet written is then abandoned, one written is left to finish), a word on each
 * retry, and where to write what the caller is not told otherwise.
 */
export interface CallOptions {
  signal?: AbortSignal;
  stopping?: AbortSignal;
  onRetry?: (attempt: number) => void;
  warn?: (text: string) => void;
}

/** What a client can tell the transport about one server's error bodies. */
export interface ParsedServerError {
  serverError?: ServerError;
  message?: string;
  /** The server knew the user and refused the action itself (a 401 that is no matter of credentials). */
  refusesAction?: boolean;
}

/** A query parameter's value; `undefined` leaves the parameter out. */
export type QueryValue = string | undefined;

/** What a request carries: JSON or XML text, or form fields; nothing when absent. */
export type RequestBody = { json: string } | { xml: string } | { form: Record<string, string> };

export interface RestRequest extends CallOptions {
  /** GET reads; POST and PUT start something and are never repeated where they may have arrived. */
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base URL, its segments percent-encoded, starting with `/`, without a query. */
  path: string;
  /** An absolute URL instead of base URL and path. */
  url?: string;
  /** The query parameters, in order; the transport encodes them. */
  query?: Record<string, QueryValue>;
  /** The query holds what no URL may carry (variables: personal data): it travels as a form body. */
  queryInBody?: boolean;
  body?: RequestBody;
  accept: string;
  /** What is being done, for error messages: "Starting ad-hoc process …". */
  action: string;
  parseError?: (body: string, contentType: string) => ParsedServerError | undefined;
}

export interface RestResponse {
  status: number;
  contentType: string;
  body: string;
}

export const DEFAULTS = {
  timeout: LIMITS.timeout.default,
  retries: LIMITS.retries.default,
  maxConcurrent: LIMITS.maxConcurrent.default,
  maxResponseBytes: 20 * 1024 * 1024,
  retryDelay: 250,
  // Below the keep-alive timeouts of common servers (5 s for Apache httpd, IBM HTTP Server and
  // Node.js, 20 s and more for Tomcat and WebSphere): we close an idle connection before the server
  // does, so that a start request never goes out on a connection the server is just closing.
  idleSocketTimeout: 4000,
};
