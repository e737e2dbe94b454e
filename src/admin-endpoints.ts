import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { BpmError } from './lib/errors';
import type { ClientSettings, ServerCredentials } from './server-config';
import { tlsOptions } from './server-config';

/** What the editor sends: the config dialog's current values, and the config node's id. */
interface ServerForm {
  id?: string;
  url?: string;
  timeout?: number | string;
  tls?: string;
  username?: string;
  password?: string;
}

export interface ConnectionReport {
  result: 'reachable' | 'unauthorized' | 'unreachable' | 'maintenance' | 'error';
  message: string;
  code?: string;
  statusCode?: number;
}

/** The editor shows a stored password as this placeholder; the real one stays in the store. */
const PASSWORD_PLACEHOLDER = '__PWRD__';
const PROBE_TIMEOUT = 10000;

/**
 * Builds a short-lived client from a dialog's values, taking the stored credentials of the config
 * node where the dialog does not show them, runs `use` with it and closes it again.
 */
export async function withFormClient<C extends { close(): void }, T>(
  RED: NodeAPI,
  type: string,
  form: ServerForm,
  createClient: (settings: ClientSettings) => C,
  use: (client: C, credentials: ServerCredentials) => Promise<T>,
): Promise<T> {
  // Only a deployed config node of this very type lends its stored credentials.
  const own = form.id !== undefined && RED.nodes.getNode(form.id)?.type === type;
  const stored = (own ? (RED.nodes.getCredentials(form.id as string) as ServerCredentials | undefined) : undefined) ?? {};
  const typed = typeof form.password === 'string' && form.password !== '' && form.password !== PASSWORD_PLACEHOLDER;
  const credentials: ServerCredentials = {
    username: typeof form.username === 'string' ? form.username : stored.username,
    password: typed ? form.password : stored.password,
  };
  const timeout = Math.min(Number(form.timeout) > 0 ? Number(form.timeout) : PROBE_TIMEOUT, PROBE_TIMEOUT);
  const client = createClient({
    url: String(form.url ?? ''),
    username: credentials.username || undefined,
    password: credentials.password || undefined,
    timeout,
    retries: 0,
    maxConcurrent: 2,
    tls: tlsOptions(RED, form.tls),
  });
  try {
    return await use(client, credentials);
  } finally {
    client.close();
  }
}

/** Turns the outcome of a probe into the few words the dialog shows. */
export function reportOf(error: unknown): ConnectionReport {
  if (!(error instanceof BpmError)) return { result: 'error', message: String((error as Error)?.message ?? error) };
  const report = { message: error.message, code: error.code, statusCode: error.statusCode };
  if (error.code === 'UNAUTHORIZED') return { result: 'unauthorized', ...report };
  if (error.code === 'CONNECTION_FAILED' || error.code === 'TIMEOUT') return { result: 'unreachable', ...report };
  if (error.code === 'SERVICE_UNAVAILABLE') return { result: 'maintenance', ...report };
  return { result: 'error', ...report };
}

/** Registers `POST /<type>/<action>` on the admin API, for users allowed to change the node. */
export function registerAdminEndpoint(
  RED: NodeAPI,
  type: string,
  action: string,
  handle: (body: Record<string, unknown>) => Promise<unknown>,
): void {
  RED.httpAdmin.post(`/${type}/${action}`, RED.auth.needsPermission(`${type}.write`), (req: Request, res: Response) => {
    handle((req.body ?? {}) as Record<string, unknown>).then(
      (answer) => res.json(answer),
      (error: unknown) => res.json(reportOf(error)),
    );
  });
}
