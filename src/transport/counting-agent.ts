// Not unused: tsc's declarations for the agent mixin name `EventEmitter.captureRejectionSymbol`.
// biome-ignore lint/correctness/noUnusedImports: the emitted .d.ts needs the name in scope.
import type { EventEmitter } from 'node:events';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionCounters } from './connection-counters.js';
import { HttpAgent, HttpsAgent } from './node-http.js';

export interface PoolSaturation {
  readonly origin: string;
  readonly maxSockets: number;
  readonly inFlight: number;
}

/** What a pool agent needs besides Node's own agent options. */
export interface PoolAgentOptions {
  readonly maxSockets: number;
  /** Time from opening a socket to its TCP connect; 0 for none. */
  readonly connectionTimeoutMs: number;
  /** Idle limit for a socket whose server sent no `Keep-Alive: timeout=N` hint. */
  readonly defaultIdleLimitMs: number;
  readonly counters: ConnectionCounters;
  readonly onSaturated: (saturation: PoolSaturation) => void;
  readonly now: () => number;
}

/**
 * Idle limit without a server hint: below the idle timeouts met in front of
 * AWS APIs (load balancers, NAT), so a socket is retired before the far end
 * forgets it; a reset past this limit is still caught by the replay.
 */
export const DEFAULT_IDLE_LIMIT_MS = 20_000;
// Node's own margin before an advertised keep-alive timeout.
const HINT_MARGIN_MS = 1000;
const DEAD_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

interface SocketState {
  idleSince: number;
  idleLimitMs: number;
}

// biome-ignore lint/suspicious/noExplicitAny: the mixin constructor shape TypeScript requires
type AgentClass = new (...args: any[]) => HttpAgent;

function idleLimitOf(response: IncomingMessage, fallbackMs: number): number {
  const hint = /^timeout=(\d+)/.exec(String(response.headers['keep-alive'] ?? ''))?.[1];
  return hint === undefined ? fallbackMs : Math.max(0, Number(hint) * 1000 - HINT_MARGIN_MS);
}

function connectTimeoutError(ms: number): Error {
  return Object.assign(
    new Error(`The socket did not connect to the server within ${ms} ms (connection timeout)`),
    { name: 'TimeoutError', code: 'ETIMEDOUT' },
  );
}

/**
 * Adds the pool's safety rules to Node's keep-alive agent (HTTP or HTTPS):
 * - counts connections and requests;
 * - times connecting on the socket itself, so a request queued for a free
 *   socket is never failed by the connection timeout;
 * - retires, when a socket is taken, one idle past the server's keep-alive
 *   hint (or the default limit) or idle since a sign that pooled sockets died:
 *   the check needs no timer, and timers do not run while Lambda is frozen;
 * - tags a dead-socket error of a reused socket that got no response, so the
 *   handler can replay that request once on a fresh socket.
 */
function poolAgentClass<Base extends AgentClass>(Base: Base) {
  return class PoolAgent extends Base {
    readonly #options: PoolAgentOptions;
    readonly #state = new WeakMap<Socket, SocketState>();
    readonly #replayable = new WeakSet<object>();
    readonly #inFlight = new Map<string, number>();
    readonly #reportedOrigins = new Set<string>();
    #deadSince = Number.NEGATIVE_INFINITY;

    // biome-ignore lint/suspicious/noExplicitAny: the mixin constructor shape TypeScript requires
    constructor(...args: any[]) {
      const options = args[0] as PoolAgentOptions;
      super({ keepAlive: true, maxSockets: options.maxSockets, scheduling: 'lifo' });
      this.#options = options;
    }

    /**
     * Marks a request to `origin` as started. Reports saturation the first
     * time requests queue for a socket of that origin, and never again for it.
     */
    requestStarted(origin: string): void {
      this.#options.counters.requestsSent++;
      const inFlight = (this.#inFlight.get(origin) ?? 0) + 1;
      this.#inFlight.set(origin, inFlight);
      if (inFlight > this.maxSockets && !this.#reportedOrigins.has(origin)) {
        this.#reportedOrigins.add(origin);
        this.#options.onSaturated({ origin, maxSockets: this.maxSockets, inFlight });
      }
    }

    requestEnded(origin: string): void {
      const inFlight = (this.#inFlight.get(origin) ?? 1) - 1;
      if (inFlight === 0) this.#inFlight.delete(origin);
      else this.#inFlight.set(origin, inFlight);
    }

    /** Whether `error` cut a request on a reused socket before any response: safe to replay. */
    isReplayable(error: unknown): boolean {
      return typeof error === 'object' && error !== null && this.#replayable.has(error);
    }

    /** Sockets busy now, and requests queued for one. */
    get busyCount(): number {
      let count = 0;
      for (const group of [this.sockets, this.requests]) {
        for (const list of Object.values(group)) count += list?.length ?? 0;
      }
      return count;
    }

    addRequest(request: ClientRequest, options: object): void {
      this.#retireStale(this.getName(options as Parameters<HttpAgent['getName']>[0]));
      let responded = false;
      request.once('response', (response: IncomingMessage) => {
        responded = true;
        const socket = response.socket;
        const idleLimitMs = idleLimitOf(response, this.#options.defaultIdleLimitMs);
        this.#state.set(socket, { idleSince: Number.POSITIVE_INFINITY, idleLimitMs });
      });
      // Registered before the SDK's own listener, so the tag is there when it rejects.
      request.once('error', (error: Error & { code?: string }) => {
        if (request.reusedSocket && !responded && DEAD_SOCKET_CODES.has(error.code ?? '')) {
          this.#replayable.add(error);
          this.#deadSince = this.#options.now();
        }
      });
      // biome-ignore lint/suspicious/noExplicitAny: Node's addRequest is untyped
      (Base.prototype as any).addRequest.call(this, request, options);
    }

    override keepSocketAlive(socket: Socket): boolean {
      const state = this.#state.get(socket);
      if (state !== undefined) state.idleSince = this.#options.now();
      // biome-ignore lint/suspicious/noExplicitAny: Node's keepSocketAlive is untyped
      return (Base.prototype as any).keepSocketAlive.call(this, socket);
    }

    override createConnection(...args: Parameters<HttpAgent['createConnection']>): Socket {
      this.#options.counters.connectionsOpened++;
      const socket = super.createConnection(...args) as unknown as Socket;
      const { connectionTimeoutMs } = this.#options;
      if (connectionTimeoutMs > 0 && socket.connecting) {
        const timer = setTimeout(
          () => socket.destroy(connectTimeoutError(connectionTimeoutMs)),
          connectionTimeoutMs,
        );
        timer.unref();
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      }
      return socket;
    }

    #retireStale(name: string): void {
      const free = this.freeSockets[name] as Socket[] | undefined;
      if (free === undefined) return;
      const now = this.#options.now();
      const stale = free.filter((socket) => {
        const state = this.#state.get(socket);
        if (state === undefined) return true;
        return state.idleSince <= this.#deadSince || now - state.idleSince > state.idleLimitMs;
      });
      for (const socket of stale) {
        free.splice(free.indexOf(socket), 1);
        socket.destroy();
      }
      if (free.length === 0) delete (this.freeSockets as Record<string, Socket[]>)[name];
    }
  };
}

/** A keep-alive HTTPS agent with the pool's rules. */
export const CountingAgent = poolAgentClass(HttpsAgent);
export type CountingAgent = InstanceType<typeof CountingAgent> & HttpsAgent;

/** A keep-alive HTTP agent with the pool's rules (LocalStack, MinIO). */
export const CountingHttpAgent = poolAgentClass(HttpAgent);
export type CountingHttpAgent = InstanceType<typeof CountingHttpAgent>;
