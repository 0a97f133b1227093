/**
 * Covers `generateCacheKey`: the seed's key format (region, role ARN and
 * profile verbatim, `"S3:default:none:none"` for `{}`), which config fields
 * split keys, order-independence of `additionalConfig`, and that secrets
 * enter a key only as a fingerprint. Randomised versions live in
 * key-properties.test.ts.
 */
import { generateCacheKey } from '../../../src/all.js';

const ROLE_1 = 'arn:aws:iam::123456789012:role/Role1';
const ROLE_2 = 'arn:aws:iam::123456789012:role/Role2';

describe('generateCacheKey (seed behaviours)', () => {
  it('gives different keys to different client types', () => {
    // Prepare
    const config = { region: 'us-east-1' };

    // Act
    const s3 = generateCacheKey('S3', config);
    const lambda = generateCacheKey('Lambda', config);

    // Assess
    expect(s3).not.toBe(lambda);
    expect(s3).toBe('S3:us-east-1:none:none');
    expect(lambda).toBe('Lambda:us-east-1:none:none');
  });

  it('gives different keys to different regions', () => {
    // Act
    const east = generateCacheKey('S3', { region: 'us-east-1' });
    const west = generateCacheKey('S3', { region: 'us-west-2' });

    // Assess
    expect(east).not.toBe(west);
  });

  it('gives different keys to different role ARNs and shows the ARN verbatim', () => {
    // Act
    const role1 = generateCacheKey('S3', { region: 'us-east-1', roleArn: ROLE_1 });
    const role2 = generateCacheKey('S3', { region: 'us-east-1', roleArn: ROLE_2 });

    // Assess
    expect(role1).not.toBe(role2);
    expect(role1).toBe('S3:us-east-1:arn:aws:iam::123456789012:role/Role1:none');
  });

  it('gives different keys to different profiles and shows the profile verbatim', () => {
    // Act
    const dev = generateCacheKey('Lambda', { region: 'us-west-2', profile: 'dev' });
    const prod = generateCacheKey('Lambda', { region: 'us-west-2', profile: 'prod' });

    // Assess
    expect(dev).toBe('Lambda:us-west-2:none:dev');
    expect(dev).not.toBe(prod);
  });

  it('gives a different key when additionalConfig is set or differs', () => {
    // Act
    const plain = generateCacheKey('S3', { region: 'us-east-1' });
    const pathStyle = generateCacheKey('S3', {
      region: 'us-east-1',
      additionalConfig: { forcePathStyle: true },
    });
    const virtualHost = generateCacheKey('S3', {
      region: 'us-east-1',
      additionalConfig: { forcePathStyle: false },
    });

    // Assess
    expect(new Set([plain, pathStyle, virtualHost]).size).toBe(3);
    expect(pathStyle.startsWith('S3:us-east-1:none:none:')).toBe(true);
  });

  it('gives "S3:default:none:none" for an empty config', () => {
    // Act
    const key = generateCacheKey('S3', {});

    // Assess
    expect(key).toBe('S3:default:none:none');
    expect(generateCacheKey('S3')).toBe(key);
  });
});

describe('generateCacheKey (beyond the seed)', () => {
  it('ignores the key order of additionalConfig, nested objects included', () => {
    // Prepare
    const first = { a: 1, b: { x: 'x', y: [1, 2] }, c: null };
    const second = { c: null, b: { y: [1, 2], x: 'x' }, a: 1 };

    // Act
    const keyOfFirst = generateCacheKey('S3', { additionalConfig: first });
    const keyOfSecond = generateCacheKey('S3', { additionalConfig: second });

    // Assess
    expect(keyOfFirst).toBe(keyOfSecond);
  });

  it('tells an explicit undefined in additionalConfig apart from an absent field', () => {
    // Act
    const explicit = generateCacheKey('S3', { additionalConfig: { endpoint: undefined } });
    const absent = generateCacheKey('S3', { additionalConfig: {} });

    // Assess
    expect(explicit).not.toBe(absent);
    expect(explicit).not.toBe(generateCacheKey('S3', { additionalConfig: { endpoint: null } }));
  });

  it('splits keys on session name, external id and duration of a role', () => {
    // Prepare
    const role = { region: 'us-east-1', roleArn: ROLE_1 };

    // Act
    const keys = [
      generateCacheKey('S3', role),
      generateCacheKey('S3', { ...role, roleSessionName: 'batch' }),
      generateCacheKey('S3', { ...role, externalId: 'external-id-1' }),
      generateCacheKey('S3', { ...role, externalId: 'external-id-2' }),
      generateCacheKey('S3', { ...role, durationSeconds: 900 }),
      generateCacheKey('S3', { ...role, durationSeconds: 3600 }),
    ];

    // Assess
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keys equal static credentials alike and different ones apart, showing neither', () => {
    // Prepare
    const credentials = {
      accessKeyId: 'AKIAEXAMPLEACCESSKEY1',
      secretAccessKey: 'wJalrXUtnFEMIexampleSecretKey00000000001',
      sessionToken: 'IQoJb3JpZ2luX2VjExampleSessionToken0001',
    };

    // Act
    const key = generateCacheKey('S3', { credentials });
    const sameValues = generateCacheKey('S3', { credentials: { ...credentials } });
    const otherSecret = generateCacheKey('S3', {
      credentials: { ...credentials, secretAccessKey: 'anotherSecretKeyValue000000000000002' },
    });

    // Assess
    expect(sameValues).toBe(key);
    expect(otherSecret).not.toBe(key);
    for (const secret of Object.values(credentials)) expect(key).not.toContain(secret);
  });

  it('keys two credential providers apart by identity', () => {
    // Prepare
    const identity = { accessKeyId: 'AKIA', secretAccessKey: 'secret' };
    const providerA = async () => identity;
    const providerB = async () => identity;

    // Act
    const keyA = generateCacheKey('S3', { credentials: providerA });
    const keyAAgain = generateCacheKey('S3', { credentials: providerA });
    const keyB = generateCacheKey('S3', { credentials: providerB });

    // Assess
    expect(keyAAgain).toBe(keyA);
    expect(keyB).not.toBe(keyA);
  });

  it('shows the external id only as a fingerprint', () => {
    // Prepare
    const externalId = 'tenant-4711-external-id-value';

    // Act
    const key = generateCacheKey('S3', { roleArn: ROLE_1, externalId });

    // Assess
    expect(key).not.toContain(externalId);
    expect(key).toContain(':external-id=');
  });
});
