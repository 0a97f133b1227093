import type { LocalAws } from '../local-aws/index.js';
import { runManagedInstance } from '../local-aws/managed-instance/run-instance.js';

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
  const { stdout, results } = await runManagedInstance(endpoint, {
    workers: 2,
    concurrency: 32,
    durationMs,
    maxInvocations: 100_000,
    roles: ['arn:aws:iam::123456789012:role/bench-mi'],
  });
  return {
    invocations: results.reduce((sum, result) => sum + result.invocations, 0),
    cacheLines: stdout.split('\n').filter((line) => line.includes('"ClientCacheMiss"')).length,
    seconds: Math.max(...results.map((result) => result.elapsedMs)) / 1000,
  };
}
