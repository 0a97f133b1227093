/**
 * A getter returns only a client the cache built for that getter's config:
 * a client someone filed under a key of their own (`getCachedClient` from
 * `aws-client-cache/compat`, or `cache.getOrCreateKeyed`) is never handed to
 * a getter, even under a key that spells the getter's (the seed's keys did:
 * its `generateCacheKey` left credentials out). The invariant tried: a
 * client built for one identity is never handed to a caller with another.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { getS3Client, S3Service } from '../../../src/clients/s3.js';
import { generateCacheKey, getCachedClient } from '../../../src/compat.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const TENANT_A = { accessKeyId: 'AKIATENANTA000000000', secretAccessKey: 'tenant-a-secret' };
const HOUR = 3_600_000;

const caches = useFreshCache();

async function signerOf(client: unknown): Promise<string | undefined> {
  const credentials = (client as S3Client).config.credentials;
  return credentials === undefined ? undefined : (await credentials()).accessKeyId;
}

it('never hands a getter the client a compat caller filed under the key the getter would use', async () => {
  // Prepare: seed-era code files a tenant's client under the key of `{}`
  const tenantClient = new S3Client({ region: 'us-east-1', credentials: TENANT_A });
  const key = generateCacheKey('S3', {});
  expect(getCachedClient(key, () => tenantClient, Date.now() + HOUR)).toBe(tenantClient);

  // Act: the function's own code asks for its default S3 client
  const own = getS3Client();

  // Assess: a client of the cache, not signing as the tenant; the compat entry keeps its client
  expect(own).not.toBe(tenantClient);
  process.env.AWS_ACCESS_KEY_ID = 'AKIAFUNCTIONOWN00000';
  process.env.AWS_SECRET_ACCESS_KEY = 'function-own-secret';
  expect(await signerOf(own)).toBe('AKIAFUNCTIONOWN00000');
  expect(getCachedClient(key, () => new S3Client({}), Date.now() + HOUR)).toBe(tenantClient);
});

it('never hands a getter of an isolated cache what getOrCreateKeyed filed under its key', () => {
  // Prepare: not even an S3 client, under the key of `{ region: 'eu-west-1' }`
  const cache = caches.cache();
  const config = { region: 'eu-west-1' };
  const impostor = { send: () => 'not an S3 client' };
  cache.getOrCreateKeyed(cache.cacheKey('S3', config), 'S3', () => impostor, Date.now() + HOUR);

  // Act
  const client = cache.get(S3Service, config);

  // Assess
  expect(client).not.toBe(impostor);
  expect(client).toBeInstanceOf(S3Client);
});
