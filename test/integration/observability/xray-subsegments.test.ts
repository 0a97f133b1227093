/**
 * Covers the cache's X-Ray subsegments against the real X-Ray SDK and
 * Powertools Tracer, in a Lambda-like environment whose daemon is a local UDP
 * listener: a miss becomes `ClientCache.miss <type>` under the facade segment
 * with its annotations and creation time; a hit is traced only when asked;
 * a client is instrumented once, at creation; and with tracing disabled
 * nothing is sent and nothing is written.
 */
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { configureClientCache, getS3Client, TraceName } from '../../../src/all.js';
import { captureDuring } from '../../support/capture-output.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import {
  lambdaTracingEnv,
  newTraceContext,
  startXRayDaemon,
  TRACER_OPTIONS,
  type TraceContext,
  type XRayDaemon,
  type XRayDocument,
} from '../../support/xray-daemon.js';

const MISS_S3 = `${TraceName.Miss} S3`;
const HIT_S3 = `${TraceName.Hit} S3`;
/** The name `captureAWSv3Client` gives its middleware in the client's stack. */
const XRAY_MIDDLEWARE = 'XRaySDKInstrumentation';

let daemon: XRayDaemon;
let TracerClass: typeof Tracer;
let trace: TraceContext;

beforeAll(async () => {
  daemon = await startXRayDaemon();
  setEnv(lambdaTracingEnv(daemon, newTraceContext()));
  // Imported only now: the X-Ray SDK picks its Lambda mode and daemon address at import.
  ({ Tracer: TracerClass } = await import('@aws-lambda-powertools/tracer'));
});

// Env set in beforeAll stays for the whole file (jest gives each file its own process.env).
useFreshCache();

beforeEach(() => {
  // A new trace per test, as Lambda sets one per invocation.
  trace = newTraceContext();
  setEnv({ _X_AMZN_TRACE_ID: trace.header });
  daemon.clear();
});

afterAll(() => daemon.close());

/** This test's documents: datagrams from earlier tests may still be arriving. */
function ofThisTrace(documents: readonly XRayDocument[]): XRayDocument[] {
  return documents.filter((document) => document.trace_id === trace.root);
}

function named(name: string): (documents: readonly XRayDocument[]) => boolean {
  return (documents) => ofThisTrace(documents).some((document) => document.name === name);
}

function xrayMiddlewares(client: { middlewareStack: { identify(): string[] } }): string[] {
  return client.middlewareStack.identify().filter((entry) => entry.includes(XRAY_MIDDLEWARE));
}

describe('with tracing enabled', () => {
  let tracer: Tracer;

  beforeEach(() => {
    tracer = new TracerClass(TRACER_OPTIONS);
  });

  it('records a miss as a subsegment of the facade segment, with annotations and creation time', async () => {
    // Prepare
    configureClientCache({ tracer });

    // Act
    getS3Client({ region: 'eu-west-1' });
    const documents = await daemon.waitFor(named(MISS_S3));

    // Assess
    const misses = ofThisTrace(documents).filter((document) => document.name === MISS_S3);
    expect(misses).toHaveLength(1);
    const [miss] = misses as [XRayDocument];
    expect(miss.type).toBe('subsegment');
    expect(miss.trace_id).toBe(trace.root);
    expect(miss.parent_id).toBe(trace.parent);
    expect(miss.in_progress).toBeFalsy();
    expect(miss.end_time).toBeGreaterThanOrEqual(miss.start_time ?? Number.NaN);
    expect(miss.annotations).toEqual({
      ClientType: 'S3',
      Region: 'eu-west-1',
      CacheResult: 'miss',
      Evicted: false,
    });
    expect(miss.metadata?.default?.creationMs).toEqual(expect.any(Number));
    expect(miss.metadata?.default?.creationMs).toBeGreaterThanOrEqual(0);
    expect(daemon.malformed).toEqual([]);
  });

  it('annotates Evicted true when storing the new client pushed another out', async () => {
    // Prepare
    configureClientCache({ tracer, maxEntries: 1 });
    getS3Client({ region: 'eu-west-1' });
    await daemon.waitFor(named(MISS_S3));
    daemon.clear();

    // Act
    getS3Client({ region: 'eu-west-2' });
    const documents = await daemon.waitFor(named(MISS_S3));

    // Assess
    expect(ofThisTrace(documents).map((document) => document.annotations)).toEqual([
      { ClientType: 'S3', Region: 'eu-west-2', CacheResult: 'miss', Evicted: true },
    ]);
  });

  it('records no subsegment for a hit by default', async () => {
    // Prepare
    configureClientCache({ tracer });
    getS3Client();
    await daemon.waitFor(named(MISS_S3));
    daemon.clear();

    // Act
    for (let call = 0; call < 5; call++) getS3Client();
    const documents = await daemon.settle(150);

    // Assess
    expect(ofThisTrace(documents)).toEqual([]);
  });

  it('records a hit subsegment when traceHits is set', async () => {
    // Prepare
    configureClientCache({ tracer, traceHits: true });
    getS3Client();
    await daemon.waitFor(named(MISS_S3));
    daemon.clear();

    // Act
    getS3Client();
    const documents = await daemon.waitFor(named(HIT_S3));

    // Assess
    expect(ofThisTrace(documents)).toHaveLength(1);
    expect(ofThisTrace(documents)[0]).toMatchObject({
      trace_id: trace.root,
      parent_id: trace.parent,
      annotations: { ClientType: 'S3', CacheResult: 'hit' },
    });
  });

  it('instruments a client once, at creation: a thousand hits leave one X-Ray middleware', () => {
    // Prepare
    configureClientCache({ tracer });
    const client = getS3Client();

    // Act
    const hits = Array.from({ length: 1000 }, () => getS3Client());

    // Assess
    expect(hits.every((hit) => hit === client)).toBe(true);
    expect(xrayMiddlewares(client)).toHaveLength(1);
  });

  it('never re-instruments on a hit', () => {
    // Prepare: take the instrumentation off, so any re-capture on a hit would show.
    configureClientCache({ tracer });
    const client = getS3Client();
    client.middlewareStack.remove(XRAY_MIDDLEWARE);

    // Act
    for (let call = 0; call < 1000; call++) getS3Client();

    // Assess
    expect(xrayMiddlewares(client)).toEqual([]);
  });
});

describe('with tracing disabled', () => {
  it('sends nothing and writes nothing, per call', async () => {
    // Prepare
    setEnv({ POWERTOOLS_TRACE_ENABLED: 'false' });
    const tracer = new TracerClass(TRACER_OPTIONS);
    configureClientCache({ tracer, traceHits: true, maxEntries: 1 });

    // Act
    const { result: client, output } = await captureDuring(() => {
      const first = getS3Client({ region: 'eu-west-1' });
      for (let call = 0; call < 100; call++) getS3Client({ region: 'eu-west-1' });
      getS3Client({ region: 'eu-west-2' });
      return first;
    });
    const documents = await daemon.settle(150);

    // Assess
    expect(ofThisTrace(documents)).toEqual([]);
    expect(output.all).toBe('');
    expect(xrayMiddlewares(client)).toEqual([]);
  });
});
