/**
 * Every misuse of `getClient` and `cache.get` is a `ClientCacheConfigError`
 * that says what was expected (an SDK client class; a service from an entry
 * point), never a bare `TypeError` from deep inside the cache; and nothing
 * is cached from it, on a cold cache or a warm one.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { getClient } from '../../../src/all.js';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const fresh = useFreshCache();

const NOT_CLASSES: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['the class name', 'S3Client'],
  ['an instance', new S3Client({ region: 'us-east-1' })],
  ['an arrow function', () => ({})],
  ['a number', 42],
  ['a service', S3Service],
];

describe('getClient', () => {
  it.each(NOT_CLASSES)('refuses %s, asking for an SDK client class', (_case, value) => {
    // Act
    const error = configErrorFrom(() => getClient(value as never, { region: 'us-east-1' }));

    // Assess
    expect(error.field).toBe('ClientClass');
    expect(error.message).toContain('AWS SDK v3 client class');
  });

  it('says to pass the class, not its name', () => {
    // Act
    const error = configErrorFrom(() => getClient('S3Client' as never));

    // Assess
    expect(error.message).toContain('pass the class itself, not its name');
  });
});

describe('cache.get', () => {
  let cache: ClientCache;
  beforeEach(() => {
    cache = fresh.cache();
  });

  const notServices: [string, unknown][] = [
    ...NOT_CLASSES.filter(([name]) => name !== 'a service'),
    ['a client class', S3Client],
  ];

  it.each(notServices)('refuses %s as a service, on a cold and a warm cache', (_case, value) => {
    // Act
    const cold = configErrorFrom(() => cache.get(value as never, { region: 'us-east-1' }));
    cache.get(S3Service, { region: 'us-east-1' });
    const warm = configErrorFrom(() => cache.get(value as never, { region: 'us-east-1' }));

    // Assess
    expect([cold.field, warm.field]).toEqual(['service', 'service']);
    expect(warm.message).toContain('S3Service');
    expect(cache.size).toBe(1);
  });
});
