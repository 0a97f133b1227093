import type { ClientSpec } from '../config/parse-client-config.js';
import type { KeyFingerprints } from './fingerprint.js';

/**
 * The cache key of a parsed config: `type:region:roleArn:profile`, then a
 * named segment for each other option that is set. Region, role ARN and
 * profile appear verbatim (`{}` gives
 * `"S3:default:none:none"`); credentials, external id and `additionalConfig`
 * only as short one-way fingerprints. Every segment is colon-free except the
 * ARN, which always has exactly five colons, so no two specs share a key.
 */
export function cacheKeyOf(
  clientType: string,
  spec: ClientSpec,
  fingerprints: KeyFingerprints,
): string {
  let key = `${clientType}:${spec.region ?? 'default'}:${spec.roleArn ?? 'none'}:${spec.profile ?? 'none'}`;
  if (spec.simple) return key;
  if (spec.roleSessionName !== undefined) key += `:session=${spec.roleSessionName}`;
  if (spec.externalId !== undefined) key += `:external-id=${fingerprints.text(spec.externalId)}`;
  if (spec.durationSeconds !== undefined) key += `:duration=${spec.durationSeconds}`;
  if (spec.credentials !== undefined) {
    key += `:credentials=${fingerprints.credentials(spec.credentials)}`;
  }
  if (spec.additionalConfig !== undefined) {
    key += `:config=${fingerprints.config(spec.additionalConfig)}`;
  }
  return key;
}
