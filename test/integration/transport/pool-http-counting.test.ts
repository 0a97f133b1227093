/**
 * Covers plain-HTTP endpoints (LocalStack, MinIO): their connections are pooled and counted like
 * HTTPS ones, so requests per connection is a figure there too.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SharedPools } from '../../../src/transport/shared-pool.js';
import { LOCAL_AWS_IDENTITY } from '../../../tools/local-aws/services.js';

describe('shared pool over plain HTTP', () => {
  let server: Server;
  let connections = 0;
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end('{}');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts the connections and requests of an http:// endpoint', async () => {
    // Prepare
    const pools = new SharedPools();
    const client = new LambdaClient({
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: LOCAL_AWS_IDENTITY.region,
      credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
      requestHandler: pools.handlerFor({
        maxSockets: 50,
        connectionTimeoutMs: 3000,
        socketTimeoutMs: 3000,
      }),
    });

    // Act
    for (let call = 0; call < 3; call++)
      await client.send(new InvokeCommand({ FunctionName: 'f' }));
    const sockets = pools.openSocketCount;
    await pools.close(0);

    // Assess
    expect(pools.counters).toMatchObject({ connectionsOpened: 1, requestsSent: 3 });
    expect(connections).toBe(1);
    expect(sockets).toBe(1);
    expect(pools.openSocketCount).toBe(0);
  });
});
