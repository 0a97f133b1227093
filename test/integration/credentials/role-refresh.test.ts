/**
 * Covers the refresh windows of shared role credentials against the local
 * STS: single-flight fetches, the advisory window (background refresh, no
 * caller waits), the 1-minute mandatory window (one refresh for all), a
 * throttled STS in either window (callers keep the still-valid credentials
 * and the next try waits out a back-off), and credentials a service rejected
 * as expired. The clock is injected; nothing waits for real time to pass.
 * The model test (`test/unit/credentials/refresh-model.test.ts`) tries the
 * same invariants against random sequences.
 */

import type { CredentialSets } from '../../../src/credentials/credential-sets.js';
import { SharedPools } from '../../../src/transport/shared-pool.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { eventually } from '../../support/eventually.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { localCredentialSets } from '../../support/local-credential-sets.js';

const roleArn = 'arn:aws:iam::123456789012:role/cost-reader';
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

describe('role credential refresh windows', () => {
  let clock = Date.now();
  // STS stamps expirations from the same injected clock, so the two agree.
  const local = useLocalAws({ now: () => clock });
  useFreshCache({ against: () => local.endpoint });

  const pools = new SharedPools();
  let sets: CredentialSets;
  const acquire = () => sets.acquireRole({ roleArn }, '');

  beforeEach(() => {
    clock = Date.now();
    sets = localCredentialSets(pools, { now: () => clock, maxSockets: 50 });
  });

  afterAll(() => pools.close());

  it('serves the current credentials in the advisory window and refreshes once in the background', async () => {
    // Prepare
    const shared = acquire();
    const first = await shared.provider();
    const expiresAt = clock + HOUR_MS;
    clock = expiresAt - 5 * MINUTE_MS; // a 1-hour session's advisory window is its last 12 to 15 minutes

    // Act: the first fetch was refresh 1; the background one is refresh 2
    const during = await Promise.all(Array.from({ length: 20 }, () => shared.provider()));
    await eventually(() => sets.counters.credentialRefreshes === 2);
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
    clock += HOUR_MS - 30_000; // inside the 1-minute mandatory window

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
    local.endpoint.faults.set('sts', { throttleNext: 1000 });
    clock += HOUR_MS - 5 * MINUTE_MS;

    // Act: 4m50s of usable life left, so the back-off is 72 to 145 s
    const during = await shared.provider();
    await eventually(() => sets.counters.credentialRefreshFailures === 1);
    const attemptsAfterFailure = local.endpoint.stats.assumeRoleCalls(roleArn);
    clock += 70_000;
    const later = await Promise.all(Array.from({ length: 10 }, () => shared.provider()));

    // Assess: nobody failed, nobody got new credentials, the failure was counted once, no retry yet
    expect(during.accessKeyId).toBe(first.accessKeyId);
    expect(later.every((identity) => identity.accessKeyId === first.accessKeyId)).toBe(true);
    expect(sets.counters.credentialRefreshFailures).toBe(1);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(attemptsAfterFailure);
    shared.release();
  });

  it('serves the still-valid credentials when STS fails a refresh in the mandatory window', async () => {
    // Prepare: 30 s before expiry the credentials are still good for 20 s
    const shared = acquire();
    const first = await shared.provider();
    local.endpoint.faults.set('sts', { throttleNext: 1000 });
    clock += HOUR_MS - 30_000;

    // Act: 20 callers wait for the one refresh, which fails
    const during = await Promise.all(Array.from({ length: 20 }, () => shared.provider()));
    const attemptsWhileDown = local.endpoint.stats.assumeRoleCalls(roleArn);
    local.endpoint.faults.clear('sts');
    const withinBackoff = await shared.provider();
    clock += 10_000; // the back-off is a quarter to a half of the 20 s left
    const afterBackoff = await shared.provider();

    // Assess: nobody failed; one refresh (the SDK's 3 attempts) for all; then a fresh set
    expect(during.every((identity) => identity.accessKeyId === first.accessKeyId)).toBe(true);
    expect(attemptsWhileDown).toBe(1 + 3);
    expect(withinBackoff.accessKeyId).toBe(first.accessKeyId);
    expect(afterBackoff.accessKeyId).not.toBe(first.accessKeyId);
    expect(sets.counters.credentialRefreshFailures).toBe(1);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(1 + 3 + 1);
    shared.release();
  });

  it('fails a caller only once the current credentials are within 10 s of expiry', async () => {
    // Prepare
    const shared = acquire();
    await shared.provider();
    local.endpoint.faults.set('sts', { throttleNext: 1000 });
    clock += HOUR_MS - 9_000;

    // Act
    const failure = shared.provider();

    // Assess: never handed out so close to expiry; the refresh's error reaches the caller
    await expect(failure).rejects.toMatchObject({ name: 'ClientCacheCredentialsError' });
    shared.release();
  });

  it('never hands out credentials a service rejected as expired, and leaves newer ones alone', async () => {
    // Prepare
    const shared = acquire();
    const rejected = await shared.provider();

    // Act
    shared.invalidate(rejected.accessKeyId);
    const replaced = await Promise.all(Array.from({ length: 10 }, () => shared.provider()));
    shared.invalidate(rejected.accessKeyId); // a late rejection of the old key
    const kept = await shared.provider();

    // Assess: one new assumption for all ten callers, and the late rejection changed nothing
    expect(new Set(replaced.map((identity) => identity.accessKeyId)).size).toBe(1);
    expect(replaced[0]?.accessKeyId).not.toBe(rejected.accessKeyId);
    expect(kept.accessKeyId).toBe(replaced[0]?.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(2);
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

    // Assess: a 900 s session's advisory window is its last 4 to 5 minutes, so it is refreshed
    // after 600 to 660 s (the next request, 10 s later at most): 30 minutes take 3 sessions
    const calls = local.endpoint.stats.assumeRoleCalls(roleArn);
    expect(calls).toBe(3);
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
