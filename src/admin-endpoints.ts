import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';
import { BpmError } from './lib/errors';
import type { RestClient } from './lib/rest-client';
import type { ClientSettings, ServerCredentials, ServerProperties } from './server-config';
import { clientSettings } from './server-config';

/** What the editor sends: the config dialog's current values, and the config node's id. */
type ServerForm = ServerProperties & ServerCredentials & { id?: string };

export interface ConnectionReport {
  result: 'reachable' | 'unauthorized' | 'login' | 'unreachable' | 'maintenance' | 'error';
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
export async function withFormClient<C extends RestClient, T>(
  RED: NodeAPI,
  type: string,
  form: ServerForm,
  createClient: (settings: ClientSettings) => C,
  use: (client: C, credentials: ServerCredentials) => Promise<T>,
): Promise<T> {
  // Only a deployed config node of this very type lends its stored credentials.
  const own = form.id !== undefined && RED.nodes.getNode(form.id)?.type === type;
  const stored = (own ? (RED.nodes.getCredentials(form.id as string) as ServerCredentials | undefined) : undefined) ?? {};
  // A secret field shows a placeholder for a stored value: then the stored one is used.
  const typed = (value: unknown): value is string => typeof value === 'string' && value !== '' && value !== PASSWORD_PLACEHOLDER;
  const credentials: ServerCredentials = {
    username: typeof form.username === 'string' ? form.username : stored.username,
    password: typed(form.password) ? form.password : stored.password,
    token: typed(form.token) ? form.token : stored.token,
  };
  const timeout = Math.min(Number(form.timeout) > 0 ? Number(form.timeout) : PROBE_TIMEOUT, PROBE_TIMEOUT);
  const client = createClient({ ...clientSettings(RED, form, credentials), timeout, retries: 0, maxConcurrent: 2 });
  try {
    return await use(client, credentials);
  } catch (error) {
    // A refusal of the credentials says which one of the chosen kind to check (a 401's message says
    // it already); a refusal of the action to a user the server knows says nothing of them.
    if (error instanceof BpmError && error.code === 'UNAUTHORIZED' && error.statusCode !== 401 && !error.refusedAction) {
      throw new BpmError(error.code, `${error.message} (${client.credentialToCheck})`, error);
    }
    throw error;
  } finally {
    client.close();
  }
}

/** Turns the outcome of a probe into the few words the dialog shows. */
export function reportOf(error: unknown): ConnectionReport {
  if (!(error instanceof BpmError)) return { result: 'error', message: String((error as Error)?.message ?? error) };
  const report = { message: error.message, code: error.code, statusCode: error.statusCode };
  if (error.code === 'UNAUTHORIZED') return { result: 'unauthorized', ...report };
  if (error.askedForLogin) return { result: 'login', ...report };
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
