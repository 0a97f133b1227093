import { errorLogShape } from '../errors.js';
import type {
  ClientCacheObserver,
  ClientCreation,
  EvictionReason,
} from '../observers/cache-events.js';
import type { RefreshMode, RefreshOutcome } from '../observers/refresh-events.js';
import type { SizingAdvice } from '../observers/sizing-advice.js';
import type { CreationSamples } from './creation-samples.js';
import type { LoggerLike } from './powertools-types.js';
import { TraceField, TraceName, type TraceUnit, type Tracing } from './trace-unit.js';
import { type ClientCacheTracer, tracingFor } from './tracing.js';

interface CacheObserverOptions {
  readonly logger: LoggerLike;
  readonly tracer?: ClientCacheTracer;
  readonly traceHits: boolean;
  readonly samples: CreationSamples;
}

/**
 * Turns cache events into logs, trace units (X-Ray subsegments or
 * OpenTelemetry spans) and creation-time samples.
 * Fields are chosen, never spread from config: no credential can reach a log
 * line or a trace.
 */
export class CacheObserver implements ClientCacheObserver {
  readonly #logger: LoggerLike;
  readonly #tracing: Tracing | undefined;
  readonly #samples: CreationSamples;
  #missUnit: TraceUnit | undefined;
  readonly onHit: ((clientType: string) => void) | undefined;

  constructor({ logger, tracer, traceHits, samples }: CacheObserverOptions) {
    this.#logger = logger;
    this.#tracing = tracingFor(tracer);
    this.#samples = samples;
    if (tracer !== undefined && this.#tracing === undefined) {
      logger.warn(
        'aws-client-cache: tracer is neither a Powertools nor an OpenTelemetry Tracer; nothing is traced',
        {},
      );
    }
    // Left undefined unless asked for, so the hit path does not even make a call.
    this.onHit =
      traceHits && this.#tracing !== undefined ? (type) => this.#traceHit(type) : undefined;
  }

  wrapCreation<Created>(
    clientType: string,
    region: string | undefined,
    create: () => Created,
  ): Created {
    const unit = this.#tracing?.open(`${TraceName.Miss} ${clientType}`);
    if (unit === undefined) return create();
    unit.set(TraceField.ClientType, clientType);
    unit.set(TraceField.Region, region ?? 'default');
    unit.set(TraceField.CacheResult, 'miss');
    this.#missUnit = unit;
    try {
      return create();
    } catch (error) {
      unit.fail(error);
      throw error;
    } finally {
      this.#missUnit = undefined;
      unit.end();
    }
  }

  /** Instruments a new client for X-Ray, once, at creation; never on a hit. */
  instrumentClient<Client>(client: Client): Client {
    return this.#tracing === undefined ? client : this.#tracing.instrumentClient(client);
  }

  onCreate({ clientType, region, creationMs, evicted }: ClientCreation): void {
    this.#samples.add(creationMs);
    this.#missUnit?.set(TraceField.Evicted, evicted);
    this.#missUnit?.set(TraceField.CreationMs, creationMs);
    this.#logger.debug('aws-client-cache: client created', {
      clientType,
      region: region ?? 'default',
      creationMs: Math.round(creationMs * 1000) / 1000,
      evicted,
    });
  }

  /** The sizing warning: names the setting and the size that would have kept those clients. */
  onSizingAdvice({
    maxEntries,
    evictionMisses,
    misses,
    windowSeconds,
    recommendedMaxEntries,
  }: SizingAdvice): void {
    this.#logger.warn(
      `aws-client-cache: \`CLIENT_CACHE_MAX_ENTRIES\` is ${maxEntries}; ${evictionMisses} of the last ${misses} misses were for clients evicted less than ${windowSeconds} s earlier; ${recommendedMaxEntries} would have kept them`,
      { maxEntries, evictionMisses, misses, windowSeconds, recommendedMaxEntries },
    );
  }

  onEvict(clientType: string, reason: EvictionReason): void {
    this.#logger.debug('aws-client-cache: client dropped', { clientType, reason });
  }

  async wrapRefresh<Result>(
    source: string,
    mode: RefreshMode,
    run: () => Promise<Result>,
  ): Promise<Result> {
    const unit = this.#tracing?.open(TraceName.CredentialRefresh);
    if (unit === undefined) return run();
    unit.set(TraceField.Source, source);
    unit.set(TraceField.RefreshMode, mode);
    try {
      return await run();
    } catch (error) {
      unit.fail(error);
      throw error;
    } finally {
      unit.end();
    }
  }

  onRefresh({ source, mode, error, keptCurrentCredentials = false }: RefreshOutcome): void {
    if (error === undefined) {
      this.#logger.debug('aws-client-cache: credentials refreshed', { source, mode });
    } else {
      this.#logger.warn('aws-client-cache: credential refresh failed', {
        source,
        mode,
        keptCurrentCredentials,
        error: errorLogShape(error),
      });
    }
  }

  #traceHit(clientType: string): void {
    const unit = this.#tracing?.open(`${TraceName.Hit} ${clientType}`);
    if (unit === undefined) return;
    unit.set(TraceField.ClientType, clientType);
    unit.set(TraceField.CacheResult, 'hit');
    unit.end();
  }
}
