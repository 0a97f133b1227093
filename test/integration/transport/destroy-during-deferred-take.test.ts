/**
 * `destroy()` in the turn a request is made on a pooled socket idle for over a second: the pool
 * hands such a socket over two loop turns later (so a close the server sent while Lambda was
 * frozen is read first), and meanwhile the request is neither queued nor on a socket. The
 * shutdown must still refuse it as not sent, settle it before its promise resolves, and write
 * nothing. Local endpoint (HTTPS), bounded (one 1.1 s wait).
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/all.js';
import { LambdaService } from '../../../src/clients/lambda.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const local = useLocalAws({ functions: { echo: (event) => event } });
const caches = useFreshCache({ against: () => local.endpoint });

it('refuses a request waiting two turns for an idle socket when destroy() comes in that turn', async () => {
  // Prepare: one pooled socket, idle for over a second
  const { endpoint } = local;
  const cache = caches.cache();
  const client = cache.get(LambdaService, { region: 'us-east-1' });
  await client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' }));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  let settled = false;
  const call = client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' })).then(
    () => 'sent',
    (error: unknown) => error,
  );
  void call.then(() => {
    settled = true;
  });
  // The SDK reaches the pool after a few microtasks (middleware, signing): wait for the request.
  const sentBefore = cache.stats().requestsSent;
  await new Promise((resolve) => setImmediate(resolve));

  // Act
  const shutdown = cache.destroy();
  await shutdown;
  const settledAtShutdown = settled;
  const outcome = await call;

  // Assess
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect((outcome as Error).message).toMatch(/was not sent/);
  expect(settledAtShutdown).toBe(true);
  expect(endpoint.stats.requests('Lambda.Invoke')).toBe(1);
  expect(cache.stats().requestsSent).toBe(sentBefore);
  expect(cache.stats().openSockets).toBe(0);
});
