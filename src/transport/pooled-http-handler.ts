import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { PoolAgent, PoolHttpAgent } from './pool-agent.js';
import { ATTEMPT_HEADER, notSentError } from './pool-closed-errors.js';

type HttpRequest = Parameters<NodeHttpHandler['handle']>[0];
type HttpHandlerOptions = Parameters<NodeHttpHandler['handle']>[1];
type HandleResult = Awaited<ReturnType<NodeHttpHandler['handle']>>;

/** The agents one handler sends through, and whether their pools are closed. */
interface PoolAgents {
  readonly https: PoolAgent;
  readonly http: PoolHttpAgent;
  readonly isClosed: () => boolean;
}

/**
 * The request handler every cached client shares.
 *
 * `NodeHttpHandler.destroy()` destroys the agent it was given, even one
 * shared with other clients, and the SDK then silently retries whatever it
 * cut, so a non-idempotent call could run twice. Here `destroy()` does
 * nothing: a client that is evicted, or that a caller destroys out of habit,
 * leaves the pool alone. Only the pools' `close()` ends it, after which a
 * request fails at once with a `ClientCacheError` (which the SDK does not
 * retry) instead of opening a new socket.
 *
 * It never resends a request itself: see the agents' rules.
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
    if (this.#agents.isClosed()) throw notSentError(request.headers[ATTEMPT_HEADER]);
    const agent = request.protocol === 'http:' ? this.#agents.http : this.#agents.https;
    const origin = `${request.protocol}//${request.hostname}:${request.port ?? ''}`;
    agent.requestStarted(origin);
    try {
      return await super.handle(request, options);
    } finally {
      agent.requestEnded(origin);
    }
  }
}
