import type { AuthType } from '../server-facts';

export interface Credentials {
  username?: string;
  password?: string;
  /** A bearer token, a Cloud Pak API key or an inubit portal token, as `authType` says. */
  token?: string;
}

/** The headers one kind of authentication sends, and every text in them that must never be shown. */
export interface Authentication {
  headers: Array<[string, string]>;
  secrets: string[];
}

/** What the chosen kind sends; the credentials it does not use are never sent. */
export function authenticationFor(type: AuthType, { username, password, token }: Credentials): Authentication {
  const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
  switch (type) {
    case 'basic': {
      if (!username && !password) return { headers: [], secrets: [] };
      const encoded = base64(`${username ?? ''}:${password ?? ''}`);
      return { headers: [['Authorization', `Basic ${encoded}`]], secrets: [encoded, ...(password ? [password] : [])] };
    }
    case 'bearer':
      return token ? { headers: [['Authorization', `Bearer ${token}`]], secrets: [token] } : { headers: [], secrets: [] };
    case 'zenApiKey': {
      if (!token) return { headers: [], secrets: [] };
      const encoded = base64(`${username ?? ''}:${token}`);
      return { headers: [['Authorization', `ZenApiKey ${encoded}`]], secrets: [encoded, token] };
    }
    case 'portalToken':
      return token ? { headers: [['X-AUTH-TOKEN', `Bearer ${token}`]], secrets: [token] } : { headers: [], secrets: [] };
    default:
      return { headers: [], secrets: [] };
  }
}

/** What the chosen kind lacks to send anything (a bearer token without a token, say); undefined when nothing. */
export function missingCredential(type: AuthType, { username, token }: Credentials): string | undefined {
  if ((type === 'bearer' || type === 'portalToken') && !token) return 'no token is set';
  if (type === 'zenApiKey' && !token) return 'no API key is set';
  if (type === 'zenApiKey' && !username) return 'no user name is set';
  return undefined;
}

/** Which credential a refusal points at, in the words of the config dialog. */
export function credentialToCheck(type: AuthType): string {
  switch (type) {
    case 'basic':
      return 'check the user name and password';
    case 'bearer':
      return 'check the bearer token (it may have expired)';
    case 'zenApiKey':
      return 'check the user name and the API key';
    case 'portalToken':
      return 'check the portal token (it may have expired)';
    default:
      return 'the server requires authentication: choose an authentication kind';
  }
}

/** The user a JSON Web Token names (`preferred_username`, `upn` or `sub`), unverified; undefined for other tokens. */
export function tokenUser(token: string | undefined): string | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const user = [claims.preferred_username, claims.upn, claims.sub].find((value) => typeof value === 'string' && value !== '');
    return user as string | undefined;
  } catch {
    return undefined;
  }
}
