/**
 * Covers the app's CSV uploader (app/lib/s3-uploader.ts) with the S3 client mocked: the integrity
 * checksum it sends, the result it returns, the key rule, path-style addressing on request, and
 * the typed error when S3 answers without an ETag.
 */
import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { clearClientCache } from 'aws-client-cache';
import { mockClient } from 'aws-sdk-client-mock';
import { LeaseCostsInputError, ReportUploadError } from '../../app/errors.js';
import { uploadCsv } from '../../app/lib/s3-uploader.js';

const s3 = mockClient(S3Client);
const KEY = '550e8400-e29b-41d4-a716-446655440000.csv';
const CSV = 'Service,UsageType,Cost\nAWS Lambda,Request,12.34\n';

beforeEach(() => {
  s3.reset();
  clearClientCache();
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
