/**
 * Covers what the alarms would do with EMF lines the demo's cached workload prints against the
 * local AWS endpoint, evaluated with the preview's metric math (tools/scripts/dashboard-preview) as
 * CloudWatch evaluates each alarm: a healthy run fires nothing; a run whose role credentials
 * cannot be fetched (STS answering 503) fires the credential refresh alarm and only it; a run
 * with `CLIENT_CACHE_MAX_ENTRIES=2` fires the eviction-miss alarm and only it. Each run's 90
 * invocations are spread over 15 minutes (3 periods of 5 minutes), keeping every figure.
 */
import { indexSamples } from '../../../tools/scripts/dashboard-preview/aggregate.js';
import { evaluateAlarms } from '../../../tools/scripts/dashboard-preview/evaluate-alarms.js';
import { readEmf } from '../../../tools/scripts/dashboard-preview/read-emf.js';
import { type DemoRunOptions, runDemoWorkload, spreadOver } from '../../support/demo-emf-runs.js';

jest.setTimeout(180_000);

/** 2026-01-15 09:00:00 UTC, on a 5-minute boundary. */
const START = Date.UTC(2026, 0, 15, 9, 0, 0);
const SPAN_MS = 15 * 60_000 - 1;
const INVOCATIONS = 90;

async function firedAlarms(options: Omit<DemoRunOptions, 'invocations'>) {
  const run = await runDemoWorkload({ ...options, invocations: INVOCATIONS });
  const lines = spreadOver(run.emfLines, START, SPAN_MS);
  const reading = readEmf(lines.join('\n'), options.service);
  const samples = reading.samples;
  const verdicts = evaluateAlarms(
    indexSamples(samples),
    { namespace: 'LeaseCostsDemo', service: options.service },
    START,
    START + SPAN_MS,
  );
  return {
    run,
    fired: verdicts.filter((verdict) => verdict.firesAt !== undefined).map(({ key }) => key),
    verdicts,
  };
}

describe('the alarms against the demo workload', () => {
  it('fire nothing for a healthy run', async () => {
    // Act
    const { run, fired } = await firedAlarms({ service: 'lease-costs' });

    // Assess
    expect(run.errors).toBe(0);
    expect(run.emfLines.length).toBeGreaterThan(0);
    expect(fired).toEqual([]);
  });

  it('fire the credential refresh alarm, and only it, when STS refuses every AssumeRole', async () => {
    // Act
    const { run, fired } = await firedAlarms({ service: 'lease-costs', stsBroken: true });

    // Assess
    expect(run.errors).toBeGreaterThan(0);
    expect(fired).toEqual(['CredentialRefreshFailures']);
  });

  it('fire the eviction-miss alarm, and only it, for a cache of 2', async () => {
    // Act
    const { run, fired, verdicts } = await firedAlarms({ service: 'lease-costs', maxEntries: 2 });

    // Assess
    expect(run.errors).toBe(0);
    expect(fired).toEqual(['EvictionMisses']);
    const share = verdicts.find(({ key }) => key === 'EvictionMisses')?.values;
    expect([...(share?.values() ?? [])].every((value) => value >= 10)).toBe(true);
  });
});
