import { SERVICE_NAMES, type ServiceName } from './services.js';

/** A copy of every counter, safe to keep, diff or print as JSON. */
export interface LocalAwsStatsSnapshot {
  readonly handshakes: Readonly<Record<ServiceName, number>>;
  readonly resumedHandshakes: Readonly<Record<ServiceName, number>>;
  readonly connections: Readonly<Record<ServiceName, number>>;
  readonly resets: Readonly<Record<ServiceName, number>>;
  readonly requests: Readonly<Record<string, number>>;
  readonly assumeRoleCalls: Readonly<Record<string, number>>;
}

/**
 * What the endpoint has seen since it started or since the last `reset()`. Every method returns
 * 0 for anything not seen yet, so tests can assert exact counts without guarding `undefined`.
 */
export interface LocalAwsStats {
  /**
   * Completed TLS handshakes, for one service or all of them.
   *
   * @example
   * expect(endpoint.stats.handshakes('s3')).toBe(1);
   */
  handshakes(service?: ServiceName): number;
  /**
   * The part of `handshakes` that resumed an earlier TLS session (cheaper: no certificate
   * exchange), for one service or all of them. Node's https.Agent caches sessions per host.
   *
   * @example
   * expect(endpoint.stats.resumedHandshakes('s3')).toBe(0);
   */
  resumedHandshakes(service?: ServiceName): number;
  /**
   * Accepted TCP connections, for one service or all of them.
   *
   * @example
   * expect(endpoint.stats.connections('sts')).toBe(1);
   */
  connections(service?: ServiceName): number;
  /**
   * Connections reset because `dropIdleConnections()` had marked them dead.
   *
   * @example
   * expect(endpoint.stats.resets('s3')).toBe(1);
   */
  resets(service?: ServiceName): number;
  /**
   * Requests received for one action, such as `S3.PutObject`, or for all actions. Throttled and
   * failed requests count too, so SDK retries show up here.
   *
   * @example
   * expect(endpoint.stats.requests('STS.AssumeRole')).toBe(2);
   */
  requests(action?: string): number;
  /**
   * AssumeRole requests for one role ARN, or for all roles.
   *
   * @example
   * expect(endpoint.stats.assumeRoleCalls('arn:aws:iam::123456789012:role/reader')).toBe(1);
   */
  assumeRoleCalls(roleArn?: string): number;
  /** Every counter, copied. */
  snapshot(): LocalAwsStatsSnapshot;
  /** Sets every counter back to 0. */
  reset(): void;
}

const sum = (counts: ReadonlyMap<string, number>): number =>
  [...counts.values()].reduce((total, count) => total + count, 0);

const read = (counts: ReadonlyMap<string, number>, key?: string): number =>
  key === undefined ? sum(counts) : (counts.get(key) ?? 0);

const increment = (counts: Map<string, number>, key: string): void => {
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

const perService = (counts: ReadonlyMap<string, number>): Record<ServiceName, number> =>
  Object.fromEntries(SERVICE_NAMES.map((service) => [service, read(counts, service)])) as Record<
    ServiceName,
    number
  >;

/** The counters behind {@link LocalAwsStats}, with the methods the servers record through. */
export class StatsRecorder implements LocalAwsStats {
  readonly #handshakes = new Map<string, number>();
  readonly #resumedHandshakes = new Map<string, number>();
  readonly #connections = new Map<string, number>();
  readonly #resets = new Map<string, number>();
  readonly #requests = new Map<string, number>();
  readonly #assumeRoleCalls = new Map<string, number>();

  handshakes(service?: ServiceName): number {
    return read(this.#handshakes, service);
  }

  resumedHandshakes(service?: ServiceName): number {
    return read(this.#resumedHandshakes, service);
  }

  connections(service?: ServiceName): number {
    return read(this.#connections, service);
  }

  resets(service?: ServiceName): number {
    return read(this.#resets, service);
  }

  requests(action?: string): number {
    return read(this.#requests, action);
  }

  assumeRoleCalls(roleArn?: string): number {
    return read(this.#assumeRoleCalls, roleArn);
  }

  snapshot(): LocalAwsStatsSnapshot {
    return {
      handshakes: perService(this.#handshakes),
      resumedHandshakes: perService(this.#resumedHandshakes),
      connections: perService(this.#connections),
      resets: perService(this.#resets),
      requests: Object.fromEntries(this.#requests),
      assumeRoleCalls: Object.fromEntries(this.#assumeRoleCalls),
    };
  }

  reset(): void {
    for (const counts of [
      this.#handshakes,
      this.#resumedHandshakes,
      this.#connections,
      this.#resets,
      this.#requests,
      this.#assumeRoleCalls,
    ]) {
      counts.clear();
    }
  }

  recordHandshake(service: ServiceName, resumed: boolean): void {
    increment(this.#handshakes, service);
    if (resumed) {
      increment(this.#resumedHandshakes, service);
    }
  }

  recordConnection(service: ServiceName): void {
    increment(this.#connections, service);
  }

  recordReset(service: ServiceName): void {
    increment(this.#resets, service);
  }

  recordRequest(action: string): void {
    increment(this.#requests, action);
  }

  recordAssumeRole(roleArn: string): void {
    increment(this.#assumeRoleCalls, roleArn);
  }
}
