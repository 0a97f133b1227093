/**
 * Covers S3 on the local AWS endpoint (tools/local-aws): real SDK v3 clients, path
 * style over real TLS sockets, store and read back objects byte for byte, including bodies the
 * SDK streams aws-chunked with trailing checksums, and get S3's own errors for missing keys.
 * Run with NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem.
 */
import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { localClientConfig, objectKey } from '../../../../tools/local-aws/index.js';
import { useLocalAws } from '../../../../tools/local-aws/use-local-aws.js';

describe('local AWS endpoint S3', () => {
  const local = useLocalAws();
  const s3 = () => local.track(new S3Client(localClientConfig(local.endpoint, 's3')));
  const storedObject = (bucket: string, key: string) =>
    local.endpoint.state.objects.get(objectKey(bucket, key));

  it('returns the bytes, content type and metadata that PutObject stored', async () => {
    // Prepare
    const client = s3();

    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: 'reports',
        Key: 'daily/2030-01-01.json',
        Body: '{"total":42}',
        ContentType: 'application/json',
        Metadata: { owner: 'finance' },
      }),
    );
    const got = await client.send(
      new GetObjectCommand({ Bucket: 'reports', Key: 'daily/2030-01-01.json' }),
    );

    // Assess
    expect(await got.Body?.transformToString()).toBe('{"total":42}');
    expect(got.ContentType).toBe('application/json');
    expect(got.Metadata).toEqual({ owner: 'finance' });
    expect(storedObject('reports', 'daily/2030-01-01.json')?.metadata).toEqual({
      owner: 'finance',
    });
  });

  it.each([
    ['a buffer', (bytes: Buffer) => bytes, undefined],
    [
      'a stream, sent aws-chunked with a trailing checksum',
      (bytes: Buffer) => Readable.from([bytes]),
      'aws-chunked',
    ],
  ])('stores a 100 KB body given as %s byte for byte', async (_, toBody, expectedEncoding) => {
    // Prepare
    const bytes = Buffer.from(Array.from({ length: 100 * 1024 }, (_, index) => (index * 31) % 251));
    const client = s3();
    const sentEncodings: unknown[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        sentEncodings.push(
          (args.request as { headers: Record<string, string> }).headers['content-encoding'],
        );
        return next(args);
      },
      { step: 'finalizeRequest' },
    );

    // Act
    await client.send(
      new PutObjectCommand({
        Bucket: 'blobs',
        Key: 'big.bin',
        Body: toBody(bytes),
        ContentLength: bytes.length,
      }),
    );
    const got = await client.send(new GetObjectCommand({ Bucket: 'blobs', Key: 'big.bin' }));
    const gotBytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);

    // Assess
    expect(sentEncodings[0]).toBe(expectedEncoding);
    expect(gotBytes.equals(bytes)).toBe(true);
    expect(storedObject('blobs', 'big.bin')?.body.equals(bytes)).toBe(true);
    expect(storedObject('blobs', 'big.bin')?.checksums).toHaveProperty('x-amz-checksum-crc32');
  });

  it('answers a missing key with NotFound to HeadObject and NoSuchKey to GetObject', async () => {
    // Prepare
    const client = s3();

    // Act
    const head = client.send(new HeadObjectCommand({ Bucket: 'reports', Key: 'missing' }));
    const get = client.send(new GetObjectCommand({ Bucket: 'reports', Key: 'missing' }));

    // Assess
    await expect(head).rejects.toMatchObject({
      name: 'NotFound',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(get).rejects.toMatchObject({
      name: 'NoSuchKey',
      $metadata: { httpStatusCode: 404 },
    });
  });
});
