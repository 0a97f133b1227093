import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LocalAws } from '../local-aws.js';

const INSTANCE = fileURLToPath(new URL('./instance.mjs', import.meta.url));

/** What one worker reports when its invocations are done. */
export interface ManagedWorkerResult {
  readonly worker: number;
  readonly invocations: number;
  readonly failures: number;
  readonly errors: Record<string, number>;
  readonly elapsedMs: number;
  readonly totals: Record<string, number>;
}

export interface ManagedInstanceSettings {
  readonly workers: number;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly maxInvocations: number;
  readonly roles: readonly string[];
}

/**
 * Runs an emulated Lambda Managed Instance against `endpoint` in a child
 * process (killed after `timeoutMs`): its stdout (EMF and logs), exit code,
 * and each worker's result.
 */
export function runManagedInstance(
  endpoint: LocalAws,
  { workers, ...settings }: ManagedInstanceSettings,
  timeoutMs = 60_000,
): Promise<{ stdout: string; code: number | null; results: ManagedWorkerResult[] }> {
  const env = {
    PATH: process.env.PATH ?? '',
    ...endpoint.env,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    AWS_LAMBDA_MAX_CONCURRENCY: String(settings.concurrency),
    AWS_LAMBDA_NODEJS_WORKER_COUNT: String(workers),
    AWS_LAMBDA_FUNCTION_NAME: 'managed',
    POWERTOOLS_METRICS_NAMESPACE: 'ManagedInstances',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    MI_SETTINGS: JSON.stringify(settings),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [INSTANCE], {
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const results = stdout
        .split('\n')
        .filter((line) => line.startsWith('MI-RESULT '))
        .map((line) => JSON.parse(line.slice('MI-RESULT '.length)) as ManagedWorkerResult);
      resolve({ stdout, code, results });
    });
  });
}
