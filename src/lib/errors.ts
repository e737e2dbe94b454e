/** The error codes of the package's public contract (README, "Errors"). */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'NOT_ACCEPTABLE'
  | 'CONFLICT'
  | 'LOCKED'
  | 'SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'HTTP_ERROR'
  | 'TIMEOUT'
  | 'CONNECTION_FAILED'
  | 'INVALID_RESPONSE';

/**
 * Whether a change happened (README, "When the answer is lost"): `not-done` when the server
 * certainly did not carry it out, `unknown` when the request was sent and no complete answer
 * came, `done` when the server carried it out.
 */
export type Outcome = 'not-done' | 'unknown' | 'done';

/** The server's error body, as far as it could be parsed. */
export type ServerError = Record<string, unknown>;

export interface BpmErrorDetails {
  statusCode?: number;
  serverError?: ServerError;
  /** The server answered with a login page instead of its API. */
  askedForLogin?: boolean;
  /** The server knew the user and refused the action itself: no matter of credentials. */
  refusedAction?: boolean;
  /** Whether the request's change happened; decided where the answer is read. */
  outcome?: Outcome;
}

/** The one error type the REST clients throw: a readable message and a stable code. */
export class BpmError extends Error {
  readonly code: ErrorCode;
  readonly statusCode?: number;
  readonly serverError?: ServerError;
  readonly askedForLogin?: boolean;
  readonly refusedAction?: boolean;
  readonly outcome?: Outcome;

  constructor(code: ErrorCode, message: string, details: BpmErrorDetails = {}) {
    super(message);
    this.name = 'BpmError';
    this.code = code;
    if (details.statusCode !== undefined) this.statusCode = details.statusCode;
    if (details.serverError !== undefined) this.serverError = details.serverError;
    if (details.askedForLogin) this.askedForLogin = true;
    if (details.refusedAction) this.refusedAction = true;
    if (details.outcome !== undefined) this.outcome = details.outcome;
  }

  /** This error with another outcome, or another message: the same code and response facts. */
  with(changes: { outcome?: Outcome; message?: string }): BpmError {
    return new BpmError(this.code, changes.message ?? this.message, { ...this, outcome: changes.outcome ?? this.outcome });
  }

  /** Node-RED shows `toString()` as `msg.error.message`: the message alone reads best. */
  override toString(): string {
    return this.message;
  }
}

/** Maps an HTTP status that is not a documented success onto an error code. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
    case 403:
      return 'UNAUTHORIZED';
    case 404:
      return 'NOT_FOUND';
    case 406:
      return 'NOT_ACCEPTABLE';
    case 409:
      return 'CONFLICT';
    case 423:
      return 'LOCKED';
    case 500:
      return 'SERVER_ERROR';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 200 && status < 300 ? 'INVALID_RESPONSE' : 'HTTP_ERROR';
  }
}

/** A 2xx answer that is not what the API documents, for `reason`; the caller names the action. */
export function invalidResponse(reason: string): BpmError {
  return new BpmError('INVALID_RESPONSE', reason);
}
