import { type CacheCounters, newCacheCounters } from '../observers/cache-counters.js';
import {
  DEFAULT_IDLE_LIMIT_MS,
  PoolAgent,
  PoolHttpAgent,
  type PoolSaturation,
} from './pool-agent.js';
import { PooledHttpHandler } from './pooled-http-handler.js';

export interface PoolSettings {
  readonly maxSockets: number;
  readonly connectionTimeoutMs: number;
  readonly socketTimeoutMs: number;
}

/** Grace period of {@link SharedPools.close} for requests in flight. */
const DEFAULT_CLOSE_GRACE_MS = 2000;
const DRAIN_POLL_MS = 10;
const CLOSE_WAIT_POLLS = 50;

interface AgentPair {
  readonly https: PoolAgent;
  readonly http: PoolHttpAgent;
}

/**
 * One cache's keep-alive pools: one pair of agents (HTTPS and HTTP, one set
 * of sockets each) per `maxSockets` and connection timeout, and one handler
 * per full setting, so clients with different socket timeouts still share
 * connections. Requests are signed per request, so clients of every role and
 * service can share its sockets.
 */
export class SharedPools {
  /** The cache's counters record; the pools bump `connectionsOpened` and `requestsSent`. */
  readonly counters: CacheCounters;
  readonly #agents = new Map<string, AgentPair>();
  readonly #handlers = new Map<string, PooledHttpHandler>();
  readonly #onSaturated: (saturation: PoolSaturation) => void;
  readonly #now: () => number;
  #closed = false;
  #closing: Promise<void> | undefined;

  /** `onSaturated` hears the first time requests queue for a socket of an origin. */
  constructor(
    onSaturated: (saturation: PoolSaturation) => void = () => undefined,
    now: () => number = Date.now,
    counters: CacheCounters = newCacheCounters(),
  ) {
    this.counters = counters;
    this.#onSaturated = onSaturated;
    this.#now = now;
  }

  handlerFor({
    maxSockets,
    connectionTimeoutMs,
    socketTimeoutMs,
  }: PoolSettings): PooledHttpHandler {
    const id = `${maxSockets}:${connectionTimeoutMs}:${socketTimeoutMs}`;
    let handler = this.#handlers.get(id);
    if (handler === undefined) {
      const agents = this.#agentsFor(maxSockets, connectionTimeoutMs);
      handler = new PooledHttpHandler({ ...agents, isClosed: () => this.#closed }, socketTimeoutMs);
      this.#handlers.set(id, handler);
    }
    return handler;
  }

  /** Sockets the pools hold now, busy and idle, for bounds checks. */
  get openSocketCount(): number {
    let count = 0;
    for (const agent of this.#allAgents()) {
      for (const group of [agent.sockets, agent.freeSockets]) {
        for (const sockets of Object.values(group)) count += sockets?.length ?? 0;
      }
    }
    return count;
  }

  /**
   * Stops sending, once: every call returns the same promise, resolved when
   * the drain is done (the first call's `graceMs` applies). Requests waiting
   * for a socket, and requests made from now on, fail at once with a
   * `ClientCacheError` saying they were not sent. Requests in flight get up to
   * `graceMs` to finish; then every socket is destroyed, and what is still
   * running fails with a `ClientCacheError` saying it may have reached the
   * server, which the SDK does not retry. Nothing is written after it resolves,
   * and no socket is left.
   */
  close(graceMs = DEFAULT_CLOSE_GRACE_MS): Promise<void> {
    this.#closing ??= this.#drain(graceMs);
    return this.#closing;
  }

  async #drain(graceMs: number): Promise<void> {
    this.#closed = true;
    for (const agent of this.#allAgents()) agent.refuseQueued();
    // Real time, not the injected clock: the grace is a wait, not a socket's age.
    const deadline = performance.now() + graceMs;
    // Ref'd timers on purpose: a caller awaiting a graceful shutdown must not see the process
    // (or worker thread) exit under it; both waits are bounded.
    while (this.#busyCount() > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    for (const agent of this.#allAgents()) agent.cutAll();
    // Destroyed sockets leave the agents' lists when they have closed.
    for (let wait = 0; this.openSocketCount > 0 && wait < CLOSE_WAIT_POLLS; wait++) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  #busyCount(): number {
    let count = 0;
    for (const agent of this.#allAgents()) count += agent.busyCount;
    return count;
  }

  *#allAgents(): Iterable<PoolAgent | PoolHttpAgent> {
    for (const pair of this.#agents.values()) yield* [pair.https, pair.http];
  }

  #agentsFor(maxSockets: number, connectionTimeoutMs: number): AgentPair {
    const id = `${maxSockets}:${connectionTimeoutMs}`;
    let pair = this.#agents.get(id);
    if (pair === undefined) {
      const options = {
        maxSockets,
        connectionTimeoutMs,
        defaultIdleLimitMs: DEFAULT_IDLE_LIMIT_MS,
        counters: this.counters,
        onSaturated: this.#onSaturated,
        now: this.#now,
        isClosed: () => this.#closed,
      };
      pair = { https: new PoolAgent(options), http: new PoolHttpAgent(options) };
      this.#agents.set(id, pair);
    }
    return pair;
  }
}
