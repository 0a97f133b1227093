/**
 * Covers what any getter config comes to, fuzzed: arbitrary getter configs
 * (the real keys with valid, wrong-typed, huge and `fc.anything()` values,
 * random extra keys, `__proto__` and `constructor` keys in
 * `additionalConfig`, values with no string form, non-objects) either give a
 * working client or throw a `ClientCacheConfigError` naming the field, or a
 * `ClientCacheCredentialsError`; never anything else. A throw leaves the
 * cache as it was, and no run pollutes `Object.prototype`; the `__proto__`
 * and `constructor` keys are also pinned down. wrong-types.test.ts pins each
 * wrong type down.
 */

import fc from 'fast-check';
import {
  ClientCacheConfigError,
  ClientCacheCredentialsError,
  configureClientCache,
  getClient,
  getClientCacheSize,
  getLambdaClient,
  getS3Client,
} from '../../../src/all.js';
import { settingsOf } from '../../../src/client-cache/client-cache.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import type { LoggerLike } from '../../../src/observability/powertools-types.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';
import { reportFigures } from '../../support/reliability-report.js';

const HUGE = 'x'.repeat(200_000);
const ROLE = 'arn:aws:iam::123456789012:role/Fuzz';

/** JSON.parse makes real own `__proto__` keys, as a parsed request body would. */
const pollutingConfigs = fc.constantFrom(
  () => JSON.parse('{"__proto__": {"polluted": true}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  () => JSON.parse('{"nested": {"__proto__": {"polluted": true}}, "region": "us-east-1"}'),
  () => ({ constructor: { prototype: { polluted: true } }, ['__proto__']: { polluted: true } }),
);

/** Values that break naive string conversion or JSON: each must still give a typed error. */
const hostile = fc.constantFrom<unknown>(
  Object.create(null),
  { toString: {} },
  Symbol('hostile'),
  10n,
  [Object.create(null)],
  -1e300,
);

/** Mostly a plausible value, sometimes anything at all, a huge string or a hostile value. */
const maybe = <Value>(plausible: fc.Arbitrary<Value>) =>
  fc.oneof(
    { weight: 8, arbitrary: plausible },
    { weight: 1, arbitrary: fc.oneof(fc.anything(), fc.constant(HUGE), hostile) },
  );

const additionalConfig = maybe(
  fc.oneof(
    pollutingConfigs.map((make) => make()),
    fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 }),
    fc.record(
      {
        maxAttempts: maybe(fc.integer({ min: 1, max: 5 })),
        forcePathStyle: maybe(fc.boolean()),
        customUserAgent: maybe(fc.string()),
        useFipsEndpoint: maybe(fc.boolean()),
      },
      { requiredKeys: [] },
    ),
  ),
);

const credentials = maybe(
  fc.oneof(
    fc.record(
      {
        accessKeyId: maybe(fc.string({ minLength: 1 })),
        secretAccessKey: maybe(fc.string({ minLength: 1 })),
        sessionToken: maybe(fc.string()),
        // Past and future: expired credentials must give a ClientCacheCredentialsError.
        expiration: maybe(
          fc.oneof(
            fc.date({ noInvalidDate: true }),
            fc.integer({ min: 0, max: 4_102_444_800_000 }),
          ),
        ),
      },
      { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
    ),
    fc.constant(async () => ({ accessKeyId: 'AKIAFUZZ', secretAccessKey: 'fuzz' })),
  ),
);

const knownKeys = fc.record(
  {
    region: maybe(fc.constantFrom('us-east-1', 'eu-west-1', 'cn-north-1')),
    credentials,
    roleArn: maybe(
      fc.constantFrom(
        ROLE,
        ROLE,
        'arn:aws-cn:iam::123456789012:role/a/b/Fuzz',
        'arn:aws:iam::1:role/x',
      ),
    ),
    roleSessionName: maybe(fc.stringMatching(/^[\w+=,.@-]{1,66}$/)),
    externalId: maybe(fc.stringMatching(/^[\w+=,.@:/-]{1,40}$/)),
    durationSeconds: maybe(fc.integer({ min: 0, max: 50_000 })),
    profile: maybe(fc.constantFrom('dev', 'prod', 'team.a', 'dev-2', 'none', 'has space')),
    additionalConfig,
  },
  { requiredKeys: [] },
);

const ROLE_ONLY = ['roleSessionName', 'externalId', 'durationSeconds'];

/** Role-only options come with a role four times out of five, so they get past that check. */
const withRoleMostly = fc
  .tuple(knownKeys, fc.integer({ min: 0, max: 4 }))
  .map(([known, dice]) =>
    dice > 0 && ROLE_ONLY.some((key) => key in known) && !('roleArn' in known)
      ? { roleArn: ROLE, ...known }
      : known,
  );

const configs = fc.oneof(
  { weight: 12, arbitrary: withRoleMostly },
  {
    weight: 2,
    arbitrary: fc
      .tuple(knownKeys, fc.dictionary(fc.string(), fc.anything(), { minKeys: 1, maxKeys: 3 }))
      .map(([known, extra]) => ({ ...extra, ...known })),
  },
  { weight: 1, arbitrary: pollutingConfigs.map((make) => make()) },
  { weight: 1, arbitrary: fc.anything() },
);

/** What a getter call came to: a client, or a typed error with what it says. */
function outcomeOf(getter: (config?: never) => object, config: unknown) {
  const sizeBefore = getClientCacheSize();
  try {
    const client = getter(config as never) as { send?: unknown; config?: unknown };
    return {
      kind: 'client' as const,
      working: typeof client.send === 'function' && typeof client.config === 'object',
    };
  } catch (error) {
    return { kind: 'error' as const, error, sizeUnchanged: getClientCacheSize() === sizeBefore };
  }
}

function isTypedError(error: unknown): boolean {
  if (error instanceof ClientCacheConfigError) {
    // The field is the offending key itself, which may be "" for an unknown "" key.
    return typeof error.field === 'string' && error.message.length > 0;
  }
  return error instanceof ClientCacheCredentialsError;
}

useFreshCache();

describe('arbitrary getter configs', () => {
  const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  // The cache logs here, not to stdout: the fuzzed provider builds a client per distinct config,
  // which after 10 is the inline-provider warning, the one warning a run may cause.
  const warnings: string[] = [];
  const logger: LoggerLike = { debug: () => undefined, warn: (message) => warnings.push(message) };

  beforeEach(() => {
    configureClientCache({ logger });
  });

  it('give a working client or a typed error, never cache a failure, never pollute a prototype', () => {
    const tally = { clients: 0, configErrors: 0, credentialsErrors: 0 };
    fc.assert(
      fc.property(configs, fc.constantFrom(getS3Client, getLambdaClient), (config, getter) => {
        // Act
        const outcome = outcomeOf(getter as (config?: never) => object, config);

        // Assess
        if (outcome.kind === 'client') {
          tally.clients++;
          return outcome.working;
        }
        if (outcome.error instanceof ClientCacheConfigError) tally.configErrors++;
        if (outcome.error instanceof ClientCacheCredentialsError) tally.credentialsErrors++;
        if (!isTypedError(outcome.error)) throw outcome.error;
        return outcome.sizeUnchanged;
      }),
      propertyParameters(2000, 20261205),
    );

    reportFigures('arbitrary getter configs', { runs: 2000, ...tally });
    // Assess: every kind of outcome happened, and nothing leaked onto Object.prototype
    expect(tally.clients).toBeGreaterThan(150);
    expect(tally.configErrors).toBeGreaterThan(500);
    expect(tally.credentialsErrors).toBeGreaterThan(0);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(defaultClientCache().size).toBeLessThanOrEqual(
      settingsOf(defaultClientCache()).maxEntries,
    );
    expect(warnings.filter((line) => !line.includes('credential provider functions'))).toEqual([]);
  });
});

describe('__proto__ and constructor keys', () => {
  it('pollute no prototype, whichever getter or option they reach', () => {
    // Prepare
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const payloads = [
      '{"__proto__": {"polluted": true}}',
      '{"constructor": {"prototype": {"polluted": true}}}',
      '{"maxAttempts": 2, "nested": {"__proto__": {"polluted": true}}}',
    ];
    class CustomClient {
      constructor(readonly config: object) {}
    }

    // Act
    for (const payload of payloads) {
      getS3Client({ additionalConfig: JSON.parse(payload) });
      getLambdaClient({ region: 'eu-west-1', additionalConfig: JSON.parse(payload) });
      getClient(CustomClient, { additionalConfig: JSON.parse(payload) });
      for (const act of [
        () => getS3Client(JSON.parse(payload)),
        () => configureClientCache(JSON.parse(payload)),
      ]) {
        configErrorFrom(act);
      }
    }

    // Assess
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(getClientCacheSize()).toBe(payloads.length * 3);
  });
});
