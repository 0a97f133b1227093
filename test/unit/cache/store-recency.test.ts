/**
 * Covers the hit path's shortcuts against the LRU they stand in for: the
 * remembered recent entries, the hit index, and uses recorded on a hit and
 * told to the LRU only before a store or a listing. Invariant: whatever
 * path a hit takes (repeat, alternating between a few clients, rotating
 * through more than the shortcut remembers, a keyed config), the cache
 * evicts and lists exactly as an LRU that moved every hit to the front at
 * once. A fast-check model of that LRU is the oracle: a client the model
 * still holds is the same instance, one it evicted is a new one, and
 * `keys()` lists the model's order, most recent first.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one.
 */
import fc from 'fast-check';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { STSService } from '../../../src/clients/sts.js';
import type { ClientConfig } from '../../../src/config/client-cache-config.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

const fresh = useFreshCache();

const SERVICES = [S3Service, STSService] as const;
/** Sizing advice is expected under this churn; the test reads clients, not lines. */
const quiet = { logger: { debug: () => {}, warn: () => {} } };
const REGIONS = ['us-east-1', 'eu-west-1'] as const;

/**
 * One client the model knows: which service, region (2: none given), role
 * (`NO_ROLE`: none given), and whether it takes the keyed path.
 */
interface Wanted {
  readonly service: 0 | 1;
  readonly region: 0 | 1 | 2;
  readonly role: number;
  readonly keyed: boolean;
}

const NO_ROLE = 6;

const wantedArbitrary: fc.Arbitrary<Wanted> = fc.record({
  service: fc.constantFrom(0 as const, 1 as const),
  region: fc.constantFrom(0 as const, 1 as const, 2 as const),
  // More roles than the shortcut remembers, so rotations reach the index.
  role: fc.nat(NO_ROLE),
  keyed: fc.boolean(),
});

/**
 * A fresh literal per call, as a handler writes it, with only the fields
 * given (so `{}` too, whose fields the shortcut compares as `undefined`); a
 * session name sends it down the keyed path, with a role.
 */
function configOf({ region, role, keyed }: Wanted): ClientConfig {
  const config: { region?: string; roleArn?: string; roleSessionName?: string } = {};
  if (region !== 2) config.region = REGIONS[region];
  if (role !== NO_ROLE || keyed) config.roleArn = `arn:aws:iam::123456789012:role/Role${role}`;
  if (keyed) config.roleSessionName = 'model-session';
  return config;
}

const idOf = (wanted: Wanted): string =>
  `${wanted.service}/${wanted.region}/${wanted.role}/${wanted.keyed}`;

/** A step: ask for a run of clients (a repeat, an alternation, a rotation), or list the keys. */
type Step =
  | { readonly kind: 'get'; readonly wanted: readonly Wanted[]; readonly times: number }
  | { readonly kind: 'keys' };

const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('get' as const),
      wanted: fc.array(wantedArbitrary, { minLength: 1, maxLength: 6 }),
      times: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'keys' as const }) },
);

function check(cache: ClientCache, maxEntries: number, steps: readonly Step[]): void {
  // The model: ids, least recently used first.
  const model: string[] = [];
  const clients = new Map<string, object>();
  const keys = new Map<string, string>();
  for (const step of steps) {
    if (step.kind === 'keys') {
      expect(cache.keys()).toEqual(model.map((id) => keys.get(id)).reverse());
      continue;
    }
    for (let time = 0; time < step.times; time++) {
      for (const wanted of step.wanted) {
        const id = idOf(wanted);
        const client = cache.get(SERVICES[wanted.service] as never, configOf(wanted)) as object;
        const position = model.indexOf(id);
        if (position >= 0) {
          expect(client).toBe(clients.get(id));
          model.splice(position, 1);
        } else {
          expect(client).not.toBe(clients.get(id));
          clients.set(id, client);
          keys.set(id, cache.cacheKey(SERVICES[wanted.service].clientType, configOf(wanted)));
          if (model.length === maxEntries) model.shift();
        }
        model.push(id);
      }
    }
  }
  expect(cache.keys()).toEqual(model.map((id) => keys.get(id)).reverse());
  expect(cache.stats().indexedKeys).toBe(model.filter((id) => id.endsWith('false')).length);
}

describe('the hit path against a model LRU', () => {
  it('evicts and lists exactly as an LRU that moves every hit to the front', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
        (maxEntries, steps) => {
          const cache = fresh.cache({ maxEntries, ...quiet });
          try {
            check(cache, maxEntries, steps);
          } finally {
            void cache.destroy();
          }
        },
      ),
      propertyParameters(100, 20261202),
    );
  });

  it('keeps a client used by a hit alone through the next eviction', () => {
    // Prepare: three clients, then hits that alternate over the first two only
    const cache = fresh.cache({ maxEntries: 3 });
    const get = (role: number) =>
      cache.get(S3Service, configOf({ service: 0, region: 0, role, keyed: false }));
    const [a, b, c] = [0, 1, 2].map(get);
    for (let round = 0; round < 5; round++) [1, 0].map(get);

    // Act: a fourth client evicts the least recently used, the third
    get(3);

    // Assess
    expect(get(0)).toBe(a);
    expect(get(1)).toBe(b);
    expect(cache.stats().evictions).toBe(1);
    expect(get(2)).not.toBe(c);
  });
});
