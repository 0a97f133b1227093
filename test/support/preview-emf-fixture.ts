/**
 * EMF lines for the dashboard preview's tests and its README image: what two Lambda execution
 * environments of one function print over 30 minutes, one invocation a minute, with the
 * Powertools Metrics layout the cache publishes through (counts as per-invocation deltas, the
 * size gauge, one creation time per new client), interleaved with the log lines a real log has.
 */
import {
  ClientCacheMetric,
  type ClientCacheMetricName,
  ClientCacheMetricUnit,
} from '../../src/observability/metric-names.js';

/** What one EMF line carries: any of the cache's metrics, as a number or an array. */
export type PreviewMetricValues = Partial<
  Record<ClientCacheMetricName, number | readonly number[]>
>;

export const PREVIEW_FIXTURE = {
  namespace: 'Leases',
  service: 'lease-costs',
  /** 2026-01-15 09:00:00 UTC, on a period boundary. */
  start: Date.UTC(2026, 0, 15, 9, 0, 0),
  minutes: 30,
  /** The `CLIENT_CACHE_MAX_ENTRIES` the fixture's function runs with: its cache fills up. */
  maxEntries: 8,
} as const;

/**
 * One EMF line as Powertools Metrics prints it, with a `service` dimension.
 * @example
 * previewEmfLine(Date.UTC(2026, 0, 1), { ClientCacheHit: 10 }); // '{"_aws":{…},"service":…}'
 */
export function previewEmfLine(
  timestamp: number,
  values: PreviewMetricValues,
  target: { namespace?: string; service?: string; dimensions?: readonly string[] } = {},
): string {
  const names = Object.keys(values) as ClientCacheMetricName[];
  const service = target.service ?? PREVIEW_FIXTURE.service;
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: target.namespace ?? PREVIEW_FIXTURE.namespace,
          Dimensions: [target.dimensions ?? ['service']],
          Metrics: names.map((name) => ({ Name: name, Unit: ClientCacheMetricUnit[name] })),
        },
      ],
    },
    service,
    ...(target.dimensions?.includes('ClientType') ? { ClientType: 'S3Client' } : {}),
    ...values,
  });
}

interface Environment {
  readonly requestId: string;
  invocations: number;
  size: number;
}

// Deterministic "randomness": the same file on every run, so tests and the image are stable.
function sequence(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/**
 * The whole log, one string a line: START/END/REPORT lines, application logs, a ColdStart
 * metric line per environment, and one cache metrics line per invocation.
 */
export function buildPreviewEmfLog(): string[] {
  const random = sequence(7);
  const environments = [
    { requestId: 'a', invocations: 0, size: 0 },
    { requestId: 'b', invocations: 0, size: 0 },
  ];
  const lines: string[] = [];
  for (let minute = 0; minute < PREVIEW_FIXTURE.minutes; minute += 1) {
    // The second environment starts at minute 12, when traffic grows; then they take turns.
    const environment = (
      minute >= 12 && minute % 2 === 1 ? environments[1] : environments[0]
    ) as Environment;
    const timestamp =
      PREVIEW_FIXTURE.start + minute * 60_000 + 7_000 + Math.floor(random() * 40_000);
    const requestId = `${environment.requestId}-${String(minute).padStart(4, '0')}`;
    lines.push(`START RequestId: ${requestId} Version: $LATEST`);
    if (environment.invocations === 0) lines.push(coldStartLine(timestamp));
    lines.push(
      JSON.stringify({
        level: 'INFO',
        message: 'Lease costs computed',
        service: PREVIEW_FIXTURE.service,
        timestamp: new Date(timestamp).toISOString(),
        xray_trace_id: `1-${requestId}`,
      }),
    );
    lines.push(previewEmfLine(timestamp, invocationMetrics(environment, minute, random)));
    lines.push(`END RequestId: ${requestId}`);
    lines.push(`REPORT RequestId: ${requestId}\tDuration: ${(40 + random() * 80).toFixed(2)} ms`);
    environment.invocations += 1;
  }
  return lines;
}

function invocationMetrics(
  environment: Environment,
  minute: number,
  random: () => number,
): PreviewMetricValues {
  const calls = 6 + Math.floor(random() * 5);
  const creationTime = (base: number) => Math.round(base + random() * base * 0.6);
  if (environment.invocations === 0) {
    environment.size = 3;
    return counts({
      ClientCacheMiss: 3,
      ClientCacheHit: calls - 3,
      ConnectionsOpened: 3,
      RequestsSent: calls,
      ClientCacheSize: 3,
      ClientCreationTime: [creationTime(140), creationTime(70), creationTime(60)],
    });
  }
  // A new tenant's role now and then: a miss, a new client, and once full, an eviction.
  const newTenant = [5, 9, 14, 16, 19, 20, 23, 24, 27, 28].includes(minute);
  const expired = minute === 18 || minute === 26;
  const evicted = newTenant && environment.size >= PREVIEW_FIXTURE.maxEntries;
  if (newTenant && !evicted) environment.size += 1;
  const misses = (newTenant ? 1 : 0) + (expired ? 1 : 0);
  return counts({
    ClientCacheHit: calls - misses,
    ClientCacheMiss: misses,
    ClientCacheEviction: evicted ? 1 : 0,
    ClientCacheEvictionMiss: 0,
    ClientCacheExpiration: expired ? 1 : 0,
    ClientCacheSize: environment.size,
    CredentialRefresh: minute === 15 || minute === 25 ? 1 : 0,
    CredentialRefreshFailure: minute === 22 ? 1 : 0,
    // New clients share the pool, but a new host (or a socket dropped while idle) opens one.
    ConnectionsOpened: (newTenant && minute % 3 === 0 ? 1 : 0) + (minute === 21 ? 1 : 0),
    RequestsSent: calls + (minute === 22 ? 2 : 0),
    ...(misses > 0
      ? {
          ClientCreationTime:
            misses === 1 ? creationTime(45) : [creationTime(45), creationTime(30)],
        }
      : {}),
  });
}

/** Every counter is published on every line, as the cache publishes its deltas. */
function counts(values: PreviewMetricValues): PreviewMetricValues {
  const zeros: PreviewMetricValues = {};
  for (const name of Object.values(ClientCacheMetric)) {
    if (name !== ClientCacheMetric.CreationTime) zeros[name] = 0;
  }
  return { ...zeros, ...values };
}

function coldStartLine(timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: PREVIEW_FIXTURE.namespace,
          Dimensions: [['service', 'function_name']],
          Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
        },
      ],
    },
    service: PREVIEW_FIXTURE.service,
    function_name: 'lease-costs-handler',
    ColdStart: 1,
  });
}

/**
 * The EMF lines of a demo run (`npm start`): one warm execution environment, 300 invocations in
 * ten bursts of half a second, two seconds apart (the demo's modes take turns), every client and
 * connection made in the first invocations.
 */
export function buildDemoBurstLog(start: number = PREVIEW_FIXTURE.start): string[] {
  const lines: string[] = [];
  for (let invocation = 0; invocation < 300; invocation++) {
    const burst = Math.floor(invocation / 30);
    const timestamp = start + burst * 2100 + (invocation % 30) * 17;
    const first = invocation === 0;
    lines.push(
      previewEmfLine(timestamp, {
        ClientCacheHit: first ? 13 : 20,
        ClientCacheMiss: first ? 7 : 0,
        ClientCacheEviction: 0,
        ClientCacheEvictionMiss: 0,
        ClientCacheExpiration: 0,
        CredentialRefresh: first ? 4 : 0,
        CredentialRefreshFailure: 0,
        ConnectionsOpened: first ? 20 : invocation === 150 ? 1 : 0,
        RequestsSent: first ? 24 : 5,
        ClientCacheSize: 7,
        ...(first ? { ClientCreationTime: [3.9, 1.1, 0.5, 0.3, 0.4, 1.4, 0.8] } : {}),
      }),
    );
  }
  return lines;
}
