/**
 * P8's handler process: Lambda clients from the package's getter (`getLambdaClient`, the SDK's
 * default three attempts), pointed at the local endpoint by the standard env. It sends
 * `FREEZE_CONCURRENCY` Invokes at once to warm the pool and prints `warm`; on the line `go` it
 * sends as many again at once, prints what happened as one JSON line and exits. Stdin closing
 * ends it too, so it never outlives the bench. With `FREEZE_PLAIN_CLIENT=1`, the control: one
 * plain `LambdaClient` over a keep-alive `https.Agent`, as a handler without the cache has it.
 */
import { Agent } from 'node:https';
import { createInterface } from 'node:readline';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { destroyClientCache, getLambdaClient } from '../../src/all.js';
import { burstFigures } from './burst-figures.js';

const CONCURRENCY = Number(process.env.FREEZE_CONCURRENCY ?? '20');
const plain =
  process.env.FREEZE_PLAIN_CLIENT === '1'
    ? new LambdaClient({
        requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ keepAlive: true }) }),
      })
    : undefined;
const lambda = () => plain ?? getLambdaClient();

const burst = (tag: string) =>
  Promise.allSettled(
    Array.from({ length: CONCURRENCY }, (_, index) =>
      lambda().send(
        new InvokeCommand({
          FunctionName: 'echo',
          Payload: JSON.stringify({ id: `${tag}-${index}` }),
        }),
      ),
    ),
  );

await burst('warm');
process.stdout.write('warm\n');
const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  const results = await burst('thaw');
  process.stdout.write(`${JSON.stringify(burstFigures(results))}\n`);
  await destroyClientCache();
  process.exit(0);
});
lines.once('close', () => process.exit(1));
