/**
 * Covers what must never happen to the shared pool: an eviction, an expiry
 * or a caller's `destroy()` cutting a request in flight (which the SDK would
 * silently retry, running a non-idempotent call twice), and dead pooled
 * sockets after a freeze surfacing as errors. Also bounds under role churn.
 */
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import {
  clearClientCache,
  configureClientCache,
  getClientCacheStats,
  getLambdaClient,
  getS3Client,
} from '../../../src/all.js';
import { defaultClientCache } from '../../../src/client-cache/default-cache.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const pathStyle = { forcePathStyle: true };
const invoke = (client: ReturnType<typeof getLambdaClient>, id: string) =>
  client.send(new InvokeCommand({ FunctionName: 'leases', Payload: JSON.stringify({ id }) }));

describe('shared pool safety', () => {
  const local = useLocalAws({ functions: { leases: (event) => ({ ok: true, event }) } });
  useFreshCache({ against: () => local.endpoint });

  it('completes a request whose client is evicted mid-flight, and runs it exactly once', async () => {
    // Prepare
    configureClientCache({ maxEntries: 1 });
    const { faults, state, stats } = local.endpoint;
    faults.set('lambda', { holdResponses: true });
    const evicted = getLambdaClient({ region: 'us-east-1' });
    const pending = invoke(evicted, 'first');
    await faults.waitForHeld('lambda');

    // Act: another client takes the only slot, then the held request goes on
    const other = getLambdaClient({ region: 'us-west-2' });
    expect(getClientCacheStats().evictions).toBe(1);
    const sibling = invoke(other, 'second');
    await faults.waitForHeld('lambda', 2);
    faults.releaseHeld('lambda');
    const [first, second] = await Promise.all([pending, sibling]);

    // Assess
    expect(first.StatusCode).toBe(200);
    expect(second.StatusCode).toBe(200);
    expect(stats.requests('Lambda.Invoke')).toBe(2);
    expect(state.invocations.map((call) => (call.payload as { id: string }).id).sort()).toEqual([
      'first',
      'second',
    ]);
  });

  it("leaves other clients' in-flight requests alone when a caller destroys a cached client", async () => {
    // Prepare
    const { faults, state } = local.endpoint;
    faults.set('lambda', { holdResponses: true });
    const bystander = getLambdaClient();
    const pending = invoke(bystander, 'bystander');
    await faults.waitForHeld('lambda');

    // Act: an old habit, `client.destroy()` on a shared client, and a full clear
    getLambdaClient({ region: 'eu-west-1' }).destroy();
    clearClientCache();
    faults.releaseHeld('lambda');
    const result = await pending;

    // Assess
    expect(result.StatusCode).toBe(200);
    expect(state.invocations).toHaveLength(1);
  });

  it('turns 50 silently dropped pooled connections into zero errors over 10 calls', async () => {
    // Prepare: 50 concurrent requests leave 50 sockets in the pool
    const { faults, stats } = local.endpoint;
    const s3 = getS3Client({ additionalConfig: pathStyle });
    faults.set('s3', { latencyMs: 50 });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket: 'b', Key: `warm/${i}`, Body: 'x' })),
      ),
    );
    faults.clear('s3');
    expect(defaultClientCache().stats().openSockets).toBe(50);
    const dropped = local.endpoint.dropIdleConnections('s3');

    // Act: the function thaws and calls S3 ten times in a row
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => i).map(async (i) => {
        await new Promise((resolve) => setTimeout(resolve, i));
        return s3.send(new PutObjectCommand({ Bucket: 'b', Key: `after/${i}`, Body: 'x' }));
      }),
    );
    const sequential = [];
    for (let i = 0; i < 10; i++) {
      sequential.push(
        await s3.send(new PutObjectCommand({ Bucket: 'b', Key: `seq/${i}`, Body: 'x' })).then(
          () => 'ok',
          (error: Error) => error.message,
        ),
      );
    }

    // Assess
    expect(dropped).toBe(50);
    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(0);
    expect(sequential).toEqual(Array.from({ length: 10 }, () => 'ok'));
    // The first dead socket was hit, then the pool was flushed: not one reset per socket.
    expect(stats.resets('s3')).toBeLessThanOrEqual(10);
  });

  it(
    'keeps sockets, credential sets and key bookkeeping bounded under 10,000-role churn',
    async () => {
      // Prepare
      const warnings: string[] = [];
      configureClientCache({
        maxEntries: 100,
        maxSockets: 10,
        logger: { debug: () => undefined, warn: (message) => warnings.push(message) },
      });
      let maxSockets = 0;
      let maxCredentialSets = 0;

      // Act: 10,000 roles through a cache of 100; every 50th role sends, 20 at a time
      for (let batch = 0; batch < 10; batch++) {
        const sends = [];
        for (let i = 0; i < 1000; i++) {
          const tenant = batch * 1000 + i;
          const s3 = getS3Client({
            roleArn: `arn:aws:iam::123456789012:role/churn-${tenant}`,
            additionalConfig: pathStyle,
          });
          if (tenant % 50 === 0) {
            sends.push(s3.send(new PutObjectCommand({ Bucket: 'b', Key: `${tenant}`, Body: 'x' })));
          }
          maxCredentialSets = Math.max(
            maxCredentialSets,
            defaultClientCache().stats().sharedCredentialSets,
          );
        }
        await Promise.all(sends);
        maxSockets = Math.max(maxSockets, defaultClientCache().stats().openSockets);
      }

      // Assess
      const stats = getClientCacheStats();
      expect(stats.size).toBe(100);
      expect(stats.evictions).toBe(9900);
      expect(maxCredentialSets).toBeLessThanOrEqual(100);
      expect(defaultClientCache().stats().indexedKeys).toBeLessThanOrEqual(100);
      // Two endpoints (S3 and STS), at most maxSockets each.
      expect(maxSockets).toBeLessThanOrEqual(20);
      expect(local.endpoint.stats.assumeRoleCalls()).toBe(200);
      // 20 sends at a time on 10 sockets queue, for S3 and for STS: one warning per endpoint.
      expect(warnings.filter((message) => message.includes('saturated'))).toHaveLength(2);
      // 10,000 client builds: CPU-bound, so it gets more than the default bound on a shared machine.
    },
    scaledTimeout(60_000),
  );
});
