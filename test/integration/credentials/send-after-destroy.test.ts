/**
 * A client of a role, handed out before `destroy()`, whose first send comes after it (an
 * overlapping invocation under Lambda Managed Instances, still holding the client when a
 * SIGTERM handler or a test reset ends the cache). The README's rule for a request made after
 * the shutdown began: it fails at once with a `ClientCacheError` saying it was not sent. The
 * role's credentials cannot be fetched then (the closed pool refuses the AssumeRole too), which
 * is the shutdown, not a credential failure: nothing is counted or logged as one. Found by the
 * lifecycle model (`test/integration/reliability/lifecycle-model.test.ts`). Local endpoint.
 *
 * The role's refusal says "not sent" without knowing the attempt. That is true only because the
 * SDK resolves a request's identity once, before its first attempt (`httpAuthSchemeMiddleware`, in
 * the serialize step), and signs every retry with it: the second test holds the SDK to that.
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

it('refuses the retry of a request whose first attempt reached the server as "may have reached", never as the role\'s "not sent"', async () => {
  // Prepare: a role's client whose first attempt gets a retryable 500; at the start of the
  // second attempt the role's credentials are past use and the cache is destroyed. An SDK that
  // asked the provider again before the retry would meet the role's refusal, "not sent": wrong,
  // since the first attempt ran on the server.
  let clock = Date.now();
  const cache = caches.cache({ now: () => clock });
  const client = cache.get(LambdaService, { region: 'us-east-1', roleArn });
  local.endpoint.faults.set('lambda', { failNext: 1 });
  let secondAttemptSeen = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      const { headers } = args.request as { headers: Record<string, string> };
      if (/attempt=2/.test(headers['amz-sdk-request'] ?? '')) {
        secondAttemptSeen = true;
        clock += 2 * 3_600_000;
        await cache.destroy();
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'destroyBeforeTheRetry' },
  );

  // Act
  const outcome = await client
    .send(new InvokeCommand({ FunctionName: 'echo', Payload: '{}' }))
    .then(
      () => 'sent',
      (error: unknown) => error,
    );

  // Assess
  expect(secondAttemptSeen).toBe(true);
  expect(outcome).toBeInstanceOf(ClientCacheError);
  expect((outcome as Error).message).toMatch(
    /attempt 2 of this request was not sent, and an earlier attempt may have reached the server/,
  );
  expect((outcome as Error).message).not.toMatch(/fetches no credentials/);
  expect(local.endpoint.stats.requests('Lambda.Invoke')).toBe(1);
  expect(local.endpoint.stats.requests('STS.AssumeRole')).toBe(1);
});
