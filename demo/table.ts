import type { DemoMode } from './workload-protocol.js';

/** One printed row: what a mode cost for the same workload. */
export interface ModeRow {
  readonly mode: DemoMode;
  readonly p50Ms: number;
  readonly p95Ms: number;
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

/** p50 ratios within this of 1 are reported as a tie: run-to-run noise is about that large. */
const NOISE = 0.1;

/** The one sentence under the table, worded from the figures rather than assumed. */
export function summarise(rows: readonly ModeRow[], roles: number): string {
  const row = (mode: DemoMode) => rows.find((candidate) => candidate.mode === mode);
  const naive = row('naive');
  const singleton = row('singleton');
  const cache = row('cache');
  if (naive === undefined || singleton === undefined || cache === undefined) return '';
  const versusSingleton = cache.p50Ms / singleton.p50Ms;
  // Turns taken batch by batch even out most noise, but not all of it on a busy machine.
  const speed =
    Math.abs(versusSingleton - 1) <= NOISE
      ? 'about as fast as module singletons'
      : `${Math.round(Math.abs(versusSingleton - 1) * 100)}% ${versusSingleton < 1 ? 'faster' : 'slower'} than module singletons`;
  return (
    `Same handler, same work: the cache is ${speed} (p50 ${cache.p50Ms.toFixed(1)} vs ` +
    `${singleton.p50Ms.toFixed(1)} ms) and ${(naive.p50Ms / cache.p50Ms).toFixed(1)}x faster than ` +
    `new clients per call, with ${cache.handshakes} TLS handshakes (singletons ${singleton.handshakes}, ` +
    `naive ${naive.handshakes}) and ${cache.assumeRoleCalls} AssumeRole calls for ${roles} roles ` +
    `(naive ${naive.assumeRoleCalls}), its figures riding in the ${cache.emfLines} EMF lines the ` +
    'handler writes anyway.'
  );
}
