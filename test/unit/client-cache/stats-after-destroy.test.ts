/**
 * Covers a stats read after `destroyClientCache()` (a shutdown hook logging the final figures):
 * it reports the ended cache's final counts and starts no new cache, until a getter does; a
 * reset (tests) forgets the ended cache.
 */
import {
  configureClientCache,
  destroyClientCache,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import {
  existingDefaultCache,
  resetDefaultClientCache,
} from '../../../src/client-cache/default-cache.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it('reports the ended cache final counts after destroyClientCache(), and starts no cache to do it', async () => {
  // Prepare: one miss and one hit
  getS3Client({ region: 'eu-west-1' });
  getS3Client({ region: 'eu-west-1' });

  // Act
  await destroyClientCache();
  const final = getClientCacheStats();

  // Assess
  expect(final).toMatchObject({ misses: 1, hits: 1, size: 0, openSockets: 0 });
  expect(existingDefaultCache()).toBeUndefined();
  expect(getClientCacheSize()).toBe(0);
});

it('reports the new cache once a getter starts one after the shutdown', async () => {
  // Prepare
  getS3Client({ region: 'eu-west-1' });
  getS3Client({ region: 'eu-west-1' });
  await destroyClientCache();

  // Act
  getS3Client({ region: 'eu-west-1' });

  // Assess
  expect(getClientCacheStats()).toMatchObject({ misses: 1, hits: 0, size: 1 });
});

it('forgets the ended cache on a reset', async () => {
  // Prepare
  getS3Client({ region: 'eu-west-1' });
  await destroyClientCache();

  // Act
  resetDefaultClientCache();

  // Assess
  expect(getClientCacheStats()).toMatchObject({ misses: 0, hits: 0, size: 0 });
});

it('reports the new cache once configureClientCache starts one after the shutdown', async () => {
  // Prepare
  getS3Client({ region: 'eu-west-1' });
  getS3Client({ region: 'eu-west-1' });
  await destroyClientCache();

  // Act
  configureClientCache({ maxEntries: 5 });

  // Assess
  expect(existingDefaultCache()).toBeDefined();
  expect(getClientCacheStats()).toMatchObject({ misses: 0, hits: 0, maxEntries: 5 });
});
