/**
 * Covers `npm start` (examples/demo/main.ts) as a user runs it, at a small size: it exits 0, prints the
 * table with the three modes, words each timing comparison against the spread across rounds, and writes the cached run's EMF lines to the file it names, every
 * line a valid EMF document carrying the cache's figures.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { scaledTimeout } from '../../../support/cpu-contention.js';
import { metricSum, parseEmf } from '../../../support/emf.js';

// This file's longest test was given 60 s on a quiet machine; scaled to the measured CPU contention.
jest.setTimeout(scaledTimeout(60_000));

const PROJECT_ROOT = resolve(__dirname, '../../../..');

async function runDemo(args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/demo/main.ts', ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const [exitCode] = await once(child, 'close');
  return { exitCode, stdout, stderr };
}

describe('npm start (the demo)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'demo-run-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('runs the three modes, prints the table and writes parseable EMF lines', async () => {
    // Prepare
    const outFile = join(outDir, 'emf.jsonl');

    // Act
    const { exitCode, stdout, stderr } = await runDemo([
      ...['--invocations', '20', '--roles', '2', '--concurrency', '2', '--out', outFile],
    ]);

    // Assess
    expect({ exitCode, stderr: exitCode === 0 ? '' : stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(stdout).toMatch(
      /mode\s+p50 ms\s+p95 ms\s+TLS handshakes\s+AssumeRole\s+SDK clients\s+EMF lines\s+hit ratio\s+requests\/conn/,
    );
    const rows = Object.fromEntries(
      ['naive', 'singleton', 'cache'].map((mode) => [
        mode,
        stdout.match(new RegExp(`^${mode}\\s+(.+)$`, 'm'))?.[1]?.split(/\s+/),
      ]),
    );
    // Columns after the mode: p50, p95, handshakes, AssumeRole, clients, EMF lines, hit ratio, req/conn.
    expect(rows.naive?.[3]).toBe('20');
    expect(rows.singleton?.[3]).toBe('2');
    expect(rows.cache?.[3]).toBe('2');
    expect(rows.cache?.[6]).toMatch(/^\d+\.\d%$/);
    expect(stdout).toContain('Same handler, same work, p50 over 10 interleaved rounds');
    // Each comparison carries the spread it was held against, and names no difference under it.
    for (const other of ['module singletons', 'new clients per call']) {
      const beyond = new RegExp(
        `the cache is [\\d.]+(x| %) (faster|slower) than ${other} \\([^)]*more than the ±\\d+ % spread across rounds\\)`,
      );
      const within = new RegExp(`the cache and ${other} are the same within noise \\(±\\d+ %`);
      expect({ other, worded: beyond.test(stdout) || within.test(stdout) }).toEqual({
        other,
        worded: true,
      });
    }
    expect(stdout).toContain(outFile);
    const documents = parseEmf(readFileSync(outFile, 'utf8'));
    expect(documents.length).toBeGreaterThan(0);
    expect(documents.length).toBeLessThanOrEqual(20);
    const reports = documents.reduce(
      (sum, document) => sum + metricSum(document, 'LeaseCostReportGenerated'),
      0,
    );
    expect(reports).toBe(20);
    const lookups = documents.reduce(
      (sum, document) =>
        sum + metricSum(document, 'ClientCacheHit') + metricSum(document, 'ClientCacheMiss'),
      0,
    );
    // Five getter calls per invocation: Lambda, Cost Explorer, S3 upload, S3 presign, EventBridge.
    expect(lookups).toBe(20 * 5);
  });
});
