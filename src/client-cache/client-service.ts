import type { ClientConstructor, ServiceDefaults } from '../factory/create-client-entry.js';

/**
 * What a getter asks a cache for: an SDK client class, the key's type
 * segment, and the service defaults. Each service entry point exports one
 * (`S3Service` from `aws-client-cache/s3`), so an isolated cache gets the
 * same getters: `cache.get(S3Service, { roleArn })`.
 */
export interface ClientService<ClientType extends object> {
  readonly clientClass: ClientConstructor<ClientType>;
  readonly clientType: string;
  readonly defaults: ServiceDefaults;
}

export function defineService<ClientType extends object>(
  clientClass: ClientConstructor<ClientType>,
  clientType: string,
  defaults: ServiceDefaults = {},
): ClientService<ClientType> {
  return Object.freeze({ clientClass, clientType, defaults: Object.freeze({ ...defaults }) });
}
