import { createHash, randomBytes } from 'node:crypto';
import { decodeAwsChunked } from './aws-chunked.js';
import { verifyChecksums } from './s3-checksums.js';
import { ServiceError } from './service-error.js';
import {
  type HandlerContext,
  headerValue,
  type ServiceHandler,
  type ServiceRequest,
  type ServiceResponse,
} from './service-handler.js';
import { objectKey, type StoredObject } from './state.js';
import { escapeXml, XML_DECLARATION, xmlElement } from './xml.js';

const METADATA_PREFIX = 'x-amz-meta-';
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

/** Path-style addressing: `/{bucket}/{key...}`, the key keeping its slashes. */
const locationOf = (request: ServiceRequest): S3Location => {
  const [, bucket = '', ...keySegments] = request.url.pathname.split('/');
  return {
    bucket: decodeURIComponent(bucket),
    key: keySegments.map((segment) => decodeURIComponent(segment)).join('/'),
  };
};

const isUnsupportedObjectRequest = (request: ServiceRequest): boolean =>
  headerValue(request, 'x-amz-copy-source') !== undefined ||
  ['uploads', 'uploadId', 'partNumber', 'tagging', 'acl'].some((name) =>
    request.url.searchParams.has(name),
  );

const OBJECT_ACTIONS: Readonly<Record<string, string>> = {
  PUT: 'PutObject',
  GET: 'GetObject',
  HEAD: 'HeadObject',
  DELETE: 'DeleteObject',
};

const BUCKET_ACTIONS: Readonly<Record<string, string>> = {
  PUT: 'CreateBucket',
  HEAD: 'HeadBucket',
};

/** The payload the client meant, unwrapping aws-chunked framing and merging its trailers. */
const decodedUpload = (request: ServiceRequest) => {
  const isAwsChunked =
    (headerValue(request, 'content-encoding') ?? '').includes('aws-chunked') ||
    (headerValue(request, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  const { payload, trailers } = isAwsChunked
    ? decodeAwsChunked(request.body)
    : { payload: request.body, trailers: {} };
  const declaredLength = headerValue(request, 'x-amz-decoded-content-length');
  if (isAwsChunked && declaredLength !== undefined && Number(declaredLength) !== payload.length) {
    throw new ServiceError(
      400,
      'IncompleteBody',
      'You did not provide the number of bytes specified.',
    );
  }
  return {
    payload,
    checksums: { ...request.headers, ...trailers } as Record<string, string | undefined>,
  };
};

const putObject = (request: ServiceRequest, context: HandlerContext): ServiceResponse => {
  const { bucket, key } = locationOf(request);
  const { payload, checksums } = decodedUpload(request);
  const verified = verifyChecksums(payload, checksums);
  const metadata = Object.fromEntries(
    Object.entries(request.headers)
      .filter(([name]) => name.startsWith(METADATA_PREFIX))
      .map(([name, value]) => [name.slice(METADATA_PREFIX.length), String(value)]),
  );
  const stored: StoredObject = {
    bucket,
    key,
    body: payload,
    contentType: headerValue(request, 'content-type') ?? DEFAULT_CONTENT_TYPE,
    metadata,
    etag: `"${createHash('md5').update(payload).digest('hex')}"`,
    checksums: verified,
    lastModified: new Date(context.now()),
  };
  context.state.objects.set(objectKey(bucket, key), stored);
  return { status: 200, headers: { etag: stored.etag, ...checksumHeaders(stored) } };
};

const checksumHeaders = (stored: StoredObject): Record<string, string> =>
  Object.keys(stored.checksums).length === 0
    ? {}
    : { ...stored.checksums, 'x-amz-checksum-type': 'FULL_OBJECT' };

const storedObject = (request: ServiceRequest, context: HandlerContext): StoredObject => {
  const { bucket, key } = locationOf(request);
  const stored = context.state.objects.get(objectKey(bucket, key));
  if (stored === undefined) {
    throw new ServiceError(404, 'NoSuchKey', 'The specified key does not exist.');
  }
  return stored;
};

/** GetObject and HeadObject share headers; the SDK validates checksums only when it asked for them. */
const objectResponse = (request: ServiceRequest, stored: StoredObject): ServiceResponse => ({
  status: 200,
  headers: {
    'content-type': stored.contentType,
    'content-length': String(stored.body.length),
    etag: stored.etag,
    'last-modified': stored.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...Object.fromEntries(
      Object.entries(stored.metadata).map(([name, value]) => [`${METADATA_PREFIX}${name}`, value]),
    ),
    ...(headerValue(request, 'x-amz-checksum-mode') === 'ENABLED' ? checksumHeaders(stored) : {}),
  },
  body: request.method === 'HEAD' ? undefined : stored.body,
});

/** S3 over REST-XML, path-style addressing only. */
export const createS3Handler = (context: HandlerContext): ServiceHandler => ({
  requestIdHeader: 'x-amz-request-id',

  actionOf(request) {
    const { bucket, key } = locationOf(request);
    if (bucket === '') {
      return 'ListBuckets';
    }
    if (key === '') {
      return BUCKET_ACTIONS[request.method] ?? 'Unknown';
    }
    return isUnsupportedObjectRequest(request)
      ? 'Unknown'
      : (OBJECT_ACTIONS[request.method] ?? 'Unknown');
  },

  handle(request, action) {
    switch (action) {
      case 'PutObject':
        return putObject(request, context);
      case 'GetObject':
      case 'HeadObject':
        return objectResponse(request, storedObject(request, context));
      case 'DeleteObject': {
        const { bucket, key } = locationOf(request);
        context.state.objects.delete(objectKey(bucket, key));
        return { status: 204 };
      }
      case 'CreateBucket':
        return { status: 200, headers: { location: `/${locationOf(request).bucket}` } };
      case 'HeadBucket':
        return { status: 200 };
      default:
        throw new ServiceError(
          501,
          'NotImplemented',
          'The local endpoint does not implement this S3 operation.',
        );
    }
  },

  renderError(error, request) {
    const hostId = randomBytes(24).toString('base64');
    const body =
      XML_DECLARATION +
      xmlElement(
        'Error',
        xmlElement('Code', escapeXml(error.code)) +
          xmlElement('Message', escapeXml(error.message)) +
          xmlElement('RequestId', request.requestId) +
          xmlElement('HostId', hostId),
      );
    return {
      status: error.status,
      headers: {
        'content-type': 'application/xml',
        'x-amz-id-2': hostId,
      },
      body: request.method === 'HEAD' ? undefined : body,
    };
  },
});
