import type { NodeAPI, Node, NodeDef } from 'node-red';
import { BpmError } from './lib/errors';
import type { ServerOptions, TlsOptions } from './lib/transport';
import { Credentials, missingCredential } from './lib/transport/authentication';
import type { RestClient } from './lib/rest-client';
import { authTypeOf, csrfModeOf } from './lib/server-facts';

export interface ServerConfigDef extends NodeDef {
  url: string;
  timeout?: number | string;
  tls?: string;
  retries?: number | string;
  maxConcurrent?: number | string;
  /** Missing in flows saved before it existed: `basic`. */
  authType?: string;
  /** ibm-bpm-server: when a BPMCSRFToken is sent. */
  csrf?: string;
  /** inubit-server: tenant and user base of every `/task/…` request. */
  tenant?: string;
  userType?: string;
}

export type ServerCredentials = Credentials;

/** A config node's own properties, as saved or as its dialog holds them. */
export type ServerProperties = Partial<Omit<ServerConfigDef, keyof NodeDef>>;

/** What a client is made from: the server's options, and inubit's tenant and user base. */
export type ClientSettings = ServerOptions & Pick<ServerConfigDef, 'url' | 'tenant' | 'userType'>;

/** A server config node: holds one client, shared by every flow node that uses this server. */
export interface ServerConfigNode<C extends RestClient> extends Node<ServerCredentials> {
  client?: C;
  /** Why no client could be made (an unusable URL): every request reports it. */
  configError?: BpmError;
}

interface TlsConfigNode extends Node {
  addTLSOptions(options: Record<string, unknown>): void;
}

/** Registers a config node type that turns its properties and credentials into a client. */
export function registerServerConfig<C extends RestClient>(
  RED: NodeAPI,
  type: string,
  createClient: (settings: ClientSettings) => C,
): void {
  function ServerConfig(this: ServerConfigNode<C>, config: ServerConfigDef): void {
    RED.nodes.createNode(this, config);
    const credentials = this.credentials ?? {};
    try {
      this.client = createClient(clientSettings(RED, config, credentials));
      const client = this.client;
      if (client.sendsCredentialsInClear) {
        this.warn(`Credentials are sent unencrypted over http to ${client.host}; use https`);
      }
      const missing = missingCredential(client.authType, credentials);
      if (missing) this.warn(`The authentication is ${client.authType}, but ${missing}: requests go without it`);
    } catch (error) {
      this.configError = error instanceof BpmError ? error : new BpmError('INVALID_INPUT', String(error));
      this.error(this.configError.message);
    }
    this.on('close', (done: () => void) => {
      this.client?.close();
      done();
    });
  }
  RED.nodes.registerType(type, ServerConfig as never, {
    credentials: { username: { type: 'text' }, password: { type: 'password' }, token: { type: 'password' } },
  });
}

/** A config node's properties (saved, or a dialog's current values) and credentials as client settings. */
export function clientSettings(RED: NodeAPI, config: ServerProperties, credentials: ServerCredentials): ClientSettings {
  return {
    url: String(config.url ?? ''),
    authType: authTypeOf(config.authType),
    username: credentials.username || undefined,
    password: credentials.password || undefined,
    token: credentials.token || undefined,
    timeout: optionalNumber(config.timeout),
    retries: optionalNumber(config.retries),
    maxConcurrent: optionalNumber(config.maxConcurrent),
    tls: tlsOptions(RED, config.tls),
    csrf: csrfModeOf(config.csrf),
    tenant: config.tenant,
    userType: config.userType,
  };
}

function tlsOptions(RED: NodeAPI, id: string | undefined): TlsOptions | undefined {
  if (!id) return undefined;
  const tlsNode = RED.nodes.getNode(id) as TlsConfigNode | null;
  if (!tlsNode || typeof tlsNode.addTLSOptions !== 'function') return undefined;
  const options: Record<string, unknown> = {};
  tlsNode.addTLSOptions(options);
  return options;
}

function optionalNumber(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
