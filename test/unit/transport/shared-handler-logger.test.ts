/**
 * Covers the request handler shared by the cache's clients when one client
 * brings its own logger: the SDK may write a client's config into its
 * handler, and a shared handler must not take one client's logger for all.
 */
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { getS3Client } from '../../../src/all.js';
import type { PooledHttpHandler } from '../../../src/transport/pooled-http-handler.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it('keeps the shared handler untouched when one client brings its own logger', async () => {
  // Prepare: a client with its own logger, pointed at a closed port so its one request fails fast
  const logger = { debug() {}, info() {}, warn() {}, error() {} };
  const withLogger = getS3Client({
    credentials: { accessKeyId: 'AKIALOGGERTEST000001', secretAccessKey: 'logger-test' },
    additionalConfig: { logger, endpoint: 'https://127.0.0.1:9', maxAttempts: 1 },
  });
  const handler = withLogger.config.requestHandler as unknown as PooledHttpHandler;

  // Act: the request makes the handler resolve its config, including any update the client made
  await withLogger.send(new HeadBucketCommand({ Bucket: 'b' })).catch(() => undefined);

  // Assess
  expect(getS3Client().config.requestHandler).toBe(handler);
  expect(handler.httpHandlerConfigs().logger).not.toBe(logger);
});
