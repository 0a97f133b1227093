/**
 * Covers credentials a role getter's client meets expired, against the local
 * endpoint: a service rejecting them as expired (the next send, of every
 * client of the role, assumes the role again); credentials that STS hands
 * back already expired (refused, no failure cached); the cache's clock ahead
 * of or behind the endpoint's, up to past the whole session. Every send
 * either succeeds or fails with an error naming the role, and nothing is
 * invoked unsigned or twice. (sts-faults.test.ts covers STS failing.)
 */
import { getLambdaClient } from '../../../src/all.js';
import { reportFigures } from '../../support/reliability-report.js';
import { answerNextAsExpired, failureOf, signingKeys } from '../../support/signed-send-probes.js';
import { invoke, MINUTE, ROLE, useStsFaultScene } from '../../support/sts-fault-scene.js';

describe('STS faults through a role getter', () => {
  const scene = useStsFaultScene();
  const { local } = scene;

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
    scene.offsetMs = skewMs;
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
    scene.offsetMs = 70 * MINUTE;

    // Act
    const error = await failureOf(invoke(getLambdaClient({ roleArn: ROLE }), 'skewed'));

    // Assess
    expect(error.name).toBe('ClientCacheCredentialsError');
    expect(error.message).toMatch(/came back already expired .*check the clock/);
    expect(local.endpoint.state.invocations).toHaveLength(0);
    reportFigures('sts clock 70 min ahead', { error: error.message });
  });
});
