/**
 * Covers the refresh windows of shared role credentials against the local
 * STS: single-flight fetches, the advisory window (background refresh, no
 * caller waits), the mandatory window (one refresh for all), and a throttled
 * STS during an advisory refresh. The clock is injected; nothing waits for
 * real time to pass.
 */

import { useLocalAws } from '../../local-aws/use-local-aws.js';
import { CredentialSets } from '../../src/credentials/credential-sets.js';
import { SharedPools } from '../../src/transport/shared-pool.js';
import { eventually, useCacheAgainst } from '../support/cache-env.js';

const roleArn = 'arn:aws:iam::123456789012:role/cost-reader';
const HOUR_MS = 3_600_000;
const MANDATORY_LEAD_MS = 300_000;

describe('role credential refresh windows', () => {
  let clock = Date.now();
  // STS stamps expirations from the same injected clock, so the two agree.
  const local = useLocalAws({ now: () => clock });
  useCacheAgainst(() => local.endpoint);

  const pools = new SharedPools();
  let sets: CredentialSets;
  const acquire = () => sets.acquireRole({ roleArn }, '');

  beforeEach(() => {
    clock = Date.now();
    sets = new CredentialSets({
      now: () => clock,
      mandatoryLeadMs: MANDATORY_LEAD_MS,
      requestHandler: pools.handlerFor({
        maxSockets: 50,
        connectionTimeoutMs: 3000,
        socketTimeoutMs: 3000,
      }),
      functionRegion: 'us-east-1',
    });
  });

  afterAll(() => pools.close());

  it('serves the current credentials in the advisory window and refreshes once in the background', async () => {
    // Prepare
    const shared = acquire();
    const first = await shared.provider();
    const expiresAt = clock + HOUR_MS;
    clock = expiresAt - MANDATORY_LEAD_MS - 60_000; // inside the advisory window whatever the jitter

    // Act
    const refreshesBefore = sets.counters.credentialRefreshes;
    const during = await Promise.all(Array.from({ length: 20 }, () => shared.provider()));
    await eventually(() => sets.counters.credentialRefreshes === refreshesBefore + 1);
    const after = await shared.provider();

    // Assess
    expect(during.every((identity) => identity.accessKeyId === first.accessKeyId)).toBe(true);
    expect(after.accessKeyId).not.toBe(first.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(2);
    shared.release();
  });

  it('makes every caller in the mandatory window wait for one refresh', async () => {
    // Prepare
    const shared = acquire();
    const first = await shared.provider();
    clock += HOUR_MS - 60_000; // one minute before expiry

    // Act
    const refreshed = await Promise.all(Array.from({ length: 50 }, () => shared.provider()));

    // Assess
    expect(new Set(refreshed.map((identity) => identity.accessKeyId)).size).toBe(1);
    expect(refreshed[0]?.accessKeyId).not.toBe(first.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(2);
    shared.release();
  });

  it('keeps the current credentials when STS throttles an advisory refresh', async () => {
    // Prepare
    const shared = acquire();
    const first = await shared.provider();
    const failuresBefore = sets.counters.credentialRefreshFailures;
    local.endpoint.faults.set('sts', { throttleNext: 1000 });
    clock += HOUR_MS - MANDATORY_LEAD_MS - 60_000;

    // Act
    const during = await shared.provider();
    await eventually(() => sets.counters.credentialRefreshFailures === failuresBefore + 1);
    const later = await Promise.all(Array.from({ length: 10 }, () => shared.provider()));

    // Assess: nobody failed, nobody got new credentials, and the failure was counted once
    expect(during.accessKeyId).toBe(first.accessKeyId);
    expect(later.every((identity) => identity.accessKeyId === first.accessKeyId)).toBe(true);
    expect(sets.counters.credentialRefreshFailures).toBe(failuresBefore + 1);
    shared.release();
  });

  it('refreshes a 900-second session a few times an hour, not on every request', async () => {
    // Prepare
    const shared = sets.acquireRole({ roleArn, durationSeconds: 900 }, '');

    // Act: a request every 10 seconds for 30 minutes
    for (let request = 0; request < 180; request++) {
      await shared.provider();
      await new Promise((resolve) => setImmediate(resolve));
      clock += 10_000;
    }

    // Assess: one session lasts 900 s and is refreshed after 300..360 s, so 30 minutes take 5 or 6
    const calls = local.endpoint.stats.assumeRoleCalls(roleArn);
    expect(calls).toBeGreaterThanOrEqual(5);
    expect(calls).toBeLessThanOrEqual(7);
    shared.release();
  });

  it('rejects with a typed error naming the role when credentials come back already expired', async () => {
    // Prepare
    local.endpoint.faults.set('sts', { credentialsLifetimeSeconds: -60 });
    const shared = acquire();

    // Act
    const failure = shared.provider();

    // Assess
    await expect(failure).rejects.toMatchObject({
      name: 'ClientCacheCredentialsError',
      message: expect.stringContaining(roleArn),
    });
    shared.release();
  });
});
