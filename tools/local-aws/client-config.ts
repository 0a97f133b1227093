import type { LocalAws } from './local-aws.js';
import { LOCAL_AWS_IDENTITY, type ServiceName } from './services.js';

/** Constructor options that point one SDK v3 client at the local endpoint explicitly. */
export interface LocalClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** S3 only: `localhost` and IP endpoints have no per-bucket DNS names. */
  readonly forcePathStyle?: boolean;
}

/**
 * Client options for `service` that need no environment variables, for tests that would rather
 * not touch `process.env`.
 *
 * @example
 * const s3 = new S3Client(localClientConfig(endpoint, 's3'));
 */
export const localClientConfig = (
  endpoint: Pick<LocalAws, 'urls'>,
  service: ServiceName,
): LocalClientConfig => ({
  endpoint: endpoint.urls[service],
  region: LOCAL_AWS_IDENTITY.region,
  credentials: {
    accessKeyId: LOCAL_AWS_IDENTITY.accessKeyId,
    secretAccessKey: LOCAL_AWS_IDENTITY.secretAccessKey,
  },
  ...(service === 's3' ? { forcePathStyle: true } : {}),
});
