/**
 * A client process for the freeze tests against the delivery fault server: its own
 * `SharedPools` and a Lambda client with `maxAttempts: 1` (so an SDK retry cannot hide a
 * failure), at `FAULT_SERVER_URL`, over `MAX_SOCKETS` sockets (50 unless set). Each stdin line is a JSON list of call groups: the groups run
 * one after another, the calls of a group at once; each call's id is its Invoke payload (the
 * server reads its latency from the id's `-<ms>` tail). After each line it prints one JSON line:
 * how every call settled, and the pool's `requestsSent` and `connectionsOpened`. Stdin closing
 * ends it, so it never outlives the test.
 */
import { createInterface } from 'node:readline';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SharedPools } from '../../../src/transport/shared-pool.js';

const pools = new SharedPools();
const lambda = new LambdaClient({
  endpoint: process.env.FAULT_SERVER_URL,
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDFREEZECHILD', secretAccessKey: 'freeze' },
  maxAttempts: 1,
  requestHandler: pools.handlerFor({
    maxSockets: Number(process.env.MAX_SOCKETS ?? 50),
    connectionTimeoutMs: 30_000,
    socketTimeoutMs: 60_000,
  }),
});

const invoke = (id: string) =>
  lambda.send(new InvokeCommand({ FunctionName: 'f', Payload: JSON.stringify({ id }) })).then(
    () => ({ id, ok: true }),
    (error: Error & { code?: string }) => ({
      id,
      ok: false,
      error: `${error.name}: ${error.message}`,
    }),
  );

const lines = createInterface({ input: process.stdin });
lines.on('line', async (line) => {
  const groups = JSON.parse(line) as string[][];
  const outcomes = [];
  for (const group of groups) outcomes.push(...(await Promise.all(group.map(invoke))));
  const { requestsSent, connectionsOpened } = pools.counters;
  process.stdout.write(`${JSON.stringify({ outcomes, requestsSent, connectionsOpened })}\n`);
});
lines.once('close', async () => {
  await pools.close(0);
  process.exit(0);
});
