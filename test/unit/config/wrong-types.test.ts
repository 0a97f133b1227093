/**
 * Covers values of the wrong type, pinned down: each getter option and each
 * `configureClientCache` option given a value of the wrong type (a symbol, a
 * null-prototype object, an object whose `toString` is not a function, a
 * bigint, a cycle, a string for a number) throws a `ClientCacheConfigError`
 * naming it, whether or not a client of an equivalent-looking config is
 * already cached; a huge value is refused quickly; an expiration outside the
 * Date range is a typed error, never a `RangeError`.
 * client-or-typed-error.test.ts draws arbitrary configs.
 */

import {
  ClientCacheConfigError,
  configureClientCache,
  getClientCacheSize,
  getS3Client,
} from '../../../src/all.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

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

    // Act
    const seen = verdicts((value) => getS3Client(configFor(value) as never));

    // Assess
    expect(seen).toEqual(WRONG_TYPES.map(([label]) => `${label}: ClientCacheConfigError ${field}`));
    expect(getClientCacheSize()).toBe(0);
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

  it('answers credentials expiring before the Date range with a typed error, not a RangeError', () => {
    // Prepare
    const credentials = {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      expiration: -1e20,
    };

    // Act
    const error = thrownBy(() => getS3Client({ credentials }));

    // Assess
    expect(error).toBeInstanceOf(ClientCacheConfigError);
    expect((error as ClientCacheConfigError).field).toBe('credentials.expiration');
  });

  it('builds a client for credentials expiring at the end of the Date range', () => {
    // Prepare
    const credentials = {
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      expiration: 8.64e15,
    };

    // Act
    const client = getS3Client({ credentials });

    // Assess
    expect(getS3Client({ credentials })).toBe(client);
    expect(getClientCacheSize()).toBe(1);
  });

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

  it.each([
    ['ttlSeconds', 1.5, '`ttlSeconds` must be an integer from 1 to 2147483, got 1.5'],
    ['maxSockets', '50', '`maxSockets` must be an integer from 1 to 65535, got "50"'],
    ['traceHits', 'yes', '`traceHits` must be a boolean, got "yes"'],
  ])('names the option %s = %j and what it must be', (option, value, message) => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ [option]: value }));

    // Assess
    expect(error.field).toBe(option);
    expect(error.message).toBe(message);
  });

  it('refuses a clock that is not a function', () => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ now: 5 } as never));

    // Assess
    expect(error.field).toBe('now');
  });
});
