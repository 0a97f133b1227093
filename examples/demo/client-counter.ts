/**
 * Counts the SDK clients a workload really uses, whoever builds them: the app, a mode's own
 * code, or a credential provider's internal STS client. Every SDK v3 client inherits `send` from
 * one smithy `Client` base class, so wrapping that one method sees them all.
 */
type Send = (this: object, ...args: unknown[]) => unknown;

/**
 * Starts counting distinct clients that send a request; call before the workload. `sample` is any
 * SDK client class, used only to find the shared base class.
 *
 * @example
 * const sdkClientsUsed = countSdkClients(S3Client);
 * // ... workload ...
 * sdkClientsUsed(); // 13
 */
export function countSdkClients(sample: { prototype: object }): () => number {
  const base = Object.getPrototypeOf(sample.prototype) as { send: Send };
  const send = base.send;
  const seen = new WeakSet<object>();
  let count = 0;
  base.send = function countingSend(this: object, ...args: unknown[]) {
    if (!seen.has(this)) {
      seen.add(this);
      count++;
    }
    return send.apply(this, args);
  };
  return () => count;
}
