/**
 * Every limit and pattern the cache checks, in one place: the settings table,
 * the getter-config validator and the dashboard renderer all read these.
 */

/** `maxEntries` / `CLIENT_CACHE_MAX_ENTRIES`. */
export const MAX_ENTRIES = { min: 1, max: 10_000, defaultValue: 100 } as const;

/** `durationSeconds`, as STS allows it. */
export const ROLE_DURATION_SECONDS = { min: 900, max: 43_200 } as const;

/**
 * A region of any partition the SDK knows: `us-east-1`, `cn-north-1`,
 * `us-gov-west-1`, `us-isob-east-1`, `eu-isoe-west-1`, `eusc-de-east-1`.
 * A pattern, not a list, so a region launched after this release still works.
 */
export const REGION_PATTERN = /^[a-z]{2,4}(?:-[a-z]+)+-\d{1,2}$/;

/** An IAM role ARN in the commercial, China, GovCloud, isolated or European Sovereign partition. */
export const ROLE_ARN_PATTERN =
  /^arn:(aws(?:-cn|-us-gov|-iso(?:-[bef])?|-eusc)?):iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;

export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
export const PROFILE_PATTERN = /^[^\s:]{1,128}$/;

/** The largest instant a `Date` can hold, in epoch milliseconds. */
export const MAX_DATE_MS = 8.64e15;
