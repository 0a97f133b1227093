/**
 * A client of a role, handed out before `destroy()`, whose first send comes after it (an
 * overlapping invocation under Lambda Managed Instances, still holding the client when a
 * SIGTERM handler or a test reset ends the cache). The README's rule for a request made after
 * the shutdown began: it fails at once with a `ClientCacheError` saying it was not sent. The
 * role's credentials cannot be fetched then (the closed pool refuses the AssumeRole too), which
 * is the shutdown, not a credential failure: nothing is counted or logged as one. Found by the
 * lifecycle model (`test/integration/reliability/lifecycle-model.test.ts`). Local endpoint.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ClientCacheError } from '../../../src/all.js';
import { LambdaService } from '../../../src/clients/lambda.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const roleArn = 'arn:aws:iam::123456789012:role/adversary-send-after-destroy';
const local = useLocalAws({ functions: { echo: (event) => event } });
const caches = useFreshCache({ against: () => local.endpoint });

it('refuses a role client first used after destroy() as "not sent", not as a credential failure', async () => {
  // Prepare: a role's client handed out, nothing sent yet
  const warnings: string[] = [];
  const logger = { debug: () => undefined, warn: (message: string) => void warnings.push(message) };
  const cache = caches.cache({ logger });
  const client = cache.get(LambdaService, { region: 'us-east-1', roleArn });

  // Act: the cache ends, then the invocation that holds the client sends
  await cache.destroy();
  const outcome = await client
    .send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' }))
    .then(
      () => 'sent',
      (error: unknown) => error,
    );

  // Assess
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect((outcome as Error).message).toMatch(/was not sent/);
  expect((outcome as Error).message).not.toMatch(/may have reached/);
  expect(local.endpoint.stats.requests()).toBe(0);
  expect(cache.stats().credentialRefreshFailures).toBe(0);
  expect(warnings).toEqual([]);
});
