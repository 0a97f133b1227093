/**
 * `destroy()` while a request waits for its socket: a new one still connecting (its TLS handshake
 * held by the endpoint for 400 ms), or a free one Node hands over a tick after the pool took the
 * request. Either way the request is not on the wire yet: the pool writes (and counts) it only
 * once it has a connected socket. So by the README's rule it is one "still waiting for a socket",
 * which fails at once saying it was not sent; it must not be written during the grace period,
 * after the shutdown began. Local endpoint (HTTPS), bounded.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/all.js';
import { LambdaService } from '../../../src/clients/lambda.js';
import { PoolAgent } from '../../../src/transport/pool-agent.js';
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
  // Not after the 2 s grace period (a bound loose enough for a starved CPU).
  expect(shutdownMs).toBeLessThan(1500);
});

it('refuses a request handed a free socket after destroy() began, and never writes it', async () => {
  // Prepare: a warm socket; the next request's destroy() lands in the microtask after the pool
  // took the request, before Node hands it the free socket (an overlapping invocation's shutdown)
  const { endpoint } = local;
  const cache = caches.cache();
  const client = cache.get(LambdaService, { region: 'us-east-1' });
  const invoke = () => client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' }));
  await invoke();
  let shutdown: Promise<void> | undefined;
  const addRequest = PoolAgent.prototype.addRequest;
  const spy = jest.spyOn(PoolAgent.prototype, 'addRequest').mockImplementation(function (
    this: InstanceType<typeof PoolAgent>,
    ...args: Parameters<typeof addRequest>
  ) {
    addRequest.apply(this, args);
    queueMicrotask(() => {
      shutdown ??= cache.destroy();
    });
  });

  // Act
  const outcome = await invoke().then(
    () => 'sent',
    (error: unknown) => error,
  );
  spy.mockRestore();
  await shutdown;

  // Assess
  expect(shutdown).toBeDefined();
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect((outcome as Error).message).toMatch(/was not sent/);
  expect(endpoint.stats.requests('Lambda.Invoke')).toBe(1);
  expect(cache.stats().requestsSent).toBe(1);
});
