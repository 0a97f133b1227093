/**
 * Bad input, pinned down: each getter option and each `configureClientCache`
 * option given a value of the wrong type (a symbol, a null-prototype
 * object, an object whose `toString` is not a function, a bigint, a cycle)
 * throws a `ClientCacheConfigError` naming it, whether or not a client of
 * an equivalent-looking config is already cached; a huge value is refused
 * quickly; `__proto__` and `constructor` keys pollute nothing.
 */

import {
  ClientCacheConfigError,
  ClientCacheError,
  configureClientCache,
  getClient,
  getClientCacheSize,
  getLambdaClient,
  getS3Client,
} from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const ROLE = 'arn:aws:iam::123456789012:role/Types';
const HUGE = 'x'.repeat(200_000);

function cyclic(): object {
  const value: { self?: object } = {};
  value.self = value;
  return value;
}

const WRONG_TYPES: ReadonlyArray<[string, () => unknown]> = [
  ['a symbol', () => Symbol('wrong')],
  ['a null-prototype object', () => Object.create(null)],
  ['an object whose toString is not a function', () => ({ toString: {} })],
  ['a bigint', () => 3600n],
  ['an object with a cycle', cyclic],
];
const FIELDS = ['region', 'roleArn', 'roleSessionName', 'externalId', 'durationSeconds', 'profile'];

/** "<label>: <error name> <field>" for each wrong type, so a failure shows every case at once. */
function verdicts(act: (value: unknown) => unknown): string[] {
  return WRONG_TYPES.map(([label, make]) => {
    try {
      act(make());
      return `${label}: no error`;
    } catch (error) {
      const field = error instanceof ClientCacheConfigError ? ` ${error.field}` : '';
      return `${label}: ${(error as Error).name}${field}`;
    }
  });
}

/** The error a call throws; fails the test when it throws nothing. */
function thrownBy(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but the call returned');
}

useFreshCache();

describe('a getter option of the wrong type', () => {
  it.each(FIELDS)('`%s` of any wrong type throws a ClientCacheConfigError naming it', (field) => {
    // Prepare: role-only options need a role to get past the "only with roleArn" check
    const configFor = (value: unknown) =>
      field === 'roleArn' ? { roleArn: value } : { roleArn: ROLE, [field]: value };
    const sizeBefore = getClientCacheSize();

    // Act
    const seen = verdicts((value) => getS3Client(configFor(value) as never));

    // Assess
    expect(seen).toEqual(WRONG_TYPES.map(([label]) => `${label}: ClientCacheConfigError ${field}`));
    expect(getClientCacheSize()).toBe(sizeBefore);
  });

  it.each([
    [
      '`durationSeconds` as the string "3600"',
      { roleArn: ROLE, durationSeconds: 3600 },
      { roleArn: ROLE, durationSeconds: '3600' },
      'durationSeconds',
    ],
    [
      '`region` as an array',
      { region: 'eu-west-1', additionalConfig: {} },
      { region: ['eu-west-1'], additionalConfig: {} },
      'region',
    ],
    ['the whole config as an array', {}, [], 'config'],
  ])(
    'refuses %s even when a client of the config it resembles is cached',
    (_case, valid, wrong, field) => {
      // Prepare
      getS3Client(valid as never);

      // Act
      const error = thrownBy(() => getS3Client(wrong as never));

      // Assess
      expect(error).toBeInstanceOf(ClientCacheConfigError);
      expect((error as ClientCacheConfigError).field).toBe(field);
    },
  );

  it.each([
    ['before the Date range', -1e20],
    ['at the end of the Date range', 8.64e15],
  ])(
    'answers credentials expiring %s with a typed error, not a RangeError',
    (_case, expiration) => {
      // Prepare
      const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret', expiration };

      // Act
      const outcome = (() => {
        try {
          return getS3Client({ credentials });
        } catch (error) {
          return error;
        }
      })();

      // Assess: a client (the far future) or a typed error, never anything else
      if (outcome instanceof Error) expect(outcome).toBeInstanceOf(ClientCacheError);
      else expect(typeof (outcome as { send?: unknown }).send).toBe('function');
    },
  );

  it('refuses a huge value in well under a second, naming its field', () => {
    // Prepare
    const started = performance.now();

    // Act
    const fields = [
      { region: HUGE },
      { roleArn: `${ROLE}${HUGE}` },
      { roleArn: ROLE, roleSessionName: HUGE },
      { roleArn: ROLE, externalId: HUGE },
      { profile: HUGE.replace(/x/g, 'x ') },
    ].map((config) => (thrownBy(() => getS3Client(config)) as ClientCacheConfigError).field);

    // Assess
    expect(performance.now() - started).toBeLessThan(1000);
    expect(fields).toEqual(['region', 'roleArn', 'roleSessionName', 'externalId', 'profile']);
  });
});

describe('a configureClientCache option of the wrong type', () => {
  it.each(['maxEntries', 'ttlSeconds', 'socketTimeoutMs', 'traceHits'])(
    '`%s` of any wrong type throws a ClientCacheConfigError naming it',
    (option) => {
      // Act
      const seen = verdicts((value) => configureClientCache({ [option]: value }));

      // Assess
      expect(seen).toEqual(
        WRONG_TYPES.map(([label]) => `${label}: ClientCacheConfigError ${option}`),
      );
    },
  );
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
        expect(thrownBy(act)).toBeInstanceOf(ClientCacheConfigError);
      }
    }

    // Assess
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(getClientCacheSize()).toBe(payloads.length * 3);
  });
});
