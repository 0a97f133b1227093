/**
 * Covers the keyed hit (a config with `credentials` or `additionalConfig`):
 * however the caller changes what it passes between calls, a warm cache
 * answers as a cold one would. fast-check drives one set of caller objects
 * through calls and edits: a field set in place, a nested credentials
 * object mutated in place, a getter whose value changes, a Proxy over the
 * config, frozen and unfrozen objects. The oracle, after every call: the
 * client signs as the identity the config holds at that moment, and is filed
 * under the key a fresh cache computes for the config as it is now. Any
 * shortcut that remembers a caller's object (a memo of its last copy or
 * fingerprint) must keep this green.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one.
 */
import fc from 'fast-check';
import { S3Service } from '../../../src/clients/s3.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertySeed } from '../../support/property-run.js';

const fresh = useFreshCache();

const IDENTITIES = [0, 1, 2].map((index) => ({
  accessKeyId: `AKIAKEYED${index}00000000000`,
  secretAccessKey: `keyed-secret-${index}`,
}));

/** How the caller hands its identity over. */
type Shape = 'plain' | 'frozen' | 'getter' | 'proxy' | 'additional';

/** A caller's objects and the identity they stand for now. */
interface Caller {
  readonly config: Record<string, unknown>;
  /** Sets the identity the config stands for, the way its shape allows. */
  readonly set: (identity: number) => Record<string, unknown>;
}

function callerOf(shape: Shape, first: number): Caller {
  let current = first;
  const credentials: Record<string, unknown> = { ...IDENTITIES[first] };
  switch (shape) {
    case 'frozen': {
      // Frozen objects cannot change: the caller passes a new one, as frozen.
      const holder = { config: Object.freeze({ credentials: Object.freeze({ ...credentials }) }) };
      return {
        get config() {
          return holder.config;
        },
        set: (identity) => {
          holder.config = Object.freeze({
            credentials: Object.freeze({ ...IDENTITIES[identity] }),
          });
          return holder.config;
        },
      } as Caller;
    }
    case 'getter': {
      const config = {};
      Object.defineProperty(config, 'credentials', {
        enumerable: true,
        get: () => ({ ...IDENTITIES[current] }),
      });
      return {
        config,
        set: (identity) => {
          current = identity;
          return config;
        },
      };
    }
    case 'proxy': {
      const target = { region: 'us-east-1', credentials };
      const config = new Proxy(target, {});
      return {
        config,
        set: (identity) => {
          Object.assign(credentials, IDENTITIES[identity]);
          return config;
        },
      };
    }
    case 'additional': {
      const config = { additionalConfig: { maxAttempts: 2, credentials } };
      return {
        config,
        set: (identity) => {
          Object.assign(credentials, IDENTITIES[identity]);
          return config;
        },
      };
    }
    default: {
      const config = { credentials };
      return {
        config,
        set: (identity) => {
          // The nested object mutated in place, the config object untouched.
          Object.assign(credentials, IDENTITIES[identity]);
          return config;
        },
      };
    }
  }
}

const stepsArbitrary = fc.array(
  fc.record({
    caller: fc.nat(3),
    identity: fc.nat(IDENTITIES.length - 1),
    calls: fc.integer({ min: 1, max: 3 }),
  }),
  { minLength: 1, maxLength: 12 },
);

const shapesArbitrary = fc.array(
  fc.constantFrom<Shape>('plain', 'frozen', 'getter', 'proxy', 'additional'),
  { minLength: 4, maxLength: 4 },
);

it('answers a keyed call as a cold cache would, whatever the caller changed in between', async () => {
  const seed = propertySeed(20261202);
  await fc.assert(
    fc.asyncProperty(shapesArbitrary, stepsArbitrary, async (shapes, steps) => {
      const warm = fresh.cache();
      const cold = fresh.cache();
      const callers = shapes.map((shape, index) => callerOf(shape, index % IDENTITIES.length));
      for (const step of steps) {
        const caller = callers[step.caller] as Caller;
        const config = caller.set(step.identity);
        for (let call = 0; call < step.calls; call++) {
          const client = warm.get(S3Service, config);
          const { accessKeyId, secretAccessKey } = await client.config.credentials();
          expect({ accessKeyId, secretAccessKey }).toEqual(IDENTITIES[step.identity]);
          expect(warm.keys()[0]).toBe(cold.cacheKey('S3', config));
        }
      }
      await Promise.all([warm.destroy(), cold.destroy()]);
    }),
    { numRuns: 60, seed },
  );
}, 60_000);
