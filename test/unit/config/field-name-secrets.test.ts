/**
 * An error names an unknown or rejected field only when its name cannot be
 * a secret. An access key id is a secret here (the project keeps key ids out
 * of keys, logs, metrics, traces and errors), and it has the shape of an
 * identifier: 20 (up to 128) upper-case letters and digits. A config built
 * from a map keyed by key id (`{ [accessKeyId]: secret }`) must not echo it.
 * fast-check draws key ids of AWS's prefixes and lengths, and where they go:
 * a getter config, a field deep in `additionalConfig`, the cache options.
 * CI (`CI=true`) runs a fixed seed (MODEL_SEED=<n> replays one).
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { ClientCacheConfigError, createClientCache } from '../../../src/all.js';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertySeed } from '../../support/property-run.js';

const caches = useFreshCache();

const keyIdArbitrary = fc
  .tuple(
    fc.constantFrom('AKIA', 'ASIA', 'AROA', 'AIDA'),
    fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
      minLength: 12,
      maxLength: 28,
    }),
  )
  .map(([prefix, rest]) => prefix + rest);

type Place = 'getter' | 'additionalConfig' | 'options';

function errorFor(cache: ClientCache, place: Place, keyId: string): unknown {
  try {
    if (place === 'options') {
      createClientCache({ [keyId]: 'secret' } as never);
    } else {
      const config =
        place === 'getter'
          ? { [keyId]: 'secret' }
          : {
              additionalConfig: {
                nested: { [keyId]: Symbol('no') },
              },
            };
      cache.get(S3Service, config as never);
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

it('never names a field whose name has the shape of an access key id', () => {
  const cache = caches.cache();
  const seed = propertySeed(20261202);
  fc.assert(
    fc.property(
      keyIdArbitrary,
      fc.constantFrom<Place>('getter', 'additionalConfig', 'options'),
      (keyId, place) => {
        // Act
        const error = errorFor(cache, place, keyId);

        // Assess: refused with a typed error that shows the key id nowhere
        expect(error).toBeInstanceOf(ClientCacheConfigError);
        const seen = [
          (error as ClientCacheConfigError).message,
          (error as ClientCacheConfigError).field,
          String((error as Error).stack),
          inspect(error, { showHidden: true, depth: 5 }),
          JSON.stringify(error),
        ].join('\n');
        expect(seen).not.toContain(keyId);
      },
    ),
    { seed, numRuns: 200 },
  );
});

it('still names an ordinary misspelt field', () => {
  const error = errorFor(caches.cache(), 'getter', 'roleARN');
  expect((error as ClientCacheConfigError).field).toBe('roleARN');
});
