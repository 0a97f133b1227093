/**
 * P1: the lease-costs handler's invocation latency in the demo's three
 * modes (naive, module singletons, the cache), which the demo runs
 * interleaved batch by batch; once on bare loopback, once with network
 * latency added at the endpoint, where the difference a Lambda sees shows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareTimings } from '../../examples/demo/compare-timings.js';
import { type ModeRow, ratioSpread } from '../../examples/demo/table.js';
import type { BenchResult } from './report.js';

function runDemo(invocations: number, latencyMs: number): Record<string, ModeRow> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-p1-'));
  try {
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'examples/demo/main.ts',
        '--invocations',
        String(invocations),
        '--latency-ms',
        String(latencyMs),
        '--out',
        join(dir, 'emf.jsonl'),
        '--json',
        join(dir, 'rows.json'),
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const rows = JSON.parse(readFileSync(join(dir, 'rows.json'), 'utf8')) as ModeRow[];
    return Object.fromEntries(rows.map((row) => [row.mode, row]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ratios(label: string, rows: Record<string, ModeRow>, invocations: number): BenchResult[] {
  const { naive, singleton, cache } = rows as Record<'naive' | 'singleton' | 'cache', ModeRow>;
  const ms = (row: ModeRow) => `p50 ${row.p50Ms.toFixed(1)} ms, p95 ${row.p95Ms.toFixed(1)} ms`;
  const p50 = (name: string, row: ModeRow) => ({ name, value: row.p50Ms });
  return [
    {
      id: 'P1',
      name: `lease-costs latency, cached / module singleton (${label}, ${invocations} invocations per mode)`,
      measured: `${(cache.p50Ms / singleton.p50Ms).toFixed(3)}x at p50 (cache ${ms(cache)}; singleton ${ms(singleton)}): ${compareTimings(p50('cached', cache), p50('singleton', singleton), ratioSpread(cache, singleton))}`,
      target: '<= 1.05',
      pass: cache.p50Ms / singleton.p50Ms <= 1.05,
    },
    {
      id: 'P1',
      name: `lease-costs latency, naive / cached (${label})`,
      measured: `${(naive.p50Ms / cache.p50Ms).toFixed(2)}x at p50 (naive ${ms(naive)}; ${naive.handshakes} vs ${cache.handshakes} handshakes): ${compareTimings(p50('naive', naive), p50('cached', cache), ratioSpread(naive, cache))}`,
      // DESIGN.md's target: five calls per invocation bound this near 3.5x (a one-call loop reaches 4x).
      target: '>= 3',
      pass: naive.p50Ms / cache.p50Ms >= 3,
    },
  ];
}

export async function measureLeaseCosts(quick: boolean): Promise<BenchResult[]> {
  const withLatency = '+20 ms per response, +40 ms per new connection';
  // Quick mode (CI) only keeps the script working: one small run, with latency, where each demo
  // process's start-up is most of the time.
  if (quick) return ratios(withLatency, runDemo(10, 20), 10);
  const invocations = 300;
  return [
    ...ratios('loopback', runDemo(invocations, 0), invocations),
    ...ratios(withLatency, runDemo(invocations, 20), invocations),
  ];
}
