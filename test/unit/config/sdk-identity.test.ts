/**
 * Covers the identity the cache hands the SDK for static credentials: an
 * expiration given as epoch milliseconds reaches the SDK as the `Date` it
 * expects, at the same instant.
 */
import { getS3Client } from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it('hands the SDK a Date when credentials expire at an epoch-millisecond number', async () => {
  // Prepare
  const expiration = Date.now() + 3_600_000;

  // Act
  const client = getS3Client({
    credentials: { accessKeyId: 'AKIAEPOCHMILLIS00001', secretAccessKey: 'epoch', expiration },
  });
  const resolved = await client.config.credentials();

  // Assess
  expect(resolved.expiration).toBeInstanceOf(Date);
  expect(resolved.expiration?.getTime()).toBe(expiration);
});
