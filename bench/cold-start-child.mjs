// One cold start, in a fresh process: Powertools Logger and Metrics are
// already loaded (as in a Lambda that uses them), then the timed part: the
// runtime importing the handler module (`argv[2]`, a file URL), which
// imports the S3 client, through the cache or directly, and builds the
// first client. Both sides import a module of their own, as a Lambda
// runtime does: Node's first import of a file outside node_modules costs
// about 10 ms on its own, and it must not fall on one side only.
// Tracing is off: nothing loads it. Prints the milliseconds.
import '@aws-lambda-powertools/logger';
import '@aws-lambda-powertools/metrics';

const started = performance.now();
await import(process.argv[2]);
console.log((performance.now() - started).toFixed(3));
