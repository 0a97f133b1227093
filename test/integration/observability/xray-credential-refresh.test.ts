/**
 * Covers the credential-refresh subsegment against the real X-Ray SDK and
 * Powertools Tracer in a Lambda-like environment: `RefreshingCredentials`
 * driven through the runtime's observer, with a fake fetch (the STS path is
 * tested elsewhere). A refresh is recorded with its source and mode and
 * never with the credentials; a failed one carries its error.
 */
import { randomBytes } from 'node:crypto';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import { ClientCacheCredentialsError, configureClientCache, TraceName } from '../../../src/all.js';
import type { CredentialIdentity } from '../../../src/config/client-cache-config.js';
import { captureDuring } from '../../support/capture-output.js';
import { createTestClock, type TestClock } from '../../support/clock.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { refreshingThroughObserver } from '../../support/refreshing.js';
import {
  lambdaTracingEnv,
  newTraceContext,
  startXRayDaemon,
  TRACER_OPTIONS,
  type TraceContext,
  type XRayDaemon,
  type XRayDocument,
} from '../../support/xray-daemon.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROLE = 'arn:aws:iam::210987654321:role/RefreshTraceRole';

let daemon: XRayDaemon;
let tracer: Tracer;
let trace: TraceContext;
let clock: TestClock;

beforeAll(async () => {
  daemon = await startXRayDaemon();
  setEnv(lambdaTracingEnv(daemon, newTraceContext()));
  // Imported only now: the X-Ray SDK picks its Lambda mode and daemon address at import.
  const { Tracer: TracerClass } = await import('@aws-lambda-powertools/tracer');
  tracer = new TracerClass(TRACER_OPTIONS);
});

// Env set in beforeAll stays for the whole file (jest gives each file its own process.env).
useFreshCache();

beforeEach(() => {
  trace = newTraceContext();
  setEnv({ _X_AMZN_TRACE_ID: trace.header });
  daemon.clear();
  clock = createTestClock();
  configureClientCache({ tracer, now: clock.now });
});

afterAll(() => daemon.close());

/** Distinctive credentials, so any leak of them is unmistakable. */
function distinctiveCredentials(): Required<Omit<CredentialIdentity, 'expiration'>> {
  return {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `IQoJb3JpZ2luX2Vj${randomBytes(48).toString('base64')}`,
  };
}

const refreshingCredentials = (fetch: () => Promise<CredentialIdentity>) =>
  refreshingThroughObserver(ROLE, fetch, clock.now, { tracer });

function refreshes(documents: readonly XRayDocument[]): XRayDocument[] {
  return documents.filter(
    (document) => document.trace_id === trace.root && document.name === TraceName.CredentialRefresh,
  );
}

it('records each refresh with its source and mode under the facade segment', async () => {
  // Prepare
  const secrets = distinctiveCredentials();
  const credentials = refreshingCredentials(async () => ({
    ...secrets,
    expiration: new Date(clock.now() + HOUR),
  }));

  // Act
  const first = await credentials.provide();
  clock.advance(HOUR - MINUTE);
  await credentials.provide();
  const documents = await daemon.waitFor((received) => refreshes(received).length === 2);

  // Assess
  expect(first.accessKeyId).toBe(secrets.accessKeyId);
  expect(refreshes(documents).map((document) => document.annotations)).toEqual([
    { Source: ROLE, RefreshMode: 'initial' },
    { Source: ROLE, RefreshMode: 'mandatory' },
  ]);
  for (const document of refreshes(documents)) {
    expect(document).toMatchObject({ type: 'subsegment', parent_id: trace.parent });
    expect(document.fault ?? false).toBe(false);
  }
});

it('never sends the access key, secret or session token to X-Ray', async () => {
  // Prepare
  const secrets = distinctiveCredentials();
  const credentials = refreshingCredentials(async () => ({
    ...secrets,
    expiration: new Date(clock.now() + HOUR),
  }));

  // Act
  await credentials.provide();
  clock.advance(HOUR - MINUTE);
  await credentials.provide();
  await daemon.waitFor((received) => refreshes(received).length === 2);
  await daemon.settle(50);

  // Assess
  const everything = daemon.raw.join('\n');
  expect(everything).toContain(ROLE);
  for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
});

it('marks a failed refresh with a fault and the error as its cause', async () => {
  // Prepare
  const credentials = refreshingCredentials(async () => {
    throw new Error('upstream unavailable');
  });

  // Act
  const { result: failure } = await captureDuring(() =>
    credentials.provide().then(
      () => undefined,
      (error: unknown) => error,
    ),
  );
  const documents = await daemon.waitFor((received) => refreshes(received).length === 1);

  // Assess
  expect(failure).toBeInstanceOf(ClientCacheCredentialsError);
  const [refresh] = refreshes(documents) as [XRayDocument];
  expect(refresh.annotations).toEqual({ Source: ROLE, RefreshMode: 'initial' });
  expect(refresh.fault === true || refresh.error === true).toBe(true);
  expect(JSON.stringify(refresh.cause)).toContain('upstream unavailable');
});
