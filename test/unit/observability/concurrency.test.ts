/**
 * Covers publishing under overlapping invocations in one process (Lambda
 * managed instances, or a handler awaiting while another runs): every
 * counter summed over all published lines equals the stats totals exactly,
 * no count lost or published twice, no line negative, at most one line per
 * invocation.
 *
 * Attribution rule: counters are process-wide, so a line cannot say which
 * invocation a hit belonged to. Each publish carries everything since the
 * previous publish, whichever invocation did it; an invocation that ends
 * while another is mid-flight publishes the other's work so far, and the
 * other's publish then carries only the rest.
 */
import fc from 'fast-check';
import {
  ClientCacheMetric,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { captureDuring } from '../../support/capture-output.js';
import {
  COUNTERS,
  type EmfDocument,
  metricSum,
  metricValues,
  parseEmf,
} from '../../support/emf.js';
import { useMetricsTestEnv } from '../../support/metrics-env.js';
import { propertyParameters } from '../../support/property-run.js';

const REGIONS = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'us-west-1', 'us-west-2', 'ca-central-1'];

/** One invocation: getter calls in steps, each step after a small delay. */
interface Invocation {
  readonly steps: readonly { readonly delayMs: number; readonly regions: readonly number[] }[];
}

const invocationArbitrary: fc.Arbitrary<Invocation> = fc.record({
  steps: fc.array(
    fc.record({
      delayMs: fc.integer({ min: 0, max: 4 }),
      regions: fc.array(fc.nat(REGIONS.length - 1), { maxLength: 8 }),
    }),
    { minLength: 1, maxLength: 4 },
  ),
});

// Small enough that overlapping invocations also evict each other's clients.
useMetricsTestEnv(3);

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const handler = withClientCacheMetrics(async (invocation: Invocation) => {
  for (const { delayMs, regions } of invocation.steps) {
    await sleep(delayMs);
    for (const region of regions) getS3Client({ region: REGIONS[region] });
  }
});

/**
 * Runs the invocations overlapping, as one process would, and returns what
 * they published, with the stats around it: the property's runs share one
 * warm cache, so what a run published is compared with the difference.
 */
async function runOverlapping(invocations: readonly Invocation[]) {
  const before = getClientCacheStats();
  const { output } = await captureDuring(() =>
    Promise.all(invocations.map((invocation) => handler(invocation, {}))),
  );
  const after = getClientCacheStats();
  return { lines: parseEmf(output.stdout), before, after, stderr: output.stderr };
}

function expectExactTotals(result: Awaited<ReturnType<typeof runOverlapping>>): void {
  const { lines, before, after } = result;
  for (const [metric, stat] of Object.entries(COUNTERS)) {
    const published = lines.reduce((sum, line) => sum + metricSum(line, metric), 0);
    expect({ metric, published }).toEqual({ metric, published: after[stat] - before[stat] });
  }
}

function expectNoNegativeValue(lines: readonly EmfDocument[]): void {
  for (const line of lines) {
    for (const metric of [...Object.keys(COUNTERS), ClientCacheMetric.Size]) {
      for (const value of metricValues(line, metric)) expect(value).toBeGreaterThanOrEqual(0);
    }
  }
}

it('publishes every count exactly once across 20 overlapping invocations', async () => {
  // Prepare
  const invocations: Invocation[] = Array.from({ length: 20 }, (_, index) => ({
    steps: Array.from({ length: 4 }, (_, step) => ({
      delayMs: (index * 7 + step * 3) % 5,
      regions: Array.from({ length: 5 }, (_, call) => (index + step + call) % REGIONS.length),
    })),
  }));

  // Act
  const result = await runOverlapping(invocations);

  // Assess
  expect(result.after.hits).toBeGreaterThan(0);
  expect(result.after.evictions).toBeGreaterThan(0);
  expect(result.lines.length).toBeGreaterThan(1);
  expect(result.lines.length).toBeLessThanOrEqual(invocations.length);
  expectExactTotals(result);
  expectNoNegativeValue(result.lines);
  // The only thing said: the sizing advice, due for 20 invocations churning through 3 entries.
  const warnings = result.stderr.split('\n').filter((line) => line !== '');
  expect(warnings.every((line) => line.includes('CLIENT_CACHE_MAX_ENTRIES'))).toBe(true);
});

it('publishes every count exactly once for any interleaving of invocations', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(invocationArbitrary, { minLength: 1, maxLength: 20 }),
      async (invocations) => {
        // Act
        const result = await runOverlapping(invocations);

        // Assess
        expect(result.lines.length).toBeLessThanOrEqual(invocations.length);
        expectExactTotals(result);
        expectNoNegativeValue(result.lines);
      },
    ),
    propertyParameters(25, 20261206),
  );
});
