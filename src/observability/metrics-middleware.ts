import { publishAtInvocationEnd } from './metrics-publisher.js';
import type { MetricsLike } from './powertools-types.js';

export interface ClientCacheMetricsOptions {
  /**
   * Your Powertools `Metrics`. The cache's figures are added to it and go out
   * in the line your `logMetrics` writes. Default: the instance given to
   * `configureClientCache`, else the cache's own, which is flushed here.
   */
  readonly metrics?: MetricsLike;
}

/**
 * A middy middleware that publishes the cache's figures once per
 * invocation, on success and on error. Register it after `logMetrics`, so
 * that it runs first on the way out and its figures join that line.
 *
 * @example
 * ```ts
 * export const handler = middy(work)
 *   .use(logMetrics(metrics))
 *   .use(clientCacheMetrics({ metrics }));
 * ```
 */
export function clientCacheMetrics(options: ClientCacheMetricsOptions = {}): {
  after: () => Promise<void>;
  onError: () => Promise<void>;
} {
  const publish = async (): Promise<void> => publishAtInvocationEnd(options.metrics);
  return { after: publish, onError: publish };
}

/**
 * The same, for handlers without middy: wraps a handler and publishes when
 * it settles, whether it returned or threw.
 *
 * @example
 * ```ts
 * export const handler = withClientCacheMetrics(async (event) => work(event));
 * ```
 */
export function withClientCacheMetrics<Event, Context, Result>(
  handler: (event: Event, context: Context) => Promise<Result>,
  options: ClientCacheMetricsOptions = {},
): (event: Event, context: Context) => Promise<Result> {
  return async (event, context) => {
    try {
      return await handler(event, context);
    } finally {
      publishAtInvocationEnd(options.metrics);
    }
  };
}
