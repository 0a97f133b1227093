import {
  ClientCacheDimension,
  ClientCacheMetric,
} from '../../../src/observability/metric-names.js';
import { PreviewInputError } from './errors.js';
import type { MetricSample } from './read-emf.js';

/** The namespace and `service` dimension whose cache metrics the preview draws. */
export interface PreviewTarget {
  readonly namespace: string;
  readonly service: string;
}

const CACHE_METRICS: ReadonlySet<string> = new Set(Object.values(ClientCacheMetric));

/**
 * Picks the namespace and service from the cache metrics in the input, narrowed by the flags
 * given. Exactly one pair must remain: a dashboard shows one service, and guessing between two
 * would draw the wrong one without a word, as CloudWatch does for a query that matches nothing.
 *
 * @throws PreviewInputError listing the pairs the input has.
 * @example
 * chooseTarget(samples, {}, 'out/demo-emf.jsonl'); // { namespace: 'Leases', service: 'lease-costs' }
 */
export function chooseTarget(
  samples: readonly MetricSample[],
  wanted: Partial<PreviewTarget>,
  source: string,
): PreviewTarget {
  const found = new Map<string, PreviewTarget>();
  for (const sample of samples) {
    const service = sample.dimensions[ClientCacheDimension.Service];
    if (!CACHE_METRICS.has(sample.metricName) || service === undefined) continue;
    const target = { namespace: sample.namespace, service };
    found.set(JSON.stringify(target), target);
  }
  const all = [...found.values()];
  const matching = all.filter(
    (target) =>
      (wanted.namespace === undefined || target.namespace === wanted.namespace) &&
      (wanted.service === undefined || target.service === wanted.service),
  );
  const [only, ...others] = matching;
  if (only !== undefined && others.length === 0) return only;
  const listed = all.map((target) => `${target.namespace}/${target.service}`).join(', ');
  if (all.length === 0) {
    throw new PreviewInputError(
      `${source} has EMF lines but none with the cache's metrics and a \`service\` dimension`,
    );
  }
  if (only === undefined) {
    throw new PreviewInputError(
      `${source} has no cache metrics for ${describe(wanted)}; it has namespace/service ${listed}`,
    );
  }
  throw new PreviewInputError(
    `${source} has cache metrics for several services (namespace/service ${listed}): pick one ` +
      'with `--namespace` and `--service`',
  );
}

function describe({ namespace, service }: Partial<PreviewTarget>): string {
  return Object.entries({ namespace, service })
    .filter(([, value]) => value !== undefined)
    .map(([flag, value]) => `\`--${flag}\` ${JSON.stringify(value)}`)
    .join(' and ');
}
