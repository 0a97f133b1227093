/**
 * Covers which STS region a role is assumed through: a regional endpoint of
 * the role's partition, as the endpoint sees it in the request's SigV4
 * credential scope. A function in us-east-1 assuming an aws-cn role signs
 * for cn-north-1 (signing for its own region can only fail with
 * InvalidClientTokenId), and one in a region of the role's partition uses
 * that region. Every region pattern the SDK knows is accepted as `region`.
 */

import { S3Service } from '../../../src/clients/s3.js';
import { stsRegionFor } from '../../../src/credentials/sts-region.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { setEnv } from '../../support/env.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const ACCOUNT = '123456789012';

describe('STS region for a role', () => {
  const local = useLocalAws();
  const fresh = useFreshCache({ against: () => local.endpoint });

  async function signingRegionFor(roleArn: string, functionRegion: string): Promise<string> {
    setEnv({ AWS_REGION: functionRegion });
    await fresh.cache().get(S3Service, { roleArn }).config.credentials();
    const issued = local.endpoint.state.issuedCredentials.filter((c) => c.roleArn === roleArn);
    return issued.at(-1)?.signingRegion ?? 'none';
  }

  it.each([
    [`arn:aws:iam::${ACCOUNT}:role/Commercial`, 'eu-west-1', 'eu-west-1'],
    [`arn:aws-cn:iam::${ACCOUNT}:role/China`, 'us-east-1', 'cn-north-1'],
    [`arn:aws-cn:iam::${ACCOUNT}:role/ChinaLocal`, 'cn-northwest-1', 'cn-northwest-1'],
    [`arn:aws-us-gov:iam::${ACCOUNT}:role/Gov`, 'eu-west-1', 'us-gov-west-1'],
    [`arn:aws-eusc:iam::${ACCOUNT}:role/Sovereign`, 'eusc-de-east-1', 'eusc-de-east-1'],
  ])('assumes %s from a function in %s through %s', async (roleArn, functionRegion, expected) => {
    // Act
    const region = await signingRegionFor(roleArn, functionRegion);

    // Assess
    expect(region).toBe(expected);
  });

  it('picks each partition home region when the function is elsewhere', () => {
    // Act & Assess
    expect(stsRegionFor(`arn:aws-iso:iam::${ACCOUNT}:role/R`, 'us-east-1')).toBe('us-iso-east-1');
    expect(stsRegionFor(`arn:aws-iso-b:iam::${ACCOUNT}:role/R`, undefined)).toBe('us-isob-east-1');
    expect(stsRegionFor(`arn:aws:iam::${ACCOUNT}:role/R`, 'cn-north-1')).toBe('us-east-1');
    expect(stsRegionFor(`arn:aws:iam::${ACCOUNT}:role/R`, 'us-gov-east-1')).toBe('us-east-1');
  });

  it.each(['eusc-de-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'us-gov-west-1', 'cn-north-1'])(
    'accepts the region %s',
    async (region) => {
      // Act
      const client = fresh.cache().get(S3Service, { region });

      // Assess
      expect(await client.config.region()).toBe(region);
    },
  );
});
