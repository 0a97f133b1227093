/**
 * The alarms as docs/dashboard.md documents them, written out by hand: the tests hold every
 * deploy path to this table, so a change to a threshold is a change to the docs and here.
 */
export interface ExpectedAlarm {
  readonly metrics: readonly string[];
  readonly expression: string | undefined;
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparison: string;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

export const EXPECTED_ALARMS: Readonly<Record<string, ExpectedAlarm>> = {
  CredentialRefreshFailures: {
    metrics: ['CredentialRefreshFailure'],
    expression: undefined,
    periodSeconds: 60,
    threshold: 1,
    comparison: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
  },
  EvictionMisses: {
    metrics: ['ClientCacheEvictionMiss', 'ClientCacheMiss'],
    expression: 'IF(misses >= 20, 100 * FILL(evictionMisses, 0) / misses, 0)',
    periodSeconds: 300,
    threshold: 10,
    comparison: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  },
  SocketReuse: {
    metrics: ['RequestsSent', 'ConnectionsOpened'],
    expression: 'IF(requests >= 100, IF(connections > 0, requests / connections, requests), 100)',
    periodSeconds: 300,
    threshold: 2,
    comparison: 'LessThanThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  },
  HitRatio: {
    metrics: ['ClientCacheHit', 'ClientCacheMiss'],
    expression: 'IF(hits + misses >= 200, 100 * hits / (hits + misses), 100)',
    periodSeconds: 300,
    threshold: 50,
    comparison: 'LessThanThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  },
};

/** One `MetricDataQuery` of an alarm, in either spelling (CloudFormation or CDK's camelCase). */
interface Query {
  readonly Id: string;
  readonly Expression?: string;
  readonly ReturnData?: boolean;
  readonly MetricStat?: {
    readonly Metric: {
      readonly Namespace: unknown;
      readonly MetricName: string;
      readonly Dimensions: readonly { readonly Name: string; readonly Value: unknown }[];
    };
    readonly Period: number;
    readonly Stat: string;
  };
}

/** What a test reads off one synthesised or templated alarm. */
export interface ReadAlarm {
  readonly metrics: string[];
  readonly stats: string[];
  readonly periods: number[];
  readonly dimensions: unknown[];
  readonly namespaces: unknown[];
  readonly expression: string | undefined;
  readonly returned: string[];
  readonly threshold: unknown;
  readonly comparison: unknown;
  readonly evaluationPeriods: unknown;
  readonly datapointsToAlarm: unknown;
  readonly treatMissingData: unknown;
}

/** Reads an `AWS::CloudWatch::Alarm`'s properties as CloudFormation holds them. */
export function readAlarm(properties: Record<string, unknown>): ReadAlarm {
  const queries = properties.Metrics as Query[];
  const stats = queries.flatMap((query) => (query.MetricStat ? [query.MetricStat] : []));
  return {
    metrics: stats.map((stat) => stat.Metric.MetricName),
    stats: stats.map((stat) => stat.Stat),
    periods: stats.map((stat) => stat.Period),
    dimensions: stats.map((stat) => stat.Metric.Dimensions),
    namespaces: stats.map((stat) => stat.Metric.Namespace),
    expression: queries.find((query) => query.Expression !== undefined)?.Expression,
    returned: queries.filter((query) => query.ReturnData === true).map((query) => query.Id),
    threshold: properties.Threshold,
    comparison: properties.ComparisonOperator,
    evaluationPeriods: properties.EvaluationPeriods,
    datapointsToAlarm: properties.DatapointsToAlarm,
    treatMissingData: properties.TreatMissingData,
  };
}
