/**
 * The world of the lifecycle model (`lifecycle-model.test.ts`): the caches a run has made
 * (each default cache in turn, and one cache of its own), the clients they handed out, the
 * Invokes sent through them, and a Lambda function on the local endpoint that holds each Invoke
 * by its id until the model releases it. The oracle's checks live here, beside the state they
 * read; the commands are in `lifecycle-model-commands.ts`.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import type { ClientCache } from '../../src/client-cache/client-cache.js';
import { ClientCacheError } from '../../src/errors.js';
import type { LocalAws } from '../../tools/local-aws/local-aws.js';

/** One cache: a default cache between two shutdowns, or the run's own. */
export interface Generation {
  readonly label: string;
  readonly cache: ClientCache;
  readonly maxSockets: number;
  /** The client each getter key returned since the last clear. */
  readonly clients: Map<string, object>;
  /** Getter calls that returned a client. */
  returned: number;
  built: boolean;
  destroyStarted: boolean;
  /** Requests its pool had put on the wire when its shutdown began: it may put none after. */
  sentAtDestroy?: number;
  /** The arrivals of this cache's calls when its shutdown promise resolved. */
  arrivalsAtDrain?: number;
}

export type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown };

export interface Call {
  readonly id: string;
  readonly generation: Generation;
  readonly roleArn: string | undefined;
  /** Sent on a client whose cache had begun its shutdown. */
  readonly afterDestroy: boolean;
  /** Whether it was running at the server when its cache's shutdown began. */
  arrivedAtDestroy?: boolean;
  /**
   * Handshakes were slow then: a call not yet arrived may have been on the wire (its handshake
   * just done), so only the pool's count can say nothing went out after (`sentAtDestroy`).
   */
  inTransitAtDestroy?: boolean;
  /** Released (its gate opened) while its cache had not begun its shutdown. */
  releasedWhileLive: boolean;
  outcome?: Outcome;
  /** It settled before its cache's shutdown began: nothing in this model may fail it then. */
  settledWhileLive?: boolean;
  readonly settled: Promise<void>;
}

export interface SendableClient {
  readonly client: LambdaClient;
  readonly generation: Generation;
  readonly roleArn: string | undefined;
}

/** A shutdown promise and the caches it must have drained when it resolves. */
export interface Shutdown {
  readonly promise: Promise<void>;
  readonly generations: readonly Generation[];
}

/** `work`'s value, or `late` once `ms` have passed; the timer never outlives the race. */
export async function within<Value>(work: Promise<Value>, ms: number, late: Value): Promise<Value> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Value>((resolve) => {
    timer = setTimeout(() => resolve(late), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const GATED_FUNCTION = 'lifecycle-gate';

/** The Lambda function that holds every Invoke, by its payload id, until `release(id)`. */
export class Gates {
  readonly #arrivals = new Map<string, number>();
  readonly #open = new Map<string, () => void>();
  readonly #released = new Set<string>();
  /** From `releaseAll()` to `reset()`, nothing is held: calls still queued pass when they arrive. */
  #allOpen = false;

  install(endpoint: LocalAws): void {
    endpoint.functions.set(GATED_FUNCTION, async (event) => {
      const { id } = event as { id: string };
      this.#arrivals.set(id, (this.#arrivals.get(id) ?? 0) + 1);
      if (this.#allOpen || this.#released.has(id)) return { id };
      await new Promise<void>((resolve) => this.#open.set(id, resolve));
      return { id };
    });
  }

  arrivalsOf(id: string): number {
    return this.#arrivals.get(id) ?? 0;
  }

  release(id: string): void {
    this.#released.add(id);
    this.#open.get(id)?.();
    this.#open.delete(id);
  }

  isReleased(id: string): boolean {
    return this.#allOpen || this.#released.has(id);
  }

  releaseAll(): void {
    this.#allOpen = true;
    for (const id of [...this.#open.keys()]) this.release(id);
  }

  reset(): void {
    this.releaseAll();
    this.#allOpen = false;
    this.#arrivals.clear();
    this.#released.clear();
  }
}

export const saysNotSent = (error: unknown): boolean =>
  error instanceof ClientCacheError &&
  error.message.includes('was not sent') &&
  !error.message.includes('may have reached');

/** Everything one run made, and what the model expects of it. */
export class LifecycleWorld {
  readonly endpoint: LocalAws;
  readonly gates: Gates;
  readonly generations: Generation[] = [];
  readonly calls: Call[] = [];
  readonly sendable: SendableClient[] = [];
  readonly shutdowns: Shutdown[] = [];
  /** Every client any getter returned in this run: a miss must return none of them. */
  readonly everyClient = new Set<object>();
  /** The default cache the getters use now, as the model sees it. */
  current: Generation | undefined;
  /** The run's own cache (`createClientCache`). */
  own: Generation | undefined;
  configuredMaxSockets: number;
  stsHeld = false;
  /** New Lambda sockets take 300 ms to connect (their TLS handshake held by the endpoint). */
  slowHandshakes = false;
  /** `destroyClientCache()` has ended a default cache in this run: it has a shutdown promise. */
  defaultShutdownBegun = false;
  /** The default cache `destroyClientCache()` ended last: a stats read reports it until a new one. */
  lastEndedDefault: Generation | undefined;
  #nextCall = 0;

  constructor(endpoint: LocalAws, gates: Gates, configuredMaxSockets: number) {
    this.endpoint = endpoint;
    this.gates = gates;
    this.configuredMaxSockets = configuredMaxSockets;
  }

  addGeneration(label: string, cache: ClientCache, maxSockets: number): Generation {
    const generation: Generation = {
      label: `${label}#${this.generations.length}`,
      cache,
      maxSockets,
      clients: new Map(),
      returned: 0,
      built: false,
      destroyStarted: false,
    };
    this.generations.push(generation);
    return generation;
  }

  /** An Invoke through `sendable`, held at the server until released. */
  send({ client, generation, roleArn }: SendableClient): Call {
    const id = `call-${this.#nextCall++}`;
    const call: Call = {
      id,
      generation,
      roleArn,
      afterDestroy: generation.destroyStarted,
      releasedWhileLive: false,
      settled: client
        .send(new InvokeCommand({ FunctionName: GATED_FUNCTION, Payload: JSON.stringify({ id }) }))
        .then(
          () => {
            call.outcome = { ok: true };
            call.settledWhileLive = !generation.destroyStarted;
          },
          (error: unknown) => {
            call.outcome = { ok: false, error };
            call.settledWhileLive = !generation.destroyStarted;
          },
        ),
    };
    this.calls.push(call);
    return call;
  }

  /** Marks the shutdown of `generation` as begun: what was running then, and what was not. */
  beginShutdown(generation: Generation): void {
    generation.destroyStarted = true;
    generation.sentAtDestroy = generation.cache.stats().requestsSent;
    for (const call of this.calls) {
      if (call.generation === generation && call.outcome === undefined) {
        call.arrivedAtDestroy = this.gates.arrivalsOf(call.id) > 0;
        call.inTransitAtDestroy = this.slowHandshakes;
      }
    }
  }

  arrivalsOfGeneration(generation: Generation): number {
    return this.calls
      .filter((call) => call.generation === generation)
      .reduce((sum, call) => sum + this.gates.arrivalsOf(call.id), 0);
  }

  /** Calls at the server now (arrived, not settled), and calls not yet arrived, of a live cache. */
  #waiting(generation: Generation): { running: number; notArrived: number } {
    let running = 0;
    let notArrived = 0;
    for (const call of this.calls) {
      if (call.generation !== generation || call.outcome !== undefined) continue;
      if (this.gates.arrivalsOf(call.id) > 0) running++;
      else notArrived++;
    }
    return { running, notArrived };
  }

  /** Whether a call may wait, not arrived, with a socket free: for an AssumeRole, or a handshake. */
  #mayWait(): boolean {
    return this.stsHeld || this.slowHandshakes;
  }

  #signature(): string {
    const arrivals = this.calls.map((call) => this.gates.arrivalsOf(call.id)).join();
    const settled = this.calls.filter((call) => call.outcome !== undefined).length;
    return `${arrivals}|${settled}|${this.endpoint.faults.heldCount('sts')}`;
  }

  /**
   * Waits until every call that can reach the server has: in each live cache, until nothing
   * waits, or the pool is full with nothing held at STS; otherwise until nothing has moved for
   * 60 ms while STS holds requests (a call may wait for a held AssumeRole), 500 ms otherwise.
   * Bounded at 3 s. A call that has not arrived
   * once this returns was queued for a socket or waiting for credentials.
   */
  async quiesce(): Promise<void> {
    const deadline = performance.now() + 3000;
    let last = this.#signature();
    let stableSince = performance.now();
    while (performance.now() < deadline) {
      const accounted = this.generations
        .filter((generation) => !generation.destroyStarted)
        .every((generation) => {
          const { running, notArrived } = this.#waiting(generation);
          const full = running >= generation.maxSockets && !this.stsHeld;
          return notArrived === 0 || (full && !this.slowHandshakes);
        });
      if (accounted) break;
      await delay(5);
      const now = this.#signature();
      if (now !== last) {
        last = now;
        stableSince = performance.now();
      } else if (performance.now() - stableSince >= (this.#mayWait() ? 60 : 500)) break;
    }
  }
}
