/**
 * One mode of the demo in its own process, a warm Lambda container: it builds the lease-costs
 * handler the mode's way once, then runs the batches of invocations the demo sends it over IPC.
 * Its stdout is the handler's own output (logs and EMF lines), which the demo reads.
 *
 *   node --import tsx examples/demo/workload.ts --mode naive|singleton|cache --roles 5
 *
 * A process per mode because Node reads NODE_EXTRA_CA_CERTS (the endpoint's CA) only at start-up,
 * and because a container's clients, pools and credentials are per process.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { S3Client } from '@aws-sdk/client-s3';
import { destroyClientCache, getClientCacheStats } from 'aws-client-cache';
import { createLeaseCostsHandler } from '../app/handler.js';
import { countSdkClients } from './client-counter.js';
import { demoLeaseEvent } from './leases.js';
import { naiveModules } from './modes/naive.js';
import { singletonModules } from './modes/singleton.js';
import type { WorkloadCommand, WorkloadMessage } from './workload-protocol.js';

const { values } = parseArgs({ options: { mode: { type: 'string' }, roles: { type: 'string' } } });
const mode = values.mode;
const roles = Number(values.roles);
const send = (message: WorkloadMessage) =>
  new Promise<void>((resolve) =>
    process.send ? process.send(message, () => resolve()) : resolve(),
  );

const sdkClientsUsed = countSdkClients(S3Client);
const handler = createLeaseCostsHandler({
  modules: mode === 'naive' ? naiveModules : mode === 'singleton' ? singletonModules : undefined,
});

async function invoke(index: number): Promise<{ ms: number; error?: string }> {
  const context = {
    functionName: 'lease-costs',
    functionVersion: '$LATEST',
    awsRequestId: `demo-${mode}-${index}`,
    getRemainingTimeInMillis: () => 30_000,
  };
  const started = performance.now();
  try {
    await handler(
      demoLeaseEvent(index, roles),
      context as unknown as Parameters<typeof handler>[1],
    );
    return { ms: performance.now() - started };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ms: performance.now() - started, error: message };
  }
}

async function runBatch(from: number, to: number, concurrency: number): Promise<void> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = from;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < to) {
        const outcome = await invoke(next++);
        latenciesMs.push(outcome.ms);
        if (outcome.error !== undefined) {
          errors++;
          firstError ??= outcome.error;
        }
        process.send?.({ type: 'progress', done: latenciesMs.length } satisfies WorkloadMessage);
      }
    }),
  );
  await send({ type: 'batch', latenciesMs, errors, firstError });
}

process.on('message', async (command: WorkloadCommand) => {
  if (command.type === 'run') {
    await runBatch(command.from, command.to, command.concurrency);
    return;
  }
  const cache = mode === 'cache' ? getClientCacheStats() : undefined;
  await send({
    type: 'totals',
    sdkClients: sdkClientsUsed(),
    cacheHits: cache?.hits,
    cacheMisses: cache?.misses,
  });
  await destroyClientCache();
  process.exit(0);
});
// Without the demo there is nobody to report to: never outlive it.
process.once('disconnect', () => process.exit(1));
await send({ type: 'ready' });
