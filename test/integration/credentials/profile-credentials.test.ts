/**
 * Covers `profile` against the local endpoint: a profile's own credentials
 * (the SDK's `fromIni`, read once per profile and shared), and a profile as
 * the source credentials for `roleArn`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { getClientCacheStats, getSTSClient } from '../../../src/all.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const PROFILE_KEY_ID = 'AKIAPROFILETEST00001';
const ROLE = 'arn:aws:iam::210987654321:role/reports-reader';

describe('profile credentials', () => {
  const local = useLocalAws();
  const dir = mkdtempSync(join(tmpdir(), 'aws-profile-'));
  useFreshCache({
    against: () => local.endpoint,
    env: {
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    },
  });

  beforeAll(() => {
    writeFileSync(
      join(dir, 'credentials'),
      `[reports]\naws_access_key_id = ${PROFILE_KEY_ID}\naws_secret_access_key = profile-test-secret\n`,
    );
    writeFileSync(join(dir, 'config'), '[profile reports]\nregion = us-east-1\n');
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("signs with the profile's own credentials, read once for every client of the profile", async () => {
    // Act
    const first = await getSTSClient({ profile: 'reports' }).send(new GetCallerIdentityCommand({}));
    const other = await getSTSClient({ profile: 'reports', region: 'eu-west-1' }).send(
      new GetCallerIdentityCommand({}),
    );

    // Assess: the endpoint answers as the signing key; both clients share one credential read
    expect(first.UserId).toBe(PROFILE_KEY_ID);
    expect(other.UserId).toBe(PROFILE_KEY_ID);
    expect(getClientCacheStats().credentialRefreshes).toBe(1);
  });

  it('assumes a role with the profile as its source credentials', async () => {
    // Act
    const identity = await getSTSClient({ roleArn: ROLE, profile: 'reports' }).send(
      new GetCallerIdentityCommand({}),
    );

    // Assess
    expect(identity.Arn).toMatch(/^arn:aws:sts::210987654321:assumed-role\/reports-reader\//);
    expect(local.endpoint.stats.assumeRoleCalls(ROLE)).toBe(1);
  });
});
