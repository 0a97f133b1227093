/**
 * Every numeric setting has an upper bound the platform honours, by env var
 * and by option: a duration in milliseconds at most what a Node timer holds
 * (2^31 - 1: `setTimeout` turns anything longer into 1 ms, which would fail
 * every connection), one in seconds at most that over 1000, sockets at most
 * the ports of one address. Each bound is tried on both sides. An env var
 * set to the empty string (as CloudFormation writes an unset parameter) is
 * unset; any other value outside the range is a `ClientCacheConfigError`
 * naming the variable.
 */

import { ClientCacheEnv, createClientCache } from '../../../src/all.js';
import { settingsOf as cacheSettings } from '../../../src/client-cache/client-cache.js';
import { isolateEnv, setEnv } from '../../support/env.js';
import { configErrorFrom } from '../../support/fresh-cache.js';

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

isolateEnv();

async function settingsOf(options: object) {
  const cache = createClientCache(options);
  const settings = cacheSettings(cache);
  await cache.destroy();
  return settings;
}

describe.each(BOUNDS)('%s (%s)', (setting, env, defaultValue, min, max) => {
  it(`accepts ${min} and ${max} as an option and from env`, async () => {
    // Act
    const fromOptions = [
      (await settingsOf({ [setting]: min }))[setting as Setting],
      (await settingsOf({ [setting]: max }))[setting as Setting],
    ];
    setEnv({ [env]: String(max) });
    const fromEnv = (await settingsOf({}))[setting as Setting];

    // Assess
    expect(fromOptions).toEqual([min, max]);
    expect(fromEnv).toBe(max);
  });

  it(`refuses ${max + 1} and ${min - 1}, naming the option or the variable and the range`, () => {
    // Act
    const errors = [
      configErrorFrom(() => createClientCache({ [setting]: max + 1 })),
      configErrorFrom(() => createClientCache({ [setting]: min - 1 })),
      (() => {
        setEnv({ [env]: String(max + 1) });
        return configErrorFrom(() => createClientCache());
      })(),
    ];

    // Assess
    expect(errors.map((error) => error.field)).toEqual([setting, setting, env]);
    for (const error of errors) {
      expect(error.message).toContain(`an integer from ${min} to ${max}`);
    }
    expect(errors[2]?.message).toContain(`got "${max + 1}"`);
  });

  it('takes an empty env value as unset, and refuses a blank one', async () => {
    // Act
    setEnv({ [env]: '' });
    const empty = (await settingsOf({}))[setting as Setting];
    setEnv({ [env]: ' ' });
    const blank = configErrorFrom(() => createClientCache());

    // Assess
    expect(empty).toBe(defaultValue);
    expect(blank.field).toBe(env);
  });
});

describe('CLIENT_CACHE_TRACE_HITS', () => {
  it('takes an empty value as unset (false), and refuses a blank one', async () => {
    // Act
    setEnv({ [ClientCacheEnv.TraceHits]: '' });
    const empty = (await settingsOf({})).traceHits;
    setEnv({ [ClientCacheEnv.TraceHits]: ' ' });
    const blank = configErrorFrom(() => createClientCache());

    // Assess
    expect(empty).toBe(false);
    expect(blank.field).toBe(ClientCacheEnv.TraceHits);
  });
});
