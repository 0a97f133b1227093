// P6's handler modules (tools/bench/cold-start.ts writes each into .tmp/cold-start/ and bundles
// it): each builds its first S3 client at module scope, the way a handler does.

/** Put before a handler: Powertools Logger and Metrics, built as a handler builds its own. */
export const POWERTOOLS = `import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
export const logger = new Logger();
export const metrics = new Metrics({ namespace: 'Bench' });
`;
/** The two sides P6 compares: the cache's getter, and the SDK's client built at module scope. */
export const HANDLERS: Record<'cache' | 'sdk', string> = {
  cache: `import { getS3Client } from 'aws-client-cache/s3';
export const client = getS3Client({ region: 'us-east-1' });`,
  sdk: `import { S3Client } from '@aws-sdk/client-s3';
export const client = new S3Client({ region: 'us-east-1' });`,
};

/**
 * `--floor`: in place of the cache's handler, one that loads only what the
 * cache cannot do without (`@smithy/node-http-handler`, which its pooled
 * handler extends, the way the ESM build reaches it: `#node-http-handler`,
 * which the handler module resolves through the package's own `imports`,
 * being inside it) and builds its client with `new S3Client`: the least any
 * cache built on it could cost, measured the same way. (Until 2026-12-03
 * the floor held `lru-cache` and a store of the default size too.)
 */
export const FLOOR_HANDLER = `import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '#node-http-handler';
export const baseHandler = NodeHttpHandler;
export const client = new S3Client({ region: 'us-east-1' });`;

/**
 * `--inert`: in place of the cache's handler, the SDK's handler carrying the
 * package's own code, as a handler of `aws-client-cache/s3` loads it, inside
 * a function that never runs (`inert-package.mjs`, which cold-start.ts writes
 * beside it). What that code costs a cold start to read and compile, with
 * none of it run: the part of the cache's figure that only less code would
 * lower.
 */
export const INERT_HANDLER = `import { S3Client } from '@aws-sdk/client-s3';
import { inert } from './inert-package.mjs';
export const neverRun = inert;
export const client = new S3Client({ region: 'us-east-1' });`;
