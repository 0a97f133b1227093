/**
 * Covers the idle credential sets against the local STS: a role whose last
 * client left the cache keeps its credentials for a while, so it comes back
 * without a second AssumeRole, until 100 newer idle roles push it out. The
 * idle memory is made at the first release; before it exists, acquiring
 * must still fetch.
 */

import type { CredentialSets } from '../../../src/credentials/credential-sets.js';
import { SharedPools } from '../../../src/transport/shared-pool.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { localCredentialSets } from '../../support/local-credential-sets.js';

const roleArn = (index: number): string => `arn:aws:iam::123456789012:role/Idle${index}`;

describe('idle credential sets', () => {
  const local = useLocalAws();
  useFreshCache({ against: () => local.endpoint });

  const pools = new SharedPools();
  let sets: CredentialSets;
  const acquire = (index: number) => sets.acquireRole({ roleArn: roleArn(index) }, '');

  beforeEach(() => {
    sets = localCredentialSets(pools);
  });

  afterAll(() => pools.close());

  it('gives a released role its credentials back without a second AssumeRole', async () => {
    // Prepare
    const first = acquire(0);
    const before = await first.provider();
    first.release();

    // Act
    const again = acquire(0);
    const after = await again.provider();

    // Assess
    expect(after.accessKeyId).toBe(before.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(0))).toBe(1);
    expect(sets.counters.credentialRefreshes).toBe(1);
    again.release();
  });

  it('forgets the oldest idle role once 100 newer ones are idle, and fetches it anew', async () => {
    // Prepare: role 0 fetched and idle, then 100 more roles go idle unfetched
    const first = acquire(0);
    const before = await first.provider();
    first.release();
    for (let index = 1; index <= 100; index++) acquire(index).release();

    // Act
    const again = acquire(0);
    const after = await again.provider();

    // Assess
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(0))).toBe(2);
    again.release();
  });

  it('fetches for two roles acquired before any set was ever idle', async () => {
    // Act
    const [zero, one] = [acquire(0), acquire(1)];
    await Promise.all([zero.provider(), one.provider()]);

    // Assess
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(0))).toBe(1);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn(1))).toBe(1);
    expect(sets.heldCount).toBe(2);
    zero.release();
    one.release();
  });
});
