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
