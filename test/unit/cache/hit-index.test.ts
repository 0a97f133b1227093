/**
 * Covers the hit index's bookkeeping for a config that lists an option as
 * `undefined`: the one client gets one index entry.
 */
import { getS3Client } from '../../../src/all.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it('indexes a client whose config lists an option as undefined', () => {
  // Act
  getS3Client({ region: 'eu-west-1', profile: undefined } as never);

  // Assess
  expect(defaultClientCache().stats().indexedKeys).toBe(1);
});
