import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { getS3Client } from 'aws-client-cache/s3';
import { LeaseCostsInputError, ReportUploadError } from '../errors.js';

/** Report keys are `{lease uuid}.csv`: nothing else, so no key can climb out of its prefix. */
const REPORT_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.csv$/i;

/** Path-style addressing, frozen once so the getter sees the same config every call. */
const PATH_STYLE = Object.freeze({ additionalConfig: Object.freeze({ forcePathStyle: true }) });

export interface UploadCsvOptions {
  /**
   * Path-style addressing, for endpoints on an IP or `localhost` (the app sets it from
   * `S3_FORCE_PATH_STYLE`). Default false: real S3 wants virtual-hosted style.
   */
  readonly forcePathStyle?: boolean;
  /** A client of your own; default the cached S3 client. */
  readonly client?: Pick<S3Client, 'send'>;
}

export interface UploadResult {
  readonly bucket: string;
  readonly key: string;
  readonly eTag: string;
  /** Base64 SHA-256 of the CSV, which S3 checked against what it received. */
  readonly checksumSha256: string;
}

/**
 * Stores a CSV report with an end-to-end integrity check: the SHA-256 computed here travels as
 * `x-amz-checksum-sha256`, and S3 refuses the object (`BadDigest`) if the bytes it received do not
 * match. Encrypted at rest with SSE-S3 even where the bucket default already does it.
 *
 * @example
 * const { eTag } = await uploadCsv('lease-costs-reports', `${leaseUuid}.csv`, csv);
 */
export async function uploadCsv(
  bucket: string,
  key: string,
  csv: string,
  options: UploadCsvOptions = {},
): Promise<UploadResult> {
  if (!REPORT_KEY.test(key)) {
    throw new LeaseCostsInputError(
      'key',
      `\`key\` must be a lease UUID followed by .csv, got "${key.slice(0, 100)}"`,
    );
  }
  const checksumSha256 = createHash('sha256').update(csv, 'utf8').digest('base64');
  const client = options.client ?? getS3Client(options.forcePathStyle ? PATH_STYLE : undefined);
  const output = await client.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: csv,
      ContentType: 'text/csv; charset=utf-8',
      ServerSideEncryption: 'AES256',
      ChecksumSHA256: checksumSha256,
    }),
  );
  if (output.ETag === undefined) {
    throw new ReportUploadError(`S3 stored s3://${bucket}/${key} but returned no ETag`);
  }
  return { bucket, key, eTag: output.ETag, checksumSha256 };
}

/** SigV4 presigned URLs live at most 7 days. */
const MAX_URL_DAYS = 7;

/**
 * A presigned GET URL for a report, valid `days` days (1 to 7, SigV4's limit). Signed locally: no
 * request is sent. A URL signed with role credentials stops working when their session ends,
 * whatever `days` says, so sign with credentials that outlive the URL when that matters.
 *
 * @example
 * const url = await getPresignedUrl('lease-costs-reports', `${leaseUuid}.csv`, 7);
 */
export async function getPresignedUrl(
  bucket: string,
  key: string,
  days: number,
  options: UploadCsvOptions = {},
): Promise<string> {
  if (!Number.isInteger(days) || days < 1 || days > MAX_URL_DAYS) {
    throw new LeaseCostsInputError(
      'days',
      `\`days\` must be an integer from 1 to ${MAX_URL_DAYS}, got ${String(days)}`,
    );
  }
  const client = options.client ?? getS3Client(options.forcePathStyle ? PATH_STYLE : undefined);
  return getSignedUrl(client as S3Client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
    expiresIn: days * 86_400,
  });
}
