import type { NodeAPI } from 'node-red';
import { IbmBpmClient } from './lib/ibm-bpm/client';
import { ClientSettings, registerServerConfig } from './server-config';
import { registerAdminEndpoint, withFormClient } from './admin-endpoints';

const TYPE = 'ibm-bpm-server';

export = (RED: NodeAPI): void => {
  const createClient = (settings: ClientSettings): IbmBpmClient => new IbmBpmClient(settings);
  registerServerConfig(RED, TYPE, createClient);

  // Test connection: the system information needs valid credentials.
  registerAdminEndpoint(RED, TYPE, 'test-connection', (form) =>
    withFormClient(RED, TYPE, form, createClient, async (client, credentials) => {
      await client.systems();
      const kind = client.authType;
      const accepted =
        kind === 'none'
          ? ''
          : kind === 'bearer'
            ? ' and accepts the token'
            : credentials.username
              ? ` and accepts user ${credentials.username}`
              : ' and accepts the credentials';
      const csrf = client.csrfTokenReceived
        ? '; a CSRF token was received'
        : client.csrfMode === 'off'
          ? ''
          : '; it asked for no CSRF token';
      return { result: 'reachable', message: `The server answers${accepted}${csrf}` };
    }),
  );

  // The processes the server exposes to start, for the picker in the start process node's dialog.
  registerAdminEndpoint(RED, TYPE, 'exposed-processes', (body) =>
    withFormClient(RED, TYPE, (body.server ?? {}) as Record<string, string>, createClient, async (client) => ({
      result: 'reachable',
      processes: await client.listExposedProcesses(),
    })),
  );
};
