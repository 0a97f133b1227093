import { UnsupportedQueryError } from './errors.js';

/** Reduces one period's values to the figure a widget plots. */
export type Statistic = (values: readonly number[]) => number;

const NAMED_STATISTICS: Readonly<Record<string, Statistic>> = {
  Sum: (values) => values.reduce((sum, value) => sum + value, 0),
  Average: (values) => values.reduce((sum, value) => sum + value, 0) / values.length,
  // reduce, not Math.min(...): a busy day-long period holds more values than a call takes.
  Minimum: (values) => values.reduce((least, value) => Math.min(least, value)),
  Maximum: (values) => values.reduce((most, value) => Math.max(most, value)),
  SampleCount: (values) => values.length,
};

// CloudWatch's pNN.NN: a percentile with at most two decimals, from 0 to 100.
const PERCENTILE_PATTERN = /^p(\d{1,2}(?:\.\d{1,2})?|100(?:\.0{1,2})?)$/;

/**
 * The statistic a widget names (`Sum`, `Average`, `Minimum`, `Maximum`, `SampleCount`, `pNN.NN`).
 * Percentiles use the nearest rank over the raw values: the smallest value with at least NN % of
 * the values at or below it, so p50 of 10, 20, 30, 40 is 20, always a value that was published.
 *
 * @throws UnsupportedQueryError naming the statistic and the ones the preview computes.
 * @example
 * parseStatistic('p99')([5, 7, 250]); // 250
 */
export function parseStatistic(name: string): Statistic {
  const named = NAMED_STATISTICS[name];
  if (named !== undefined) return named;
  const percentile = PERCENTILE_PATTERN.exec(name);
  if (percentile?.[1] !== undefined) return nearestRank(Number(percentile[1]));
  throw new UnsupportedQueryError(
    `The statistic "${name}" is not supported by the preview; it computes ` +
      `${Object.keys(NAMED_STATISTICS).join(', ')} and pNN.NN`,
  );
}

function nearestRank(percent: number): Statistic {
  return (values) => {
    const sorted = [...values].sort((left, right) => left - right);
    const rank = Math.max(1, Math.ceil((percent / 100) * sorted.length));
    return sorted[rank - 1] as number;
  };
}
