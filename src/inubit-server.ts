import type { NodeAPI } from 'node-red';
import { BpmError } from './lib/errors';
import { tokenUser } from './lib/transport/authentication';
import { InubitClient } from './lib/inubit/client';
import { ClientSettings, registerServerConfig } from './server-config';
import { registerAdminEndpoint, withFormClient } from './admin-endpoints';

const TYPE = 'inubit-server';
/** Whose starters Test connection asks for when no user is known. */
const PROBE_USER = 'node-red-test-connection';

export = (RED: NodeAPI): void => {
  const createClient = (settings: ClientSettings): InubitClient => new InubitClient(settings);
  registerServerConfig(RED, TYPE, createClient);

  // Test connection: the health check needs no credentials; the starter list checks them.
  registerAdminEndpoint(RED, TYPE, 'test-connection', (form) =>
    withFormClient(RED, TYPE, form, createClient, async (client, credentials) => {
      const health = await client.healthcheck().catch((error: unknown) => {
        // inubit 8 has no health check; the authenticated call below still tells.
        if (error instanceof BpmError && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
      if (health && Number(health.maintenancemode) > 0) {
        return { result: 'maintenance', message: 'The server is in maintenance mode' };
      }
      // The starter list checks the credentials; it needs a user: the user name, or the user a
      // token names. Without one, a user of no importance: only a refusal (401) matters then.
      const kind = client.authType;
      const user = kind === 'basic' ? credentials.username : kind === 'none' ? undefined : tokenUser(credentials.token);
      try {
        await client.listAdHocStarters(user || PROBE_USER);
      } catch (error) {
        if (user || !(error instanceof BpmError) || (error.code !== 'NOT_FOUND' && error.statusCode !== 403)) throw error;
      }
      const accepted = user ? ` and accepts user ${user}` : kind === 'none' ? ' without credentials' : ' and accepts the token';
      return { result: 'reachable', message: `The server answers${accepted}` };
    }),
  );

  // The ad-hoc starters a user may run, for the picker in the start node's dialog.
  registerAdminEndpoint(RED, TYPE, 'starters', (body) =>
    withFormClient(RED, TYPE, (body.server ?? {}) as Record<string, string>, createClient, async (client) => ({
      result: 'reachable',
      starters: (await client.listAdHocStarters(body.user, { lang: body.lang })).starters,
    })),
  );

  // The submit buttons of a task's form, for the picker in the submit node's dialog.
  registerAdminEndpoint(RED, TYPE, 'submitters', (body) =>
    withFormClient(RED, TYPE, (body.server ?? {}) as Record<string, string>, createClient, async (client) => ({
      result: 'reachable',
      submitters: (await client.getTaskForm(body.taskId, { lang: body.lang })).submitters,
    })),
  );
};
