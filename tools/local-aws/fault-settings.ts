/**
 * Faults a test can switch on for one service. Counters (`throttleNext`, `failNext`,
 * `failEntries`, `resetAfterRunNext`) count down as requests consume them; everything else stays until cleared.
 */
export interface ServiceFaults {
  /** Milliseconds added before each response. Default 0, allowed 0 to 60000. */
  readonly latencyMs?: number;
  /**
   * Milliseconds added before each TLS handshake starts, to simulate a network round trip on new
   * connections only. Default 0, allowed 0 to 60000.
   */
  readonly handshakeLatencyMs?: number;
  /** Answer the next N requests with the service's throttling error. Default 0, allowed 0 to 1000000. */
  readonly throttleNext?: number;
  /** Answer the next N requests with HTTP `failStatus`. Default 0, allowed 0 to 1000000. */
  readonly failNext?: number;
  /** Status used by `failNext`. Default 500, allowed 500 to 599. */
  readonly failStatus?: number;
  /**
   * STS only: lifetime of AssumeRole credentials in seconds, overriding the request's
   * `DurationSeconds`. Zero or negative issues credentials that have already expired.
   * Default: the request's `DurationSeconds`, else 3600. Allowed -86400 to 129600.
   */
  readonly credentialsLifetimeSeconds?: number;
  /**
   * Reset the connection (TCP RST) of the next N requests after reading each whole and running
   * its operation, before any response byte: a crash or a load balancer reset after the work was
   * done. Default 0, allowed 0 to 1000000.
   */
  readonly resetAfterRunNext?: number;
  /** EventBridge only: fail the next N PutEvents entries. Default 0, allowed 0 to 1000000. */
  readonly failEntries?: number;
  /**
   * Hold each request, before it is handled, until `releaseHeld()`: the request stays in flight
   * for as long as the test needs. Default false.
   */
  readonly holdResponses?: boolean;
}

const INTEGER_RANGES = {
  latencyMs: [0, 60_000],
  handshakeLatencyMs: [0, 60_000],
  throttleNext: [0, 1_000_000],
  failNext: [0, 1_000_000],
  failStatus: [500, 599],
  credentialsLifetimeSeconds: [-86_400, 129_600],
  failEntries: [0, 1_000_000],
  resetAfterRunNext: [0, 1_000_000],
} as const satisfies Record<
  Exclude<keyof ServiceFaults, 'holdResponses'>,
  readonly [number, number]
>;

const isIntegerField = (field: string): field is keyof typeof INTEGER_RANGES =>
  Object.hasOwn(INTEGER_RANGES, field);

/**
 * Checks faults before they are applied, so a typo fails the test that made it instead of
 * silently doing nothing.
 */
export const validateServiceFaults = (faults: ServiceFaults): void => {
  for (const [field, value] of Object.entries(faults)) {
    if (value === undefined) {
      continue;
    }
    if (field === 'holdResponses') {
      if (typeof value !== 'boolean') {
        throw new TypeError(`\`holdResponses\` must be a boolean, got "${String(value)}"`);
      }
      continue;
    }
    if (!isIntegerField(field)) {
      throw new TypeError(
        `\`${field}\` is not a fault; allowed: ${Object.keys(INTEGER_RANGES).join(', ')}, holdResponses`,
      );
    }
    const [min, max] = INTEGER_RANGES[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new TypeError(
        `\`${field}\` must be an integer from ${min} to ${max}, got "${String(value)}"`,
      );
    }
  }
};
