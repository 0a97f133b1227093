/**
 * Covers option bounds: every numeric setting has a range whose upper
 * bound the platform honours, by env var and by option: a duration in
 * milliseconds at most what a Node timer holds (2^31 - 1: `setTimeout` turns
 * anything longer into 1 ms, which would fail every connection), one in
 * seconds at most that over 1000, sockets at most the ports of one address. Each bound is tried on both sides. An env var
 * set to the empty string (as CloudFormation writes an unset parameter) is
 * unset; any other value outside the range is a `ClientCacheConfigError`
 * naming the option or the variable, the range and the value. How an env
 * value is parsed is env.test.ts (examples) and env-properties.test.ts.
 */

import { ClientCacheEnv, createClientCache } from '../../../src/all.js';
import { settingsOf } from '../../../src/client-cache/client-cache.js';
import { setEnv } from '../../support/env.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const TIMER_MAX_MS = 2 ** 31 - 1;

/** The README's table of bounds, copied by hand: setting, env var, default, min, max. */
const BOUNDS = [
  ['maxEntries', ClientCacheEnv.MaxEntries, 100, 1, 10_000],
  ['ttlSeconds', ClientCacheEnv.TtlSeconds, 3600, 1, 2_147_483],
  ['expiryBufferSeconds', ClientCacheEnv.ExpiryBufferSeconds, 300, 0, 2_147_483],
  ['maxSockets', ClientCacheEnv.MaxSockets, 500, 1, 65_535],
  ['connectionTimeoutMs', ClientCacheEnv.ConnectionTimeoutMs, 3000, 1, TIMER_MAX_MS],
  ['socketTimeoutMs', ClientCacheEnv.SocketTimeoutMs, 3000, 1, TIMER_MAX_MS],
] as const;

type Setting = (typeof BOUNDS)[number][0];

const fresh = useFreshCache();

describe.each(BOUNDS)('%s (%s)', (setting, env, defaultValue, min, max) => {
  it(`accepts ${min} and ${max} as an option and from env`, () => {
    // Act
    const fromOptions = [
      settingsOf(fresh.cache({ [setting]: min }))[setting as Setting],
      settingsOf(fresh.cache({ [setting]: max }))[setting as Setting],
    ];
    const fromEnv = [min, max].map((value) => {
      setEnv({ [env]: String(value) });
      return settingsOf(fresh.cache({}))[setting as Setting];
    });

    // Assess
    expect(fromOptions).toEqual([min, max]);
    expect(fromEnv).toEqual([min, max]);
  });

  it(`refuses ${max + 1} and ${min - 1}, naming the option or the variable and the range`, () => {
    // Act
    const fromEnv = (value: number) => {
      setEnv({ [env]: String(value) });
      return configErrorFrom(() => createClientCache());
    };
    const errors = [
      configErrorFrom(() => createClientCache({ [setting]: max + 1 })),
      configErrorFrom(() => createClientCache({ [setting]: min - 1 })),
      fromEnv(max + 1),
      fromEnv(min - 1),
    ];

    // Assess
    const range = `must be an integer from ${min} to ${max}`;
    expect(errors.map((error) => [error.field, error.message])).toEqual([
      [setting, `\`${setting}\` ${range}, got ${max + 1}`],
      [setting, `\`${setting}\` ${range}, got ${min - 1}`],
      [env, `\`${env}\` ${range}, got "${max + 1}"`],
      [env, `\`${env}\` ${range}, got "${min - 1}"`],
    ]);
  });

  it('takes an empty env value as unset, and refuses a blank one', () => {
    // Act
    setEnv({ [env]: '' });
    const empty = settingsOf(fresh.cache({}))[setting as Setting];
    setEnv({ [env]: ' ' });
    const blank = configErrorFrom(() => createClientCache());

    // Assess
    expect(empty).toBe(defaultValue);
    expect(blank.field).toBe(env);
  });
});

describe('CLIENT_CACHE_TRACE_HITS', () => {
  it('takes an empty value as unset (false), and refuses a blank one', () => {
    // Act
    setEnv({ [ClientCacheEnv.TraceHits]: '' });
    const empty = settingsOf(fresh.cache({})).traceHits;
    setEnv({ [ClientCacheEnv.TraceHits]: ' ' });
    const blank = configErrorFrom(() => createClientCache());

    // Assess
    expect(empty).toBe(false);
    expect(blank.field).toBe(ClientCacheEnv.TraceHits);
  });
});
