import type { ClientCacheConfig } from '../config/client-cache-config.js';
import type { ClientConstructor } from './create-client-entry.js';
import { getServiceClient } from './get-service-client.js';

const NO_DEFAULTS = Object.freeze({});
const typeNames = new WeakMap<object, string>();
// The service getters' types are taken: the SDK's all-in-one classes are named `S3`, `Lambda`...,
// and `getClient(S3)` must not find `getS3Client()`'s client (nor build one without its defaults).
const classesByName = new Map<string, number>(
  ['S3', 'EventBridge', 'Lambda', 'CostExplorer', 'STS'].map((type) => [type, 1]),
);

/**
 * The key's type segment for a client class: its name, made unique per class
 * so two different classes that happen to share a name (two copies of the
 * SDK, a subclass) never share an entry.
 */
function clientTypeOf(ClientClass: object & { name?: string }): string {
  let type = typeNames.get(ClientClass);
  if (type === undefined) {
    const name = (ClientClass.name || 'Client').replace(/[^\w-]/g, '_');
    const seen = (classesByName.get(name) ?? 0) + 1;
    classesByName.set(name, seen);
    type = seen === 1 ? name : `${name}#${seen}`;
    typeNames.set(ClientClass, type);
  }
  return type;
}

/**
 * A cached client of any AWS SDK v3 client class, on the shared pool and
 * role credentials. Use the service getters where one exists: they carry
 * service defaults.
 *
 * @example
 * ```ts
 * import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
 * import { getClient } from 'aws-client-cache';
 *
 * const sqs = getClient(SQSClient, { roleArn: process.env.QUEUE_ROLE_ARN });
 * await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hi' }));
 * ```
 */
export function getClient<ClientType extends object>(
  ClientClass: ClientConstructor<ClientType>,
  config?: ClientCacheConfig,
): ClientType {
  return getServiceClient(ClientClass, clientTypeOf(ClientClass), config, NO_DEFAULTS);
}
