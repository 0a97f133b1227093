// Not unused: tsc's declarations for the agent mixin name `EventEmitter.captureRejectionSymbol`.
// biome-ignore lint/correctness/noUnusedImports: the emitted .d.ts needs the name in scope.
import type { EventEmitter } from 'node:events';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { CacheCounters } from '../observers/cache-counters.js';
import { limitConnectTime } from './connect-timeout.js';
import { deferTimeoutPastPendingReads } from './defer-timeout.js';
import { HttpAgent, HttpsAgent } from './node-http.js';
import { ATTEMPT_HEADER, cutError, notSentError } from './pool-closed-errors.js';
import { refuseUnsent, UnsentRequests } from './unsent-requests.js';

export interface PoolSaturation {
  readonly origin: string;
  readonly maxSockets: number;
  readonly inFlight: number;
}

/** What a pool agent needs besides Node's own agent options. */
interface PoolAgentOptions {
  readonly maxSockets: number;
  /** Time from opening a socket to its TCP connect; 0 for none. */
  readonly connectionTimeoutMs: number;
  /** Idle limit for a socket whose server sent no `Keep-Alive: timeout=N` hint. */
  readonly defaultIdleLimitMs: number;
  readonly counters: CacheCounters;
  readonly onSaturated: (saturation: PoolSaturation) => void;
  readonly now: () => number;
  /** Whether the pool is closed: from then on a request is refused before it takes a socket. */
  readonly isClosed: () => boolean;
}

/**
 * Idle limit without a server hint: below the idle timeouts met in front of
 * AWS APIs (load balancers, NAT), so a socket is retired before the far end
 * forgets it. A reset past this limit goes to the SDK's retry strategy.
 */
export const DEFAULT_IDLE_LIMIT_MS = 20_000;
// Node's own margin before an advertised keep-alive timeout.
const HINT_MARGIN_MS = 1000;
const DEAD_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
// Time since a socket was last handed a request after which it is taken two loop turns later.
const UNREAD_CLOSE_AFTER_MS = 1000;

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

/**
 * Adds the pool's safety rules to Node's keep-alive agent (HTTP or HTTPS):
 * - counts connections and requests;
 * - times connecting on the socket itself, so a request queued for a free
 *   socket is never failed by the connection timeout;
 * - retires, when a socket is taken, one known dead (closed by the server,
 *   destroyed) or suspected dead: idle past the server's keep-alive hint (or
 *   the default limit), or idle since a sign that pooled sockets died. The
 *   check needs no timer, and timers do not run while Lambda is frozen. A
 *   socket last handed a request over a second ago is taken two loop turns
 *   later, so that a close the server sent while the process was frozen is
 *   read first;
 * - never resends: once a byte of a request is written, its failure is the
 *   SDK's to retry or not, within the caller's `maxAttempts`;
 * - once closed, refuses requests before they take a socket, and cuts what
 *   is still running with an error that says it may have reached the server.
 */
function poolAgentClass<Base extends AgentClass>(Base: Base) {
  return class PoolAgent extends Base {
    readonly #options: PoolAgentOptions;
    readonly #state = new WeakMap<Socket, SocketState>();
    // When each socket was last handed a request: the server's idle timer started no earlier.
    readonly #takenAt = new WeakMap<Socket, number>();
    readonly #inFlight = new Map<string, number>();
    readonly #reportedOrigins = new Set<string>();
    readonly #unsent = new UnsentRequests();
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

    /** Rejects every request waiting for a socket, or for its new one to connect: none was sent. */
    refuseQueued(): void {
      this.#unsent.refuseAll();
      const queues = this.requests as Record<string, ClientRequest[] | undefined>;
      for (const name of Object.keys(queues)) {
        const queued = queues[name] ?? [];
        delete queues[name];
        for (const request of queued) refuse(request);
      }
    }

    /**
     * Destroys every socket: an idle one quietly, a busy one with an error that
     * the SDK does not retry and that says the request may have reached the server.
     */
    cutAll(): void {
      for (const socket of socketsIn(this.freeSockets)) socket.destroy();
      for (const socket of socketsIn(this.sockets)) {
        // Its request hears the error; this listener only keeps a socket whose request has not
        // attached its own yet from turning the error into an uncaught exception.
        socket.on('error', () => undefined);
        socket.destroy(cutError());
      }
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
      // Between the handler's check and here the pool may have closed.
      if (this.#options.isClosed()) {
        refuse(request);
        return;
      }
      const name = this.getName(options as Parameters<HttpAgent['getName']>[0]);
      this.#retireStale(name);
      // A request is written in the tick it gets a connected socket, or when a new one has
      // connected: only then does it go on the wire, and only then is it counted.
      // Node hands a free socket over a tick after addRequest, so a shutdown may begin between.
      request.once('socket', (socket: Socket) => {
        if (this.#options.isClosed()) return refuseUnsent(request);
        this.#takenAt.set(socket, this.#options.now());
        const count = () => this.#options.counters.requestsSent++;
        if (!socket.connecting) count();
        else this.#unsent.waitForConnect(request, socket, count);
      });
      let responded = false;
      request.once('response', (response: IncomingMessage) => {
        responded = true;
        const socket = response.socket;
        const idleLimitMs = idleLimitOf(response, this.#options.defaultIdleLimitMs);
        this.#state.set(socket, { idleSince: Number.POSITIVE_INFINITY, idleLimitMs });
      });
      // A reused socket that died under a request is a sign its idle peers died too.
      request.once('error', (error: Error & { code?: string }) => {
        if (request.reusedSocket && !responded && DEAD_SOCKET_CODES.has(error.code ?? '')) {
          this.#deadSince = this.#options.now();
        }
      });
      // A socket last handed a request a while ago may have the server's close waiting unread
      // (a FIN that came while Lambda was frozen): idle since, or with its answer read only on
      // thaw, in the read that freed it, so that the next call is made before the FIN is read.
      // Two turns of the loop read it (one poll phase may end before a socket's close is read),
      // and the socket is then retired instead of written to.
      if (this.#nextFreeTakenAt(name) < this.#options.now() - UNREAD_CLOSE_AFTER_MS) {
        setImmediate(() => setImmediate(() => this.#take(request, options, name)));
      } else {
        this.#take(request, options, name);
      }
    }

    #take(request: ClientRequest, options: object, name: string): void {
      if (this.#options.isClosed()) {
        refuse(request);
        return;
      }
      this.#retireStale(name);
      // biome-ignore lint/suspicious/noExplicitAny: Node's addRequest is untyped
      (Base.prototype as any).addRequest.call(this, request, options);
    }

    /** When the socket a request would take now (the last freed: LIFO) was last handed one. */
    #nextFreeTakenAt(name: string): number {
      const free = this.freeSockets[name] as Socket[] | undefined;
      const next = free?.[free.length - 1];
      return next === undefined ? Number.POSITIVE_INFINITY : (this.#takenAt.get(next) ?? 0);
    }

    /**
     * Node's agent hands a freed socket straight to a request queued for it. A socket last handed
     * a request over a second ago may have freed with its answer read on thaw and the server's
     * close still unread, as in `addRequest`: it is handed on two loop turns later, when a close
     * has been read (and the agent then drops the socket and connects a new one for the queue).
     */
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== 'free') return super.emit(event, ...args);
      const [socket, options] = args as [Socket, Parameters<HttpAgent['getName']>[0]];
      const takenAt = this.#takenAt.get(socket);
      const queued = (this.requests[this.getName(options)]?.length ?? 0) > 0;
      if (
        queued &&
        takenAt !== undefined &&
        takenAt < this.#options.now() - UNREAD_CLOSE_AFTER_MS
      ) {
        setImmediate(() => setImmediate(() => super.emit(event, ...args)));
        return true;
      }
      return super.emit(event, ...args);
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
      deferTimeoutPastPendingReads(socket);
      limitConnectTime(socket, this.#options.connectionTimeoutMs);
      return socket;
    }

    #retireStale(name: string): void {
      const free = this.freeSockets[name] as Socket[] | undefined;
      if (free === undefined) return;
      const now = this.#options.now();
      const stale = free.filter((socket) => {
        // Known dead: Node's agent skips a destroyed socket only at the head of its list.
        if (socket.destroyed || !socket.writable || socket.readableEnded) return true;
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

/** A copy of the sockets of every origin in one of the agent's lists. */
function socketsIn(group: NodeJS.ReadOnlyDict<Socket[]>): Socket[] {
  return Object.values(group).flatMap((sockets) => sockets ?? []);
}

/** Fails a request with no socket as Node's agent fails one it could not connect: never written. */
function refuse(request: ClientRequest): void {
  const error = notSentError(request.getHeader(ATTEMPT_HEADER));
  (request as unknown as { onSocket(socket: null, error: Error): void }).onSocket(null, error);
}

/** A keep-alive HTTPS agent with the pool's rules. */
export const PoolAgent = poolAgentClass(HttpsAgent);
export type PoolAgent = InstanceType<typeof PoolAgent> & HttpsAgent;

/** A keep-alive HTTP agent with the pool's rules (LocalStack, MinIO). */
export const PoolHttpAgent = poolAgentClass(HttpAgent);
export type PoolHttpAgent = InstanceType<typeof PoolHttpAgent>;
