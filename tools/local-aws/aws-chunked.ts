import { ServiceError } from './service-error.js';

/** The payload inside an aws-chunked body, and the trailing headers that followed it. */
export interface AwsChunkedBody {
  readonly payload: Buffer;
  /** Trailer headers, such as `x-amz-checksum-crc32`, keyed by lower-cased name. */
  readonly trailers: Readonly<Record<string, string>>;
}

const CRLF = Buffer.from('\r\n');

const malformed = (detail: string): ServiceError =>
  new ServiceError(400, 'IncompleteBody', `The aws-chunked body is malformed: ${detail}.`);

const lineAt = (body: Buffer, offset: number): { line: string; next: number } => {
  const end = body.indexOf(CRLF, offset);
  if (end < 0) {
    throw malformed(`missing line end after byte ${offset}`);
  }
  return { line: body.subarray(offset, end).toString('latin1'), next: end + CRLF.length };
};

/**
 * Unwraps the `aws-chunked` content encoding that SDK v3 uses for streaming uploads with
 * trailing checksums: `<hex size>[;extensions]CRLF <bytes> CRLF`, repeated, then a zero-size
 * chunk, trailer lines and an empty line. Chunk signatures, if any, are not checked.
 *
 * @example
 * decodeAwsChunked(Buffer.from('3\r\nabc\r\n0\r\nx-amz-checksum-crc32:NSRBwg==\r\n\r\n'))
 * // { payload: <Buffer 61 62 63>, trailers: { 'x-amz-checksum-crc32': 'NSRBwg==' } }
 */
export const decodeAwsChunked = (body: Buffer): AwsChunkedBody => {
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const { line, next } = lineAt(body, offset);
    const size = Number.parseInt(line.split(';', 1)[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) {
      throw malformed(`bad chunk size "${line}"`);
    }
    if (size === 0) {
      offset = next;
      break;
    }
    if (
      next + size + CRLF.length > body.length ||
      !body
        .subarray(next + size)
        .subarray(0, 2)
        .equals(CRLF)
    ) {
      throw malformed(`chunk of ${size} bytes at byte ${next} is truncated`);
    }
    chunks.push(body.subarray(next, next + size));
    offset = next + size + CRLF.length;
  }
  const trailers: Record<string, string> = {};
  while (offset < body.length) {
    const { line, next } = lineAt(body, offset);
    offset = next;
    if (line === '') {
      break;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw malformed(`bad trailer "${line}"`);
    }
    trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(chunks), trailers };
};
