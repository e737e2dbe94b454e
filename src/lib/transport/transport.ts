import http from 'http';
import https from 'https';
import axios, { AxiosAdapter, AxiosHeaders, AxiosRequestConfig, InternalAxiosRequestConfig } from 'axios';
import { Answer, NoAnswer, abortedError, failureOf, readAnswer } from './answer';
import { authenticationFor, credentialToCheck } from './authentication';
import { normaliseBaseUrl, proxyFromEnvironment, sendsCredentialsInClear } from './base-url';
import { CsrfTokens, csrfLogin } from './csrf';
import { DEFAULTS, RestRequest, RestResponse, ServerOptions, TransportOptions } from './options';
import { RequestQueue } from './request-queue';
import { RetryPolicy, Slot, UNQUEUED } from './retry-policy';
import { shapeOf } from './request-shape';
import { Secrets } from './secrets';
import { AuthType, CsrfMode } from '../server-facts';

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

/**
 * The one HTTP transport of both clients: it sends one request, with the server's
 * authentication, TLS and keep-alive connections, in a queue of bounded concurrency, within a
 * timeout for the whole answer. How a request travels is request-shape's; what an answer means,
 * answer's; which attempts repeat, the retry policy's.
 */
export class Transport {
  readonly baseUrl: string;
  /** host:port of the server, for messages. */
  readonly host: string;
  readonly authType: AuthType;
  /** Which credential a 401 points at, for its message. */
  private readonly credentialHint: string;
  private readonly options: Required<Pick<TransportOptions, 'timeout' | 'maxResponseBytes' | 'idleSocketTimeout'>>;
  // ES private fields: never enumerated, so a dump of the node shows no credential.
  readonly #authHeaders: Array<[string, string]>;
  readonly #secrets: Secrets;
  /** The server's CSRF tokens, where it may ask for them. */
  readonly #csrf?: CsrfTokens;
  private readonly retryPolicy: RetryPolicy;
  private readonly methodOverride: boolean;
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
      maxResponseBytes: positive(options.maxResponseBytes, DEFAULTS.maxResponseBytes),
      idleSocketTimeout: positive(options.idleSocketTimeout, DEFAULTS.idleSocketTimeout),
    };
    const maxConcurrent = positive(options.maxConcurrent, DEFAULTS.maxConcurrent);
    this.retryPolicy = new RetryPolicy(
      Math.max(0, Math.floor(numberOr(options.retries, DEFAULTS.retries))),
      Math.max(0, numberOr(options.retryDelay, DEFAULTS.retryDelay)),
    );
    this.methodOverride = options.methodOverride ?? false;
    this.authType = options.authType ?? 'basic';
    this.credentialHint = credentialToCheck(this.authType);
    const authentication = authenticationFor(this.authType, options);
    this.#authHeaders = authentication.headers;
    this.#secrets = new Secrets(authentication.secrets);
    const loginUrl = options.csrfLoginUrl;
    const csrf = options.csrf ?? 'auto';
    if (loginUrl && csrf !== 'off') this.#csrf = new CsrfTokens(csrf, () => this.login(loginUrl));
    this.queue = new RequestQueue(maxConcurrent);
    // axios sets TCP keep-alive probes to 60 s on every request, the agent to its own delay when
    // a socket is freed; with both the same, Node.js skips ~8 setsockopt calls per request.
    // The agent's timeout closes only idle connections; a request waiting for its answer is ended
    // by the timeout of its attempt alone.
    const agentOptions = {
      keepAlive: true,
      keepAliveMsecs: 60000,
      maxSockets: maxConcurrent,
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
    // The adapter takes axios' internal configuration type: the merged one is that, but typed wider.
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
    const slot = await this.slot(request);
    try {
      return await this.exchange(request, slot, this.#csrf);
    } finally {
      slot.free();
    }
  }

  /** Milliseconds one attempt may take until its whole answer has arrived. */
  get timeout(): number {
    return this.options.timeout;
  }

  /** True once the server handed out a CSRF token. */
  get csrfTokenReceived(): boolean {
    return this.#csrf?.received ?? false;
  }

  /** When this transport sends a CSRF token; `off` where the server has none. */
  get csrfMode(): CsrfMode {
    return this.#csrf?.mode ?? 'off';
  }

  /** True when this transport sends credentials over plain http to another machine. */
  get sendsCredentialsInClear(): boolean {
    return sendsCredentialsInClear(this.baseUrl, this.#authHeaders.length > 0);
  }

  /**
   * Drops idle keep-alive connections, and each busy one once its answer has come: a change still
   * running when the flow stops is left to finish (its node ends it by its signal).
   */
  close(): void {
    for (const agent of [this.httpAgent, this.httpsAgent]) {
      // A socket freed from now on is closed rather than kept alive.
      (agent as { keepAlive?: boolean }).keepAlive = false;
      for (const sockets of Object.values(agent.freeSockets)) sockets?.forEach((socket) => socket.destroy());
    }
  }

  private exchange(request: RestRequest, slot: Slot, csrf?: CsrfTokens): Promise<RestResponse> {
    const secrets = this.#secrets;
    return this.retryPolicy.run(request, slot, csrf, {
      attempt: (token) => this.attempt(request, token),
      read: (answer, attempts) => readAnswer(request, answer, { attempts, secrets, credentialHint: this.credentialHint }),
      failure: (noAnswer) => failureOf(request, noAnswer, { ...this.options, host: this.host, secrets }),
    });
  }

  /** The login for a CSRF token, with this server's authentication and outside the queue. */
  private async login(url: string): Promise<{ token: string; renewAfterMs: number }> {
    const login = await csrfLogin(url, (request) => this.exchange(request, UNQUEUED));
    this.#secrets.add(login.token);
    return login;
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
      // Waiting for a place ends when the node stops too: nothing was sent.
      return await this.queue.acquire(request.signal, first, request.stopping);
    } catch {
      throw abortedError(request);
    }
  }

  /**
   * One attempt through axios' HTTP adapter, ended by the timeout or the caller's signal; none is
   * begun once the node stops. A failure is a NoAnswer, which tells whether the request was written.
   */
  private async attempt(request: RestRequest, csrfToken?: string): Promise<Answer> {
    const shape = shapeOf(request, this.baseUrl, this.methodOverride);
    const headers = new AxiosHeaders();
    for (const [name, value] of shape.headers) headers.set(name, value);
    // Headers, not axios `auth`, so that redirects to another origin drop them (sensitiveHeaders).
    for (const [name, value] of this.#authHeaders) headers.set(name, value);
    if (csrfToken !== undefined) headers.set('BPMCSRFToken', csrfToken);
    const controller = new AbortController();
    let timedOut = false;
    let written = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.timeout);
    const onAbort = (): void => controller.abort();
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const changes = shape.method !== 'GET';
    try {
      // A node that stops sends nothing more; a request already under way is left to finish.
      if (request.stopping?.aborted) throw new Error('aborted before it was sent');
      return await this.send({
        ...this.config,
        method: shape.method,
        url: shape.url,
        headers,
        data: shape.data,
        signal: controller.signal,
        // A POST or PUT answered with a redirect could turn into a GET: report it instead.
        maxRedirects: changes ? 0 : 5,
        // A change is sent through a transport that tells when the request was written whole.
        ...(changes ? { transport: this.writeTracking(shape.url, () => (written = true)) } : {}),
      });
    } catch (error) {
      throw new NoAnswer(error, timedOut, written);
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Node's http or https, whichever `url` needs, telling `onWritten` once a request is written whole. */
  private writeTracking(url: string, onWritten: () => void): { request: typeof http.request } {
    const module = url.startsWith('https:') ? https : http;
    const request = ((...args: Parameters<typeof http.request>) => {
      const sent = module.request(...(args as Parameters<typeof https.request>));
      sent.once('finish', onWritten);
      return sent;
    }) as typeof http.request;
    return { request };
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
