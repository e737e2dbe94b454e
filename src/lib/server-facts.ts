/**
 * What the editor and the runtime both know of the servers: the kinds of authentication each
 * offers, the credentials each kind uses, the limits and their defaults. Written once here; the
 * build hands it to the editor as resources/server-facts.js (see scripts/build.js).
 */

/** The kinds of authentication (README, "Connecting to your server"). */
export type AuthType = 'basic' | 'bearer' | 'zenApiKey' | 'portalToken' | 'none';

export const AUTH_TYPES: readonly AuthType[] = ['basic', 'bearer', 'zenApiKey', 'portalToken', 'none'];

export type CredentialName = 'username' | 'password' | 'token';

/** The credentials each kind sends; the dialog shows only these, and the others are never sent. */
export const CREDENTIALS_USED: Readonly<Record<AuthType, readonly CredentialName[]>> = {
  basic: ['username', 'password'],
  bearer: ['token'],
  zenApiKey: ['username', 'token'],
  portalToken: ['token'],
  none: [],
};

/** When a `BPMCSRFToken` is sent: from the first request, once a server asks, or never. */
export type CsrfMode = 'auto' | 'always' | 'off';

export const CSRF_MODES: readonly CsrfMode[] = ['auto', 'always', 'off'];

/** A limit of a server config node: its default, and the range the dialog accepts. */
export interface Limit {
  default: number;
  min: number;
  max?: number;
}

export const LIMITS: Readonly<Record<'timeout' | 'retries' | 'maxConcurrent', Limit>> = {
  timeout: { default: 30000, min: 1 },
  retries: { default: 2, min: 0, max: 10 },
  maxConcurrent: { default: 8, min: 1 },
};

/** A server config node type: where its REST root is, and the kinds of authentication it offers. */
export interface ServerKind {
  defaultUrl: string;
  /** Appended to a URL without a path. */
  restRoot: string;
  authTypes: readonly AuthType[];
}

export const SERVER_KINDS: Readonly<Record<'inubit-server' | 'ibm-bpm-server', ServerKind>> = {
  'inubit-server': {
    defaultUrl: 'http://localhost:8080/ibis/rest',
    restRoot: '/ibis/rest',
    authTypes: ['basic', 'bearer', 'portalToken', 'none'],
  },
  'ibm-bpm-server': {
    defaultUrl: 'https://localhost:9443/rest/bpm/wle/v1',
    restRoot: '/rest/bpm/wle/v1',
    authTypes: ['basic', 'bearer', 'zenApiKey', 'none'],
  },
};

/** A saved value that is no kind we know (or none: flows saved before the property existed) is `basic`. */
export function authTypeOf(value: unknown): AuthType {
  return AUTH_TYPES.includes(value as AuthType) ? (value as AuthType) : 'basic';
}

/** A saved value that is no mode we know (or none) is `auto`. */
export function csrfModeOf(value: unknown): CsrfMode {
  return CSRF_MODES.includes(value as CsrfMode) ? (value as CsrfMode) : 'auto';
}
