/**
 * Covers the `maxEntries` bound: the least recently used entry goes first, a
 * hit keeps an entry warm, the size never passes the bound, evictions are
 * counted exactly, key bookkeeping and shared role credentials are pruned
 * with their entries, and reconfiguring is refused once clients exist. A
 * fast-check model of an LRU checks random access sequences.
 */
import fc from 'fast-check';
import {
  configureClientCache,
  destroyClientCache,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

const fresh = useFreshCache();

const roleArn = (index: number): string => `arn:aws:iam::123456789012:role/Role${index}`;
const client = (index: number) => getS3Client({ roleArn: roleArn(index) });

describe('LRU bound', () => {
  it('evicts the least recently used entry, keeping one that was just used', () => {
    // Prepare
    configureClientCache({ maxEntries: 3 });
    const a = client(1);
    const b = client(2);
    const c = client(3);
    expect(client(1)).toBe(a);

    // Act
    client(4);

    // Assess
    expect(getClientCacheSize()).toBe(3);
    expect(getClientCacheStats().evictions).toBe(1);
    expect(client(1)).toBe(a);
    expect(client(3)).toBe(c);
    expect(client(2)).not.toBe(b);
    expect(getClientCacheStats().evictions).toBe(2);
  });

  it('never holds more than maxEntries and counts every eviction', () => {
    // Prepare
    configureClientCache({ maxEntries: 3 });
    const sizes: number[] = [];

    // Act
    for (let index = 0; index < 20; index++) {
      client(index);
      sizes.push(getClientCacheSize());
    }

    // Assess
    expect(Math.max(...sizes)).toBe(3);
    expect(getClientCacheStats().evictions).toBe(17);
    expect(getClientCacheStats()).toMatchObject({ size: 3, maxEntries: 3 });
  });

  it('prunes key bookkeeping and role credentials under churn of 1,000 roles', () => {
    // Prepare
    configureClientCache({ maxEntries: 10 });
    let largestIndex = 0;
    let largestCredentialCount = 0;

    // Act
    for (let index = 0; index < 1000; index++) {
      client(index);
      if (index % 7 === 0) client(Math.max(0, index - 3));
      largestIndex = Math.max(largestIndex, defaultClientCache().stats().indexedKeys);
      largestCredentialCount = Math.max(
        largestCredentialCount,
        defaultClientCache().stats().sharedCredentialSets,
      );
    }

    // Assess
    expect(getClientCacheSize()).toBe(10);
    expect(largestIndex).toBeLessThanOrEqual(10);
    expect(defaultClientCache().stats().indexedKeys).toBe(10);
    expect(largestCredentialCount).toBeLessThanOrEqual(10);
  });

  it('refuses a reconfiguration once the default cache has built a client', () => {
    // Prepare
    configureClientCache({ maxEntries: 5 });
    const first = client(0);

    // Act
    const error = configErrorFrom(() => configureClientCache({ maxEntries: 2 }));

    // Assess: nothing changed, not even half of it
    expect(error.field).toBe('configureClientCache');
    expect(getClientCacheStats()).toMatchObject({ size: 1, maxEntries: 5 });
    expect(client(0)).toBe(first);
  });

  it('applies a new configuration in full after destroyClientCache', async () => {
    // Prepare
    configureClientCache({ maxEntries: 5 });
    const first = client(0);

    // Act
    await destroyClientCache();
    configureClientCache({ maxEntries: 2 });
    [1, 2, 3].map(client);

    // Assess
    expect(getClientCacheStats()).toMatchObject({ size: 2, maxEntries: 2, evictions: 1 });
    expect(client(0)).not.toBe(first);
  });

  it('behaves like a model LRU for random access sequences', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
        (maxEntries, accesses) => {
          // Prepare
          const cache = fresh.cache({ maxEntries });
          const model: number[] = [];
          const instances = new Map<number, object>();
          let modelEvictions = 0;

          for (const role of accesses) {
            // Act
            const returned = cache.get(S3Service, { roleArn: roleArn(role) });

            // Assess
            const position = model.indexOf(role);
            if (position >= 0) {
              expect(returned).toBe(instances.get(role));
              model.splice(position, 1);
            } else {
              expect(returned).not.toBe(instances.get(role));
              instances.set(role, returned);
              if (model.length === maxEntries) {
                model.shift();
                modelEvictions++;
              }
            }
            model.push(role);
            expect(cache.size).toBe(model.length);
          }
          expect(cache.stats().evictions).toBe(modelEvictions);
          expect(cache.stats().indexedKeys).toBe(model.length);
        },
      ),
      propertyParameters(200, 20261222),
    );
  });
});
