import { ROLE_ARN_PATTERN } from '../config/limits.js';

/** Each partition's region prefixes and the region its STS calls default to. */
const PARTITIONS = {
  aws: { matches: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-(?!gov-|iso)/, home: 'us-east-1' },
  'aws-cn': { matches: /^cn-/, home: 'cn-north-1' },
  'aws-us-gov': { matches: /^us-gov-/, home: 'us-gov-west-1' },
  'aws-iso': { matches: /^us-iso-/, home: 'us-iso-east-1' },
  'aws-iso-b': { matches: /^us-isob-/, home: 'us-isob-east-1' },
  'aws-iso-e': { matches: /^eu-isoe-/, home: 'eu-isoe-west-1' },
  'aws-iso-f': { matches: /^us-isof-/, home: 'us-isof-south-1' },
  'aws-eusc': { matches: /^eusc-/, home: 'eusc-de-east-1' },
} as const satisfies Record<string, { matches: RegExp; home: string }>;

type Partition = keyof typeof PARTITIONS;

/**
 * The region whose STS endpoint assumes `roleArn`: the function's own region
 * when it is in the role's partition (a regional endpoint, close by), else
 * that partition's home region. Credentials of one partition are unknown to
 * every other, so signing an `aws-cn` AssumeRole for `us-east-1` can only
 * fail with `InvalidClientTokenId`.
 */
export function stsRegionFor(roleArn: string, functionRegion: string | undefined): string {
  const partition = (ROLE_ARN_PATTERN.exec(roleArn)?.[1] ?? 'aws') as Partition;
  const { matches, home } = PARTITIONS[partition] ?? PARTITIONS.aws;
  return functionRegion !== undefined && matches.test(functionRegion) ? functionRegion : home;
}
