/**
 * Covers the wording the demo and the bench print for two timings: a difference is named only
 * above the spread measured across rounds, and "the same within noise" under it.
 */
import { compareTimings, roundSpread } from '../../../../examples/demo/compare-timings.js';

const cache = { name: 'the cache', value: 70.8 };
const singletons = { name: 'module singletons', value: 87.4 };

describe('compareTimings', () => {
  it('names the difference in percent when it is larger than the spread', () => {
    // Act
    const sentence = compareTimings(cache, singletons, 0.05);

    // Assess
    expect(sentence).toBe(
      'the cache is 23 % faster than module singletons (70.8 vs 87.4 ms; more than the ±5 % spread across rounds)',
    );
  });

  it('says the same within noise, with no percentage faster or slower, under the spread', () => {
    // Act
    const sentence = compareTimings(cache, singletons, 0.3);

    // Assess
    expect(sentence).toBe(
      'the cache and module singletons are the same within noise (±30 %; 70.8 vs 87.4 ms)',
    );
    expect(sentence).not.toMatch(/faster|slower/);
  });

  it('calls a difference exactly at the spread noise', () => {
    // Act
    const sentence = compareTimings({ name: 'a', value: 110 }, { name: 'b', value: 100 }, 0.1);

    // Assess
    expect(sentence).toContain('same within noise (±10 %');
  });

  it('names a slower side, and a large ratio as a multiple', () => {
    // Act
    const slower = compareTimings({ name: 'a', value: 120 }, { name: 'b', value: 100 }, 0.05);
    const multiple = compareTimings(
      { name: 'naive', value: 183 },
      { name: 'the cache', value: 58 },
      0.4,
    );

    // Assess
    expect(slower).toMatch(/^a is 20 % slower than b/);
    expect(multiple).toMatch(/^naive is 3\.2x slower than the cache/);
  });

  it('treats no measured spread as no noise at all, and equal timings as the same', () => {
    // Act
    const equal = compareTimings({ name: 'a', value: 50 }, { name: 'b', value: 50 }, 0);

    // Assess
    expect(equal).toBe('a and b are the same within noise (±0 %; 50.0 vs 50.0 ms)');
  });
});

describe('roundSpread', () => {
  it('is half the range of the per-round ratios over their median', () => {
    // Act
    const spread = roundSpread([1.1, 0.9, 1.0, 1.05]);

    // Assess
    expect(spread).toBeCloseTo(0.1 / 1.025, 10);
  });

  it('is zero for one round, and ignores ratios that are not numbers', () => {
    // Act
    const one = roundSpread([1.3]);
    const withNaN = roundSpread([Number.NaN, 1.2, Number.POSITIVE_INFINITY]);

    // Assess
    expect(one).toBe(0);
    expect(withNaN).toBe(0);
  });
});
