/**
 * When to refresh a credential set, after botocore and the Java and Go SDKs:
 * an advisory window, where one caller starts a refresh in the background
 * and everyone keeps using the current credentials, then a mandatory window,
 * where callers wait for the one refresh.
 */
export interface RefreshWindows {
  /** From here on, refresh in the background. */
  readonly advisoryAt: number;
  /** From here on, callers wait for fresh credentials. */
  readonly mandatoryAt: number;
}

/** The advisory window is at most this much longer than the mandatory one. */
export const MAX_ADVISORY_EXTRA_MS = 10 * 60_000;

/**
 * Both windows scale down for short sessions, so a 900-second session still
 * gets most of its life without refreshing, rather than refreshing on every
 * request. `jitter` (0..1) spreads the advisory start over the last fifth of
 * its window, so a fleet of functions does not refresh in one burst.
 */
export function refreshWindows(
  obtainedAt: number,
  expiresAt: number,
  mandatoryLeadMs: number,
  jitter: number,
): RefreshWindows {
  const lifetime = Math.max(0, expiresAt - obtainedAt);
  const mandatoryLead = Math.min(mandatoryLeadMs, lifetime / 2);
  const advisoryExtra = Math.min(MAX_ADVISORY_EXTRA_MS, (lifetime - mandatoryLead) / 2);
  const mandatoryAt = expiresAt - mandatoryLead;
  return { mandatoryAt, advisoryAt: mandatoryAt - advisoryExtra * (0.8 + 0.2 * jitter) };
}
