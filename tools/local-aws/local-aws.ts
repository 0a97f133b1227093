import { loadTlsMaterial } from './certs.js';
import { createCostExplorerHandler } from './cost-explorer.js';
import { createEventBridgeHandler } from './eventbridge.js';
import type { ServiceFaults } from './fault-settings.js';
import { FaultInjector, type LocalAwsFaults } from './faults.js';
import { createLambdaHandler } from './lambda.js';
import type { LambdaHandler } from './lambda-handler.js';
import { createS3Handler } from './s3.js';
import { type ServiceServer, startServiceServer } from './server.js';
import type { HandlerContext, ServiceHandler } from './service-handler.js';
import {
  ENDPOINT_URL_ENV_VARS,
  isServiceName,
  LOCAL_AWS_IDENTITY,
  SERVICE_NAMES,
  type ServiceName,
  servicesOrAll,
} from './services.js';
import { createLocalAwsSettings, type LocalAwsSettings } from './settings.js';
import { createLocalAwsState, type LocalAwsState } from './state.js';
import { type LocalAwsStats, StatsRecorder } from './stats.js';
import { createStsHandler } from './sts.js';

/** Options of {@link startLocalAws}. None has an env var: tests set them in code. */
export interface StartLocalAwsOptions {
  /** Lambda handlers by function name. Default none; add more later through `functions`. */
  readonly functions?: Readonly<Record<string, LambdaHandler>>;
  /** Initial `settings.costExplorerPages`. Default 1, allowed 1 to 1000. */
  readonly costExplorerPages?: number;
  /** Faults active from the first request, per service. Default none. */
  readonly faults?: Readonly<Partial<Record<ServiceName, ServiceFaults>>>;
  /** Clock for credential expirations and timestamps. Default `Date.now`. */
  readonly now?: () => number;
  /** Directory with `ca.pem`, `server.pem`, `server-key.pem`. Default `tools/local-aws/certs`. */
  readonly certsDir?: string;
  /**
   * How long the servers keep an idle keep-alive connection open, in ms. Default 60000, longer
   * than Node's 5 s so benchmark pauses do not close pooled sockets behind the SDK's back.
   */
  readonly keepAliveTimeoutMs?: number;
}

/** A running local AWS endpoint. */
export interface LocalAws {
  /**
   * Environment that points SDK v3 clients here: `AWS_ENDPOINT_URL_<SERVICE>` for each service,
   * `AWS_REGION`, static `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, and `NODE_EXTRA_CA_CERTS`
   * (honoured only by processes started with it, such as children spawned with this env).
   *
   * @example
   * spawn('node', ['demo.js'], { env: { ...process.env, ...endpoint.env } });
   */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Base URL of each service, for a client's `endpoint` option.
   *
   * @example
   * new S3Client({ endpoint: endpoint.urls.s3, forcePathStyle: true });
   */
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Absolute path of the CA certificate clients must trust. */
  readonly caPath: string;
  /** Everything the services were given. */
  readonly state: LocalAwsState;
  /** Connection, handshake and request counters. */
  readonly stats: LocalAwsStats;
  /** Faults to switch on and off. */
  readonly faults: LocalAwsFaults;
  /**
   * Lambda handlers by function name; invoking a name that is missing answers
   * `ResourceNotFoundException`.
   *
   * @example
   * endpoint.functions.set('echo', (event) => ({ echo: event }));
   */
  readonly functions: Map<string, LambdaHandler>;
  /** Behaviour that tests may change while the endpoint runs. */
  readonly settings: LocalAwsSettings;
  /**
   * Marks the open connections of one service, or of all, dead as a NAT idle timeout would; the
   * next request on each is answered with a TCP reset. Returns how many were marked.
   *
   * @example
   * endpoint.dropIdleConnections('s3'); // the next S3 call on a pooled socket fails ECONNRESET
   */
  dropIdleConnections(service?: ServiceName): number;
  /** Closes every server and destroys every open socket. Held requests are released first. */
  stop(): Promise<void>;
}

const HANDLER_FACTORIES = {
  sts: createStsHandler,
  s3: createS3Handler,
  eventbridge: createEventBridgeHandler,
  costexplorer: createCostExplorerHandler,
  lambda: createLambdaHandler,
} as const satisfies Record<ServiceName, (context: HandlerContext) => ServiceHandler>;

const environmentFor = (
  urls: Readonly<Record<ServiceName, string>>,
  caPath: string,
): Record<string, string> => ({
  ...Object.fromEntries(
    SERVICE_NAMES.map((service) => [ENDPOINT_URL_ENV_VARS[service], urls[service]]),
  ),
  AWS_REGION: LOCAL_AWS_IDENTITY.region,
  AWS_ACCESS_KEY_ID: LOCAL_AWS_IDENTITY.accessKeyId,
  AWS_SECRET_ACCESS_KEY: LOCAL_AWS_IDENTITY.secretAccessKey,
  NODE_EXTRA_CA_CERTS: caPath,
});

/**
 * Starts STS, S3, EventBridge, Cost Explorer and Lambda, each over HTTPS on its own ephemeral port
 * of 127.0.0.1, speaking the real wire protocols to real SDK v3 clients.
 *
 * @example
 * const endpoint = await startLocalAws({ functions: { echo: (event) => event } });
 * try {
 *   const s3 = new S3Client({ endpoint: endpoint.urls.s3, forcePathStyle: true });
 *   await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'hello' }));
 * } finally {
 *   await endpoint.stop();
 * }
 */
export const startLocalAws = async (options: StartLocalAwsOptions = {}): Promise<LocalAws> => {
  const tls = loadTlsMaterial(options.certsDir);
  const stats = new StatsRecorder();
  const faults = new FaultInjector();
  for (const [service, serviceFaults] of Object.entries(options.faults ?? {})) {
    if (!isServiceName(service)) {
      throw new TypeError(
        `\`faults\` keys must be one of ${SERVICE_NAMES.join(', ')}, got "${service}"`,
      );
    }
    faults.set(service, serviceFaults);
  }
  const context = {
    state: createLocalAwsState(),
    stats,
    faults,
    functions: new Map(Object.entries(options.functions ?? {})),
    settings: createLocalAwsSettings({ costExplorerPages: options.costExplorerPages }),
    now: options.now ?? Date.now,
  };
  const dependencies = {
    tls,
    stats,
    faults,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 60_000,
  };
  const started = await Promise.allSettled(
    SERVICE_NAMES.map((service) =>
      startServiceServer(service, HANDLER_FACTORIES[service](context), dependencies),
    ),
  );
  const servers = started.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = started.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    await Promise.all(servers.map((server) => server.close()));
    throw new Error('The local AWS endpoint failed to start', { cause: failure.reason });
  }
  const serverOf = (service: ServiceName): ServiceServer =>
    servers[SERVICE_NAMES.indexOf(service)] as ServiceServer;
  const urls = Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, serverOf(service).url]),
  ) as Record<ServiceName, string>;

  return {
    env: Object.freeze(environmentFor(urls, tls.caPath)),
    urls: Object.freeze(urls),
    caPath: tls.caPath,
    state: context.state,
    stats,
    faults,
    functions: context.functions,
    settings: context.settings,
    dropIdleConnections: (service) =>
      servicesOrAll(service).reduce(
        (marked, dropped) => marked + serverOf(dropped).dropIdleConnections(),
        0,
      ),
    async stop() {
      faults.releaseHeld();
      await Promise.all(servers.map((server) => server.close()));
    },
  };
};
