/**
 * A client process for the thaw and dead-socket tests, run with plain Node so the SDK's retry
 * strategy sees Node's socket errors as a Lambda function does (under jest they come from another
 * realm and lose their `code`, so the SDK never retries them). It warms the pool with
 * `THAW_CONCURRENCY` Invokes (and as many PutEvents with `THAW_PUT_EVENTS=1`), says "warm", and on
 * the line "go" sends as many again at once, then prints what happened and exits. Payloads carry
 * `{ id: "warm-<n>" }` or `{ id: "burst-<n>" }`; the report names the Invokes that failed. Stdin closing ends it too, so it never outlives
 * the test.
 */
import { createInterface } from 'node:readline';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SharedPools } from '../../src/transport/shared-pool.js';

const CONCURRENCY = Number(process.env.THAW_CONCURRENCY ?? '20');
const WITH_PUT_EVENTS = process.env.THAW_PUT_EVENTS === '1';
const pools = new SharedPools();
const requestHandler = pools.handlerFor({
  maxSockets: Math.max(50, CONCURRENCY),
  connectionTimeoutMs: 3000,
  socketTimeoutMs: 30_000,
});
const lambda = new LambdaClient({ endpoint: process.env.AWS_ENDPOINT_URL_LAMBDA, requestHandler });
const events = new EventBridgeClient({
  endpoint: process.env.AWS_ENDPOINT_URL_EVENTBRIDGE,
  requestHandler,
});
const burst = (tag: string) =>
  Promise.allSettled(
    Array.from({ length: CONCURRENCY }, (_, index) => [
      lambda.send(
        new InvokeCommand({
          FunctionName: 'echo',
          Payload: JSON.stringify({ id: `${tag}-${index}` }),
        }),
      ),
      ...(WITH_PUT_EVENTS
        ? [
            events.send(
              new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] }),
            ),
          ]
        : []),
    ]).flat(),
  );

await burst('warm');
process.stdout.write('warm\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  const results = await burst('burst');
  const step = WITH_PUT_EVENTS ? 2 : 1;
  const failedInvokes = results.flatMap((result, index) =>
    index % step === 0 && result.status === 'rejected' ? [`burst-${index / step}`] : [],
  );
  const attempts = results.map((result) =>
    result.status === 'fulfilled' ? (result.value.$metadata.attempts ?? 1) : 0,
  );
  process.stdout.write(
    `${JSON.stringify({
      failures: results.filter((result) => result.status === 'rejected').length,
      errors: [
        ...new Set(
          results.flatMap((result) =>
            result.status === 'rejected'
              ? [
                  `${(result.reason as Error).name}: ${(result.reason as Error).message} (attempts: ${(result.reason as { $metadata?: { attempts?: number } }).$metadata?.attempts})`,
                ]
              : [],
          ),
        ),
      ],
      retried: attempts.filter((count) => count > 1).length,
      failedInvokes,
      extraAttempts: attempts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
      connectionsOpened: pools.counters.connectionsOpened,
      requestsSent: pools.counters.requestsSent,
    })}\n`,
  );
  await pools.close(0);
  process.exit(0);
});
lines.once('close', () => process.exit(1));
