/**
 * When to refresh a credential set, after the 2026 cross-SDK credential
 * refresh behaviour (botocore, the Java v2 and Go v2 SDKs, smithy-rs): an
 * advisory window, where one caller starts a refresh in the background and
 * everyone keeps the current credentials, then a short mandatory window,
 * where callers wait for the one refresh (and keep the current credentials
 * if it fails, while they are still usable).
 */
export interface RefreshWindows {
  /** From here on, refresh in the background. */
  readonly advisoryAt: number;
  /** From here on, callers wait for a refresh. */
  readonly mandatoryAt: number;
  /** From here on, the credentials are never handed out again. */
  readonly unusableAt: number;
}

/** The mandatory window: the SDKs' shared 1 minute. */
export const MANDATORY_WINDOW_MS = 60_000;

/**
 * Credentials this close to expiry are not handed out: a request signed with
 * them must still reach the service before they expire (smithy-rs's
 * identity cache keeps the same 10-second buffer).
 */
const USABLE_MARGIN_MS = 10_000;

const MINUTE_MS = 60_000;

/**
 * The advisory window for a credential lifetime, as the SDKs choose it:
 * 5 minutes up to a 20-minute lifetime, 15 minutes below 90 minutes, and an
 * hour from there on. Never more than three quarters of the lifetime, so a
 * very short session still serves most of its life before refreshing.
 */
function advisoryLeadFor(lifetime: number): number {
  const sdkLead =
    lifetime <= 20 * MINUTE_MS
      ? 5 * MINUTE_MS
      : lifetime < 90 * MINUTE_MS
        ? 15 * MINUTE_MS
        : 60 * MINUTE_MS;
  return Math.min(sdkLead, (lifetime * 3) / 4);
}

/**
 * The windows of a credential set obtained at `obtainedAt` that expires at
 * `expiresAt`. `mandatoryWindowMs` scales down for sessions shorter than
 * twice it. `jitter` (0..1) shortens the advisory window by up to a fifth,
 * so a fleet of functions that assumed a role together does not refresh in
 * one burst.
 */
export function refreshWindows(
  obtainedAt: number,
  expiresAt: number,
  mandatoryWindowMs: number,
  jitter: number,
): RefreshWindows {
  const lifetime = Math.max(0, expiresAt - obtainedAt);
  const mandatoryLead = Math.min(mandatoryWindowMs, lifetime / 2);
  const advisoryLead = Math.max(mandatoryLead, advisoryLeadFor(lifetime) * (1 - 0.2 * jitter));
  return {
    advisoryAt: expiresAt - advisoryLead,
    mandatoryAt: expiresAt - mandatoryLead,
    unusableAt: expiresAt - Math.min(USABLE_MARGIN_MS, lifetime / 2),
  };
}
