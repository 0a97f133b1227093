/**
 * Covers STS faults as a handler meets them, through `getLambdaClient({ roleArn })`
 * and Invoke against the local endpoint: throttling and an outage (5xx) at the
 * first assumption, during an advisory refresh, during a mandatory one (the
 * caller keeps the still-valid credentials: static stability) and once the
 * credentials are within 10 s of expiry (the caller gets a typed error).
 * Every send either succeeds or fails with a `ClientCacheCredentialsError`
 * naming the role, no failure is cached, and nothing is invoked unsigned or
 * twice. (role-refresh.test.ts covers the windows themselves at the provider
 * level; sts-expired-credentials.test.ts credentials that expire early or
 * come back expired.)
 *
 * STS issues 1-hour sessions and the cache's clock is set by the test
 * (test/support/sts-fault-scene.ts): advisory from about 45 minutes
 * (Math.random pinned at 0.01), mandatory from 59.
 */
import {
  ClientCacheCredentialsError,
  ClientCacheError,
  getClientCacheStats,
  getLambdaClient,
} from '../../../src/all.js';
import { LOCAL_AWS_IDENTITY } from '../../../tools/local-aws/services.js';
import { setEnv } from '../../support/env.js';
import { eventually } from '../../support/eventually.js';
import { reportFigures } from '../../support/reliability-report.js';
import { causeChainText, failureOf, signingKeys } from '../../support/signed-send-probes.js';
import {
  FAULTS,
  invoke,
  MASTER_SESSION_TOKEN,
  MINUTE,
  ROLE,
  SECOND,
  useStsFaultScene,
} from '../../support/sts-fault-scene.js';

describe('STS faults through a role getter', () => {
  const scene = useStsFaultScene();
  const { local, warnings } = scene;

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
      scene.offsetMs = 55 * MINUTE;

      // Act: STS fails in the background; after the back-off (a quarter to a half of the
      // 4m50s of usable life left) it is healthy again
      await invoke(client, 'advisory');
      await eventually(
        () => getClientCacheStats().credentialRefreshFailures > credentialRefreshFailures,
      );
      await invoke(client, 'within-retry-delay');
      faults.set('sts', { throttleNext: 0, failNext: 0 });
      scene.offsetMs += 146 * SECOND;
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
      scene.offsetMs = 60 * MINUTE - 30 * SECOND;

      // Act: the send waits for the refresh, which fails; then STS recovers and the back-off
      // (a quarter to a half of the 20 s left) passes
      const during = await invoke(client, 'during-outage');
      faults.set('sts', { throttleNext: 0, failNext: 0 });
      scene.offsetMs += 11 * SECOND;
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
      scene.offsetMs = 60 * MINUTE - 5 * SECOND;

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
});
