import { ClientCacheConfigError } from '../errors.js';
import type { ClientService } from './client-service.js';

/**
 * The service each type name stands for in one cache. The type is the key's
 * first segment, so two services that share it would share clients: a
 * `defineService(STSClient, 'S3')` would be handed `getS3Client()`'s
 * `S3Client`. A second service object may use a type only if it builds the
 * same clients (the same class and the same defaults, as when two copies of
 * an entry point meet); otherwise the call is refused, warm or cold.
 */
export class ServiceTypes {
  readonly #byType = new Map<string, ClientService<object>>();

  claim(service: ClientService<object>): void {
    const known = this.#byType.get(service.clientType);
    if (known === undefined) {
      this.#byType.set(service.clientType, service);
    } else if (known !== service && !buildsAlike(known, service)) {
      throw new ClientCacheConfigError(
        'service',
        `the client type "${service.clientType}" already names another service in this cache (${known.clientClass.name || 'a client class'}${known.clientClass === service.clientClass ? ' with other defaults' : ''}): give this service a type of its own`,
      );
    }
  }
}

function buildsAlike(left: ClientService<object>, right: ClientService<object>): boolean {
  return (
    left.clientClass === right.clientClass &&
    left.defaults.clientConfig === right.defaults.clientConfig &&
    left.defaults.socketTimeoutMs === right.defaults.socketTimeoutMs
  );
}
