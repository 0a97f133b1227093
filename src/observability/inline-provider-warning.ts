import type { LoggerLike } from './powertools-types.js';

/** New provider functions that each built a client before the cache says they are made per call. */
const WARN_AT = 10;

/**
 * What the cache calls each time a config's credential provider function
 * builds a client. A provider keys by identity, so one created inside the
 * handler misses on every call; the tenth such client warns, once.
 */
export function inlineProviderWarning(logger: LoggerLike): () => void {
  let providerClients = 0;
  return () => {
    if (++providerClients !== WARN_AT) return;
    logger.warn(
      'aws-client-cache: credential provider functions keep building new clients; a provider created inside the handler misses the cache on every call. Create it once, at module scope',
      { providerClients },
    );
  };
}
