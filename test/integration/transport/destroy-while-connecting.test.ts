/**
 * `destroy()` while a request's new socket is still connecting (its TLS handshake held by the
 * endpoint for 400 ms). The request is not on the wire yet: the pool writes (and counts) it only
 * once its socket has connected. So by the README's rule it is one "still waiting for a socket",
 * which fails at once saying it was not sent; it must not be written during the grace period,
 * after the shutdown began. Local endpoint (HTTPS), bounded.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/all.js';
import { LambdaService } from '../../../src/clients/lambda.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { eventually } from '../../support/eventually.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const local = useLocalAws({ functions: { echo: (event) => event } });
const caches = useFreshCache({ against: () => local.endpoint });

it('refuses a request whose socket is still connecting at destroy(), and never writes it', async () => {
  // Prepare: a request whose new socket is accepted, its handshake held
  const { endpoint } = local;
  endpoint.faults.set('lambda', { handshakeLatencyMs: 400 });
  const cache = caches.cache();
  const client = cache.get(LambdaService, { region: 'us-east-1' });
  const call = client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' })).then(
    () => 'sent',
    (error: unknown) => error,
  );
  await eventually(() => endpoint.stats.connections('lambda') === 1);

  // Act
  const started = performance.now();
  await cache.destroy();
  const outcome = await call;
  const shutdownMs = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 600));

  // Assess
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect((outcome as Error).message).toMatch(/was not sent/);
  expect(endpoint.stats.requests('Lambda.Invoke')).toBe(0);
  expect(cache.stats().requestsSent).toBe(0);
  expect(cache.stats().openSockets).toBe(0);
  // At once, not after the handshake or the grace period.
  expect(shutdownMs).toBeLessThan(300);
});
