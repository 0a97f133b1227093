// One worker thread of an emulated Lambda Managed Instance: it runs invocations of a middy
// handler `concurrency` at a time, each inside its own InvokeStore context, as the runtime
// does when AWS_LAMBDA_MAX_CONCURRENCY is set. Plain JavaScript on the built package, so the
// worker loads exactly what a deployed function would.
import { parentPort, workerData } from 'node:worker_threads';
import { InvokeStore } from '@aws/lambda-invoke-store';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import {
  clientCacheMetrics,
  configureClientCache,
  destroyClientCache,
  getClientCacheStats,
} from 'aws-client-cache';
import { getEventBridgeClient } from 'aws-client-cache/eventbridge';
import { getS3Client } from 'aws-client-cache/s3';

const { worker, concurrency, durationMs, maxInvocations, roles } = workerData;
const store = await InvokeStore.getInstanceAsync();
const logger = new Logger();
const metrics = new Metrics();
configureClientCache({ logger });

const work = async (event) => {
  const roleArn = roles[event.index % roles.length];
  await getS3Client({ roleArn }).send(
    new PutObjectCommand({ Bucket: 'mi', Key: `${worker}/${event.index}`, Body: 'x' }),
  );
  await getEventBridgeClient({ roleArn }).send(
    new PutEventsCommand({ Entries: [{ Source: 'mi', DetailType: 'tick', Detail: '{}' }] }),
  );
  metrics.addMetric('Orders', 'Count', 1);
  return 'ok';
};

const handler = middy(work)
  .use(logMetrics(metrics, { throwOnEmptyMetrics: true }))
  .use(clientCacheMetrics());

let started = 0;
let failures = 0;
const errors = new Map();
const deadline = Date.now() + durationMs;

async function lane(laneIndex) {
  while (Date.now() < deadline && started < maxInvocations) {
    const index = started++;
    const requestId = `${worker}-${laneIndex}-${index}`;
    try {
      await store.run({ [store.constructor.PROTECTED_KEYS.REQUEST_ID]: requestId }, () =>
        handler({ index }, { awsRequestId: requestId, functionName: 'managed' }),
      );
    } catch (error) {
      failures++;
      const name = `${error?.name}: ${error?.message}`.slice(0, 200);
      errors.set(name, (errors.get(name) ?? 0) + 1);
    }
  }
}

const began = Date.now();
await Promise.all(Array.from({ length: concurrency }, (_, laneIndex) => lane(laneIndex)));
const elapsedMs = Date.now() - began;
const totals = getClientCacheStats();
await destroyClientCache();
parentPort.postMessage({
  worker,
  invocations: started,
  failures,
  errors: Object.fromEntries(errors),
  elapsedMs,
  totals,
});
