import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import { clientCacheMetrics, configureClientCache } from 'aws-client-cache';
import { type LeaseCostsConfig, readLeaseCostsConfig } from './config.js';
import {
  cachedModules,
  createLeaseCostsProcessor,
  type LeaseCostsModules,
  type LeaseCostsResult,
} from './lease-costs.js';

/** Used when `POWERTOOLS_SERVICE_NAME` / `POWERTOOLS_METRICS_NAMESPACE` are not set. */
const DEFAULT_SERVICE_NAME = 'lease-costs';
const DEFAULT_METRICS_NAMESPACE = 'LeaseCosts';

export interface LeaseCostsHandlerOptions {
  /** Where settings are read from, once, here. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The AWS-facing steps. Default: the `examples/app/lib` modules on the cache's getters. */
  readonly modules?: (config: LeaseCostsConfig) => LeaseCostsModules;
  /** Powertools instances; default new ones following their env vars. */
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  readonly tracer?: Tracer;
}

/**
 * The lease-costs Lambda handler. Settings are validated when it is built (at cold start, from
 * `examples/app/lambda.ts`), so a misconfigured function fails its init naming every bad variable.
 *
 * Middleware order matters on the way out, which runs in reverse: `clientCacheMetrics` adds the
 * cache's figures first, then `logMetrics` writes them with the business metrics as one EMF
 * line per invocation.
 *
 * @example
 * export const handler = createLeaseCostsHandler();
 */
export function createLeaseCostsHandler(options: LeaseCostsHandlerOptions = {}) {
  const env = options.env ?? process.env;
  const config = readLeaseCostsConfig(env);
  const serviceName = env.POWERTOOLS_SERVICE_NAME ?? DEFAULT_SERVICE_NAME;
  const logger = options.logger ?? new Logger({ serviceName });
  const metrics =
    options.metrics ??
    new Metrics({
      serviceName,
      namespace: env.POWERTOOLS_METRICS_NAMESPACE ?? DEFAULT_METRICS_NAMESPACE,
    });
  // Outside Lambda, or with POWERTOOLS_TRACE_ENABLED=false, the tracer does nothing.
  const tracer = options.tracer ?? new Tracer({ serviceName });
  configureClientCache({ metrics, logger, tracer });
  const processLease = createLeaseCostsProcessor(
    config,
    (options.modules ?? cachedModules)(config),
    { logger, metrics },
  );
  return middy(async (event: unknown): Promise<LeaseCostsResult> => processLease(event))
    .use(captureLambdaHandler(tracer))
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics))
    .use(clientCacheMetrics({ metrics }));
}
