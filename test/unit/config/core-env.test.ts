/**
 * Covers settings: each `CLIENT_CACHE_*` env var is read at first use and
 * validated (a bad value throws `ClientCacheConfigError` naming the variable,
 * the value and the allowed range), explicit `configureClientCache` options
 * beat env vars, which beat defaults, and bad or unknown options are refused.
 */

import {
  ClientCacheEnv,
  configureClientCache,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import { settingsOf } from '../../../src/client-cache/client-cache.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { setEnv } from '../../support/env.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

describe('CLIENT_CACHE_MAX_ENTRIES', () => {
  it.each(['abc', '0', '-5', '1.5', '100000000'])(
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

  it.each([
    ['1', 1],
    ['10000', 10_000],
    ['', 100],
    [undefined, 100],
  ])('accepts %j as maxEntries %d', (raw, expected) => {
    // Prepare
    setEnv({ [ClientCacheEnv.MaxEntries]: raw });

    // Act
    getS3Client();

    // Assess
    expect(getClientCacheStats().maxEntries).toBe(expected);
  });

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
    [ClientCacheEnv.TtlSeconds, '0', 'an integer from 1 to 2147483'],
    [ClientCacheEnv.TtlSeconds, '1e3', 'an integer from 1 to 2147483'],
    [ClientCacheEnv.ExpiryBufferSeconds, '-1', 'an integer from 0 to 2147483'],
    [ClientCacheEnv.ExpiryBufferSeconds, 'five', 'an integer from 0 to 2147483'],
    [ClientCacheEnv.MaxSockets, '0', 'an integer from 1 to 65535'],
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

describe('configureClientCache', () => {
  it.each([
    ['maxEntries', 0, '`maxEntries` must be an integer from 1 to 10000, got 0'],
    ['maxEntries', 10_001, '`maxEntries` must be an integer from 1 to 10000, got 10001'],
    ['ttlSeconds', 1.5, '`ttlSeconds` must be an integer from 1 to 2147483, got 1.5'],
    [
      'expiryBufferSeconds',
      -1,
      '`expiryBufferSeconds` must be an integer from 0 to 2147483, got -1',
    ],
    ['maxSockets', '50', '`maxSockets` must be an integer from 1 to 65535, got "50"'],
    ['traceHits', 'yes', '`traceHits` must be a boolean, got "yes"'],
  ])('rejects the option %s = %j, naming the option', (option, value, message) => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ [option]: value }));

    // Assess
    expect(error.field).toBe(option);
    expect(error.message).toBe(message);
  });

  it('rejects an unknown option key', () => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ maxEntry: 5 } as never));

    // Assess
    expect(error.field).toBe('maxEntry');
    expect(error.message).toContain('`maxEntry` is not a ClientCacheOptions option');
  });

  it('rejects a clock that is not a function', () => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ now: 5 } as never));

    // Assess
    expect(error.field).toBe('now');
  });

  it('changes nothing when an option is rejected', () => {
    // Prepare
    configureClientCache({ maxEntries: 5 });
    const client = getS3Client();

    // Act
    configErrorFrom(() => configureClientCache({ maxEntries: 3, ttlSeconds: 0 }));

    // Assess
    expect(getClientCacheStats().maxEntries).toBe(5);
    expect(getS3Client()).toBe(client);
  });
});
