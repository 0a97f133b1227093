import { ClientCacheMetric, type ClientCacheMetricName } from '../observability/metric-names.js';

/** How an alarm compares its value with its threshold, spelled as CloudWatch spells it. */
type AlarmComparison = 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';

/** A metric an alarm reads: always the `service` dimension, always summed per period. */
interface AlarmInput {
  /** The id its expression uses: lower case first, as CloudWatch requires. */
  readonly id: string;
  readonly metric: ClientCacheMetricName;
}

/**
 * One alarm of the cache, in one place: the CloudFormation template, the CDK construct, the
 * `npm run dashboard` command, the dashboard's threshold widgets, the local preview and the
 * evaluation test all read it.
 */
export interface ClientCacheAlarmDefinition {
  /** Stem of the logical id (`${key}Alarm`) and of the alarm's name. */
  readonly key: string;
  /** Short, for the name suffix and the widget title. */
  readonly title: string;
  /** The alarm text, with `${Service}` and `${Namespace}` where the values go. */
  readonly description: string;
  readonly inputs: readonly AlarmInput[];
  /** The math the alarm evaluates; absent when it evaluates its only input as it is. */
  readonly expression?: string;
  /** What the evaluated value is, for the expression's label and the widget's axis. */
  readonly valueLabel: string;
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparison: AlarmComparison;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /**
   * Every alarm: a period without data is a period without invocations, which is no evidence of
   * trouble. The cache publishes every count (zeros too) on every invocation, so an invoked
   * function always has data.
   */
  readonly treatMissingData: 'notBreaching';
}

/** The ids alarms give their evaluated value; the threshold widgets draw it. */
export const ALARM_VALUE_ID = 'value';

/**
 * The guards, per 5-minute period: below them a ratio rests on too few events to page anyone.
 * A quiet function's ratio is the guard's fallback value, which never breaches.
 */
const ALARM_GUARDS = {
  /** Misses before the eviction-miss share counts: one cold start of a 20-client function. */
  minMisses: 20,
  /** Requests before requests per connection counts: a cold start sends a handful. */
  minRequests: 100,
  /** Lookups before the hit ratio counts. */
  minLookups: 200,
} as const;

/** `${Namespace}` and `${Service}` as every deploy path fills them (`Fn::Sub`, `describeAlarm`). */
export const placeholder = (name: string): string => `\${${name}}`;
const WHO = `aws-client-cache (${placeholder('Namespace')}/${placeholder('Service')})`;

const LOGS_INSIGHTS_SIZE_QUERY =
  'filter message like /CLIENT_CACHE_MAX_ENTRIES/ | stats max(recommendedMaxEntries)';

/**
 * The cache's alarms. Thresholds and their reasons are in docs/dashboard.md ("Alarms"); each
 * description is what the person paged reads first, so it says what broke and what to do.
 */
export const CLIENT_CACHE_ALARMS = [
  {
    key: 'CredentialRefreshFailures',
    title: 'credential refresh failures',
    description:
      `${WHO}: role credential refreshes fail in 3 of the last 5 minutes. ` +
      "The cache keeps the current credentials until they expire, then every call with that role fails. Check the role's trust policy " +
      '(sts:AssumeRole for the function role), its external id, and that the function reaches STS (VPC endpoint or NAT). ' +
      'The warning log "aws-client-cache: credential refresh failed" names the role.',
    inputs: [{ id: 'failures', metric: ClientCacheMetric.CredentialRefreshFailure }],
    valueLabel: 'Failures per minute',
    periodSeconds: 60,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  },
  {
    key: 'EvictionMisses',
    title: 'eviction misses',
    description:
      `${WHO}: for 15 minutes, 10 % or more of the cache misses were for clients evicted less than 60 s earlier. ` +
      'CLIENT_CACHE_MAX_ENTRIES is too small for the clients the function uses: each such miss builds the client again. ' +
      'The function logs the size that would have kept them (warning naming CLIENT_CACHE_MAX_ENTRIES, field recommendedMaxEntries); ' +
      `Logs Insights: ${LOGS_INSIGHTS_SIZE_QUERY}. Set CLIENT_CACHE_MAX_ENTRIES to it (up to 10000).`,
    inputs: [
      { id: 'evictionMisses', metric: ClientCacheMetric.EvictionMiss },
      { id: 'misses', metric: ClientCacheMetric.Miss },
    ],
    expression: `IF(misses >= ${ALARM_GUARDS.minMisses}, 100 * FILL(evictionMisses, 0) / misses, 0)`,
    valueLabel: 'Eviction misses (%)',
    periodSeconds: 300,
    threshold: 10,
    comparison: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  },
  {
    key: 'SocketReuse',
    title: 'requests per connection',
    description:
      `${WHO}: for 15 minutes, with at least 100 requests per 5 minutes, fewer than 2 requests were sent per new connection: ` +
      'sockets are not reused, so most requests pay a TLS handshake. Look for SDK clients built outside the cache, or a requestHandler passed per client through additionalConfig.',
    inputs: [
      { id: 'requests', metric: ClientCacheMetric.RequestsSent },
      { id: 'connections', metric: ClientCacheMetric.ConnectionsOpened },
    ],
    // No new connection in a busy period is the best case: every request reused a socket.
    expression: `IF(requests >= ${ALARM_GUARDS.minRequests}, IF(connections > 0, requests / connections, requests), ${ALARM_GUARDS.minRequests})`,
    valueLabel: 'Requests/connection',
    periodSeconds: 300,
    threshold: 2,
    comparison: 'LessThanThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  },
  {
    key: 'HitRatio',
    title: 'hit ratio',
    description:
      `${WHO}: for 15 minutes, with at least 200 lookups per 5 minutes, fewer than half of them found a cached client. ` +
      'If eviction misses are low, the cache key keeps changing: look for a credentials object or provider, or additionalConfig, built inside the handler, and build it once outside it.',
    inputs: [
      { id: 'hits', metric: ClientCacheMetric.Hit },
      { id: 'misses', metric: ClientCacheMetric.Miss },
    ],
    expression: `IF(hits + misses >= ${ALARM_GUARDS.minLookups}, 100 * hits / (hits + misses), 100)`,
    valueLabel: 'Hit ratio (%)',
    periodSeconds: 300,
    threshold: 50,
    comparison: 'LessThanThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    treatMissingData: 'notBreaching',
  },
] as const satisfies readonly ClientCacheAlarmDefinition[];

export type ClientCacheAlarmKey = (typeof CLIENT_CACHE_ALARMS)[number]['key'];
