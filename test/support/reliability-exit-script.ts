/**
 * A child process for process-exit.test.ts: a plain Node process
 * (no jest around it) that starts the local endpoint, meets a few faults
 * through the cache (a refused connection, an STS outage at the first
 * assumption, a socket timeout), calls `destroyClientCache()`, stops the
 * endpoint, prints one JSON line and then simply returns. It never calls
 * `process.exit`: it must end by itself, which it only does if nothing
 * (socket, timer, listener) was left behind. Run with `node --import tsx`.
 */
import { createServer } from 'node:net';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  configureClientCache,
  destroyClientCache,
  getLambdaClient,
  getS3Client,
  getSTSClient,
} from '../../src/all.js';
import { startLocalAws } from '../../tools/local-aws/index.js';

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(String(reason)));

function describe(error: unknown): Record<string, unknown> {
  const { name, code, message, $metadata } = error as Error & {
    code?: string;
    $metadata?: { attempts?: number };
  };
  return { name, code, attempts: $metadata?.attempts, message: String(message).slice(0, 120) };
}

async function outcome(pending: Promise<unknown>): Promise<Record<string, unknown>> {
  return pending.then(() => ({ ok: true }), describe);
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const endpoint = await startLocalAws({ functions: { echo: (event) => event } });
const { NODE_EXTRA_CA_CERTS: _readAtStartOnly, ...env } = endpoint.env;
Object.assign(process.env, env);
configureClientCache({ socketTimeoutMs: 300, logger: { debug: () => {}, warn: () => {} } });
const role = 'arn:aws:iam::123456789012:role/exit-check';
const invoke = new InvokeCommand({ FunctionName: 'echo', Payload: '{}' });

const results = {
  invoked: await outcome(getLambdaClient({ roleArn: role }).send(invoke)),
  refused: await outcome(
    getSTSClient({
      additionalConfig: { endpoint: `https://127.0.0.1:${await closedPort()}` },
    }).send(new GetCallerIdentityCommand({})),
  ),
  stsDown: await (async () => {
    endpoint.faults.set('sts', { failNext: 1000 });
    const result = await outcome(getLambdaClient({ roleArn: `${role}-2` }).send(invoke));
    endpoint.faults.clear('sts');
    return result;
  })(),
  socketTimeout: await (async () => {
    endpoint.faults.set('s3', { latencyMs: 1000 });
    const s3 = getS3Client({ additionalConfig: { forcePathStyle: true } });
    return outcome(s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' })));
  })(),
};

destroyClientCache();
await endpoint.stop();
process.stdout.write(
  `${JSON.stringify({ results, unhandled, invocations: endpoint.state.invocations.length, finishedAt: Date.now() })}\n`,
);
