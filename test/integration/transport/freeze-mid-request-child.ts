/**
 * A client process for the freeze tests: on the line "go" it sends one PutEvents through a
 * cache of its own, then prints how it settled and the cache's `RequestsSent`, and exits.
 * With `FREEZE_WHILE_CONNECTING=1` it stops itself (SIGSTOP) while its new socket is still
 * connecting, after saying "stopping". Stdin closing ends it too, so it never outlives the test.
 */
import { createInterface } from 'node:readline';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { createClientCache } from '../../../src/all.js';
import { EventBridgeService } from '../../../src/clients/eventbridge.js';

const cache = createClientCache({
  socketTimeoutMs: Number(process.env.SOCKET_TIMEOUT_MS ?? 3000),
  connectionTimeoutMs: Number(process.env.CONNECTION_TIMEOUT_MS ?? 3000),
});
const client = cache.get(EventBridgeService, {
  region: 'us-east-1',
  additionalConfig: { maxAttempts: Number(process.env.MAX_ATTEMPTS ?? 3) },
});

/** Whether the pool's first socket is still connecting: the test's precondition, reported. */
function firstSocketConnecting(): boolean {
  const handler = client.config.requestHandler as {
    config?: { httpsAgent?: { sockets: NodeJS.ReadOnlyDict<{ connecting: boolean }[]> } };
  };
  const sockets = Object.values(handler.config?.httpsAgent?.sockets ?? {}).flat();
  return sockets[0]?.connecting === true;
}

/** Stops this process in the turn its first socket is seen, before its connect is read. */
function freezeWhileConnecting(): void {
  if (cache.stats().openSockets === 0) {
    setImmediate(freezeWhileConnecting);
    return;
  }
  process.stdout.write(`stopping, connecting: ${firstSocketConnecting()}\n`);
  process.kill(process.pid, 'SIGSTOP');
}

const lines = createInterface({ input: process.stdin });
lines.once('line', async () => {
  const sent = client.send(
    new PutEventsCommand({ Entries: [{ Source: 'freeze', DetailType: 'once', Detail: '{}' }] }),
  );
  if (process.env.FREEZE_WHILE_CONNECTING === '1') freezeWhileConnecting();
  const outcome = await sent.then(
    (output) => ({ ok: true, attempts: output.$metadata.attempts ?? 1 }),
    (error: Error & { $metadata?: { attempts?: number } }) => ({
      ok: false,
      error: `${error.name}: ${error.message}`,
      attempts: error.$metadata?.attempts,
    }),
  );
  process.stdout.write(
    `${JSON.stringify({ ...outcome, requestsSent: cache.stats().requestsSent })}\n`,
  );
  await cache.destroy();
  process.exit(0);
});
lines.once('close', () => process.exit(1));
