/**
 * A client process for the thaw test: warms the pool with `CONCURRENCY` Invokes, says "warm",
 * and on the line "go" sends as many again at once, then prints what happened and exits.
 * Stdin closing ends it too, so it never outlives the test.
 */
import { createInterface } from 'node:readline';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SharedPools } from '../../../src/transport/shared-pool.js';
import { burstFigures } from '../../../tools/bench/burst-figures.js';

const CONCURRENCY = Number(process.env.THAW_CONCURRENCY ?? '20');
const pools = new SharedPools();
const client = new LambdaClient({
  endpoint: process.env.AWS_ENDPOINT_URL_LAMBDA,
  requestHandler: pools.handlerFor({
    maxSockets: 50,
    connectionTimeoutMs: 3000,
    socketTimeoutMs: 30_000,
  }),
});
const burst = () =>
  Promise.allSettled(
    Array.from({ length: CONCURRENCY }, (_, index) =>
      client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ index }) })),
    ),
  );

await burst();
process.stdout.write('warm\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  const results = await burst();
  process.stdout.write(
    `${JSON.stringify({
      ...burstFigures(results),
      connectionsOpened: pools.counters.connectionsOpened,
    })}\n`,
  );
  await pools.close(0);
  process.exit(0);
});
lines.once('close', () => process.exit(1));
