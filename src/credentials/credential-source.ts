import type { CredentialIdentity } from '../config/client-cache-config.js';
import type { PooledHttpHandler } from '../transport/pooled-http-handler.js';
import { stsRegionFor } from './sts-region.js';

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

type Fetch = () => Promise<CredentialIdentity>;

/**
 * Memoises the provider built on first use. The SDK's credential providers
 * are imported then, not at module load: a handler that never assumes a
 * role never pays to load STS.
 */
function lazily(build: () => Promise<Fetch>): Fetch {
  let provider: Promise<Fetch> | undefined;
  return async () => {
    provider ??= build();
    return (await provider)();
  };
}

/**
 * One AssumeRole per call, through the SDK's own `fromTemporaryCredentials`
 * (which does not memoise: the refresh windows and single flight are ours)
 * on the shared pool. Its STS client calls a regional endpoint of the role's
 * partition (`stsRegionFor`).
 */
export function assumeRoleFetch(
  role: RoleSource,
  requestHandler: PooledHttpHandler,
  functionRegion: string | undefined,
): Fetch {
  return lazily(async () => {
    const { fromIni, fromTemporaryCredentials } = await import('./role-providers.js');
    return fromTemporaryCredentials({
      params: {
        RoleArn: role.roleArn,
        RoleSessionName: role.roleSessionName ?? DEFAULT_ROLE_SESSION_NAME,
        ExternalId: role.externalId,
        DurationSeconds: role.durationSeconds,
      },
      masterCredentials:
        role.profile === undefined ? undefined : fromIni({ profile: role.profile }),
      clientConfig: { requestHandler, region: stsRegionFor(role.roleArn, functionRegion) },
    });
  });
}

/** Reads a named profile (which may itself assume a role) once per call. */
export function profileFetch(profile: string): Fetch {
  return lazily(async () => {
    const { fromIni } = await import('./role-providers.js');
    return fromIni({ profile });
  });
}
