/**
 * Covers the cache's OpenTelemetry spans through a real SDK (BasicTracerProvider,
 * in-memory exporter, AsyncLocalStorage context): a miss is a child span of
 * the active span with the same name as its X-Ray subsegment and namespaced
 * attributes; a hit is traced only when asked; spans follow each concurrent
 * invocation's own active span; a failed refresh carries error status and
 * the exception; each span ends exactly once; clients are not instrumented.
 */
import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ClientCacheCredentialsError,
  configureClientCache,
  getS3Client,
  OpenTelemetryAttribute,
  TraceName,
} from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useOtelTracing } from '../../support/otel-tracing.js';
import { refreshingThroughObserver } from '../../support/refreshing.js';

const otel = useOtelTracing();
const quiet = { debug: () => undefined, warn: () => undefined };
const MISS_S3 = `${TraceName.Miss} S3`;
const HIT_S3 = `${TraceName.Hit} S3`;
const ROLE = 'arn:aws:iam::123456789012:role/OtelRole';
const HOUR = 3_600_000;

useFreshCache();

/** Runs `work` as a handler would, inside an active span, and ends it. */
function inHandler<Result>(name: string, work: (span: Span) => Result): Result {
  return otel.provider.getTracer('handler').startActiveSpan(name, (span) => {
    try {
      return work(span);
    } finally {
      span.end();
    }
  });
}

const named = (name: string) => otel.spans().filter((span) => span.name === name);

it('records a miss as an ended child span of the active span, with its attributes', () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });

  // Act
  const handler = inHandler('handler', (span) => {
    getS3Client({ region: 'eu-west-1' });
    return span.spanContext();
  });

  // Assess
  const [miss, ...others] = named(MISS_S3);
  expect(others).toEqual([]);
  expect(miss?.parentSpanContext?.spanId).toBe(handler.spanId);
  expect(miss?.spanContext().traceId).toBe(handler.traceId);
  expect(miss?.kind).toBe(SpanKind.INTERNAL);
  expect(miss?.ended).toBe(true);
  expect(miss?.status.code).toBe(SpanStatusCode.UNSET);
  expect(miss?.attributes).toEqual({
    'aws_client_cache.client_type': 'S3',
    'aws_client_cache.region': 'eu-west-1',
    'aws_client_cache.cache_result': 'miss',
    'aws_client_cache.evicted': false,
    'aws_client_cache.creation_ms': expect.any(Number),
  });
  expect(Object.keys(miss?.attributes ?? {}).sort()).toEqual(
    Object.values(OpenTelemetryAttribute)
      .filter((name) => !/source|refresh_mode/.test(name))
      .sort(),
  );
  expect(otel.diagnostics).toEqual([]);
});

it('opens a root span when no span is active: startSpan parents on the active context only', () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });

  // Act
  getS3Client({ region: 'eu-west-1' });

  // Assess
  const [miss] = named(MISS_S3);
  expect(miss).toBeDefined();
  expect(miss?.parentSpanContext).toBeUndefined();
});

it('parents each concurrent invocation’s miss on that invocation’s own span, across awaits', async () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });
  const regions = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1'];
  const tracer = otel.provider.getTracer('handler');

  // Act: every invocation awaits before it asks, so their contexts interleave
  const handlers = await Promise.all(
    regions.map((region, index) =>
      tracer.startActiveSpan(`handler ${region}`, async (span) => {
        await new Promise((resolve) => setTimeout(resolve, (regions.length - index) * 2));
        getS3Client({ region });
        span.end();
        return { region, spanId: span.spanContext().spanId };
      }),
    ),
  );

  // Assess
  const misses = named(MISS_S3);
  expect(misses).toHaveLength(regions.length);
  for (const { region, spanId } of handlers) {
    const miss = misses.find((span) => span.attributes['aws_client_cache.region'] === region);
    expect(miss?.parentSpanContext?.spanId).toBe(spanId);
  }
});

it('traces no hit without traceHits', () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });
  getS3Client();

  // Act
  inHandler('handler', () => getS3Client());

  // Assess
  expect(named(MISS_S3)).toHaveLength(1);
  expect(named(HIT_S3)).toEqual([]);
});

it('traces a hit as a child of the active span with traceHits', () => {
  // Prepare
  configureClientCache({
    tracer: otel.provider.getTracer('my-service'),
    traceHits: true,
    logger: quiet,
  });
  getS3Client();

  // Act
  const handler = inHandler('handler', (span) => {
    getS3Client();
    return span.spanContext();
  });

  // Assess
  const [hit, ...others] = named(HIT_S3);
  expect(others).toEqual([]);
  expect(hit?.parentSpanContext?.spanId).toBe(handler.spanId);
  expect(hit?.ended).toBe(true);
  expect(hit?.attributes).toEqual({
    'aws_client_cache.client_type': 'S3',
    'aws_client_cache.cache_result': 'hit',
  });
});

it('records each credential refresh with its source and mode, and no credential', async () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });
  let now = Date.now();
  const secrets = {
    accessKeyId: 'ASIAOTELUNITTEST0001',
    secretAccessKey: 'otel-unit-secret-access-key-0123456789',
    sessionToken: 'otel-unit-session-token-abcdefghijklmnop',
  };
  const credentials = refreshingThroughObserver(
    ROLE,
    async () => ({ ...secrets, expiration: new Date(now + HOUR) }),
    () => now,
    { logger: quiet, tracer: otel.provider.getTracer('my-service') },
  );

  // Act
  await credentials.provide();
  now += HOUR - 60_000;
  await credentials.provide();

  // Assess
  const refreshes = named(TraceName.CredentialRefresh);
  expect(refreshes.map((span) => span.attributes)).toEqual([
    { 'aws_client_cache.source': ROLE, 'aws_client_cache.refresh_mode': 'initial' },
    { 'aws_client_cache.source': ROLE, 'aws_client_cache.refresh_mode': 'mandatory' },
  ]);
  expect(refreshes.every((span) => span.ended && span.status.code === SpanStatusCode.UNSET)).toBe(
    true,
  );
  const text = JSON.stringify(otel.spans().map((span) => [span.attributes, span.events]));
  for (const secret of Object.values(secrets)) expect(text).not.toContain(secret);
});

it('marks a failed refresh with error status and the exception, and ends it once', async () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });
  const credentials = refreshingThroughObserver(
    ROLE,
    async () => {
      throw new Error('upstream unavailable');
    },
    Date.now,
    { logger: quiet, tracer: otel.provider.getTracer('my-service') },
  );

  // Act
  const failure = await inHandler('handler', () => credentials.provide()).catch(
    (error: unknown) => error,
  );

  // Assess
  expect(failure).toBeInstanceOf(ClientCacheCredentialsError);
  const [refresh, ...others] = named(TraceName.CredentialRefresh);
  expect(others).toEqual([]);
  expect(refresh?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'upstream unavailable' });
  expect(refresh?.events.map((event) => event.name)).toEqual(['exception']);
  expect(refresh?.events[0]?.attributes).toMatchObject({
    'exception.type': 'Error',
    'exception.message': 'upstream unavailable',
  });
  expect(refresh?.ended).toBe(true);
  expect(otel.diagnostics).toEqual([]);
});

it('leaves clients to the OpenTelemetry AWS SDK instrumentation: no X-Ray middleware', () => {
  // Prepare
  configureClientCache({ tracer: otel.provider.getTracer('my-service'), logger: quiet });

  // Act
  const client = inHandler('handler', () => getS3Client());

  // Assess
  expect(client.middlewareStack.identify().filter((entry) => /xray/i.test(entry))).toEqual([]);
});

it('traces nothing, and still works, with the API alone and no SDK registered', () => {
  // Prepare: the global API tracer without a provider is a no-op
  configureClientCache({ tracer: trace.getTracer('my-service') });

  // Act
  const client = getS3Client();

  // Assess
  expect(typeof client.send).toBe('function');
  expect(otel.spans()).toEqual([]);
});

it('warns once and traces nothing for a tracer of neither kind', () => {
  // Prepare
  const warnings: string[] = [];
  const logger = { debug: () => undefined, warn: (message: string) => warnings.push(message) };

  // Act
  configureClientCache({ tracer: { startSpan: () => undefined } as never, logger });
  const client = getS3Client();

  // Assess
  expect(typeof client.send).toBe('function');
  expect(warnings.filter((line) => line.includes('tracer'))).toHaveLength(1);
});
