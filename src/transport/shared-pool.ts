import { type ConnectionCounters, newConnectionCounters } from './connection-counters.js';
import { CountingAgent, type PoolSaturation } from './counting-agent.js';
import { PooledHttpHandler } from './pooled-http-handler.js';

export interface PoolSettings {
  readonly maxSockets: number;
  readonly connectionTimeoutMs: number;
  readonly socketTimeoutMs: number;
}

/**
 * One cache's keep-alive pools: one agent (one set of sockets) per
 * `maxSockets`, and one handler per full setting, so clients with different
 * timeouts still share connections. Requests are signed per request, so
 * clients of every role and service can share its sockets.
 */
export class SharedPools {
  readonly counters: ConnectionCounters = newConnectionCounters();
  readonly #agents = new Map<number, CountingAgent>();
  readonly #handlers = new Map<string, PooledHttpHandler>();
  readonly #onSaturated: (saturation: PoolSaturation) => void;

  /** `onSaturated` hears the first time requests queue for a socket of an origin. */
  constructor(onSaturated: (saturation: PoolSaturation) => void = () => undefined) {
    this.#onSaturated = onSaturated;
  }

  handlerFor({
    maxSockets,
    connectionTimeoutMs,
    socketTimeoutMs,
  }: PoolSettings): PooledHttpHandler {
    const id = `${maxSockets}:${connectionTimeoutMs}:${socketTimeoutMs}`;
    let handler = this.#handlers.get(id);
    if (handler === undefined) {
      handler = new PooledHttpHandler(
        this.#agentFor(maxSockets),
        this.counters,
        connectionTimeoutMs,
        socketTimeoutMs,
      );
      this.#handlers.set(id, handler);
    }
    return handler;
  }

  /** Sockets the pools hold now, busy and idle, for bounds checks. */
  get openSocketCount(): number {
    let count = 0;
    for (const agent of this.#agents.values()) {
      for (const group of [agent.sockets, agent.freeSockets]) {
        for (const sockets of Object.values(group)) count += sockets?.length ?? 0;
      }
    }
    return count;
  }

  /** Closes every pooled socket. */
  close(): void {
    for (const handler of this.#handlers.values()) handler.close();
    for (const agent of this.#agents.values()) agent.destroy();
    this.#handlers.clear();
    this.#agents.clear();
  }

  #agentFor(maxSockets: number): CountingAgent {
    let agent = this.#agents.get(maxSockets);
    if (agent === undefined) {
      agent = new CountingAgent({ keepAlive: true, maxSockets }, this.counters, this.#onSaturated);
      this.#agents.set(maxSockets, agent);
    }
    return agent;
  }
}
