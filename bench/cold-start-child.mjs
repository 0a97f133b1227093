// One cold start, in a fresh process: Powertools Logger and Metrics are
// already loaded (as in a Lambda that uses them), then the timed part:
// import the S3 client, through the cache or directly, and build the first
// client. Either from node_modules, or from a bundle (`argv[3]`) that
// esbuild made as CDK's NodejsFunction would. Prints the milliseconds.
// Tracing is off: nothing loads it.
import '@aws-lambda-powertools/logger';
import '@aws-lambda-powertools/metrics';

const [variant, bundle] = process.argv.slice(2);
const started = performance.now();
if (bundle !== undefined) {
  await import(bundle);
} else if (variant === 'cache') {
  const { getS3Client } = await import('aws-client-cache/s3');
  getS3Client({ region: 'us-east-1' });
} else {
  const { S3Client } = await import('@aws-sdk/client-s3');
  new S3Client({ region: 'us-east-1' });
}
console.log((performance.now() - started).toFixed(3));
