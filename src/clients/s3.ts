import { S3Client } from '@aws-sdk/client-s3';
import { defineService } from '../client-cache/client-service.js';
import { getFromDefaultCache } from '../client-cache/default-cache.js';
import type { ClientConfig } from '../config/client-cache-config.js';

/** The `S3Client` service for `cache.get(S3Service, config)` on a cache of your own. */
export const S3Service = defineService(S3Client, 'S3');

/**
 * A cached `S3Client` for this config: the same instance for an equivalent
 * config, on the shared keep-alive pool and the role's shared credentials.
 *
 * @example
 * ```ts
 * import { PutObjectCommand } from '@aws-sdk/client-s3';
 * import { getS3Client } from 'aws-client-cache/s3';
 *
 * const s3 = getS3Client({ roleArn: process.env.REPORTS_ROLE_ARN });
 * await s3.send(new PutObjectCommand({ Bucket: 'reports', Key: 'a.csv', Body: csv }));
 * ```
 */
export function getS3Client(config?: ClientConfig): S3Client {
  return getFromDefaultCache(S3Service, config);
}
