/**
 * Runs the pool's delivery model (`delivery-model-commands.ts`) against the delivery fault
 * server, over HTTP or HTTPS, and judges each run by the delivery rule, not by how the pool
 * keeps it. Every client has `maxAttempts: 1`, so an SDK retry cannot hide a resend by the pool.
 *
 * The oracle, per call: it reached the server at most once, so an operation ran at most once;
 * a success ran exactly once; an error that says "was not sent" never arrived; a call made after
 * `close()` was refused. For the run: `close()` returns one promise however often it is called;
 * nothing arrives and nothing is counted after it resolves; no socket is left on either side;
 * `requestsSent` equals the requests that reached the server; no request went out on a socket
 * the freeze made stale; every TLS handshake the server completed was on a socket the pool opened.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import fc from 'fast-check';
import { ClientCacheError } from '../../src/errors.js';
import { SharedPools } from '../../src/transport/shared-pool.js';
import { createTestClock } from './clock.js';
import type { DeliveryFaultServer } from './delivery-fault-server.js';
import {
  type Call,
  deliveryCommands,
  type Operation,
  type Real,
  settleAll,
} from './delivery-model-commands.js';
import { propertySeed } from './property-run.js';

// Bounds the whole property on a loaded machine; the runs done so far still count.
const TIME_LIMIT_MS = 40_000;

function clientsFor(pools: SharedPools, maxSockets: number, url: string) {
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDDELIVERYMODEL', secretAccessKey: 'model' },
    maxAttempts: 1,
    requestHandler: pools.handlerFor({
      maxSockets,
      connectionTimeoutMs: 3000,
      socketTimeoutMs: 5000,
    }),
  };
  const lambda = new LambdaClient(config);
  const events = new EventBridgeClient(config);
  const s3 = new S3Client({
    ...config,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return async (operation: Operation, id: string): Promise<void> => {
    switch (operation) {
      case 'Invoke':
        await lambda.send(
          new InvokeCommand({ FunctionName: 'f', Payload: JSON.stringify({ id }) }),
        );
        return;
      case 'PutEvents':
        await events.send(
          new PutEventsCommand({
            Entries: [{ Source: 'model', DetailType: 'd', Detail: JSON.stringify({ id }) }],
          }),
        );
        return;
      case 'PutObject':
        await s3.send(new PutObjectCommand({ Bucket: 'b', Key: id, Body: 'body' }));
        return;
      case 'GetObject': {
        const output = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: id }));
        const body = await output.Body?.transformToString();
        if (!body?.endsWith(id)) throw new Error(`GetObject ${id} answered another body`);
      }
    }
  };
}

const saysNotSent = (error: unknown): boolean =>
  error instanceof ClientCacheError &&
  error.message.includes('was not sent') &&
  !error.message.includes('may have reached');

async function until(condition: () => boolean, polls = 100): Promise<boolean> {
  for (let poll = 0; poll < polls && !condition(); poll++) await delay(10);
  return condition();
}

function assessCall(call: Call, server: DeliveryFaultServer): void {
  const arrived = server.arrivalsOf(call.id);
  const ran = server.runsOf(call.id);
  const outcome = call.outcome;
  const where = `${call.operation} ${call.id}`;
  // maxAttempts 1 and a pool that never resends: a call is on the wire at most once.
  expect({ where, arrived: arrived <= 1, ran: ran <= 1 }).toEqual({
    where,
    arrived: true,
    ran: true,
  });
  if (outcome === undefined) throw new Error(`${where} never settled`);
  if (outcome.ok) {
    expect({ where, ran }).toEqual({ where, ran: 1 });
  } else if (saysNotSent(outcome.error)) {
    expect({ where, arrived }).toEqual({ where, arrived: 0 });
  }
  if (call.afterClose) {
    expect({ where, refused: !outcome.ok && saysNotSent(outcome.error) }).toEqual({
      where,
      refused: true,
    });
  }
}

/** What a model run went through, for the figures. */
export type DeliveryModelFigures = {
  readonly runs: number;
  readonly seed: number;
  readonly calls: number;
  readonly arrivals: number;
  readonly connections: number;
  readonly handshakes: number;
};

/**
 * Checks the delivery rule over `runs` random command sequences (1 to 4 sockets, up to 14
 * commands each) against `server`: a fixed seed on CI, a new one elsewhere, MODEL_SEED to replay.
 */
export async function checkDeliveryModel(
  server: DeliveryFaultServer,
  { runs, ciSeed }: { readonly runs: number; readonly ciSeed: number },
): Promise<DeliveryModelFigures> {
  const seed = propertySeed(ciSeed);
  const totals = { runs: 0, calls: 0, arrivals: 0, connections: 0, handshakes: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }),
      fc.commands(deliveryCommands, { maxCommands: 14 }),
      async (maxSockets, sequence) => {
        totals.runs++;
        server.reset();
        const clock = createTestClock();
        const pools = new SharedPools(() => undefined, clock.now);
        const real: Real = {
          pools,
          clock,
          server,
          send: clientsFor(pools, maxSockets, server.url),
          calls: [],
        };
        try {
          // Act: the commands, then close (unless a command did) once every call settled
          await fc.asyncModelRun(() => ({ model: {}, real }), sequence);
          const closing = real.closing ?? settleAll(real).then(() => pools.close(0));
          await closing;
          const sentAtClose = pools.counters.requestsSent;
          expect(pools.openSocketCount).toBe(0);
          await settleAll(real);
          // The server shares this process: on a loaded machine it may read a request the pool
          // wrote before close only after close resolved. So "nothing after close" is judged by
          // what the pool wrote: once the server has read all of that, it has read nothing more.
          await until(() => server.arrivals() >= sentAtClose);
          await delay(5);

          // Assess
          for (const call of real.calls) assessCall(call, server);
          expect(pools.counters.requestsSent).toBe(sentAtClose);
          expect(server.arrivals()).toBe(sentAtClose);
          expect(server.deadArrivals()).toBe(0);
          expect(server.handshakes()).toBeLessThanOrEqual(pools.counters.connectionsOpened);
          expect(await until(() => server.openConnections() === 0)).toBe(true);
          totals.calls += real.calls.length;
          totals.arrivals += server.arrivals();
          totals.connections += server.connections();
          totals.handshakes += server.handshakes();
        } finally {
          await pools.close(0);
        }
      },
    ),
    { numRuns: runs, seed, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
  );
  return { ...totals, seed };
}
