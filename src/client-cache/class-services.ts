import type { ClientConstructor } from '../factory/create-client-entry.js';
import { type ClientService, defineService } from './client-service.js';

/** The service getters' types: `getClient(S3)` must never find `getS3Client()`'s client. */
const RESERVED = ['S3', 'EventBridge', 'Lambda', 'CostExplorer', 'STS'];

/**
 * The services `getClient` uses, one per client class, without defaults.
 * Each is typed by the class's name, made unique per class, so two classes
 * that share a name (two copies of the SDK, a subclass, the SDK's
 * all-in-one `S3`) never share an entry.
 */
export class ClassServices {
  readonly #byClass = new WeakMap<object, ClientService<object>>();
  readonly #seen = new Map<string, number>(RESERVED.map((type) => [type, 1]));

  of<ClientType extends object>(
    ClientClass: ClientConstructor<ClientType>,
  ): ClientService<ClientType> {
    let service = this.#byClass.get(ClientClass);
    if (service === undefined) {
      const name = (ClientClass.name || 'Client').replace(/[^\w-]/g, '_');
      const seen = (this.#seen.get(name) ?? 0) + 1;
      this.#seen.set(name, seen);
      service = defineService(ClientClass, seen === 1 ? name : `${name}#${seen}`);
      this.#byClass.set(ClientClass, service);
    }
    return service as ClientService<ClientType>;
  }
}
