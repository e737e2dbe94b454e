import http from 'http';
import https from 'https';
import axios, { AxiosAdapter, AxiosError, AxiosHeaders, AxiosRequestConfig, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { BpmError, ServerError, codeForStatus } from './errors';
import { AbortedError, sleep } from './abort';
import { RequestQueue } from './request-queue';
import { AuthType, Credentials, authTypeOf, authenticationFor, credentialToCheck } from './authentication';
import { CSRF_RENEW_AFTER_MS, CsrfLogin, CsrfMode, CsrfTokens, csrfModeOf } from './csrf';

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
  /** How the credentials are sent (an AuthType, SPEC §12), as saved; `basic` when missing or unknown. */
  authType?: string;
  /** When a BPMCSRFToken is sent (a CsrfMode), as saved; only with `csrfLoginUrl`. */
  csrf?: string;
  /** Where a CSRF token is fetched (`POST {root}/bpm/system/login`); without it, none is. */
  csrfLoginUrl?: string;
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

/** What a client can tell the transport about one server's error bodies. */
export interface ParsedServerError {
  serverError?: ServerError;
  message?: string;
}

export interface RestRequest {
  /** GET reads; POST and PUT start something and are never repeated where they may have arrived. */
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base URL, already percent-encoded, starting with `/`, with its query if any. */
  path: string;
  /** An absolute URL instead of base URL and path. */
  url?: string;
  /** A JSON body; without it the body is empty. */
  json?: string;
  accept: string;
  /** What is being done, for error messages: "Starting ad-hoc process …". */
  action: string;
  signal?: AbortSignal;
  /** Told before each further attempt, with its number (1 for the first retry). */
  onRetry?: (attempt: number) => void;
  parseError?: (body: string, contentType: string) => ParsedServerError | undefined;
}

export interface RestResponse {
  status: number;
  contentType: string;
  body: string;
}

export const DEFAULTS = {
  timeout: 30000,
  retries: 2,
  maxConcurrent: 8,
  maxResponseBytes: 20 * 1024 * 1024,
  retryDelay: 250,
  // Below the keep-alive timeouts of common servers (5 s for Apache httpd, IBM HTTP Server and
  // Node.js, 20 s and more for Tomcat and WebSphere): we close an idle connection before the server
  // does, so that a start request never goes out on a connection the server is just closing.
  idleSocketTimeout: 4000,
};

const MAX_RETRY_AFTER_MS = 30000;

/**
 * Appends `restRoot` when `url` has no path, drops a trailing slash, and takes any
 * `user:password@` out of the URL so that it never shows up in messages.
 */
export function normaliseBaseUrl(url: string, restRoot: string): { baseUrl: string; username?: string; password?: string } {
  let parsed: URL;
  try {
    parsed = new URL(String(url ?? '').trim());
  } catch {
    throw new BpmError('INVALID_INPUT', 'The server URL is not a valid http or https URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new BpmError('INVALID_INPUT', 'The server URL must start with http:// or https://');
  }
  // A `%` that starts no escape (`p%w`) is taken as it stands.
  const decode = (text: string): string | undefined => (text ? safely(() => decodeURIComponent(text)) ?? text : undefined);
  const username = decode(parsed.username);
  const password = decode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  let path = parsed.pathname.replace(/\/+$/, '');
  if (path === '') path = restRoot;
  return { baseUrl: `${parsed.origin}${path}`, username, password };
}

/** What a caller can add to one client call: a signal to abort it, and a word on each retry. */
export interface CallOptions {
  signal?: AbortSignal;
  onRetry?: (attempt: number) => void;
}

/** A client's settings: the server's URL as the user typed it, and the transport options. */
export interface ServerOptions extends Omit<TransportOptions, 'baseUrl'> {
  url?: string;
}

/** The transport of one server: its URL normalised, credentials from the URL only as a fallback. */
export function transportFor(
  options: ServerOptions,
  defaultUrl: string,
  restRoot: string,
  extra: (baseUrl: string) => Partial<TransportOptions> = () => ({}),
): Transport {
  const { baseUrl, username, password } = normaliseBaseUrl(options.url || defaultUrl, restRoot);
  return new Transport({
    ...options,
    ...extra(baseUrl),
    baseUrl,
    username: options.username || username,
    password: options.password || password,
  });
}

/** True when credentials would cross the network unencrypted. */
export function sendsCredentialsInClear(baseUrl: string, credentials: boolean): boolean {
  if (!credentials) return false;
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol !== 'http:') return false;
  return !(hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname));
}

/**
 * The one HTTP transport of both clients: Basic authentication, TLS, keep-alive, a queue of
 * bounded concurrency, a timeout for the whole answer, safe retries, and the mapping of
 * every outcome onto the error codes of the package.
 */
export class Transport {
  readonly baseUrl: string;
  /** host:port of the server, for messages. */
  readonly host: string;
  readonly authType: AuthType;
  private readonly options: Required<Pick<TransportOptions, 'timeout' | 'retries' | 'maxConcurrent' | 'maxResponseBytes' | 'retryDelay' | 'idleSocketTimeout'>>;
  // ES private fields: never enumerated, so a dump of the node shows no credential.
  readonly #authHeaders: Array<[string, string]>;
  readonly #secrets: string[];
  /** The server's CSRF tokens, where it may ask for them. */
  readonly #csrf?: CsrfTokens;
  private readonly queue: RequestQueue;
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;
  /** axios' HTTP adapter, and the configuration of every request to this server, merged once. */
  private readonly send: AxiosAdapter;
  private readonly config: InternalAxiosRequestConfig;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl;
    this.host = new URL(options.baseUrl).host;
    this.options = {
      timeout: positive(options.timeout, DEFAULTS.timeout),
      retries: Math.max(0, Math.floor(numberOr(options.retries, DEFAULTS.retries))),
      maxConcurrent: positive(options.maxConcurrent, DEFAULTS.maxConcurrent),
      maxResponseBytes: positive(options.maxResponseBytes, DEFAULTS.maxResponseBytes),
      retryDelay: Math.max(0, numberOr(options.retryDelay, DEFAULTS.retryDelay)),
      idleSocketTimeout: positive(options.idleSocketTimeout, DEFAULTS.idleSocketTimeout),
    };
    this.authType = authTypeOf(options.authType);
    const authentication = authenticationFor(this.authType, options);
    this.#authHeaders = authentication.headers;
    this.#secrets = authentication.secrets;
    const loginUrl = options.csrfLoginUrl;
    const csrf = csrfModeOf(options.csrf);
    if (loginUrl && csrf !== 'off') this.#csrf = new CsrfTokens(csrf, () => this.login(loginUrl));
    this.queue = new RequestQueue(this.options.maxConcurrent);
    // axios sets TCP keep-alive probes to 60 s on every request, the agent to its own delay when
    // a socket is freed; with both the same, Node.js skips ~8 setsockopt calls per request.
    // The agent's timeout closes only idle connections; a request waiting for its answer is ended
    // by the timeout of its attempt alone.
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 60000,
      maxSockets: this.options.maxConcurrent,
      scheduling: 'lifo' as const,
      timeout: this.options.idleSocketTimeout,
    };
    this.httpAgent = new http.Agent(agentOptions);
    this.httpsAgent = new https.Agent({ ...agentOptions, ...(options.tls ?? {}) });
    // axios.request() merges all of axios' defaults into each request's configuration again, and
    // runs interceptors and transforms this transport does not use: about half the CPU time of a
    // start. A server's configuration never changes, so it is merged here once, and each request
    // goes to axios' HTTP adapter with a copy of it that adds only what differs per request.
    this.send = axios.getAdapter('http');
    this.config = axios.mergeConfig(axios.defaults as AxiosRequestConfig, {
      httpAgent: this.httpAgent,
      httpsAgent: this.httpsAgent,
      responseType: 'text',
      responseEncoding: 'utf8',
      transformRequest: [],
      transformResponse: [],
      validateStatus: () => true,
      maxContentLength: this.options.maxResponseBytes,
      decompress: true,
      proxy: proxyFromEnvironment(process.env),
      // Followed redirects to another origin carry none of these; axios drops only Authorization.
      sensitiveHeaders: ['authorization', 'x-auth-token', 'bpmcsrftoken'],
    }) as InternalAxiosRequestConfig;
  }

  /** Sends one request and resolves with a 2xx answer; anything else rejects with a BpmError. */
  async request(request: RestRequest): Promise<RestResponse> {
    const release = await this.slot(request);
    try {
      return await this.exchange(request, release, this.#csrf);
    } finally {
      release.free();
    }
  }

  /**
   * The attempts of one request: retried where nothing can start twice, and sent once more with a
   * new token when the server refused its CSRF token (it did nothing then).
   */
  private async exchange(request: RestRequest, slot: Slot, csrf?: CsrfTokens): Promise<RestResponse> {
    let tokenRenewed = false;
    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < this.options.retries;
      const token = csrf ? await this.csrfToken(request, () => csrf.current(request.signal)) : undefined;
      let response: AxiosResponse<string> | undefined;
      try {
        response = await this.attempt(request, token);
      } catch (error) {
        const failure = this.failure(request, error);
        if (!canRetry || !failure.retryable) throw failure.error;
      }
      if (response && csrf && !tokenRenewed && csrf.refuses(response.status, bodyOf(response))) {
        tokenRenewed = true;
        attempt--;
        await this.csrfToken(request, () => csrf.renew(token, request.signal));
        continue;
      }
      if (response && (response.status !== 503 || !canRetry)) return this.outcome(request, response, attempt + 1);
      // Waiting to retry is not being in flight: the slot goes to the next request meanwhile,
      // and comes back to this one first.
      request.onRetry?.(attempt + 1);
      slot.free();
      await this.pause(request, this.backoff(attempt, response?.headers['retry-after']));
      await slot.take();
    }
  }

  /** A CSRF token from `fetch`, its failure reported as this request's. */
  private async csrfToken(request: RestRequest, fetch: () => Promise<string | undefined>): Promise<string | undefined> {
    try {
      return await fetch();
    } catch (error) {
      if (error instanceof AbortedError) throw this.aborted(request);
      const cause = error instanceof BpmError ? error : new BpmError('CONNECTION_FAILED', String(error));
      throw new BpmError(cause.code, `${request.action} failed: ${cause.message}`, cause);
    }
  }

  /** `POST {root}/bpm/system/login`: a CSRF token, with this server's authentication and outside the queue. */
  private async login(url: string): Promise<CsrfLogin> {
    const request: RestRequest = {
      method: 'POST',
      path: '',
      url,
      json: CSRF_LOGIN_BODY,
      accept: 'application/json',
      action: `the login for a CSRF token at ${withoutQuery(url)}`,
    };
    const response = await this.exchange(request, UNQUEUED);
    let answer: unknown;
    try {
      answer = JSON.parse(response.body);
    } catch {
      answer = undefined;
    }
    const token = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>).csrf_token : undefined;
    if (typeof token !== 'string' || token === '') {
      throw new BpmError('INVALID_RESPONSE', `${request.action} failed: HTTP ${response.status}, but the answer has no csrf_token`, {
        statusCode: response.status,
      });
    }
    this.#secrets.push(token);
    const lifetime = Number((answer as Record<string, unknown>).expiration);
    // Renewed a little before the lifetime the server granted ends.
    const renewAfterMs = Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 900 : CSRF_RENEW_AFTER_MS;
    return { token, renewAfterMs };
  }

  /** True once the server handed out a CSRF token. */
  get csrfTokenReceived(): boolean {
    return this.#csrf?.received ?? false;
  }

  /** When this transport sends a CSRF token; `off` where the server has none. */
  get csrfMode(): CsrfMode {
    return this.#csrf?.mode ?? 'off';
  }

  /** A place among the requests in flight, which a request frees while it waits to retry. */
  private async slot(request: RestRequest): Promise<Slot> {
    let release = await this.acquire(request, false);
    return {
      free: () => release(),
      take: async () => {
        release = await this.acquire(request, true);
      },
    };
  }

  private async acquire(request: RestRequest, first: boolean): Promise<() => void> {
    try {
      return await this.queue.acquire(request.signal, first);
    } catch {
      throw this.aborted(request);
    }
  }

  /** Drops idle keep-alive connections; requests still running are ended by their signals. */
  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }

  /** True when this transport sends credentials over plain http to another machine. */
  get sendsCredentialsInClear(): boolean {
    return sendsCredentialsInClear(this.baseUrl, this.#authHeaders.length > 0);
  }

  /** Replaces every credential in text a server sent, in case it echoes one. */
  private redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) result = result.split(secret).join('***');
    return result;
  }

  /** The same for every string inside a server's error object. */
  private redactValue(value: unknown): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (Array.isArray(value)) return value.map((item) => this.redactValue(item));
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactValue(item)]));
  }

  private async attempt(request: RestRequest, csrfToken?: string): Promise<AxiosResponse<string>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeout);
    const onAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return (await this.send({
        ...this.config,
        method: request.method,
        url: request.url ?? this.baseUrl + request.path,
        headers: this.headers(request, csrfToken),
        data: request.json,
        signal: controller.signal,
        // A POST or PUT answered with a redirect could turn into a GET: report it instead.
        maxRedirects: request.method === 'GET' ? 5 : 0,
      })) as AxiosResponse<string>;
    } catch (error) {
      if (timedOut) throw new TimeoutSignal();
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  private headers(request: RestRequest, csrfToken?: string): AxiosHeaders {
    const headers = new AxiosHeaders({ Accept: request.accept });
    if (request.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      headers.set('Content-Length', String(Buffer.byteLength(request.json)));
    } else if (request.method !== 'GET') {
      // An empty POST or PUT body: a length of 0 and no Content-Type.
      headers.set('Content-Length', '0');
    }
    // Headers, not axios `auth`, so that redirects to another origin drop them (sensitiveHeaders).
    for (const [name, value] of this.#authHeaders) headers.set(name, value);
    if (csrfToken !== undefined) headers.set('BPMCSRFToken', csrfToken);
    return headers;
  }

  private outcome(request: RestRequest, response: AxiosResponse<string>, attempts: number): RestResponse {
    const status = response.status;
    const body = bodyOf(response);
    const contentType = String(response.headers['content-type'] ?? '');
    if (status >= 200 && status < 300) {
      if (isLoginPage(body, contentType)) {
        throw new BpmError('INVALID_RESPONSE', `${request.action} failed: HTTP ${status}, but ${ASKED_FOR_LOGIN}`, { statusCode: status, askedForLogin: true });
      }
      return { status, contentType, body };
    }

    // Only what the server sent is redacted; our own words stay as they are.
    const parsed = safely(() => request.parseError?.(body, contentType)) ?? {};
    const serverMessage = parsed.message ?? htmlTitle(body, contentType);
    let text = `${request.action} failed: HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (serverMessage) text += `: ${this.redact(oneLine(serverMessage))}`;
    // A refused login says which credential of the chosen kind to check.
    if (status === 401) text += ` (${credentialToCheck(this.authType)})`;
    const location = status >= 300 && status < 400 && response.headers.location ? String(response.headers.location) : undefined;
    const askedForLogin = location !== undefined && isLoginRedirect(location);
    if (location !== undefined) text += ` (redirected to ${this.redact(withoutQuery(location))})`;
    if (askedForLogin) text += `: ${ASKED_FOR_LOGIN}`;
    if (status === 503 && attempts > 1) text += ` (after ${attempts} attempts)`;
    const serverError = parsed.serverError ? (this.redactValue(parsed.serverError) as ServerError) : undefined;
    throw new BpmError(codeForStatus(status), text, { statusCode: status, serverError, askedForLogin });
  }

  private failure(request: RestRequest, error: unknown): { error: BpmError; retryable: boolean } {
    if (error instanceof TimeoutSignal) {
      return {
        error: new BpmError('TIMEOUT', `${request.action} timed out: no complete answer within ${this.options.timeout} ms`),
        retryable: request.method === 'GET',
      };
    }
    if (request.signal?.aborted) return { error: this.aborted(request), retryable: false };
    const axiosError = error as AxiosError;
    const code = String(axiosError?.code ?? '');
    const message = String(axiosError?.message ?? error);
    if (/maxContentLength/.test(message)) {
      return {
        error: new BpmError('INVALID_RESPONSE', `${request.action} failed: the answer is larger than ${this.options.maxResponseBytes} bytes`),
        retryable: false,
      };
    }
    if (code === 'ERR_FR_TOO_MANY_REDIRECTS') {
      return { error: new BpmError('HTTP_ERROR', `${request.action} failed: too many redirects`), retryable: false };
    }
    const reason = this.redact(connectionReason(code, message));
    const refused = code === 'ECONNREFUSED';
    const reset = code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(message);
    return {
      error: new BpmError('CONNECTION_FAILED', `${request.action} failed: ${reason} (${this.host})`),
      // Only a GET is safe to repeat after a timeout or a reset: a POST or PUT may have started something.
      retryable: refused || (reset && request.method === 'GET'),
    };
  }

  private aborted(request: RestRequest): BpmError {
    return new BpmError('CONNECTION_FAILED', `${request.action} aborted: the node was stopped or redeployed`);
  }

  private async pause(request: RestRequest, ms: number): Promise<void> {
    try {
      await sleep(ms, request.signal);
    } catch (error) {
      if (error instanceof AbortedError) throw this.aborted(request);
      throw error;
    }
  }

  private backoff(attempt: number, retryAfter?: unknown): number {
    const fromServer = parseRetryAfter(retryAfter);
    if (fromServer !== undefined) return Math.min(fromServer, MAX_RETRY_AFTER_MS);
    return this.options.retryDelay * 2 ** attempt;
  }
}

class TimeoutSignal extends Error {}

/** A request's place among those in flight. */
interface Slot {
  free(): void;
  take(): Promise<void>;
}

/** The login for a CSRF token waits in no queue: requests holding every place may wait for it. */
const UNQUEUED: Slot = { free: () => undefined, take: () => Promise.resolve() };

const CSRF_LOGIN_BODY = JSON.stringify({ 'refresh-groups': false, 'requested-lifetime': 7200 });

/** What the user is told when a server answers with its login form instead of the API. */
export const ASKED_FOR_LOGIN = 'the server asked for a login: check the authentication settings';

/** An HTML page with a login form (form login of an application server or identity provider). */
export function isLoginPage(body: string, contentType: string): boolean {
  const head = body.slice(0, 65536);
  if (!/html/i.test(contentType) && !/^\s*<(?:!doctype\s+html|html)[\s>]/i.test(head)) return false;
  return /<input[^>]+type\s*=\s*["']?password|j_security_check|<form[^>]+action\s*=\s*["'][^"']*(?:login|logon|signin|auth)/i.test(head) ||
    /<title[^>]*>[^<]*(?:log\s?in|log\s?on|sign\s?in|anmeld)/i.test(head);
}

/** A redirect that leads to a login page rather than to the resource. */
function isLoginRedirect(location: string): boolean {
  return /login|logon|signin|j_security_check|openid-connect|oauth|\/auth\b/i.test(location);
}

function bodyOf(response: AxiosResponse<string>): string {
  return typeof response.data === 'string' ? response.data : '';
}

const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy'];

/**
 * axios reads the proxy variables (and NO_PROXY) again for every request. Without any proxy
 * variable set, the answer is known once: no proxy. With one set, axios decides per request.
 */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv): false | undefined {
  return PROXY_VARIABLES.some((name) => env[name] || env[name.toUpperCase()]) ? undefined : false;
}

function connectionReason(code: string, message: string): string {
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'server name not found';
  if (code === 'ECONNRESET' || /socket hang up/i.test(message)) return 'connection reset by the server';
  if (/aborted/i.test(message)) return 'connection closed before the answer was complete';
  if (/CERT|SSL|TLS|EPROTO|self.signed|certificate/i.test(code + message)) return `TLS failure: ${oneLine(message)}`;
  return `connection failed: ${oneLine(message)}`;
}

function parseRetryAfter(value: unknown): number | undefined {
  if ((typeof value !== 'string' && typeof value !== 'number') || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
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

function withoutQuery(location: string): string {
  return location.replace(/[?#].*$/, '');
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function numberOr(value: unknown, fallback: number): number {
  const n = Number(value);
  return value === undefined || value === null || value === '' || !Number.isFinite(n) ? fallback : n;
}

function positive(value: unknown, fallback: number): number {
  const n = Math.floor(numberOr(value, fallback));
  return n >= 1 ? n : fallback;
}
