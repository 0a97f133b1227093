import {
  type ClientConfig,
  getClient,
  getClientCacheSize,
  getClientCacheStats,
  getS3Client,
} from '../../../src/all.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const ROLE = 'arn:aws:iam::123456789012:role/Reports';
const ACCESS_KEY_ID = 'AKIAVALIDATIONTEST0001';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/validationSecret0001';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEValidationSessionToken0001';
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
    const before = getClientCacheStats();

    // Act
    const bare = configErrorFrom(() => getS3Client({ roleARN: ROLE } as ClientConfig));
    const withRegion = configErrorFrom(() =>
      getS3Client({ region: 'us-east-1', roleARN: ROLE } as ClientConfig),
    );

    // Assess
    expect(bare.field).toBe('roleARN');
    expect(bare.message).toContain('`roleARN` is not a ClientConfig option');
    expect(withRegion.field).toBe('roleARN');
    expect(getClientCacheStats().hits).toBe(before.hits);
    expect(getS3Client()).toBe(defaultClient);
    expect(getS3Client({ region: 'us-east-1' })).toBe(regional);
  });

  it('rejects an additionalConfig with a reference cycle', () => {
    // Prepare
    const additionalConfig: Record<string, unknown> = {};
    additionalConfig.self = additionalConfig;

    // Act
    const error = configErrorFrom(() => getS3Client({ additionalConfig }));

    // Assess
    expect(error.field).toBe('additionalConfig.self');
  });
});

describe('secrets in error messages', () => {
  const credentials = {
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    sessionToken: SESSION_TOKEN,
  };

  it.each<[string, string, unknown]>([
    [
      'credentials.secretAccessKey',
      'a missing secret',
      { credentials: { accessKeyId: ACCESS_KEY_ID } },
    ],
    [
      'credentials.secretAccessKey',
      'an empty secret',
      { credentials: { ...credentials, secretAccessKey: '' } },
    ],
    [
      'credentials.sessionToken',
      'a non-string session token',
      { credentials: { ...credentials, sessionToken: 7 } },
    ],
    ['credentials', 'a string instead of an identity', { credentials: SECRET }],
    [
      'credentials.expiration',
      'an invalid expiration',
      { credentials: { ...credentials, expiration: new Date('x') } },
    ],
    ['externalId', 'a malformed external id', { roleArn: ROLE, externalId: `${EXTERNAL_ID} !` }],
    [
      'region',
      'a bad region beside secrets',
      { region: 'nowhere', credentials, roleArn: ROLE, externalId: EXTERNAL_ID },
    ],
  ])('rejects %s with %s without showing a secret', (field, _case, config) => {
    // Act
    const error = configErrorFrom(() => getS3Client(config as ClientConfig));

    // Assess
    expect(error.field).toBe(field);
    for (const secret of [ACCESS_KEY_ID, SECRET, SESSION_TOKEN, EXTERNAL_ID]) {
      expect(error.message).not.toContain(secret);
    }
  });
});

describe('failed creation', () => {
  it('caches nothing when the config is rejected', () => {
    // Prepare
    getS3Client();
    const before = getClientCacheStats();

    // Act
    configErrorFrom(() => getS3Client({ region: 'mars-1' }));
    configErrorFrom(() => getS3Client({ credentials: { accessKeyId: ACCESS_KEY_ID } } as never));

    // Assess
    expect(getClientCacheSize()).toBe(1);
    expect(getClientCacheStats().hits).toBe(before.hits);
  });

  it('counts a miss and caches nothing when the client constructor throws', () => {
    // Prepare
    const failure = new Error('constructor failed');
    class FailingClient {
      constructor() {
        throw failure;
      }
    }
    const before = getClientCacheStats();

    // Act
    const attempt = () => getClient(FailingClient, { region: 'us-east-1', roleArn: ROLE });

    // Assess
    expect(attempt).toThrow(failure);
    expect(attempt).toThrow(failure);
    expect(getClientCacheSize()).toBe(0);
    expect(getClientCacheStats().misses - before.misses).toBe(2);
  });
});
