import type {
  ClientCacheObserver,
  ClientCreation,
  EvictionReason,
} from '../events/cache-events.js';
import type { RefreshMode, RefreshOutcome } from '../events/refresh-events.js';
import type { SizingAdvice } from '../events/sizing-advice.js';
import type { CreationSamples } from './creation-samples.js';
import type { LoggerLike, SubsegmentLike, TracerLike } from './powertools-types.js';
import { openSubsegment, TraceName } from './trace-subsegment.js';

export interface CacheObserverOptions {
  readonly logger: LoggerLike;
  readonly tracer?: TracerLike;
  readonly traceHits: boolean;
  readonly samples: CreationSamples;
}

function describe(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/**
 * Turns cache events into logs, X-Ray subsegments and creation-time samples.
 * Fields are chosen, never spread from config: no credential can reach a log
 * line or a trace.
 */
export class CacheObserver implements ClientCacheObserver {
  readonly #logger: LoggerLike;
  readonly #tracer: TracerLike | undefined;
  readonly #samples: CreationSamples;
  #missSubsegment: SubsegmentLike | undefined;
  readonly onHit: ((clientType: string) => void) | undefined;

  constructor({ logger, tracer, traceHits, samples }: CacheObserverOptions) {
    this.#logger = logger;
    this.#tracer = tracer;
    this.#samples = samples;
    // Left undefined unless asked for, so the hit path does not even make a call.
    this.onHit = traceHits && tracer !== undefined ? (type) => this.#traceHit(type) : undefined;
  }

  wrapCreation<Created>(
    clientType: string,
    region: string | undefined,
    create: () => Created,
  ): Created {
    const subsegment = openSubsegment(this.#tracer, `${TraceName.Miss} ${clientType}`);
    if (subsegment === undefined) return create();
    subsegment.addAnnotation('ClientType', clientType);
    subsegment.addAnnotation('Region', region ?? 'default');
    subsegment.addAnnotation('CacheResult', 'miss');
    this.#missSubsegment = subsegment;
    try {
      return create();
    } catch (error) {
      subsegment.addError(error as Error);
      throw error;
    } finally {
      this.#missSubsegment = undefined;
      subsegment.close();
    }
  }

  /** Instruments a new client for X-Ray, once, at creation; never on a hit. */
  instrumentClient<Client>(client: Client): Client {
    const tracer = this.#tracer;
    return tracer?.isTracingEnabled() ? tracer.captureAWSv3Client(client) : client;
  }

  onCreate({ clientType, region, creationMs, evicted }: ClientCreation): void {
    this.#samples.add(creationMs);
    this.#missSubsegment?.addAnnotation('Evicted', evicted);
    this.#missSubsegment?.addMetadata('creationMs', creationMs);
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
    wouldKeepAt,
  }: SizingAdvice): void {
    this.#logger.warn(
      `aws-client-cache: \`CLIENT_CACHE_MAX_ENTRIES\` is ${maxEntries}; ${evictionMisses} of the last ${misses} misses were for clients evicted less than ${windowSeconds} s earlier; ${wouldKeepAt} would have kept them`,
      { maxEntries, evictionMisses, misses, windowSeconds, recommendedMaxEntries: wouldKeepAt },
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
    const subsegment = openSubsegment(this.#tracer, TraceName.CredentialRefresh);
    if (subsegment === undefined) return run();
    subsegment.addAnnotation('Source', source);
    subsegment.addAnnotation('RefreshMode', mode);
    try {
      return await run();
    } catch (error) {
      subsegment.addError(error as Error);
      throw error;
    } finally {
      subsegment.close();
    }
  }

  onRefresh({ source, mode, error }: RefreshOutcome): void {
    if (error === undefined) {
      this.#logger.debug('aws-client-cache: credentials refreshed', { source, mode });
    } else {
      this.#logger.warn('aws-client-cache: credential refresh failed', {
        source,
        mode,
        keptCurrentCredentials: mode === 'advisory',
        error: describe(error),
      });
    }
  }

  #traceHit(clientType: string): void {
    const subsegment = openSubsegment(this.#tracer, `${TraceName.Hit} ${clientType}`);
    if (subsegment === undefined) return;
    subsegment.addAnnotation('ClientType', clientType);
    subsegment.addAnnotation('CacheResult', 'hit');
    subsegment.close();
  }
}
