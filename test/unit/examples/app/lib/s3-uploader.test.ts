/**
 * Covers the app's CSV uploader (examples/app/lib/s3-uploader.ts) with the S3 client mocked: the integrity
 * checksum it sends, the result it returns, the key rule, path-style addressing on request, and
 * the typed error when S3 answers without an ETag.
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { LeaseCostsInputError, ReportUploadError } from '../../../../../examples/app/errors.js';
import { getPresignedUrl, uploadCsv } from '../../../../../examples/app/lib/s3-uploader.js';
import { useFreshCache } from '../../../../support/fresh-cache.js';

const s3 = mockClient(S3Client);
const KEY = '550e8400-e29b-41d4-a716-446655440000.csv';
const CSV = 'Service,UsageType,Cost\nAWS Lambda,Request,12.34\n';

useFreshCache();

beforeEach(() => {
  s3.reset();
});

describe('uploadCsv', () => {
  it('sends the CSV with its SHA-256 and returns the ETag and checksum', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });
    const sha256 = createHash('sha256').update(CSV).digest('base64');

    // Act
    const result = await uploadCsv('reports', KEY, CSV);

    // Assess
    expect(result).toEqual({ bucket: 'reports', key: KEY, eTag: '"abc"', checksumSha256: sha256 });
    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'reports',
      Key: KEY,
      Body: CSV,
      ChecksumSHA256: sha256,
      ContentType: 'text/csv; charset=utf-8',
      ServerSideEncryption: 'AES256',
    });
  });

  it('uses a path-style client only when asked to', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({ ETag: '"abc"' });

    // Act
    await uploadCsv('reports', KEY, CSV);
    await uploadCsv('reports', KEY, CSV, { forcePathStyle: true });

    // Assess
    const [plain, pathStyle] = s3
      .commandCalls(PutObjectCommand)
      .map((call) => call.thisValue as S3Client);
    expect(plain?.config.forcePathStyle).toBeFalsy();
    expect(pathStyle?.config.forcePathStyle).toBe(true);
  });

  it.each(['../etc/passwd.csv', 'report.csv', `${KEY}.exe`, `nested/${KEY}`])(
    'refuses the key %s before sending anything',
    async (key) => {
      // Act
      const failure = uploadCsv('reports', key, CSV);

      // Assess
      await expect(failure).rejects.toThrow(LeaseCostsInputError);
      await expect(failure).rejects.toMatchObject({ field: 'key' });
      expect(s3.calls()).toHaveLength(0);
    },
  );

  it('throws ReportUploadError when S3 answers without an ETag', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});

    // Act
    const failure = uploadCsv('reports', KEY, CSV);

    // Assess
    await expect(failure).rejects.toThrow(ReportUploadError);
  });
});

describe('getPresignedUrl', () => {
  it('signs a GET of the report for the given number of days, without sending anything', async () => {
    // Prepare
    const client = new S3Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAPRESIGNTEST00001', secretAccessKey: 'presign-test-secret' },
    });

    // Act
    const url = new URL(await getPresignedUrl('reports', KEY, 7, { client }));

    // Assess
    expect(url.protocol).toBe('https:');
    expect(url.hostname).toBe('reports.s3.us-east-1.amazonaws.com');
    expect(url.pathname).toBe(`/${KEY}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(7 * 86_400));
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAPRESIGNTEST00001\//);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(s3.calls()).toHaveLength(0);
  });

  it.each([0, 8, 1.5, Number.NaN])('refuses %p days, naming the field', async (days) => {
    // Act
    const failure = getPresignedUrl('reports', KEY, days);

    // Assess
    await expect(failure).rejects.toBeInstanceOf(LeaseCostsInputError);
    await expect(failure).rejects.toThrow(/`days` must be an integer from 1 to 7/);
  });
});
