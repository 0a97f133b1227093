/**
 * Covers the rule that tracing never breaks or changes a getter or a
 * credential fetch: whichever method of an OpenTelemetry tracer (real SDK
 * underneath) or of a Powertools-shaped X-Ray tracer throws, or hands back
 * an odd value, a miss still returns its client (and caches it), a failing
 * creation still throws its own error, a refresh still resolves with the
 * credentials STS gave or fails with STS's error, and each unit opened is
 * ended exactly once. The model test (tracing-model.test.ts) checks the same
 * under overlapping invocations.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { CredentialIdentity } from '../../../src/all.js';
import type { ClientCacheTracer } from '../../../src/observability/tracing.js';
import {
  chainText,
  faultyOtelTracer,
  faultyXRayTracer,
  SPAN_FAULTS,
  SUBSEGMENT_FAULTS,
  TracerFault,
} from '../../support/faulty-tracers.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useOtelTracing } from '../../support/otel-tracing.js';
import { refreshingThroughObserver } from '../../support/refreshing.js';

const otel = useOtelTracing();
const caches = useFreshCache();
const quiet = { debug: () => undefined, warn: () => undefined };
const ROLE = 'arn:aws:iam::123456789012:role/FaultyTracer';
const START = Date.UTC(2026, 0, 1);
const ISSUED: CredentialIdentity = {
  accessKeyId: 'ASIAFAULTYTRACER',
  secretAccessKey: 'faulty-tracer-secret',
  sessionToken: 'faulty-tracer-token',
  expiration: new Date(START + 3_600_000),
};
/** Static credentials that expired a minute before the cache's clock: creation fails. */
const EXPIRED = { ...ISSUED, expiration: new Date(START - 60_000) };

/** What `action` threw, as its class name and message; undefined when it returned. */
function thrownBy(action: () => unknown): { name: string; message: string } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
}

const tracers = [
  ...SPAN_FAULTS.map((fault) => {
    const faulty = faultyOtelTracer(otel.provider.getTracer('faulty'));
    faulty.fault = fault;
    return {
      label: `OpenTelemetry, ${fault} failing`,
      tracer: faulty.tracer as ClientCacheTracer,
      ends: () => faulty.opened.map((opened) => opened.ends),
    };
  }),
  ...SUBSEGMENT_FAULTS.map((fault) => {
    const faulty = faultyXRayTracer();
    faulty.fault = fault;
    return {
      label: `X-Ray, ${fault} failing`,
      tracer: faulty.tracer as ClientCacheTracer,
      ends: () => faulty.opened.map((opened) => opened.closes),
    };
  }),
];

describe.each(tracers)('with a tracer whose $label', ({ tracer, ends }) => {
  it('returns and caches the client of a miss, and ends what it opened once', () => {
    // Prepare
    const cache = caches.cache({ tracer, logger: quiet, traceHits: true });

    // Act
    let client: S3Client | undefined;
    const thrown = thrownBy(() => {
      client = cache.getClient(S3Client, { region: 'eu-west-1' });
    });

    // Assess
    expect(thrown).toBeUndefined();
    expect(client).toBeInstanceOf(S3Client);
    expect(cache.getClient(S3Client, { region: 'eu-west-1' })).toBe(client);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1 });
    expect(ends().filter((count) => count !== 1)).toEqual([]);
  });

  it('throws a failing creation’s own error, not the tracer’s', () => {
    // Prepare
    const config = { region: 'eu-west-1', credentials: EXPIRED };
    const untraced = caches.cache({ now: () => START, logger: quiet });
    const traced = caches.cache({ now: () => START, tracer, logger: quiet });

    // Act
    const expected = thrownBy(() => untraced.getClient(S3Client, config));
    const actual = thrownBy(() => traced.getClient(S3Client, config));

    // Assess
    expect(expected?.name).toBe('ClientCacheCredentialsError');
    expect(actual).toEqual(expected);
    expect(ends().filter((count) => count !== 1)).toEqual([]);
  });

  it('hands out the credentials STS gave, and fails a refresh with STS’s error only', async () => {
    // Prepare
    let stsFails = false;
    const fetch = async () => {
      if (stsFails) throw new Error('STS is down');
      return ISSUED;
    };
    const credentials = refreshingThroughObserver(ROLE, fetch, () => START, {
      logger: quiet,
      tracer,
    });
    const failing = refreshingThroughObserver(`${ROLE}-down`, fetch, () => START, {
      logger: quiet,
      tracer,
    });

    // Act
    const fetched = await credentials.provide();
    stsFails = true;
    const failure = await failing.provide().then(
      () => undefined,
      (error: unknown) => error,
    );

    // Assess
    expect(fetched).toEqual(ISSUED);
    expect(chainText(failure)).toBe(
      `ClientCacheCredentialsError: Could not get credentials for ${ROLE}-down <- Error: STS is down`,
    );
    expect(chainText(failure)).not.toContain(TracerFault.name);
    expect(ends().filter((count) => count !== 1)).toEqual([]);
  });
});
