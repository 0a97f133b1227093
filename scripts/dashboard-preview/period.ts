/** The periods CloudWatch offers for standard-resolution metrics, the cache's kind, in seconds. */
export const STANDARD_PERIODS = [60, 300, 900, 3600, 21600, 86400] as const;

/** High-resolution periods: only for inputs too short for a readable chart at 60 s. */
export const SHORT_PERIODS = [30, 10, 5, 1] as const;

/** Under `periodOverride: auto`, the most points a chart gets before the period grows. */
export const MAX_AUTO_POINTS = 200;

/** Under `periodOverride: auto`, the fewest points a chart gets before the period shrinks. */
export const MIN_AUTO_POINTS = 20;

const LONGEST_PERIOD = 86400;
const SHORTEST_PERIOD = 1;

/** What decides one widget's period. */
export interface PeriodChoice {
  /** `--period`, when given: it wins over everything. */
  readonly forced?: number | undefined;
  /** The dashboard's `periodOverride`: `auto` (CloudWatch's default) or `inherit`. */
  readonly periodOverride?: string | undefined;
  /** The widget's own `period`, used as is under `inherit`. */
  readonly widgetPeriod?: number | undefined;
  /** Seconds from the first to the last EMF timestamp of the input. */
  readonly spanSeconds: number;
}

/**
 * A widget's period in seconds. Under `periodOverride: auto` CloudWatch sizes the period to the
 * time range; the preview's time range is the input's span. The rule: the smallest standard
 * period that draws at most 200 points over it (30 minutes: 60 s, 6 hours: 300 s, 1 day: 900 s).
 * When even 60 s draws fewer than 20 points (a demo run of seconds), the largest of 30, 10, 5
 * and 1 s that draws at least 20, else 1 s: finer than CloudWatch shows standard-resolution
 * metrics, but a line rather than a dot. Under `inherit` the widget's `period` holds (default 300).
 *
 * @example
 * choosePeriod({ periodOverride: 'auto', widgetPeriod: 300, spanSeconds: 1800 }); // 60
 */
export function choosePeriod(choice: PeriodChoice): number {
  if (choice.forced !== undefined) return choice.forced;
  if (choice.periodOverride === 'inherit') return choice.widgetPeriod ?? 300;
  const points = (period: number): number => Math.floor(choice.spanSeconds / period) + 1;
  const [minute] = STANDARD_PERIODS;
  if (points(minute) < MIN_AUTO_POINTS) {
    return SHORT_PERIODS.find((period) => points(period) >= MIN_AUTO_POINTS) ?? SHORTEST_PERIOD;
  }
  return STANDARD_PERIODS.find((period) => points(period) <= MAX_AUTO_POINTS) ?? LONGEST_PERIOD;
}
