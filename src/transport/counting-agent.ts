import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import type { ConnectionCounters } from './connection-counters.js';

export interface PoolSaturation {
  readonly origin: string;
  readonly maxSockets: number;
  readonly inFlight: number;
}

/** A keep-alive HTTPS agent that counts the connections it opens and the requests it carries. */
export class CountingAgent extends Agent {
  readonly #inFlight = new Map<string, number>();
  readonly #reportedOrigins = new Set<string>();
  readonly #onSaturated: (saturation: PoolSaturation) => void;
  readonly #counters: ConnectionCounters;

  constructor(
    options: AgentOptions,
    counters: ConnectionCounters,
    onSaturated: (saturation: PoolSaturation) => void,
  ) {
    super(options);
    this.#counters = counters;
    this.#onSaturated = onSaturated;
  }

  /**
   * Marks a request to `origin` as started. Reports saturation the first
   * time requests queue for a socket of that origin, and never again for
   * it: under a burst the queue fills and drains many times a second, and
   * one warning says all there is to say.
   */
  requestStarted(origin: string): void {
    const inFlight = (this.#inFlight.get(origin) ?? 0) + 1;
    this.#inFlight.set(origin, inFlight);
    if (inFlight > this.maxSockets && !this.#reportedOrigins.has(origin)) {
      this.#reportedOrigins.add(origin);
      this.#onSaturated({ origin, maxSockets: this.maxSockets, inFlight });
    }
  }

  requestEnded(origin: string): void {
    const inFlight = (this.#inFlight.get(origin) ?? 1) - 1;
    if (inFlight === 0) this.#inFlight.delete(origin);
    else this.#inFlight.set(origin, inFlight);
  }

  override createConnection(
    ...args: Parameters<Agent['createConnection']>
  ): ReturnType<Agent['createConnection']> {
    this.#counters.connectionsOpened++;
    return super.createConnection(...args);
  }

  /**
   * Destroys every idle socket. Called when one pooled socket turns out to be
   * dead: after a Lambda freeze the rest almost certainly are too, and the
   * SDK's retry must get a fresh connection, not the next corpse.
   */
  dropIdleSockets(): void {
    for (const sockets of Object.values(this.freeSockets)) {
      for (const socket of (sockets ?? []) as Duplex[]) socket.destroy();
    }
  }
}
