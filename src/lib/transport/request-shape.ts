import type { QueryValue, RestRequest } from './options';

/** Longer URLs go as a POST with the query in a form body (some servers and firewalls refuse them). */
export const MAX_URL_LENGTH = 2048;

/** A request as it travels: the method on the wire, the whole URL, its headers and body. */
export interface Shape {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Array<[string, string]>;
  data?: string;
}

const FORM = 'application/x-www-form-urlencoded';

/** `a=1&b=2` from the parameters that have a value, percent-encoded; '' when none has. */
export function encodeQuery(parameters: Record<string, QueryValue> = {}): string {
  let query = '';
  for (const [name, value] of Object.entries(parameters)) {
    if (value !== undefined) query += `${query === '' ? '' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  }
  return query;
}

/**
 * How a request travels. A client says what it sends; on a server that honours
 * `X-HTTP-Method-Override` (`methodOverride`: IBM BPM), a POST or PUT whose query holds
 * variables (`queryInBody`) or whose URL is longer than MAX_URL_LENGTH, and that has no body of
 * its own, goes as a POST to the same path with the query as a form body, a PUT naming itself in
 * that header. A GET is never turned into a POST.
 */
export function shapeOf(request: RestRequest, baseUrl: string, methodOverride: boolean): Shape {
  const target = request.url ?? baseUrl + request.path;
  const query = encodeQuery(request.query);
  const url = query === '' ? target : `${target}?${query}`;
  const headers: Array<[string, string]> = [['Accept', request.accept]];
  const body = request.body;
  if (
    methodOverride &&
    request.method !== 'GET' &&
    body === undefined &&
    query !== '' &&
    (request.queryInBody || url.length > MAX_URL_LENGTH)
  ) {
    if (request.method !== 'POST') headers.push(['X-HTTP-Method-Override', request.method]);
    return withBody({ method: 'POST', url: target, headers }, FORM, query);
  }
  const shape: Shape = { method: request.method, url, headers };
  if (body === undefined) {
    // An empty POST or PUT body: a length of 0 and no Content-Type.
    if (request.method !== 'GET') headers.push(['Content-Length', '0']);
    return shape;
  }
  if ('json' in body) return withBody(shape, 'application/json', body.json);
  if ('xml' in body) return withBody(shape, 'application/xml; charset=utf-8', body.xml);
  return withBody(shape, FORM, encodeQuery(body.form));
}

function withBody(shape: Shape, contentType: string, data: string): Shape {
  shape.headers.push(['Content-Type', contentType], ['Content-Length', String(Buffer.byteLength(data))]);
  shape.data = data;
  return shape;
}
