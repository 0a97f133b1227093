import { cacheKeyOf } from '../cache/cache-key.js';
import { ClientStore } from '../cache/client-store.js';
import { coarseClock } from '../cache/coarse-clock.js';
import { KeyFingerprints } from '../cache/fingerprint.js';
import type { ClientConfig } from '../config/client-cache-config.js';
import { type ClientSpec, parseClientConfig } from '../config/parse-client-config.js';
import { type ResolvedSettings, resolveSettings } from '../config/settings.js';
import { CredentialSets } from '../credentials/credential-sets.js';
import { ClientCacheError } from '../errors.js';
import {
  type ClientConstructor,
  type ClientFactoryContext,
  createClientEntry,
} from '../factory/create-client-entry.js';
import { CacheObserver } from '../observability/cache-observer.js';
import { CreationSamples } from '../observability/creation-samples.js';
import { DeferredLogger } from '../observability/deferred-logger.js';
import { DeferredMetrics } from '../observability/deferred-metrics.js';
import { inlineProviderWarning } from '../observability/inline-provider-warning.js';
import { MetricsPublisher } from '../observability/metrics-publisher.js';
import type { MetricsLike } from '../observability/powertools-types.js';
import { newCacheCounters } from '../observers/cache-counters.js';
import { SharedPools } from '../transport/shared-pool.js';
import { checkClientClass, checkService } from './check-getter-arguments.js';
import { ClassServices } from './class-services.js';
import { type ClientCacheOptions, checkCacheOptions } from './client-cache-options.js';
import type { ClientCacheStats } from './client-cache-stats.js';
import type { ClientService } from './client-service.js';
import { ServiceTypes } from './service-types.js';

/** TTLs are an hour by default; checking them to the second is plenty. */
const COARSE_CLOCK_RESOLUTION_MS = 1000;
/** Under Lambda multi-concurrency the cache flushes its own line at most this often. */
const MULTI_CONCURRENCY_FLUSH_INTERVAL_MS = 1000;
const NO_CONFIG: ClientConfig = Object.freeze({});
/** Starts the key of a client filed under a key of the caller's; no getter key starts so. */
const KEYED_PREFIX = 'keyed|';

/** Set once, by the class's static block below: the one way to read a cache's settings. */
let readSettings: (cache: ClientCache) => ResolvedSettings;

/**
 * A client cache: the bounded store and its key memos, the pools, the
 * credential sets, the counters and creation samples, the publish mark, and
 * the logger, metrics and tracer it reports to. Nothing is shared between
 * two instances but the process's fingerprint key. The package's getters use one
 * default instance; `createClientCache` builds an isolated one.
 */
export class ClientCache {
  /** The options and env vars this cache was built with, resolved and checked. */
  readonly #settings: ResolvedSettings;
  readonly #store: ClientStore;
  readonly #fingerprints = new KeyFingerprints();
  /** One record for every counter of this cache; the store, pools and credential sets bump it. */
  readonly #counters = newCacheCounters();
  readonly #pools: SharedPools;
  readonly #credentialSets: CredentialSets;
  readonly #factory: ClientFactoryContext;
  readonly #publisher: MetricsPublisher;
  readonly #metrics: MetricsLike | undefined;
  readonly #classServices = new ClassServices();
  readonly #serviceTypes = new ServiceTypes();
  readonly #noteProviderClient: () => void;
  #ownMetrics: DeferredMetrics | undefined;
  #builtClients = false;
  #destroyed = false;
  #destroying: Promise<void> | undefined;

  static {
    readSettings = (cache) => cache.#settings;
  }

  /** Validates every option and env var before building anything. */
  constructor(options: ClientCacheOptions = {}, env: NodeJS.ProcessEnv = process.env) {
    checkCacheOptions(options);
    const settings = resolveSettings(options, env);
    const now = options.now ?? Date.now;
    // Powertools is imported and built only when there is a line to write.
    const logger = options.logger ?? new DeferredLogger(env);
    const samples = new CreationSamples();
    const observer = new CacheObserver({
      logger,
      tracer: options.tracer,
      traceHits: settings.traceHits,
      samples,
    });
    this.#settings = settings;
    this.#noteProviderClient = inlineProviderWarning(logger);
    this.#metrics = options.metrics;
    this.#store = new ClientStore({
      maxEntries: settings.maxEntries,
      now,
      // An injected clock is used as it is, so tests see every tick.
      coarseNow: options.now ?? coarseClock(Date.now, COARSE_CLOCK_RESOLUTION_MS),
      observer,
      counters: this.#counters,
    });
    this.#pools = new SharedPools(
      (saturation) =>
        logger.warn(
          'aws-client-cache: connection pool saturated; requests are queueing for a socket',
          { ...saturation },
        ),
      Date.now,
      this.#counters,
    );
    this.#credentialSets = new CredentialSets({
      now,
      requestHandler: this.#pools.handlerFor(settings),
      hooks: observer,
      functionRegion: env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined,
      counters: this.#counters,
      isClosed: () => this.#destroyed,
    });
    this.#factory = {
      settings,
      now,
      pools: this.#pools,
      credentialSets: this.#credentialSets,
      observer,
      fingerprint: (text) => this.#fingerprints.text(text),
    };
    this.#publisher = new MetricsPublisher({
      counters: this.#counters,
      gauge: (stat) => this.stats()[stat as keyof ClientCacheStats],
      samples,
      logger,
      defaultMetrics: () => this.#metrics ?? this.#ownMetricsInstance(),
      ownsFlush: (metrics) => metrics === this.#ownMetrics,
      minFlushIntervalMs: env.AWS_LAMBDA_MAX_CONCURRENCY ? MULTI_CONCURRENCY_FLUSH_INTERVAL_MS : 0,
      now,
    });
  }

  /**
   * The cached client of `service` for `config`. A config of at most
   * `region` and `roleArn` hits through the hit index (a few map lookups);
   * anything else is parsed once into a frozen spec, keyed, and built from
   * that spec on a miss.
   */
  get<ClientType extends object>(
    service: ClientService<ClientType>,
    config?: ClientConfig,
  ): ClientType {
    const given: unknown = config ?? NO_CONFIG;
    if (typeof given === 'object' && given !== null) {
      // Entries are found by the service object that built them: a missing or
      // foreign one finds none, and is checked below (ClientCacheConfigError).
      const hit = this.#store.getSimple(service, given);
      if (hit !== undefined) return hit as ClientType;
    }
    return this.#getParsed(service, given);
  }

  /** All but a simple hit, kept out of `get` so V8 inlines that whole into the caller (P4). */
  #getParsed<ClientType extends object>(
    service: ClientService<ClientType>,
    given: unknown,
  ): ClientType {
    checkService(service);
    this.#serviceTypes.claim(service);
    this.#assertUsable();
    const spec = parseClientConfig(given);
    const { clientType } = service;
    return this.#store.getOrCreate(
      cacheKeyOf(clientType, spec, this.#fingerprints),
      clientType,
      spec.region,
      () => this.#create(service, spec),
      spec.simple ? { service, region: spec.region, roleArn: spec.roleArn } : undefined,
    ) as ClientType;
  }

  /** A cached client of any AWS SDK v3 client class, without service defaults. */
  getClient<ClientType extends object>(
    ClientClass: ClientConstructor<ClientType>,
    config?: ClientConfig,
  ): ClientType {
    checkClientClass(ClientClass);
    return this.get(this.#classServices.of(ClientClass), config);
  }

  /**
   * The client filed under `key`, or `create`'s, kept until `expiresAt`
   * (epoch ms, checked exactly, as a credential expiry must be): for a key
   * of your own. `clientType` names the entry in logs, metrics and traces.
   */
  getOrCreateKeyed<ClientType extends object>(
    key: string,
    clientType: string,
    create: () => ClientType,
    expiresAt: number,
  ): ClientType {
    this.#assertUsable();
    // Filed apart from the getters' keys: a getter must never hand out a client it did not build.
    return this.#store.getOrCreate(`${KEYED_PREFIX}${key}`, clientType, undefined, () => {
      const client = create();
      this.#builtClients = true;
      return { client, expiresAt, credentialsExpire: true };
    }) as ClientType;
  }

  /** The key this cache files `config` under, as `keys()` lists it; validates it as a getter would. */
  cacheKey(clientType: string, config?: ClientConfig): string {
    return cacheKeyOf(clientType, parseClientConfig(config ?? NO_CONFIG), this.#fingerprints);
  }

  get size(): number {
    return this.#store.size;
  }

  /** The cache keys held now, most recently used first: no secret is ever part of one. */
  keys(): string[] {
    return this.#store.keys();
  }

  /** True once any client was built: the default cache then refuses to be reconfigured. */
  get hasBuiltClients(): boolean {
    return this.#builtClients;
  }

  stats(): ClientCacheStats {
    return {
      ...this.#counters,
      size: this.#store.size,
      maxEntries: this.#store.maxEntries,
      openSockets: this.#pools.openSocketCount,
      sharedCredentialSets: this.#credentialSets.heldCount,
      indexedKeys: this.#store.indexedKeys,
    };
  }

  /** Drops every client. The pools stay open: an in-flight request on a dropped client completes. */
  clear(): void {
    this.#store.clear();
  }

  /** One EMF line now (own instance), or the figures added to yours; see `publishClientCacheMetrics`. */
  publishMetrics(metrics?: MetricsLike): boolean {
    return this.#publisher.publish(metrics);
  }

  /** What the middleware and wrapper call; never throws. */
  publishAtInvocationEnd(metrics: MetricsLike | undefined, flushYours: boolean): void {
    this.#publisher.publishAtInvocationEnd(metrics, flushYours);
  }

  /**
   * Ends everything this cache owns: drops its clients and credential sets,
   * closes its pools, and flushes what its own metrics instance still holds.
   * A destroyed cache refuses to build clients. Every call returns the same
   * promise (see `SharedPools.close`).
   */
  destroy(): Promise<void> {
    // One meaning: every call gets the same promise, resolved when the pools have drained
    // and the cache's own Metrics (loaded on first need) has written its last line.
    if (this.#destroying !== undefined) return this.#destroying;
    this.#destroyed = true;
    this.#store.clear();
    this.#credentialSets.clear();
    // Unthrottled: under multi-concurrency the last second of counts would otherwise be lost.
    if (this.#ownMetrics !== undefined) this.#publisher.publishLast();
    this.#destroying = Promise.all([this.#ownMetrics?.settled(), this.#pools.close()]).then(
      () => undefined,
    );
    return this.#destroying;
  }

  #create<ClientType extends object>(service: ClientService<ClientType>, spec: ClientSpec) {
    const created = createClientEntry(service.clientClass, spec, service.defaults, this.#factory);
    this.#builtClients = true;
    if (typeof spec.credentials === 'function') this.#noteProviderClient();
    return created;
  }

  #assertUsable(): void {
    if (this.#destroyed) {
      throw new ClientCacheError('this client cache was destroyed; create a new one');
    }
  }

  #ownMetricsInstance(): DeferredMetrics {
    // Powertools Metrics is imported and built on the first publish to it.
    this.#ownMetrics ??= new DeferredMetrics();
    return this.#ownMetrics;
  }
}

/**
 * The settings `cache` was built with, resolved and checked: for the compat
 * helpers' expiry and for tests; not part of the package's API.
 */
export function settingsOf(cache: ClientCache): ResolvedSettings {
  return readSettings(cache);
}
