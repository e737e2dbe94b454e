// The transport of both clients, by concern: base URL and proxy (base-url), how a request travels
// (request-shape), what an answer means (answer), which attempts repeat (retry-policy), the CSRF
// login (csrf), the authentication kinds (authentication), and the Transport that sends one request.
export { Transport, transportFor } from './transport';
export { DEFAULTS } from './options';
export type {
  CallOptions,
  ParsedServerError,
  RequestBody,
  RestRequest,
  RestResponse,
  ServerOptions,
  TlsOptions,
  TransportOptions,
} from './options';
export { normaliseBaseUrl, proxyFromEnvironment, sendsCredentialsInClear } from './base-url';
export { ASKED_FOR_LOGIN, isLoginPage } from './answer';
export { MAX_URL_LENGTH, encodeQuery } from './request-shape';
