import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { ConnectionCounters } from './connection-counters.js';
import type { CountingAgent } from './counting-agent.js';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpHandlerOptions = Parameters<NodeHttpHandler['handle']>[1];
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

// Errors of a socket the peer has already given up on. The request never got
// an answer on it, and the SDK treats all of these as retryable.
const DEAD_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function isDeadSocketError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && DEAD_SOCKET_CODES.has(code);
}

/**
 * The request handler every cached client shares.
 *
 * `NodeHttpHandler.destroy()` destroys the agent it was given, even one
 * shared with other clients, and the SDK then silently retries whatever it
 * cut, so a non-idempotent call could run twice. Here `destroy()` does
 * nothing: a client that is evicted, or that a caller destroys out of habit,
 * leaves the pool alone. Only `close()` (`destroyClientCache`) ends it.
 */
export class PooledHttpHandler extends NodeHttpHandler {
  readonly #agent: CountingAgent;
  readonly #counters: ConnectionCounters;

  constructor(
    agent: CountingAgent,
    counters: ConnectionCounters,
    connectionTimeoutMs: number,
    socketTimeoutMs: number,
  ) {
    super({
      httpsAgent: agent,
      connectionTimeout: connectionTimeoutMs,
      socketTimeout: socketTimeoutMs,
    });
    this.#agent = agent;
    this.#counters = counters;
  }

  override destroy(): void {}

  /**
   * Shared by every client, so no one client may retune it: the SDK calls
   * this when a client has a logger, and extensions may call it too.
   */
  override updateHttpClientConfig(): void {}

  close(): void {
    super.destroy();
  }

  override async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<HandleResult> {
    this.#counters.requestsSent++;
    const origin = `${request.hostname}:${request.port ?? 443}`;
    this.#agent.requestStarted(origin);
    try {
      return await super.handle(request, options);
    } catch (error) {
      if (isDeadSocketError(error)) this.#agent.dropIdleSockets();
      throw error;
    } finally {
      this.#agent.requestEnded(origin);
    }
  }
}
