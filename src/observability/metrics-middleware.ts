import type { MetricsLike } from './powertools-types.js';

export interface ClientCacheMetricsOptions {
  /**
   * Your Powertools `Metrics`. The cache's figures are added to it. Default:
   * the instance given to `configureClientCache`, else the cache's own.
   */
  readonly metrics?: MetricsLike;
}

/** What the middleware and the wrapper need of a cache. */
interface InvocationEndPublisher {
  publishAtInvocationEnd(metrics: MetricsLike | undefined, flushYours: boolean): void;
}

/**
 * A middy middleware for `publisher` (a cache's); see `clientCacheMetrics`.
 */
export function metricsMiddlewareFor(
  publisher: () => InvocationEndPublisher,
  options: ClientCacheMetricsOptions = {},
): { after: () => Promise<void>; onError: () => Promise<void> } {
  // Never flushes your instance: your `logMetrics` does, in the same line, in this invocation.
  const publish = async (): Promise<void> =>
    publisher().publishAtInvocationEnd(options.metrics, false);
  return { after: publish, onError: publish };
}

/** A handler wrapper for `publisher` (a cache's); see `withClientCacheMetrics`. */
export function metricsWrapperFor<Event, Context, Result>(
  publisher: () => InvocationEndPublisher,
  handler: (event: Event, context: Context) => Promise<Result>,
  options: ClientCacheMetricsOptions = {},
): (event: Event, context: Context) => Promise<Result> {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } finally {
      // The wrapper is the end of your handler, so it flushes your instance in every invocation.
      publisher().publishAtInvocationEnd(options.metrics, true);
    }
  };
}
