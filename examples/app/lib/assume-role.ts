import {
  type ClientConfig,
  type CredentialIdentity,
  getCostExplorerClient,
} from 'aws-client-cache/all';
import { LeaseCostsInputError } from '../errors.js';

/** The role session name, as CloudTrail in the management account shows it. */
export const COST_EXPLORER_SESSION_NAME = 'lease-costs';

const MIN_DURATION_SECONDS = 900;
const MAX_DURATION_SECONDS = 43_200;

/**
 * The getter config for Cost Explorer as `roleArn`: every client built from it shares the
 * cache's one refreshing credential set for that role, so a warm container assumes each role once
 * per credential lifetime, however many invocations and concurrent callers use it.
 *
 * @param durationSeconds Session length, an integer from 900 to 43200. Default: the role's own
 *   (STS: 3600).
 * @example
 * const ce = getCostExplorerClient(costExplorerRoleConfig(process.env.COST_EXPLORER_ROLE_ARN));
 */
export function costExplorerRoleConfig(roleArn: string, durationSeconds?: number): ClientConfig {
  if (
    durationSeconds !== undefined &&
    (!Number.isInteger(durationSeconds) ||
      durationSeconds < MIN_DURATION_SECONDS ||
      durationSeconds > MAX_DURATION_SECONDS)
  ) {
    throw new LeaseCostsInputError(
      'durationSeconds',
      `\`durationSeconds\` must be an integer from ${MIN_DURATION_SECONDS} to ${MAX_DURATION_SECONDS}, got "${String(durationSeconds)}"`,
    );
  }
  return Object.freeze({
    roleArn,
    roleSessionName: COST_EXPLORER_SESSION_NAME,
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
  });
}

/**
 * The original app's API, for callers that need the role's raw credentials (a CLI, another SDK). They
 * come from the same shared credential set the Cost Explorer getter uses, so calling this costs
 * no AssumeRole beyond the one the role needs anyway, and the credentials are refreshed before
 * they expire. Their `expiration` is when the cache starts refreshing them (up to 15 minutes
 * before STS's), so a caller that holds them re-asks early, never late. Prefer
 * `getCostData(query, { roleArn })`, which never handles raw credentials.
 *
 * A malformed `roleArn` throws the cache's `ClientCacheConfigError`; a role that cannot be
 * assumed throws its `ClientCacheCredentialsError`.
 *
 * @example
 * const credentials = await assumeCostExplorerRole('arn:aws:iam::123456789012:role/CostReader');
 */
export async function assumeCostExplorerRole(
  roleArn: string,
  durationSeconds?: number,
): Promise<CredentialIdentity> {
  const client = getCostExplorerClient(costExplorerRoleConfig(roleArn, durationSeconds));
  const { accessKeyId, secretAccessKey, sessionToken, expiration } =
    await client.config.credentials();
  return { accessKeyId, secretAccessKey, sessionToken, expiration };
}
