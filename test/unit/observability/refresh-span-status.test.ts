/**
 * Covers the rule that a credential refresh's trace unit says how the refresh
 * ended: credentials that come back already expired fail the refresh (the
 * caller gets `ClientCacheCredentialsError`, the failure is counted and
 * logged), so its span carries error status and the exception, and its
 * X-Ray subsegment the error, each ended once. Found by the tracing model
 * (tracing-model.test.ts).
 */
import { SpanStatusCode } from '@opentelemetry/api';
import {
  ClientCacheCredentialsError,
  type CredentialIdentity,
  TraceName,
} from '../../../src/all.js';
import { faultyXRayTracer } from '../../support/faulty-tracers.js';
import { useOtelTracing } from '../../support/otel-tracing.js';
import { refreshingThroughObserver } from '../../support/refreshing.js';

const otel = useOtelTracing();
const quiet = { debug: () => undefined, warn: () => undefined };
const ROLE = 'arn:aws:iam::123456789012:role/ExpiredOnArrival';
const NOW = Date.UTC(2026, 0, 1);
const ALREADY_EXPIRED: CredentialIdentity = {
  accessKeyId: 'ASIAEXPIREDONARRIVAL',
  secretAccessKey: 'expired-on-arrival-secret',
  sessionToken: 'expired-on-arrival-token',
  expiration: new Date(NOW - 1_000),
};

it('marks the span of a refresh whose credentials came back expired as failed', async () => {
  // Prepare
  const tracer = otel.provider.getTracer('cache');
  const credentials = refreshingThroughObserver(
    ROLE,
    async () => ALREADY_EXPIRED,
    () => NOW,
    {
      logger: quiet,
      tracer,
    },
  );

  // Act
  const failure = await credentials.provide().then(
    () => undefined,
    (error: unknown) => error,
  );

  // Assess
  expect(failure).toBeInstanceOf(ClientCacheCredentialsError);
  const [refresh, ...others] = otel
    .spans()
    .filter((span) => span.name === TraceName.CredentialRefresh);
  expect(others).toEqual([]);
  expect(refresh?.status).toEqual({
    code: SpanStatusCode.ERROR,
    message: (failure as Error).message,
  });
  expect(refresh?.events.map((event) => event.name)).toEqual(['exception']);
  expect(otel.diagnostics).toEqual([]);
});

it('adds the error to the subsegment of a refresh whose credentials came back expired', async () => {
  // Prepare
  const xray = faultyXRayTracer();
  const credentials = refreshingThroughObserver(
    ROLE,
    async () => ALREADY_EXPIRED,
    () => NOW,
    {
      logger: quiet,
      tracer: xray.tracer,
    },
  );

  // Act
  const failure = await credentials.provide().then(
    () => undefined,
    (error: unknown) => error,
  );

  // Assess
  expect(failure).toBeInstanceOf(ClientCacheCredentialsError);
  expect(xray.opened.map(({ name, errors, closes }) => ({ name, errors, closes }))).toEqual([
    { name: TraceName.CredentialRefresh, errors: [failure], closes: 1 },
  ]);
});
