/**
 * Shutdown while a role's credentials are being fetched: `destroy()` must
 * still be one promise that resolves, the AssumeRole in flight gets the
 * grace period, the call that waited for it is refused without being sent
 * (its pool is closed), nothing reaches the endpoint after the promise
 * resolves, and no rejection goes unhandled. Local endpoint, bounded.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/all.js';
import { LambdaService } from '../../../src/clients/lambda.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const roleArn = 'arn:aws:iam::123456789012:role/adversary-destroy';
const local = useLocalAws({ functions: { echo: (event) => event } });
const caches = useFreshCache({ against: () => local.endpoint });

it('ends one shutdown while an AssumeRole is in flight, and sends nothing after it', async () => {
  // Prepare: the first call of the role waits for an AssumeRole the endpoint holds
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const { endpoint } = local;
  endpoint.faults.set('sts', { holdResponses: true });
  const cache = caches.cache();
  const client = cache.get(LambdaService, { region: 'us-east-1', roleArn });
  const call = client.send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' })).then(
    () => 'sent',
    (error: unknown) => error,
  );
  await endpoint.faults.waitForHeld('sts');

  // Act: shut down, twice, then let STS answer within the grace period
  const first = cache.destroy();
  const second = cache.destroy();
  endpoint.faults.clear('sts');
  await first;
  const outcome = await call;
  const requestsAtEnd = endpoint.stats.requests();
  await new Promise((resolve) => setTimeout(resolve, 200));
  process.off('unhandledRejection', onUnhandled);

  // Assess
  expect(second).toBe(first);
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect(String((outcome as Error).message)).toMatch(/not sent/);
  // The AssumeRole in flight finished within the grace period; the Invoke never went out.
  expect(endpoint.stats.requests('STS.AssumeRole')).toBe(1);
  expect(endpoint.stats.requests('Lambda.Invoke')).toBe(0);
  expect(endpoint.stats.requests()).toBe(requestsAtEnd);
  expect(cache.stats().openSockets).toBe(0);
  expect(unhandled).toEqual([]);
});
