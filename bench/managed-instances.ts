import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LocalAws } from '../local-aws/index.js';

const INSTANCE = fileURLToPath(
  new URL('../local-aws/managed-instance/instance.mjs', import.meta.url),
);

export interface ManagedInstanceVolume {
  readonly invocations: number;
  readonly cacheLines: number;
  readonly seconds: number;
}

/**
 * EMF volume under Lambda multi-concurrency: an emulated Managed Instance
 * (2 workers x 32 concurrent invocations) for `durationMs`, counting the
 * cache's own lines against invocations.
 */
export async function measureManagedInstanceVolume(
  endpoint: LocalAws,
  durationMs: number,
): Promise<ManagedInstanceVolume> {
  const env = {
    PATH: process.env.PATH ?? '',
    ...endpoint.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_LAMBDA_MAX_CONCURRENCY: '32',
    AWS_LAMBDA_NODEJS_WORKER_COUNT: '2',
    POWERTOOLS_METRICS_NAMESPACE: 'ManagedInstances',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    MI_SETTINGS: JSON.stringify({
      concurrency: 32,
      durationMs,
      maxInvocations: 100_000,
      roles: ['arn:aws:iam::123456789012:role/bench-mi'],
    }),
  };
  const stdout = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [INSTANCE], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.once('error', reject);
    child.once('exit', () => resolve(output));
  });
  const lines = stdout.split('\n');
  const results = lines
    .filter((line) => line.startsWith('MI-RESULT '))
    .map(
      (line) =>
        JSON.parse(line.slice('MI-RESULT '.length)) as { invocations: number; elapsedMs: number },
    );
  return {
    invocations: results.reduce((sum, result) => sum + result.invocations, 0),
    cacheLines: lines.filter((line) => line.includes('"ClientCacheMiss"')).length,
    seconds: Math.max(...results.map((result) => result.elapsedMs)) / 1000,
  };
}
