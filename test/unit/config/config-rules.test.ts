/**
 * Covers the rules of a getter config and of the cache options, each field
 * on its own: a role ARN, a region, a duration in range, role-only fields
 * only with a role, profile names, no unknown keys (even when a client of
 * the rest is cached); a refused config or option changes and caches
 * nothing, and a client constructor that throws caches nothing either.
 * Values of the wrong type are wrong-types.test.ts; what an error may show,
 * secret-free-errors.test.ts; numeric ranges, option-bounds.test.ts.
 */
import {
  type ClientConfig,
  configureClientCache,
  getClient,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const ROLE = 'arn:aws:iam::123456789012:role/Reports';
const ACCESS_KEY_ID = 'AKIAVALIDATIONTEST0001';
const EXTERNAL_ID = 'tenant-0001-external-id-never-shown';

useFreshCache();

describe('getter input validation', () => {
  it('rejects a role ARN that is not one without quoting it: it could be a secret', () => {
    // Act
    const error = configErrorFrom(() => getS3Client({ roleArn: 'ReportsRole' }));

    // Assess
    expect(error.field).toBe('roleArn');
    expect(error.message).toContain('got a string of 11 characters (not shown');
    expect(error.message).not.toContain('ReportsRole');
  });

  it.each([
    'Role1',
    'arn:aws:iam::12345:role/Reports',
    'arn:aws:iam::123456789012:user/Reports',
    'arn:aws:iam::123456789012:role/',
    'arn:aws:s3:::reports-bucket',
    'arn:aws-mars:iam::123456789012:role/Reports',
    'arn:aws:iam::123456789012:role/Reports with space',
  ])('rejects the malformed role ARN %j', (roleArn) => {
    // Act
    const error = configErrorFrom(() => getS3Client({ roleArn }));

    // Assess
    expect(error.name).toBe('ClientCacheConfigError');
    expect(error.field).toBe('roleArn');
    expect(error.message).toContain(JSON.stringify(roleArn));
    expect(error.message).toContain('IAM role ARN');
  });

  it.each([
    'arn:aws:iam::123456789012:role/Reports',
    'arn:aws-cn:iam::123456789012:role/Reports',
    'arn:aws-us-gov:iam::123456789012:role/service-role/Reports',
  ])('accepts the role ARN %j', (roleArn) => {
    // Act
    const client = getS3Client({ roleArn });

    // Assess
    expect(getS3Client({ roleArn })).toBe(client);
    expect(getClientCacheSize()).toBe(1);
  });

  it.each([
    ['us-east', '"us-east"'],
    ['US-EAST-1', '"US-EAST-1"'],
    ['useast1', 'a string of 7 characters (not shown'],
    ['east', '"east"'],
    ['', 'an empty string'],
    ['us-east-1 ', 'a string of 10 characters with whitespace at an end (not shown'],
  ])('rejects the malformed region %j, described as %s', (region, described) => {
    // Act
    const error = configErrorFrom(() => getS3Client({ region }));

    // Assess
    expect(error.field).toBe('region');
    expect(error.message).toContain(`got ${described}`);
  });

  it.each([899, 43_201, 900.5, Number.NaN])('rejects durationSeconds %d', (durationSeconds) => {
    // Act
    const error = configErrorFrom(() => getS3Client({ roleArn: ROLE, durationSeconds }));

    // Assess
    expect(error.field).toBe('durationSeconds');
    expect(error.message).toContain('an integer from 900 to 43200');
  });

  it('accepts durationSeconds at both ends of the range', () => {
    // Act
    const shortest = getS3Client({ roleArn: ROLE, durationSeconds: 900 });
    const longest = getS3Client({ roleArn: ROLE, durationSeconds: 43_200 });

    // Assess
    expect(shortest).not.toBe(longest);
    expect(getClientCacheSize()).toBe(2);
  });

  it.each<[keyof ClientConfig, ClientConfig]>([
    ['roleSessionName', { roleSessionName: 'batch-job' }],
    ['externalId', { externalId: EXTERNAL_ID }],
    ['durationSeconds', { durationSeconds: 900 }],
  ])('rejects %s without roleArn', (field, config) => {
    // Act
    const error = configErrorFrom(() => getS3Client(config));

    // Assess
    expect(error.field).toBe(field);
    expect(error.message).toContain('only applies with `roleArn`');
    expect(error.message).not.toContain(EXTERNAL_ID);
  });

  it.each([
    ['roleSessionName', 'a one-character session name', { roleArn: ROLE, roleSessionName: 'x' }],
    ['profile', 'a profile name with a space', { profile: 'my profile' }],
    ['profile', 'the reserved profile name "none"', { profile: 'none' }],
    ['additionalConfig', 'a string as additionalConfig', { additionalConfig: 'forcePathStyle' }],
    ['config', 'a string as the whole config', 'us-east-1'],
  ])('rejects %s: %s', (field, _case, config) => {
    // Act
    const error = configErrorFrom(() => getS3Client(config as ClientConfig));

    // Assess
    expect(error.field).toBe(field);
  });

  it('rejects an unknown option key even when a default client is cached', () => {
    // Prepare
    const defaultClient = getS3Client();
    const regional = getS3Client({ region: 'us-east-1' });

    // Act
    const bare = configErrorFrom(() => getS3Client({ roleARN: ROLE } as ClientConfig));
    const withRegion = configErrorFrom(() =>
      getS3Client({ region: 'us-east-1', roleARN: ROLE } as ClientConfig),
    );

    // Assess
    expect(bare.field).toBe('roleARN');
    expect(bare.message).toContain('`roleARN` is not a ClientConfig option');
    expect(withRegion.field).toBe('roleARN');
    expect(getClientCacheStats()).toMatchObject({ hits: 0, misses: 2, size: 2 });
    expect(getS3Client()).toBe(defaultClient);
    expect(getS3Client({ region: 'us-east-1' })).toBe(regional);
  });
});

describe('failed creation', () => {
  it('caches nothing when the config is rejected', () => {
    // Prepare
    getS3Client();

    // Act
    configErrorFrom(() => getS3Client({ region: 'mars-1' }));
    configErrorFrom(() => getS3Client({ credentials: { accessKeyId: ACCESS_KEY_ID } } as never));

    // Assess
    expect(getClientCacheStats()).toMatchObject({ hits: 0, misses: 1, size: 1 });
  });

  it('counts a miss and caches nothing when the client constructor throws', () => {
    // Prepare
    const failure = new Error('constructor failed');
    class FailingClient {
      constructor() {
        throw failure;
      }
    }

    // Act
    const attempt = () => getClient(FailingClient, { region: 'us-east-1', roleArn: ROLE });

    // Assess
    expect(attempt).toThrow(failure);
    expect(attempt).toThrow(failure);
    expect(getClientCacheStats()).toMatchObject({ hits: 0, misses: 2, size: 0 });
  });
});

describe('configureClientCache and createClientCache options', () => {
  it('rejects an unknown option key', () => {
    // Act
    const error = configErrorFrom(() => configureClientCache({ maxEntry: 5 } as never));

    // Assess
    expect(error.field).toBe('maxEntry');
    expect(error.message).toContain('`maxEntry` is not a ClientCacheOptions option');
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
