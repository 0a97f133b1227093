import { Readable } from 'node:stream';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ClientCacheError } from '../errors.js';
import type { CountingAgent, CountingHttpAgent } from './counting-agent.js';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpHandlerOptions = Parameters<NodeHttpHandler['handle']>[1];
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** The agents one handler sends through, and whether their pools are closed. */
export interface PoolAgents {
  readonly https: CountingAgent;
  readonly http: CountingHttpAgent;
  readonly isClosed: () => boolean;
}

// A stream body has been consumed by the first attempt and cannot be sent again.
const canResend = (request: HttpRequest): boolean => !(request.body instanceof Readable);

/**
 * The request handler every cached client shares.
 *
 * `NodeHttpHandler.destroy()` destroys the agent it was given, even one
 * shared with other clients, and the SDK then silently retries whatever it
 * cut, so a non-idempotent call could run twice. Here `destroy()` does
 * nothing: a client that is evicted, or that a caller destroys out of habit,
 * leaves the pool alone. Only the pools' `close()` ends it, after which a
 * request fails at once (and is not retried) instead of opening a new socket.
 *
 * The connection timeout is enforced by the agents on each new socket, not by
 * smithy (whose timer starts when the request is made, so time spent queued
 * for a free socket counted as connecting).
 */
export class PooledHttpHandler extends NodeHttpHandler {
  readonly #agents: PoolAgents;

  constructor(agents: PoolAgents, socketTimeoutMs: number) {
    super({ httpsAgent: agents.https, httpAgent: agents.http, socketTimeout: socketTimeoutMs });
    this.#agents = agents;
  }

  override destroy(): void {}

  /**
   * Shared by every client, so no one client may retune it: the SDK calls
   * this when a client has a logger, and extensions may call it too.
   */
  override updateHttpClientConfig(): void {}

  override async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<HandleResult> {
    if (this.#agents.isClosed()) {
      throw new ClientCacheError(
        'The client cache was destroyed; its connection pool sends no more requests',
      );
    }
    const agent = request.protocol === 'http:' ? this.#agents.http : this.#agents.https;
    const origin = `${request.protocol}//${request.hostname}:${request.port ?? ''}`;
    agent.requestStarted(origin);
    try {
      return await super.handle(request, options);
    } catch (error) {
      // The socket had died while idle (a freeze, a NAT timeout): the server never
      // saw the request. Send it once more on a fresh socket, as the SDK's retry
      // would, without spending the client's retry budget or a backoff.
      if (!agent.isReplayable(error) || !canResend(request) || this.#agents.isClosed()) throw error;
      return await super.handle(request, options);
    } finally {
      agent.requestEnded(origin);
    }
  }
}
