/**
 * Every limit and pattern the cache checks, in one place: the settings table,
 * the getter-config validator and the dashboard renderer all read these.
 */

/** `maxEntries` / `CLIENT_CACHE_MAX_ENTRIES`. */
export const MAX_ENTRIES = { min: 1, max: 10_000, defaultValue: 100 } as const;

/**
 * The longest delay a Node timer honours: `setTimeout` turns anything
 * longer into 1 ms (with a warning), so a connection timeout of 2^31 ms
 * would fail every connection at once. Every duration setting stays within it.
 */
export const TIMER_MAX_MS = 2_147_483_647;

/** A duration in seconds that still fits a Node timer once in milliseconds (about 24.8 days). */
export const TIMER_MAX_SECONDS = Math.floor(TIMER_MAX_MS / 1000);

/**
 * `maxSockets` / `CLIENT_CACHE_MAX_SOCKETS`: one endpoint's pool can never
 * hold more connections than one source address has ports (and Lambda
 * allows 1024 file descriptors in all).
 */
export const MAX_SOCKETS = { min: 1, max: 65_535, defaultValue: 500 } as const;

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

/**
 * Rejected strings an error may quote, because they cannot be secrets: an
 * ARN (it says so), a short run of letter and digit groups joined by dashes
 * (a mistyped region; keys, secrets and tokens have no dashes, and a UUID
 * is longer). Any other string is described by its length.
 */
export const SHOWABLE_ARN = /^arn:[ -~]{0,2044}$/;
export const SHOWABLE_REGION = /^(?=.{3,20}$)[A-Za-z\d]+(?:-[A-Za-z\d]+)+$/;

export const ROLE_SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/;
export const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]{2,1224}$/;
export const PROFILE_PATTERN = /^[^\s:]{1,128}$/;

/** The largest instant a `Date` can hold, in epoch milliseconds. */
export const MAX_DATE_MS = 8.64e15;
