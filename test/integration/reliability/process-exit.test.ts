/**
 * Covers "the process exits cleanly" outside jest: a child Node process
 * (test/support/reliability-exit-script.ts) meets a refused connection, an
 * STS outage and a socket timeout through the cache, destroys the cache,
 * stops its endpoint and returns without `process.exit`. It must end by
 * itself, promptly, with code 0 and no unhandled rejection; a leaked socket
 * or ref'd timer would keep it alive until this test kills it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { reportFigures } from '../../support/reliability-report.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = 'test/support/reliability-exit-script.ts';
const KILL_AFTER_MS = scaledTimeout(25_000);

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitedAt: number;
}

function runChild(): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: 'tools/local-aws/certs/ca.pem',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
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
    const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, exitedAt: Date.now() });
    });
  });
}

describe('a process using the cache', () => {
  it('exits by itself, cleanly, after meeting faults and destroying the cache', async () => {
    // Act
    const run = await runChild();

    // Assess
    expect({ code: run.code, signal: run.signal, stderr: run.stderr }).toEqual({
      code: 0,
      signal: null,
      stderr: '',
    });
    const report = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}');
    const lingerMs = run.exitedAt - report.finishedAt;
    reportFigures('process exit after faults', { ...report.results, lingerMs });
    expect(report.unhandled).toEqual([]);
    expect(report.invocations).toBe(1);
    expect(report.results.invoked).toEqual({ ok: true });
    // Outside jest the SDK hands back Node's own error, code and all.
    expect(report.results.refused).toMatchObject({ code: 'ECONNREFUSED', attempts: 3 });
    expect(report.results.stsDown).toMatchObject({ name: 'ClientCacheCredentialsError' });
    expect(report.results.socketTimeout).toMatchObject({ name: 'TimeoutError', attempts: 3 });
    expect(lingerMs).toBeLessThan(1000);
  });
});
