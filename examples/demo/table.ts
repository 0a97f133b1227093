import { compareTimings, roundSpread } from './compare-timings.js';
import type { DemoMode } from './workload-protocol.js';

/** One printed row: what a mode cost for the same workload. */
export interface ModeRow {
  readonly mode: DemoMode;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** The p50 of each round (batch), in the order run. */
  readonly roundP50Ms: readonly number[];
  readonly handshakes: number;
  readonly assumeRoleCalls: number;
  readonly sdkClients: number;
  readonly emfLines: number;
  /** Cache mode only. */
  readonly hitRatio: number | undefined;
  readonly requestsPerConnection: number;
}

/** Nearest-rank percentile of `values`, `fraction` from 0 to 1. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

const COLUMNS: ReadonlyArray<[string, (row: ModeRow) => string]> = [
  ['mode', (row) => row.mode],
  ['p50 ms', (row) => row.p50Ms.toFixed(1)],
  ['p95 ms', (row) => row.p95Ms.toFixed(1)],
  ['TLS handshakes', (row) => String(row.handshakes)],
  ['AssumeRole', (row) => String(row.assumeRoleCalls)],
  ['SDK clients', (row) => String(row.sdkClients)],
  ['EMF lines', (row) => String(row.emfLines)],
  [
    'hit ratio',
    (row) => (row.hitRatio === undefined ? '-' : `${(row.hitRatio * 100).toFixed(1)}%`),
  ],
  ['requests/conn', (row) => row.requestsPerConnection.toFixed(1)],
];

/** A plain-text table: the mode left-aligned, every figure right-aligned under its heading. */
export function formatTable(rows: readonly ModeRow[]): string {
  const cells = [
    COLUMNS.map(([heading]) => heading),
    ...rows.map((row) => COLUMNS.map(([, cell]) => cell(row))),
  ];
  const widths = COLUMNS.map((_, column) =>
    Math.max(...cells.map((line) => line[column]?.length ?? 0)),
  );
  return cells
    .map((line) =>
      line
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}

/**
 * The spread, across rounds, of `a`'s p50 over `b`'s: the rounds ran interleaved, so each round's
 * ratio saw the same machine, and their spread is the noise a difference has to beat.
 */
export function ratioSpread(a: ModeRow, b: ModeRow): number {
  return roundSpread(a.roundP50Ms.map((ms, round) => ms / (b.roundP50Ms[round] ?? Number.NaN)));
}

/** The sentence under the table, worded from the figures: no difference smaller than the noise. */
export function summarise(rows: readonly ModeRow[], roles: number): string {
  const row = (mode: DemoMode) => rows.find((candidate) => candidate.mode === mode);
  const naive = row('naive');
  const singleton = row('singleton');
  const cache = row('cache');
  if (naive === undefined || singleton === undefined || cache === undefined) return '';
  const timing = (name: string, mode: ModeRow) => ({ name, value: mode.p50Ms });
  const versusSingleton = compareTimings(
    timing('the cache', cache),
    timing('module singletons', singleton),
    ratioSpread(cache, singleton),
  );
  const versusNaive = compareTimings(
    timing('the cache', cache),
    timing('new clients per call', naive),
    ratioSpread(cache, naive),
  );
  return (
    `Same handler, same work, p50 over ${cache.roundP50Ms.length} interleaved rounds: ` +
    `${versusSingleton}; ${versusNaive}. The cache made ${cache.handshakes} TLS handshakes ` +
    `(singletons ${singleton.handshakes}, naive ${naive.handshakes}) and ${cache.assumeRoleCalls} ` +
    `AssumeRole calls for ${roles} roles (naive ${naive.assumeRoleCalls}), its figures riding in ` +
    `the ${cache.emfLines} EMF lines the handler writes anyway.`
  );
}
