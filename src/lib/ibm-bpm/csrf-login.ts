import { SERVER_KINDS } from '../server-facts';

const { restRoot: IBM_BPM_REST_ROOT } = SERVER_KINDS['ibm-bpm-server'];

/**
 * `{root}/bpm/system/login`, where `{root}` is the base URL without its REST root
 * (`https://h/bas/rest/bpm/wle/v1` → `https://h/bas`), or its origin when it has another path.
 */
export function csrfLoginUrl(baseUrl: string): string {
  const root = baseUrl.endsWith(IBM_BPM_REST_ROOT) ? baseUrl.slice(0, -IBM_BPM_REST_ROOT.length) : new URL(baseUrl).origin;
  return `${root}/bpm/system/login`;
}
