/**
 * Covers the idle credential sets through the default cache while a
 * role's client is in flight. Invariant: `clearClientCache()` drops the
 * clients but not the role's credentials, so the role comes back without a
 * second AssumeRole, even when the first AssumeRole is still in flight at the
 * clear (the idle memory is made at that release and the new client joins
 * the same fetch).
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { clearClientCache, getSTSClient } from '../../../src/all.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const roleArn = 'arn:aws:iam::123456789012:role/InFlight';
const whoAmI = () => getSTSClient({ roleArn }).send(new GetCallerIdentityCommand({}));

describe('idle credential sets with a client in flight', () => {
  const local = useLocalAws();
  useFreshCache({ against: () => local.endpoint });

  it('gives the role its credentials back after clearClientCache() with a request in flight', async () => {
    // Prepare
    await whoAmI();
    const inFlight = whoAmI();

    // Act
    clearClientCache();
    const after = await whoAmI();

    // Assess
    expect((await inFlight).Arn).toBe(after.Arn);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(1);
  });

  it('joins the AssumeRole in flight at clearClientCache() instead of making a second', async () => {
    // Prepare: the first client's request waits on its AssumeRole, held at the endpoint
    local.endpoint.faults.set('sts', { holdResponses: true });
    const first = getSTSClient({ roleArn });
    const inFlight = first.send(new GetCallerIdentityCommand({}));
    await local.endpoint.faults.waitForHeld('sts');

    // Act
    clearClientCache();
    const second = getSTSClient({ roleArn });
    const pending = second.send(new GetCallerIdentityCommand({}));
    await new Promise((resolve) => setImmediate(resolve));
    local.endpoint.faults.clear('sts');
    const [before, after] = await Promise.all([inFlight, pending]);

    // Assess
    expect(second).not.toBe(first);
    expect(after.Arn).toBe(before.Arn);
    expect(local.endpoint.stats.assumeRoleCalls(roleArn)).toBe(1);
  });
});
