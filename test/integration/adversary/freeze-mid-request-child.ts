/**
 * A client process for the freeze test: on the line "go" it sends one PutEvents through a
 * cache of its own (socket timeout `SOCKET_TIMEOUT_MS`), then prints how it settled and the
 * cache's `RequestsSent`, and exits. Stdin closing ends it too, so it never outlives the test.
 */
import { createInterface } from 'node:readline';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createClientCache } from '../../../src/all.js';
import { EventBridgeService } from '../../../src/clients/eventbridge.js';

const cache = createClientCache({ socketTimeoutMs: Number(process.env.SOCKET_TIMEOUT_MS) });
const client = cache.get(EventBridgeService, { region: 'us-east-1' });
const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  const outcome = await client
    .send(new PutEventsCommand({ Entries: [{ Source: 'freeze', DetailType: 'once', Detail: '{}' }] }))
    .then(
      (output) => ({ ok: true, attempts: output.$metadata.attempts ?? 1 }),
      (error: Error & { $metadata?: { attempts?: number } }) => ({
        ok: false,
        error: `${error.name}: ${error.message}`,
        attempts: error.$metadata?.attempts,
      }),
    );
  process.stdout.write(`${JSON.stringify({ ...outcome, requestsSent: cache.stats().requestsSent })}\n`);
  await cache.destroy();
  process.exit(0);
});
lines.once('close', () => process.exit(1));
