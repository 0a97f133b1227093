/** A static identity as the cache keeps it: copied, frozen, expiration in epoch ms. */
export interface FrozenIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string | undefined;
  readonly expiration: number | undefined;
  readonly accountId: string | undefined;
  readonly credentialScope: string | undefined;
}

/**
 * The SDK's identity shape from a copied one: `expiration` as a fresh `Date`
 * (the SDK calls `getTime` on it), and `sessionToken` always present, as the
 * SDK's own providers return it. Not frozen: the SDK tags an identity it is
 * given (`$source`), and this copy belongs to one client alone.
 */
export function toSdkIdentity(identity: FrozenIdentity): Record<string, unknown> {
  const { expiration, ...fields } = identity;
  const sdkIdentity: Record<string, unknown> = { sessionToken: undefined };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) sdkIdentity[name] = value;
  }
  if (expiration !== undefined) sdkIdentity.expiration = new Date(expiration);
  return sdkIdentity;
}
