import type { CredentialIdentity } from '../config/client-cache-config.js';
import type { PooledHttpHandler } from '../transport/pooled-http-handler.js';

/** Where a shared credential set comes from: a role to assume, or a named profile. */
export interface RoleSource {
  readonly roleArn: string;
  readonly roleSessionName?: string;
  readonly externalId?: string;
  readonly durationSeconds?: number;
  /** Profile whose credentials assume the role; default: the SDK's default chain. */
  readonly profile?: string;
}

/** The session name when none is given; shows up in CloudTrail as the role session. */
export const DEFAULT_ROLE_SESSION_NAME = 'aws-client-cache';

// Imported on first use: a handler that never assumes a role never pays to load STS.
async function stsClientFor(
  profile: string | undefined,
  requestHandler: PooledHttpHandler,
): Promise<{ send(command: object): Promise<unknown> }> {
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({
    requestHandler,
    // The role is shared across regions; STS is reachable from any, so use
    // the function's own region, or the global partition's home outside AWS.
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(profile === undefined ? {} : { credentials: await profileCredentials(profile) }),
  });
}

async function profileCredentials(profile: string) {
  const { fromIni } = await import('@aws-sdk/credential-provider-ini');
  return fromIni({ profile });
}

interface AssumeRoleOutput {
  readonly Credentials?: {
    readonly AccessKeyId?: string;
    readonly SecretAccessKey?: string;
    readonly SessionToken?: string;
    readonly Expiration?: Date;
  };
}

/** A fetch that assumes `role` once per call, through one lazily built STS client. */
export function assumeRoleFetch(
  role: RoleSource,
  requestHandler: PooledHttpHandler,
): () => Promise<CredentialIdentity> {
  let sts: ReturnType<typeof stsClientFor> | undefined;
  return async () => {
    sts ??= stsClientFor(role.profile, requestHandler);
    const { AssumeRoleCommand } = await import('@aws-sdk/client-sts');
    const output = (await (
      await sts
    ).send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: role.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
        ExternalId: role.externalId,
        DurationSeconds: role.durationSeconds,
      }),
    )) as AssumeRoleOutput;
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw new Error(`AssumeRole for ${role.roleArn} returned no credentials`);
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  };
}

/** A fetch that reads a named profile (which may itself assume a role). */
export function profileFetch(profile: string): () => Promise<CredentialIdentity> {
  let provider: ReturnType<typeof profileCredentials> | undefined;
  return async () => {
    provider ??= profileCredentials(profile);
    return (await provider)();
  };
}
