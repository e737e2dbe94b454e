import { BpmError } from '../errors';

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
  const decode = (text: string): string | undefined => {
    if (!text) return undefined;
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
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

/** True when credentials would cross the network unencrypted. */
export function sendsCredentialsInClear(baseUrl: string, credentials: boolean): boolean {
  if (!credentials) return false;
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol !== 'http:') return false;
  return !(hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname));
}

const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy'];

/**
 * axios reads the proxy variables (and NO_PROXY) again for every request. Without any proxy
 * variable set, the answer is known once: no proxy. With one set, axios decides per request.
 */
export function proxyFromEnvironment(env: NodeJS.ProcessEnv): false | undefined {
  return PROXY_VARIABLES.some((name) => env[name] || env[name.toUpperCase()]) ? undefined : false;
}
