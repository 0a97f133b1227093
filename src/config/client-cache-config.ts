/** Static AWS credentials, shaped like the SDK's `AwsCredentialIdentity`. */
export interface CredentialIdentity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** When they stop working; a `Date` or epoch milliseconds. */
  readonly expiration?: Date | number;
}

/** A function that resolves credentials, like the SDK's `AwsCredentialIdentityProvider`. */
export type CredentialProvider = () => Promise<CredentialIdentity>;

/**
 * What a getter is asked for: which client, for one call (region, identity,
 * SDK options). Not the cache's own options (`ClientCacheOptions`). Two configs share a cached client only when
 * they would build equivalent clients.
 */
export interface ClientConfig {
  /** AWS region, e.g. `eu-west-1`. Default: the SDK's own resolution (`AWS_REGION`). */
  readonly region?: string;
  /** Used exactly as given: an identity or a provider. Never enters a key in clear. */
  readonly credentials?: CredentialIdentity | CredentialProvider;
  /** Role to assume, through one shared, refreshing provider per role. Ignored when `credentials` is given. */
  readonly roleArn?: string;
  /** Session name for `roleArn`, `[\w+=,.@-]{2,64}`. Default `aws-client-cache`. */
  readonly roleSessionName?: string;
  /** External id for `roleArn`. Fingerprinted, never shown. */
  readonly externalId?: string;
  /** Session length for `roleArn`, integer 900..43200. Default: the role's (usually 3600). */
  readonly durationSeconds?: number;
  /** Named profile: its credentials, or the source credentials for `roleArn`. */
  readonly profile?: string;
  /** Merged last into the SDK client config; fingerprinted into the key. */
  readonly additionalConfig?: Readonly<Record<string, unknown>>;
}

export const CLIENT_CACHE_CONFIG_KEYS = [
  'region',
  'credentials',
  'roleArn',
  'roleSessionName',
  'externalId',
  'durationSeconds',
  'profile',
  'additionalConfig',
] as const satisfies readonly (keyof ClientConfig)[];
