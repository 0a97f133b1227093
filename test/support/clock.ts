/**
 * A hand-driven clock for `configureClientCache({ now })`: expiry tests move
 * time forward explicitly instead of waiting or faking global timers.
 */
export interface TestClock {
  /** Pass this as the cache's `now` option. */
  readonly now: () => number;
  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Sets the clock to an absolute epoch-millisecond reading. */
  set(epochMs: number): void;
}

/** 2025-01-01T00:00:00Z: a fixed start, so failures reproduce. */
export const CLOCK_START = Date.UTC(2025, 0, 1);

export function createTestClock(start: number = CLOCK_START): TestClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
    set(epochMs) {
      time = epochMs;
    },
  };
}
