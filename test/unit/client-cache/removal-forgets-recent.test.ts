/**
 * Covers the hit path after the store empties. Invariant: `clear()` and
 * `destroy()` remove every entry through `dispose`, which forgets both
 * recent entries the simple hit checks first, so neither remembered config
 * finds its old client afterwards: `clear()` builds new ones, and a
 * destroyed cache refuses, as it would for any other config. Unlike an
 * eviction or an expiry, nothing is stored right after a clear, so no later
 * `remember` overwrites a slot that was left behind.
 */

import { S3Service } from '../../../src/clients/s3.js';
import { ClientCacheError } from '../../../src/errors.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const fresh = useFreshCache();

const ROLE = 'arn:aws:iam::123456789012:role/Reports';
// The two configs a handler alternates between: the shortcut holds both.
const configs = () => [{ region: 'eu-west-1', roleArn: ROLE }, {}];

describe('the recent entries when the cache empties', () => {
  it('builds new clients for both remembered configs after clear()', () => {
    // Prepare
    const cache = fresh.cache();
    const before = configs().map((config) => cache.get(S3Service, config));
    expect(configs().map((config) => cache.get(S3Service, config))).toEqual(before);

    // Act
    cache.clear();
    const after = configs().map((config) => cache.get(S3Service, config));

    // Assess
    expect(after[0]).not.toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(cache.stats().misses).toBe(4);
  });

  it('refuses both remembered configs once destroyed', async () => {
    // Prepare
    const cache = fresh.cache();
    for (const config of configs()) cache.get(S3Service, config);

    // Act
    await cache.destroy();

    // Assess
    for (const config of configs()) {
      expect(() => cache.get(S3Service, config)).toThrow(ClientCacheError);
      expect(() => cache.get(S3Service, config)).toThrow('destroyed');
    }
  });
});
