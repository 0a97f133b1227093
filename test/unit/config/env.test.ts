/**
 * Covers env parsing: each `CLIENT_CACHE_*` variable is read once, at the
 * first getter call, and must be plain decimal digits (`CLIENT_CACHE_TRACE_HITS`:
 * "true" or "false"); a refused value throws a `ClientCacheConfigError` naming
 * the variable and what is allowed, and builds no cache. Explicit options beat
 * env vars, which beat defaults. Arbitrary values are judged against an
 * independent oracle; the message quotes a value only when it is a short run
 * of a number's characters (a typo): any other string could be a secret and is
 * described by its length, never shown. The range of each setting, from env
 * and from options, is option-bounds.test.ts.
 */

import fc from 'fast-check';
import {
  ClientCacheConfigError,
  ClientCacheEnv,
  configureClientCache,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import { settingsOf } from '../../../src/client-cache/client-cache.js';
import {
  defaultClientCache,
  resetDefaultClientCache,
} from '../../../src/client-cache/default-cache.js';
import type { ResolvedSettings } from '../../../src/config/settings.js';
import { setEnv } from '../../support/env.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

type IntegerSetting = Exclude<keyof ResolvedSettings, 'traceHits'>;
type Verdict =
  | { readonly accepted: true; readonly value: number | boolean }
  | { readonly accepted: false };

/** The README's settings table, copied by hand: the oracle must not share the parser's source. */
const README_TABLE: ReadonlyArray<[IntegerSetting, string, number, number, number]> = [
  ['maxEntries', 'CLIENT_CACHE_MAX_ENTRIES', 100, 1, 10_000],
  ['ttlSeconds', 'CLIENT_CACHE_TTL_SECONDS', 3600, 1, 2_147_483],
  ['expiryBufferSeconds', 'CLIENT_CACHE_EXPIRY_BUFFER_SECONDS', 300, 0, 2_147_483],
  ['maxSockets', 'CLIENT_CACHE_MAX_SOCKETS', 500, 1, 65_535],
  ['connectionTimeoutMs', 'CLIENT_CACHE_CONNECTION_TIMEOUT_MS', 3000, 1, 2_147_483_647],
  ['socketTimeoutMs', 'CLIENT_CACHE_SOCKET_TIMEOUT_MS', 3000, 1, 2_147_483_647],
];

function judgeInteger(raw: string, defaultValue: number, min: number, max: number): Verdict {
  if (raw === '') return { accepted: true, value: defaultValue };
  if (!/^-?[0-9]+$/.test(raw)) return { accepted: false };
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min && value <= max
    ? { accepted: true, value }
    : { accepted: false };
}

function judgeBoolean(raw: string): Verdict {
  if (raw === '' || raw === 'false') return { accepted: true, value: false };
  return raw === 'true' ? { accepted: true, value: true } : { accepted: false };
}

/** Env values are strings without NUL; digits, signs and near-misses are over-represented. */
const rawValues = fc
  .oneof(
    fc.string({ maxLength: 30 }),
    fc.stringMatching(/^-?[0-9]{1,25}$/),
    fc.integer({ min: -5, max: 20_000 }).map(String),
    fc.constantFrom(
      '',
      ' 5',
      '5 ',
      '1e3',
      '0x10',
      '1.0',
      '+5',
      '０',
      '٣',
      'true',
      'TRUE',
      'false',
      ' true',
    ),
    fc.constant('9'.repeat(10_000)),
  )
  .filter((raw) => !raw.includes('\u0000'));

/**
 * Up to 6 printable ASCII characters, or up to 24 digits, signs, dots, `e`,
 * `x` and blanks, are quoted; anything else is only measured.
 */
function describesWithoutLeaking(message: string, raw: string): boolean {
  if (/^[ -~]{0,6}$/.test(raw) || (raw.length <= 24 && /^[0-9\s+.,_eExX-]*$/.test(raw))) {
    return message.includes(JSON.stringify(raw));
  }
  const measured = message.includes(`a string of ${raw.length} characters`);
  return measured && (raw.length < 8 || !message.includes(raw));
}

useFreshCache();

describe('CLIENT_CACHE_MAX_ENTRIES', () => {
  it.each(['abc', '-5', '1.5'])(
    'rejects %j at the first getter call, naming the variable, value and range',
    (raw) => {
      // Prepare
      setEnv({ [ClientCacheEnv.MaxEntries]: raw });

      // Act
      const error = configErrorFrom(() => getS3Client());

      // Assess
      expect(error.name).toBe('ClientCacheConfigError');
      expect(error.field).toBe('CLIENT_CACHE_MAX_ENTRIES');
      expect(error.message).toBe(
        `\`CLIENT_CACHE_MAX_ENTRIES\` must be an integer from 1 to 10000, got "${raw}"`,
      );
    },
  );

  it('lets an explicit option beat the env var', () => {
    // Prepare
    setEnv({ [ClientCacheEnv.MaxEntries]: '50' });

    // Act
    configureClientCache({ maxEntries: 7 });

    // Assess
    expect(getClientCacheStats().maxEntries).toBe(7);
  });

  it('lets an explicit option stand in for a bad env value', () => {
    // Prepare
    setEnv({ [ClientCacheEnv.MaxEntries]: 'abc' });

    // Act
    configureClientCache({ maxEntries: 7 });

    // Assess
    expect(getS3Client()).toBe(getS3Client());
    expect(getClientCacheStats().maxEntries).toBe(7);
  });

  it('reads the env var only once, at first use', () => {
    // Prepare
    setEnv({ [ClientCacheEnv.MaxEntries]: '20' });
    getS3Client();

    // Act
    setEnv({ [ClientCacheEnv.MaxEntries]: 'abc' });

    // Assess
    expect(getS3Client()).toBe(getS3Client());
    expect(getClientCacheStats().maxEntries).toBe(20);
  });
});

describe('other settings', () => {
  it.each([
    [ClientCacheEnv.TtlSeconds, '1e3', 'an integer from 1 to 2147483'],
    [ClientCacheEnv.ExpiryBufferSeconds, 'five', 'an integer from 0 to 2147483'],
    [ClientCacheEnv.MaxSockets, '2.5', 'an integer from 1 to 65535'],
    [ClientCacheEnv.ConnectionTimeoutMs, '3s', 'an integer from 1 to 2147483647'],
    [ClientCacheEnv.ConnectionTimeoutMs, '-3000', 'an integer from 1 to 2147483647'],
    [ClientCacheEnv.SocketTimeoutMs, ' 5', 'an integer from 1 to 2147483647'],
    [ClientCacheEnv.SocketTimeoutMs, '0x10', 'an integer from 1 to 2147483647'],
  ])('rejects %s=%j, saying it must be %s', (name, raw, allowed) => {
    // Prepare
    setEnv({ [name]: raw });

    // Act
    const error = configErrorFrom(() => getS3Client());

    // Assess
    expect(error.field).toBe(name);
    expect(error.message).toBe(`\`${name}\` must be ${allowed}, got ${JSON.stringify(raw)}`);
  });

  it.each(['yes', 'on', 'maybe', '2'])('rejects CLIENT_CACHE_TRACE_HITS=%j', (raw) => {
    // Prepare
    setEnv({ [ClientCacheEnv.TraceHits]: raw });

    // Act
    const error = configErrorFrom(() => getS3Client());

    // Assess
    expect(error.field).toBe('CLIENT_CACHE_TRACE_HITS');
    expect(error.message).toContain('"true" or "false"');
    expect(error.message).toContain(JSON.stringify(raw));
  });

  it('reads every valid env var, a zero expiry buffer included', () => {
    // Prepare
    setEnv({
      [ClientCacheEnv.TtlSeconds]: '60',
      [ClientCacheEnv.ExpiryBufferSeconds]: '0',
      [ClientCacheEnv.MaxSockets]: '8',
      [ClientCacheEnv.ConnectionTimeoutMs]: '1500',
      [ClientCacheEnv.SocketTimeoutMs]: '9000',
      [ClientCacheEnv.TraceHits]: 'true',
    });

    // Act
    getS3Client();

    // Assess
    expect(settingsOf(defaultClientCache())).toEqual({
      maxEntries: 100,
      ttlSeconds: 60,
      expiryBufferSeconds: 0,
      maxSockets: 8,
      connectionTimeoutMs: 1500,
      socketTimeoutMs: 9000,
      traceHits: true,
    });
  });

  it('uses the documented defaults when nothing is set', () => {
    // Act
    getS3Client();

    // Assess
    expect(settingsOf(defaultClientCache())).toEqual({
      maxEntries: 100,
      ttlSeconds: 3600,
      expiryBufferSeconds: 300,
      maxSockets: 500,
      connectionTimeoutMs: 3000,
      socketTimeoutMs: 3000,
      traceHits: false,
    });
  });
});

/** Sets one variable, rebuilds the cache from env, and reports what the first getter did. */
function firstGetterWith(name: string, raw: string) {
  resetDefaultClientCache();
  setEnv({ [name]: raw });
  try {
    const client = getS3Client({ region: 'us-east-1' });
    return { client, settings: settingsOf(defaultClientCache()) };
  } catch (error) {
    return { error };
  } finally {
    setEnv({ [name]: undefined });
  }
}

describe('arbitrary CLIENT_CACHE_* values', () => {
  it.each(README_TABLE)(
    '%s (%s): accepted exactly when the oracle accepts, else a typed error naming it',
    (setting, env, defaultValue, min, max) => {
      fc.assert(
        fc.property(rawValues, (raw) => {
          // Act
          const outcome = firstGetterWith(env, raw);

          // Assess
          const verdict = judgeInteger(raw, defaultValue, min, max);
          if (verdict.accepted) {
            return (
              outcome.settings?.[setting] === verdict.value &&
              typeof outcome.client?.send === 'function'
            );
          }
          const { error } = outcome;
          if (!(error instanceof ClientCacheConfigError))
            throw error ?? new Error(`accepted ${JSON.stringify(raw)}`);
          return error.field === env && describesWithoutLeaking(error.message, raw);
        }),
        propertyParameters(300, 20261203),
      );
    },
  );

  it('CLIENT_CACHE_TRACE_HITS: "true", "false" or empty, else a typed error naming it', () => {
    fc.assert(
      fc.property(rawValues, (raw) => {
        // Act
        const outcome = firstGetterWith(ClientCacheEnv.TraceHits, raw);

        // Assess
        const verdict = judgeBoolean(raw);
        if (verdict.accepted) return outcome.settings?.traceHits === verdict.value;
        const { error } = outcome;
        if (!(error instanceof ClientCacheConfigError))
          throw error ?? new Error(`accepted ${JSON.stringify(raw)}`);
        return (
          error.field === ClientCacheEnv.TraceHits && describesWithoutLeaking(error.message, raw)
        );
      }),
      propertyParameters(300, 20261204),
    );
  });

  it('builds no cache from a refused value: fixing the variable gives a fresh, empty one', () => {
    // Act
    const first = firstGetterWith(ClientCacheEnv.MaxEntries, 'lots');
    const fixed = firstGetterWith(ClientCacheEnv.MaxEntries, '7');

    // Assess
    expect(first.error).toBeInstanceOf(ClientCacheConfigError);
    expect(fixed.settings?.maxEntries).toBe(7);
    expect(defaultClientCache().size).toBe(1);
  });
});
