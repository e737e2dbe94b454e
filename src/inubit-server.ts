import type { NodeAPI } from 'node-red';
import { InubitClient } from './lib/inubit-client';
import { registerServerConfig } from './server-config';

export = (RED: NodeAPI): void => {
  registerServerConfig(RED, 'inubit-server', (settings) => new InubitClient(settings));
};
