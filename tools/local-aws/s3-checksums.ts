import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { ServiceError } from './service-error.js';

const CHECKSUM_HEADER_PREFIX = 'x-amz-checksum-';

const crc32Base64 = (payload: Buffer): string => {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(payload));
  return digest.toString('base64');
};

/**
 * Algorithms Node can compute without extra packages. CRC32C and CRC64NVME are accepted but not
 * checked, so a client configured for them still works.
 */
const CHECKSUM_FUNCTIONS: Readonly<Record<string, (payload: Buffer) => string>> = {
  crc32: crc32Base64,
  sha1: (payload) => createHash('sha1').update(payload).digest('base64'),
  sha256: (payload) => createHash('sha256').update(payload).digest('base64'),
};

/**
 * Checks every `x-amz-checksum-*` value (from headers or aws-chunked trailers) and the
 * `Content-MD5` header against the payload, failing the way S3 does on a mismatch. Returns the
 * checksums it verified, so GetObject can hand them back for the SDK to validate in turn.
 */
export const verifyChecksums = (
  payload: Buffer,
  provided: Readonly<Record<string, string | undefined>>,
): Record<string, string> => {
  const verified: Record<string, string> = {};
  for (const [name, value] of Object.entries(provided)) {
    if (!name.startsWith(CHECKSUM_HEADER_PREFIX) || value === undefined) {
      continue;
    }
    const algorithm = name.slice(CHECKSUM_HEADER_PREFIX.length);
    const compute = CHECKSUM_FUNCTIONS[algorithm];
    if (compute === undefined) {
      continue;
    }
    if (compute(payload) !== value) {
      throw new ServiceError(
        400,
        'BadDigest',
        `The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`,
      );
    }
    verified[name] = value;
  }
  const md5 = provided['content-md5'];
  if (md5 !== undefined && createHash('md5').update(payload).digest('base64') !== md5) {
    throw new ServiceError(
      400,
      'BadDigest',
      'The Content-MD5 you specified did not match what we received.',
    );
  }
  return verified;
};
