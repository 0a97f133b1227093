import { periodStarts } from './aggregate.js';

/** The periods CloudWatch offers for standard-resolution metrics, the cache's kind, in seconds. */
export const STANDARD_PERIODS = [60, 300, 900, 3600, 21600, 86400] as const;

/** CloudWatch's high-resolution periods: only for inputs too short for a chart at 60 s. */
export const SHORT_PERIODS = [1, 5, 10, 30] as const;

/** Under `periodOverride: auto`, the most points a chart gets before the period grows. */
export const MAX_AUTO_POINTS = 200;

/** Under `periodOverride: auto`, the fewest points at 60 s before the short-input rule applies. */
export const MIN_AUTO_POINTS = 20;

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
  /** The longest wait, in seconds, between two consecutive EMF timestamps of the input. */
  readonly longestPauseSeconds: number;
}

/**
 * A widget's period in seconds. Under `periodOverride: auto` CloudWatch sizes the period to the
 * time range, which for the preview is the input's span: the smallest standard period that
 * draws at most 200 points (30 minutes: 60 s, 6 hours: 300 s, 1 day: 900 s). An input too short
 * for 20 points at 60 s (a demo run of seconds) gets the smallest of 1, 5, 10 and 30 s that is
 * at least its longest pause between EMF lines, so every period from the first line to the last
 * holds a datapoint, as a minute does in a function invoked every few seconds; 60 s when none
 * is. Under `inherit` the widget's `period` holds (default 300).
 *
 * @example
 * choosePeriod({ periodOverride: 'auto', spanSeconds: 1800, longestPauseSeconds: 60 }); // 60
 * choosePeriod({ periodOverride: 'auto', spanSeconds: 21, longestPauseSeconds: 3.9 }); // 5
 */
export function choosePeriod(choice: PeriodChoice): number {
  if (choice.forced !== undefined) return choice.forced;
  if (choice.periodOverride === 'inherit') return choice.widgetPeriod ?? 300;
  const points = (period: number): number => Math.floor(choice.spanSeconds / period) + 1;
  const [minute, ...longer] = STANDARD_PERIODS;
  if (points(minute) < MIN_AUTO_POINTS) {
    const covering = SHORT_PERIODS.find(
      (period) => period >= choice.longestPauseSeconds && points(period) <= MAX_AUTO_POINTS,
    );
    return covering ?? minute;
  }
  return [minute, ...longer].find((period) => points(period) <= MAX_AUTO_POINTS) ?? 86400;
}

/** What the input spans: its first and last EMF timestamps and the longest pause between two. */
export interface InputSpan {
  /** Epoch milliseconds of the first and last EMF line. */
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
  readonly longestPauseMs: number;
}

/** The span of EMF timestamps sorted from first to last; there is at least one. */
export function inputSpan(timestamps: readonly number[]): InputSpan {
  let longestPauseMs = 0;
  for (let at = 1; at < timestamps.length; at++) {
    longestPauseMs = Math.max(
      longestPauseMs,
      (timestamps[at] as number) - (timestamps[at - 1] as number),
    );
  }
  return {
    firstTimestamp: timestamps[0] as number,
    lastTimestamp: timestamps[timestamps.length - 1] as number,
    longestPauseMs,
  };
}

/**
 * A metric widget's time axis over the input: its period (`choosePeriod`, from the input's span
 * and longest pause) and the start, in epoch seconds, of every period from the first line to the
 * last.
 */
export function widgetAxis(
  span: InputSpan,
  choice: Pick<PeriodChoice, 'forced' | 'periodOverride' | 'widgetPeriod'>,
): { readonly period: number; readonly xs: number[] } {
  const period = choosePeriod({
    ...choice,
    spanSeconds: (span.lastTimestamp - span.firstTimestamp) / 1000,
    longestPauseSeconds: span.longestPauseMs / 1000,
  });
  return { period, xs: periodStarts(span.firstTimestamp, span.lastTimestamp, period) };
}
