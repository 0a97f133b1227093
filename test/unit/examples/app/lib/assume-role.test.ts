/**
 * Covers the app's assume-role module (examples/app/lib/assume-role.ts) with STS mocked: raw credentials
 * come from the cache's shared credential set for the role, so repeated calls and the Cost
 * Explorer client of the same role cost one AssumeRole between them; bad durations are refused.
 *
 * The cache assumes roles through the SDK's `fromTemporaryCredentials`, whose STS client is the
 * one in `@aws-sdk/nested-clients/sts`: that is the class to mock, not `@aws-sdk/client-sts`.
 */
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { getCostExplorerClient } from 'aws-client-cache/all';
import { mockClient } from 'aws-sdk-client-mock';
import { LeaseCostsInputError } from '../../../../../examples/app/errors.js';
import {
  assumeCostExplorerRole,
  COST_EXPLORER_SESSION_NAME,
  costExplorerRoleConfig,
} from '../../../../../examples/app/lib/assume-role.js';
import { useFreshCache } from '../../../../support/fresh-cache.js';

const sts = mockClient(STSClient);
const ROLE = 'arn:aws:iam::900000000000:role/lease-costs-reader';
const EXPIRATION = new Date(Date.now() + 3_600_000);

useFreshCache({ env: { AWS_ACCESS_KEY_ID: 'AKIALOCAL', AWS_SECRET_ACCESS_KEY: 'local' } });

beforeEach(() => {
  sts.reset();
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAROLE',
      SecretAccessKey: 'role-secret',
      SessionToken: 'role-token',
      Expiration: EXPIRATION,
    },
  });
});

describe('assumeCostExplorerRole', () => {
  it('returns the role credentials, assuming the role as the lease-costs session', async () => {
    // Act
    const credentials = await assumeCostExplorerRole(ROLE, 1800);

    // Assess
    expect(credentials).toMatchObject({
      accessKeyId: 'ASIAROLE',
      secretAccessKey: 'role-secret',
      sessionToken: 'role-token',
    });
    // The cache hands out the time it starts refreshing: early, never late.
    const expiresAt = (credentials.expiration as Date).getTime();
    expect(expiresAt).toBeLessThanOrEqual(EXPIRATION.getTime());
    expect(expiresAt).toBeGreaterThan(EXPIRATION.getTime() - 20 * 60_000);
    expect(sts.commandCalls(AssumeRoleCommand)[0]?.args[0].input).toMatchObject({
      RoleArn: ROLE,
      RoleSessionName: COST_EXPLORER_SESSION_NAME,
      DurationSeconds: 1800,
    });
  });

  it('shares one AssumeRole between repeated calls and the role’s Cost Explorer client', async () => {
    // Act
    await Promise.all([assumeCostExplorerRole(ROLE), assumeCostExplorerRole(ROLE)]);
    await assumeCostExplorerRole(ROLE);
    await getCostExplorerClient(costExplorerRoleConfig(ROLE)).config.credentials();

    // Assess
    expect(sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  it.each([899, 43_201, 1.5])(
    'refuses a duration of %p seconds, naming the field',
    async (seconds) => {
      // Act
      const failure = assumeCostExplorerRole(ROLE, seconds);

      // Assess
      await expect(failure).rejects.toThrow(LeaseCostsInputError);
      await expect(failure).rejects.toMatchObject({ field: 'durationSeconds' });
      expect(sts.calls()).toHaveLength(0);
    },
  );
});
