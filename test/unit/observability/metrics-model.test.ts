/**
 * A model test of the rule that the cache's metrics never cost the handler
 * anything. fast-check draws a setup (the wrapper with your Metrics, given
 * to it or to `configureClientCache`; middy with your `logMetrics` and the
 * cache's middleware on your Metrics or on the cache's own; with and without
 * `throwOnEmptyMetrics`; Managed Instances concurrency or one invocation at
 * a time) and a set of invocations, each with or without a metric of its
 * own, touching the cache (hits, misses, evictions) or not, and failing or
 * not; under concurrency `fc.scheduler` interleaves their await points.
 *
 * The oracle:
 * - no invocation fails because of the cache: each settles as it would
 *   without it (its own result or error; Powertools' `throwOnEmptyMetrics`
 *   fires only where it would without the cache: an invocation that
 *   recorded nothing, on a line the cache does not share);
 * - each invocation's own metric is out, exactly once, by the time that
 *   invocation settles (flushed in its own invocation, never held for a
 *   later line nor flushed by another);
 * - the cache's EMF sums equal its stats, and it never logs a failed publish.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one
 * (fast-check prints it on failure; MODEL_SEED=<n> or PROPERTY_SEED=<n>
 * replays it).
 */
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import fc from 'fast-check';
import {
  type ClientCacheStats,
  clientCacheMetrics,
  configureClientCache,
  destroyClientCache,
  getClientCacheStats,
  getS3Client,
  withClientCacheMetrics,
} from '../../../src/all.js';
import { resetDefaultClientCache } from '../../../src/client-cache/default-cache.js';
import { captureOutput } from '../../support/capture-output.js';
import { COUNTERS, metricSum, parseEmf } from '../../support/emf.js';
import { setEnv } from '../../support/env.js';
import { managedInstance } from '../../support/managed-invocations.js';
import { useMetricsTestEnv } from '../../support/metrics-env.js';
import { loadMiddy } from '../../support/middy.js';
import { propertyParameters } from '../../support/property-run.js';

const middy = loadMiddy();
const REGIONS = ['eu-west-1', 'eu-west-2', 'eu-west-3', 'us-west-2'];
const OWN_METRIC = 'Orders';
const MAX_ENTRIES = 2;

type Setup =
  /** `withClientCacheMetrics(handler, { metrics })`. */
  | 'wrapper'
  /** `configureClientCache({ metrics })` and `withClientCacheMetrics(handler)`. */
  | 'wrapperConfigured'
  /** The README: `logMetrics(metrics)` and `clientCacheMetrics({ metrics })`. */
  | 'middy'
  /** The emulated instance's worker: `logMetrics(metrics)` and `clientCacheMetrics()`. */
  | 'middyOwnInstance';

interface Invocation {
  /** Getter calls (region indexes) before each await point. */
  readonly steps: readonly (readonly number[])[];
  /** Records its own metric after this many steps, or never. */
  readonly recordsAt: number | undefined;
  readonly fails: boolean;
}

interface Scenario {
  readonly setup: Setup;
  readonly throwOnEmptyMetrics: boolean;
  readonly managed: boolean;
  readonly invocations: readonly Invocation[];
}

const invocationArbitrary: fc.Arbitrary<Invocation> = fc.record({
  steps: fc.array(fc.array(fc.nat(REGIONS.length - 1), { maxLength: 4 }), {
    minLength: 1,
    maxLength: 3,
  }),
  recordsAt: fc.option(fc.nat(3), { nil: undefined }),
  // One in four fails: the cache must never replace the handler's own error.
  fails: fc.nat(3).map((draw) => draw === 0),
});

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc.record({
  setup: fc.constantFrom<Setup>('wrapper', 'wrapperConfigured', 'middy', 'middyOwnInstance'),
  throwOnEmptyMetrics: fc.boolean(),
  managed: fc.boolean(),
  invocations: fc.array(invocationArbitrary, { minLength: 1, maxLength: 8 }),
});

/** What an invocation settles to: its result, or its error's name and message. */
type Outcome = string;

function outcomeOf(promise: Promise<string>): Promise<Outcome> {
  return promise.then(
    (result) => result,
    (error: Error) => `${error.name}: ${error.message}`,
  );
}

/** The handler the user wrote: cache calls between await points, maybe a metric, maybe an error. */
function userHandler(metrics: Metrics, pause: () => Promise<void>) {
  return async (event: { index: number; invocation: Invocation }): Promise<string> => {
    const { index, invocation } = event;
    await pause();
    for (const [step, regions] of invocation.steps.entries()) {
      if (invocation.recordsAt === step) metrics.addMetric(OWN_METRIC, 'Count', index + 1);
      for (const region of regions) getS3Client({ region: REGIONS[region] });
      await pause();
    }
    const recorded = invocation.recordsAt !== undefined;
    if (recorded && invocation.recordsAt >= invocation.steps.length) {
      metrics.addMetric(OWN_METRIC, 'Count', index + 1);
    }
    if (invocation.fails) throw new Error(`handler ${index} failed`);
    return `handler ${index} returned`;
  };
}

type Handler = (event: { index: number; invocation: Invocation }) => Promise<string>;

/** The handler as the setup deploys it, on a fresh default cache. */
function deploy(scenario: Scenario, metrics: Metrics, pause: () => Promise<void>): Handler {
  const work = userHandler(metrics, pause);
  resetDefaultClientCache();
  if (scenario.setup === 'wrapperConfigured') {
    configureClientCache({ maxEntries: MAX_ENTRIES, metrics });
  } else {
    configureClientCache({ maxEntries: MAX_ENTRIES });
  }
  const options = { throwOnEmptyMetrics: scenario.throwOnEmptyMetrics };
  switch (scenario.setup) {
    case 'wrapper':
    case 'wrapperConfigured': {
      metrics.setThrowOnEmptyMetrics(scenario.throwOnEmptyMetrics);
      const wrapped = withClientCacheMetrics(work, scenario.setup === 'wrapper' ? { metrics } : {});
      return (event) => wrapped(event, {});
    }
    case 'middy': {
      const handler = middy(work)
        .use(logMetrics(metrics, options))
        .use(clientCacheMetrics({ metrics }));
      return (event) => handler(event, {} as never);
    }
    case 'middyOwnInstance': {
      const handler = middy(work).use(logMetrics(metrics, options)).use(clientCacheMetrics());
      return (event) => handler(event, {} as never);
    }
  }
}

/**
 * The outcomes an invocation may have without the cache: its own result or
 * error; and where the cache does not share the user's line, Powertools'
 * empty-line error for an invocation that recorded nothing.
 */
function allowedOutcomes(scenario: Scenario, index: number, invocation: Invocation): Outcome[] {
  const own = invocation.fails ? `Error: handler ${index} failed` : `handler ${index} returned`;
  const emptyLineFires =
    scenario.setup === 'middyOwnInstance' &&
    scenario.throwOnEmptyMetrics &&
    invocation.recordsAt === undefined;
  return emptyLineFires
    ? [own, 'RangeError: The number of metrics recorded must be higher than zero']
    : [own];
}

function ownMetricValues(stdout: string): number[] {
  return parseEmf(stdout)
    .filter((line) => OWN_METRIC in line)
    .flatMap((line) => {
      const value = line[OWN_METRIC];
      return Array.isArray(value) ? (value as number[]) : [value as number];
    });
}

async function runScenario(scenario: Scenario, scheduler: fc.Scheduler): Promise<void> {
  // Prepare: the env first, as a function's is; the cache reads it when built.
  const instance = scenario.managed ? await managedInstance() : undefined;
  if (!scenario.managed) setEnv({ AWS_LAMBDA_MAX_CONCURRENCY: undefined });
  const metrics = new Metrics({ namespace: 'UserNs', serviceName: 'user-svc' });
  const pause = scenario.managed
    ? () => scheduler.schedule(Promise.resolve())
    : () => Promise.resolve();
  const handler = deploy(scenario, metrics, pause);
  const output = captureOutput();
  const outcomes: Outcome[] = [];
  /** Each invocation's own metric values in stdout when it settled. */
  const seenAtSettle: number[][] = [];
  let stats: ClientCacheStats | undefined;

  // Act
  try {
    const settle = (index: number): Promise<void> => {
      const event = { index, invocation: scenario.invocations[index] as Invocation };
      const run = () => handler(event);
      const settled = instance ? instance.invoke(`request-${index}`, run) : run();
      return outcomeOf(settled).then((outcome) => {
        outcomes[index] = outcome;
        seenAtSettle[index] = ownMetricValues(output.stdout);
      });
    };
    if (instance) {
      // Releases scheduled await points, in the drawn order, until every invocation settled.
      await scheduler.waitFor(Promise.all(scenario.invocations.map((_, index) => settle(index))));
    } else {
      for (const index of scenario.invocations.keys()) await settle(index);
    }
    stats = getClientCacheStats();
    // What the cache's own instance still holds goes out at shutdown.
    await destroyClientCache();
  } finally {
    output.stop();
  }

  // Assess: no invocation failed because of the cache.
  for (const [index, invocation] of scenario.invocations.entries()) {
    expect(allowedOutcomes(scenario, index, invocation)).toContain(outcomes[index]);
  }
  // Each invocation's own metric was out when it settled, and went out once.
  const ownValues = ownMetricValues(output.stdout);
  for (const [index, invocation] of scenario.invocations.entries()) {
    if (invocation.recordsAt === undefined) continue;
    expect({ index, seen: seenAtSettle[index]?.includes(index + 1) }).toEqual({
      index,
      seen: true,
    });
    expect({ index, times: ownValues.filter((value) => value === index + 1).length }).toEqual({
      index,
      times: 1,
    });
  }
  // The cache's sums equal its stats, over every line it wrote to.
  const lines = parseEmf(output.stdout);
  for (const [metric, stat] of Object.entries(COUNTERS)) {
    const published = lines.reduce((sum, line) => sum + metricSum(line, metric), 0);
    expect({ metric, published }).toEqual({ metric, published: stats?.[stat] });
  }
  expect(output.all).not.toContain('could not publish the cache metrics');
}

// Each scenario deploys on a cache of its own (see `deploy`); the helper gives the env.
useMetricsTestEnv();

it("flushes every invocation's own metrics in that invocation, fails none, and sums to the stats", async () => {
  // Prepare, Act and Assess: each run deploys, invokes and checks one scenario (runScenario).
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary, fc.scheduler(), runScenario),
    propertyParameters(150, 20261219),
  );
}, 60_000);
