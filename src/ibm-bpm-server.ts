import type { NodeAPI } from 'node-red';
import { IbmBpmClient } from './lib/ibm-bpm-client';
import { registerServerConfig } from './server-config';

export = (RED: NodeAPI): void => {
  registerServerConfig(RED, 'ibm-bpm-server', (settings) => new IbmBpmClient(settings));
};
