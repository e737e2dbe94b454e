import type { NodeAPI } from 'node-red';
import { BpmError } from './lib/errors';
import { tokenUser } from './lib/authentication';
import { InubitClient } from './lib/inubit-client';
import { ClientSettings, registerServerConfig } from './server-config';
import { registerAdminEndpoint, withFormClient } from './admin-endpoints';

const TYPE = 'inubit-server';

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
      // The starter list needs a user: the user name, or the user a token names.
      const kind = client.transport.authType;
      const user = kind === 'basic' ? credentials.username : kind === 'bearer' || kind === 'portalToken' ? tokenUser(credentials.token) : undefined;
      if (!user) {
        const what = kind === 'basic' ? 'no user name is set' : kind === 'none' ? 'no credentials are sent' : 'the token names no user';
        return { result: 'reachable', message: `The server answers; ${what} to check the credentials with` };
      }
      await client.listAdHocStarters(user);
      return { result: 'reachable', message: `The server answers and accepts user ${user}` };
    }),
  );

  // The ad-hoc starters a user may run, for the picker in the start node's dialog.
  registerAdminEndpoint(RED, TYPE, 'starters', (body) =>
    withFormClient(RED, TYPE, (body.server ?? {}) as Record<string, string>, createClient, async (client) => ({
      result: 'reachable',
      starters: (await client.listAdHocStarters(body.user, { lang: body.lang })).starters,
    })),
  );
};
