import { Logger } from '@aws-lambda-powertools/logger';
import type { CredentialIdentity } from '../../src/config/client-cache-config.js';
import { RefreshingCredentials } from '../../src/credentials/refreshing-credentials.js';
import { CacheObserver } from '../../src/observability/cache-observer.js';
import { CreationSamples } from '../../src/observability/creation-samples.js';
import type { LoggerLike } from '../../src/observability/powertools-types.js';
import type { ClientCacheTracer } from '../../src/observability/tracing.js';
import { newCacheCounters } from '../../src/observers/cache-counters.js';

/** A credential set for `source`, observed as a cache with this logger and tracer observes a role's. */
export function refreshingThroughObserver(
  source: string,
  fetch: () => Promise<CredentialIdentity>,
  now: () => number,
  { logger, tracer }: { logger?: LoggerLike; tracer?: ClientCacheTracer },
): RefreshingCredentials {
  return new RefreshingCredentials({
    source,
    fetch,
    now,
    counters: newCacheCounters(),
    hooks: new CacheObserver({
      logger: logger ?? new Logger(),
      tracer,
      traceHits: false,
      samples: new CreationSamples(),
    }),
  });
}
