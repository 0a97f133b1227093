/**
 * Covers STS faults as a handler meets them, through `getLambdaClient({ roleArn })`
 * and Invoke against the local endpoint: throttling and an outage (5xx) at the
 * first assumption, during an advisory refresh, during a mandatory one (the
 * caller keeps the still-valid credentials: static stability) and once the
 * credentials are within 10 s of expiry (the caller gets a typed error);
 * a service rejecting the credentials as expired (the next send assumes the
 * role again); credentials that come back already expired; the cache's clock
 * ahead of or behind the endpoint's. Every send either succeeds or fails with
 * a `ClientCacheCredentialsError` naming the role, no failure is cached, and
 * nothing is invoked unsigned or twice. (role-refresh.test.ts covers the
 * windows themselves at the provider level.)
 *
 * STS issues 1-hour sessions. The SDK asks the cache's provider on every
 * send (it is marked memoized), so the cache's injected clock
 * (`Date.now() + offset`) alone decides the window: advisory from about 45
 * minutes (Math.random pinned at 0.01), mandatory from 59. Backoff jitter
 * (`Math.random`) is pinned low so throttling retries keep their count but
 * not their seconds.
 */
import { inspect } from 'node:util';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  ClientCacheCredentialsError,
  ClientCacheError,
  configureClientCache,
  getClientCacheStats,
  getLambdaClient,
} from '../../../src/all.js';
import type { ServiceFaults } from '../../../tools/local-aws/index.js';
import { LOCAL_AWS_IDENTITY } from '../../../tools/local-aws/services.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { setEnv } from '../../support/env.js';
import { eventually } from '../../support/eventually.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { reportFigures } from '../../support/reliability-report.js';

const ROLE = 'arn:aws:iam::123456789012:role/reliability-sts';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MASTER_SESSION_TOKEN = `IQoJb3JpZ2luX2VjE${'Z'.repeat(24)}reliability`;
const FAULTS: ReadonlyArray<[string, ServiceFaults, string]> = [
  ['throttling', { throttleNext: 1000 }, 'Throttling'],
  ['an outage (503)', { failNext: 1000, failStatus: 503 }, 'ServiceUnavailable'],
];

const invoke = (client: LambdaClient, id: string) =>
  client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ id }) }));

/** The access key id each attempt was signed with, read off the wire-bound request. */
function signingKeys(client: LambdaClient): string[] {
  const keys: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const auth = (args.request as { headers?: Record<string, string> }).headers?.authorization;
      keys.push(/Credential=([^/]+)\//.exec(auth ?? '')?.[1] ?? 'unsigned');
      return next(args);
    },
    { step: 'deserialize', name: 'reliabilitySigningKey' },
  );
  return keys;
}

/**
 * What a logger or serialiser can show of an error: `inspect` with hidden
 * fields (the SDK's `$response`, with the signed request, is one), and each
 * link's JSON.
 */
function causeChainText(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  for (let link = error; link instanceof Error; link = link.cause) {
    parts.push(link.name, link.message, link.stack ?? '', JSON.stringify(link));
  }
  return parts.join('\n');
}

/**
 * Makes the client's next attempt come back as Lambda's answer to expired
 * credentials (HTTP 403, `ExpiredTokenException`), after it was signed and
 * instead of sending it: the local endpoint does not check expiry.
 */
function answerNextAsExpired(client: LambdaClient): { answered: number } {
  const seen = { answered: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      if (seen.answered > 0) return next(args);
      seen.answered++;
      return {
        output: undefined as never,
        response: {
          statusCode: 403,
          headers: {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ExpiredTokenException',
          },
          body: new TextEncoder().encode(
            JSON.stringify({ message: 'The security token included in the request is expired' }),
          ),
        },
      };
    },
    { step: 'deserialize', name: 'reliabilityAnswerExpired', priority: 'low' },
  );
  return seen;
}

async function failureOf(pending: Promise<unknown>): Promise<Error> {
  const outcome = await pending.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the send to fail, but it succeeded');
  return outcome;
}

describe('STS faults through a role getter', () => {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  useReliabilityGuards();
  let offsetMs = 0;
  const warnings: string[] = [];

  beforeEach(() => {
    offsetMs = 0;
    warnings.length = 0;
    jest.spyOn(Math, 'random').mockReturnValue(0.01);
    configureClientCache({
      now: () => Date.now() + offsetMs,
      logger: {
        debug: () => undefined,
        warn: (message, attributes) => warnings.push(`${message} ${JSON.stringify(attributes)}`),
      },
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it.each(FAULTS)(
    'fails a first assumption under %s with a typed error naming the role, and caches no failure',
    async (_fault, faults, causeName) => {
      // Prepare: the function's own credentials carry a session token, as in Lambda
      const { stats, state } = local.endpoint;
      local.endpoint.faults.set('sts', faults);
      setEnv({ AWS_SESSION_TOKEN: MASTER_SESSION_TOKEN });

      // Act
      const error = await failureOf(invoke(getLambdaClient({ roleArn: ROLE }), 'refused'));
      const assumeRolesWhileDown = stats.assumeRoleCalls(ROLE);
      local.endpoint.faults.clear('sts');
      const after = await invoke(getLambdaClient({ roleArn: ROLE }), 'after');

      // Assess: typed, names the role and the STS error, carries no secret
      expect(error).toBeInstanceOf(ClientCacheCredentialsError);
      expect(error).toBeInstanceOf(ClientCacheError);
      expect(error.name).toBe('ClientCacheCredentialsError');
      expect(error.message).toBe(`Could not get credentials for ${ROLE}`);
      expect((error.cause as Error).name).toBe(causeName);
      const shown = causeChainText(error);
      expect(shown).toContain(ROLE);
      for (const secret of [
        LOCAL_AWS_IDENTITY.secretAccessKey,
        LOCAL_AWS_IDENTITY.accessKeyId,
        MASTER_SESSION_TOKEN,
      ]) {
        expect(shown).not.toContain(secret);
      }
      // The SDK's STS client tried 3 times; the invoke was never sent.
      expect(assumeRolesWhileDown).toBe(3);
      expect(getClientCacheStats().credentialRefreshFailures).toBe(1);
      expect(warnings.filter((line) => line.includes('"mode":"initial"'))).toHaveLength(1);
      // Not cached: the next call assumes the role again and invokes once.
      reportFigures(`sts ${causeName} at first assumption`, {
        error: `${error.name}: ${error.message}`,
        cause: (error.cause as Error).name,
        assumeRoleAttemptsWhileDown: assumeRolesWhileDown,
        assumeRoleCallsAfterRecovery: stats.assumeRoleCalls(ROLE) - assumeRolesWhileDown,
      });
      expect(after.StatusCode).toBe(200);
      expect(stats.assumeRoleCalls(ROLE)).toBe(4);
      expect(state.invocations.map((call) => (call.payload as { id: string }).id)).toEqual([
        'after',
      ]);
    },
  );

  it.each(FAULTS)(
    'keeps signing with the current credentials when an advisory refresh meets %s',
    async (_fault, faultsDuring) => {
      // Prepare
      const { stats, state, faults } = local.endpoint;
      const client = getLambdaClient({ roleArn: ROLE });
      const keys = signingKeys(client);
      await invoke(client, 'first');
      const { credentialRefreshes, credentialRefreshFailures } = getClientCacheStats();
      faults.set('sts', faultsDuring);
      offsetMs = 55 * MINUTE;

      // Act: STS fails in the background; after the back-off (a quarter to a half of the
      // 4m50s of usable life left) it is healthy again
      await invoke(client, 'advisory');
      await eventually(
        () => getClientCacheStats().credentialRefreshFailures > credentialRefreshFailures,
      );
      await invoke(client, 'within-retry-delay');
      faults.set('sts', { throttleNext: 0, failNext: 0 });
      offsetMs += 146 * SECOND;
      await invoke(client, 'retry-due');
      await eventually(() => getClientCacheStats().credentialRefreshes > credentialRefreshes);
      await invoke(client, 'refreshed');

      // Assess
      const [first, second] = state.issuedCredentials.map((issued) => issued.accessKeyId);
      expect(keys).toEqual([first, first, first, first, second]);
      expect(stats.assumeRoleCalls(ROLE)).toBe(1 + 3 + 1);
      expect(getClientCacheStats().credentialRefreshFailures).toBe(credentialRefreshFailures + 1);
      expect(
        warnings.filter((line) => line.includes('"keptCurrentCredentials":true')),
      ).toHaveLength(1);
      expect(state.invocations).toHaveLength(5);
    },
  );

  it.each(FAULTS)(
    'keeps signing with the still-valid credentials when a mandatory refresh meets %s',
    async (_fault, faultsDuring) => {
      // Prepare: 30 s before expiry, the credentials are good for 20 s more
      const { stats, state, faults } = local.endpoint;
      const client = getLambdaClient({ roleArn: ROLE });
      const keys = signingKeys(client);
      await invoke(client, 'first');
      faults.set('sts', faultsDuring);
      offsetMs = 60 * MINUTE - 30 * SECOND;

      // Act: the send waits for the refresh, which fails; then STS recovers and the back-off
      // (a quarter to a half of the 20 s left) passes
      const during = await invoke(client, 'during-outage');
      faults.set('sts', { throttleNext: 0, failNext: 0 });
      offsetMs += 11 * SECOND;
      await invoke(client, 'recovered');

      // Assess: the caller never failed; the failure was counted, logged as keeping the credentials
      expect(during.StatusCode).toBe(200);
      const [first, second] = state.issuedCredentials.map((issued) => issued.accessKeyId);
      expect(keys).toEqual([first, first, second]);
      expect(stats.assumeRoleCalls(ROLE)).toBe(1 + 3 + 1);
      expect(getClientCacheStats().credentialRefreshFailures).toBe(1);
      expect(
        warnings.filter(
          (line) =>
            line.includes('"mode":"mandatory"') && line.includes('"keptCurrentCredentials":true'),
        ),
      ).toHaveLength(1);
      expect(state.invocations.map((call) => (call.payload as { id: string }).id)).toEqual([
        'first',
        'during-outage',
        'recovered',
      ]);
    },
  );

  it.each(FAULTS)(
    'fails a send with a typed error under %s once the credentials are within 10 s of expiry, and recovers on the next',
    async (_fault, faultsDuring, causeName) => {
      // Prepare
      const { stats, state, faults } = local.endpoint;
      const client = getLambdaClient({ roleArn: ROLE });
      const keys = signingKeys(client);
      await invoke(client, 'first');
      faults.set('sts', faultsDuring);
      offsetMs = 60 * MINUTE - 5 * SECOND;

      // Act
      const error = await failureOf(invoke(client, 'refused'));
      faults.set('sts', { throttleNext: 0, failNext: 0 });
      await invoke(client, 'recovered');

      // Assess: the caller waited, got a typed error, and nothing went out unsigned
      expect(error).toBeInstanceOf(ClientCacheCredentialsError);
      expect(error.message).toContain(ROLE);
      expect((error.cause as Error).name).toBe(causeName);
      const [first, second] = state.issuedCredentials.map((issued) => issued.accessKeyId);
      expect(keys).toEqual([first, second]);
      expect(stats.assumeRoleCalls(ROLE)).toBe(1 + 3 + 1);
      expect(stats.requests('Lambda.Invoke')).toBe(2);
      expect(state.invocations.map((call) => (call.payload as { id: string }).id)).toEqual([
        'first',
        'recovered',
      ]);
    },
  );

  it('assumes the role again after a service rejects the credentials as expired, for every client of the role', async () => {
    // Prepare
    const { stats, state } = local.endpoint;
    const client = getLambdaClient({ roleArn: ROLE });
    const keys = signingKeys(client);
    await invoke(client, 'first');
    const rejectOnce = answerNextAsExpired(client);

    // Act
    const error = await failureOf(invoke(client, 'rejected'));
    await invoke(client, 'after');
    const other = getLambdaClient({ roleArn: ROLE, region: 'eu-west-1' });
    const otherKeys = signingKeys(other);
    await invoke(other, 'other-client');

    // Assess: the rejected send failed as a plain client's would; the next ones use new credentials
    expect(rejectOnce.answered).toBe(1);
    expect(error.name).toBe('ExpiredTokenException');
    const [first, second] = state.issuedCredentials.map((issued) => issued.accessKeyId);
    expect(keys).toEqual([first, first, second]);
    expect(otherKeys).toEqual([second]);
    expect(other).not.toBe(client);
    expect(stats.assumeRoleCalls(ROLE)).toBe(2);
    expect(state.invocations.map((call) => (call.payload as { id: string }).id)).toEqual([
      'first',
      'after',
      'other-client',
    ]);
  });

  it('refuses credentials that come back already expired, and caches no failure', async () => {
    // Prepare
    const { stats, state, faults } = local.endpoint;
    faults.set('sts', { credentialsLifetimeSeconds: -60 });

    // Act
    const error = await failureOf(invoke(getLambdaClient({ roleArn: ROLE }), 'refused'));
    faults.clear('sts');
    const after = await invoke(getLambdaClient({ roleArn: ROLE }), 'after');

    // Assess
    expect(error.name).toBe('ClientCacheCredentialsError');
    expect(error.message).toMatch(/came back already expired .*check the clock/);
    expect(error.message).toContain(ROLE);
    expect(after.StatusCode).toBe(200);
    expect(stats.assumeRoleCalls(ROLE)).toBe(2);
    expect(state.invocations).toHaveLength(1);
  });

  it.each([
    ['10 minutes ahead of', 10 * MINUTE],
    ['10 minutes behind', -10 * MINUTE],
    ['50 minutes ahead of', 50 * MINUTE],
  ])('works with the cache clock %s the endpoint', async (_skew, skewMs) => {
    // Prepare
    offsetMs = skewMs;
    const client = getLambdaClient({ roleArn: ROLE });

    // Act
    const results = [];
    for (let call = 0; call < 5; call++) results.push(await invoke(client, `call-${call}`));

    // Assess: one assumption serves every call
    expect(results.map((result) => result.StatusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(local.endpoint.stats.assumeRoleCalls(ROLE)).toBe(1);
    expect(local.endpoint.state.invocations).toHaveLength(5);
  });

  it('fails clearly when the cache clock is past the whole session (70 minutes ahead)', async () => {
    // Prepare
    offsetMs = 70 * MINUTE;

    // Act
    const error = await failureOf(invoke(getLambdaClient({ roleArn: ROLE }), 'skewed'));

    // Assess
    expect(error.name).toBe('ClientCacheCredentialsError');
    expect(error.message).toMatch(/came back already expired .*check the clock/);
    expect(local.endpoint.state.invocations).toHaveLength(0);
    reportFigures('sts clock 70 min ahead', { error: error.message });
  });
});
