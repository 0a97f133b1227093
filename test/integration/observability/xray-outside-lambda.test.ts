/**
 * Covers tracing outside Lambda, against the real X-Ray SDK and Powertools
 * Tracer: with no Lambda environment, and with tracing switched on but no
 * segment to attach to, getters neither throw nor write anything per call,
 * and nothing reaches the daemon.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { configureClientCache, getClientCacheStats, getS3Client } from '../../../src/all.js';
import { captureDuring } from '../../support/capture-output.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { startXRayDaemon, TRACER_OPTIONS, type XRayDaemon } from '../../support/xray-daemon.js';

const LAMBDA_VARS = [
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'LAMBDA_TASK_ROOT',
  '_X_AMZN_TRACE_ID',
  'AWS_XRAY_CONTEXT_MISSING',
  'POWERTOOLS_TRACE_ENABLED',
] as const;

let daemon: XRayDaemon;
let TracerClass: typeof Tracer;

beforeAll(async () => {
  daemon = await startXRayDaemon();
  setEnv({
    ...Object.fromEntries(LAMBDA_VARS.map((name) => [name, undefined])),
    AWS_XRAY_DAEMON_ADDRESS: daemon.address,
    AWS_REGION: 'us-east-1',
  });
  // Imported only now, so the X-Ray SDK starts outside its Lambda mode.
  ({ Tracer: TracerClass } = await import('@aws-lambda-powertools/tracer'));
});

// Env set in beforeAll stays for the whole file (jest gives each file its own process.env).
useFreshCache();

beforeEach(() => {
  daemon.clear();
});

afterAll(() => daemon.close());

// The no-segment case runs first: constructing a disabled Tracer silences the
// X-Ray SDK's missing-context handler for the rest of the file.

/** Misses, hits (traced when asked) and an eviction: every path that may open a subsegment. */
function exerciseGetters(): number {
  getS3Client({ region: 'eu-west-1' });
  for (let call = 0; call < 100; call++) getS3Client({ region: 'eu-west-1' });
  getS3Client({ region: 'eu-west-2' });
  const { hits, misses } = getClientCacheStats();
  return hits + misses;
}

it('traces nothing and writes nothing per call when tracing is on but there is no segment', async () => {
  // Prepare: any AWS_EXECUTION_ENV (ECS sets one) switches Powertools tracing
  // on, but outside a Lambda sandbox there is no facade segment.
  setEnv({ AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE' });
  const tracer = new TracerClass(TRACER_OPTIONS);
  configureClientCache({ tracer, traceHits: true, maxEntries: 1 });

  // Act
  const { result: calls, output } = await captureDuring(exerciseGetters);
  const documents = await daemon.settle(150);

  // Assess
  expect(tracer.isTracingEnabled()).toBe(true);
  expect(calls).toBe(102);
  expect(output.all).toBe('');
  expect(documents).toEqual([]);
});

it('traces nothing and writes nothing per call with no Lambda environment', async () => {
  // Prepare
  const tracer = new TracerClass(TRACER_OPTIONS);
  configureClientCache({ tracer, traceHits: true, maxEntries: 1 });

  // Act
  const { result: calls, output } = await captureDuring(exerciseGetters);
  const documents = await daemon.settle(150);

  // Assess
  expect(tracer.isTracingEnabled()).toBe(false);
  expect(calls).toBe(102);
  expect(output.all).toBe('');
  expect(documents).toEqual([]);
});
