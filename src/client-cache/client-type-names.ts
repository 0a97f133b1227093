/** The service getters' types: `getClient(S3)` must never find `getS3Client()`'s client. */
const RESERVED = ['S3', 'EventBridge', 'Lambda', 'CostExplorer', 'STS'];

/**
 * The key's type segment for a client class given to `getClient`: its
 * name, made unique per class, so two classes that share a name (two copies
 * of the SDK, a subclass, the SDK's all-in-one `S3`) never share an entry.
 */
export class ClientTypeNames {
  readonly #byClass = new WeakMap<object, string>();
  readonly #seen = new Map<string, number>(RESERVED.map((type) => [type, 1]));

  of(ClientClass: object & { name?: string }): string {
    let type = this.#byClass.get(ClientClass);
    if (type === undefined) {
      const name = (ClientClass.name || 'Client').replace(/[^\w-]/g, '_');
      const seen = (this.#seen.get(name) ?? 0) + 1;
      this.#seen.set(name, seen);
      type = seen === 1 ? name : `${name}#${seen}`;
      this.#byClass.set(ClientClass, type);
    }
    return type;
  }
}
