import { describeValue } from '../config/describe-value.js';
import { ClientCacheConfigError } from '../errors.js';
import type { ClientConstructor } from '../factory/create-client-entry.js';
import type { ClientService } from './client-service.js';

/**
 * `getClient`'s first argument: a class (`S3Client`), not its name, an
 * instance or nothing, which would otherwise fail later as a bare
 * `TypeError` from deep inside the cache.
 */
export function checkClientClass(
  ClientClass: unknown,
): asserts ClientClass is ClientConstructor<object> {
  // An arrow function has no prototype and cannot be constructed.
  if (typeof ClientClass === 'function' && typeof ClientClass.prototype === 'object') return;
  const hint = typeof ClientClass === 'string' ? ': pass the class itself, not its name' : '';
  throw new ClientCacheConfigError(
    'ClientClass',
    `\`getClient\` takes an AWS SDK v3 client class, such as \`S3Client\` from \`@aws-sdk/client-s3\`, got ${describeValue(ClientClass)}${hint}`,
  );
}

/**
 * `cache.get`'s first argument: a service from an entry point (`S3Service`
 * from `aws-client-cache/s3`) or `defineService`, both frozen. The hit path
 * finds a client by the service object, so one that could be edited after
 * its first call (another class, other defaults) would be handed the client
 * its old fields built: a mutable look-alike is refused.
 */
export function checkService(service: unknown): asserts service is ClientService<object> {
  const { clientClass, clientType, defaults } = (service ?? {}) as Partial<ClientService<object>>;
  if (
    typeof service === 'object' &&
    typeof clientClass === 'function' &&
    typeof clientType === 'string' &&
    Object.isFrozen(service) &&
    Object.isFrozen(defaults)
  ) {
    return;
  }
  throw new ClientCacheConfigError(
    'service',
    `\`get\` takes a client service from an entry point, such as \`S3Service\` from \`aws-client-cache/s3\`, or from \`defineService\` (or use \`getClient(S3Client, config)\` with an SDK client class), got ${describeValue(service)}`,
  );
}
