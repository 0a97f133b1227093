/**
 * Covers env parsing with arbitrary values, judged against an independent
 * oracle (the README's table, copied by hand): a value is accepted exactly
 * when the oracle accepts it, a refused one throws a `ClientCacheConfigError`
 * naming the variable and builds no cache, and the message quotes a value
 * only when it is a short run of a number's characters (a typo): any other
 * string could be a secret and is described by its length, never shown.
 */

import fc from 'fast-check';
import { ClientCacheConfigError, ClientCacheEnv, getS3Client } from '../../../src/all.js';
import { settingsOf } from '../../../src/client-cache/client-cache.js';
import {
  defaultClientCache,
  resetDefaultClientCache,
} from '../../../src/client-cache/default-cache.js';
import type { ResolvedSettings } from '../../../src/config/settings.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';
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
