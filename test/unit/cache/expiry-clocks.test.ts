/**
 * Covers which clock the store checks each kind of expiry against: credential
 * expiry against the exact clock (a coarse one may lag after a Lambda freeze
 * and would hand out expired credentials), a TTL against the coarse one.
 */
import { ClientStore } from '../../../src/cache/client-store.js';

it('checks credential expiry against the exact clock and a TTL against the coarse one', () => {
  // Prepare: a coarse clock stuck before a Lambda freeze, an exact one after it
  let now = 1_000;
  const store = new ClientStore({ maxEntries: 10, now: () => now, coarseNow: () => 1_000 });
  const expiring = store.getOrCreate('a', 'S3', undefined, () => ({
    client: {},
    expiresAt: 2_000,
    credentialsExpire: true,
  }));
  const ttl = store.getOrCreate('b', 'S3', undefined, () => ({ client: {}, expiresAt: 2_000 }));
  now = 5_000;

  // Act
  const expiringAfter = store.getOrCreate('a', 'S3', undefined, () => ({
    client: {},
    expiresAt: 9_000,
    credentialsExpire: true,
  }));
  const ttlAfter = store.getOrCreate('b', 'S3', undefined, () => ({
    client: {},
    expiresAt: 9_000,
  }));

  // Assess
  expect(expiringAfter).not.toBe(expiring);
  expect(ttlAfter).toBe(ttl);
});
