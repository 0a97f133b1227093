/**
 * The freeze cases of the pool, again while the CPU is starved (busy loops beside the test, as
 * on a shared CI machine or a small Lambda function): a child process holding pooled sockets is
 * frozen (SIGSTOP) and thawed (SIGCONT), and the delivery rule must hold as on a quiet machine.
 * Counted, never timed: calls the server received and ran, attempts (an SDK retry is a resend),
 * errors surfaced, TLS handshakes against connections the pool opened. Local endpoint and the
 * delivery fault server on 127.0.0.1, HTTPS; each case bounded, the hog stops by itself.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type LocalAws, startLocalAws } from '../../../tools/local-aws/local-aws.js';
import { measureCpuSlowdown, scaledTimeout } from '../../support/cpu-contention.js';
import { type CpuHog, startCpuHog } from '../../support/cpu-hog.js';
import {
  type DeliveryFaultServer,
  startDeliveryFaultServer,
} from '../../support/delivery-fault-server.js';
import { eventually } from '../../support/eventually.js';
import { deliveryFigures, type FreezeChildReport } from '../../support/freeze-child-report.js';
import { type FrozenChild, spawnFreezableChild } from '../../support/frozen-child.js';
import { reportFigures } from '../../support/reliability-report.js';

jest.setTimeout(scaledTimeout(90_000));

const child = (name: string) => fileURLToPath(new URL(name, import.meta.url));
const THAW_CHILD = child('../reliability/pool-thaw-child.ts');
const MID_REQUEST_CHILD = child('../transport/freeze-mid-request-child.ts');
const FREEZE_CHILD = child('../reliability/freeze-child.ts');
// The endpoint's keep-alive, advertised as `Keep-Alive: timeout=2`: a 3 s freeze outlasts it.
const KEEP_ALIVE_MS = 2000;
const SOCKET_TIMEOUT_MS = 2000;
const CALLS = 10;

let endpoint: LocalAws;
let server: DeliveryFaultServer;
let hog: CpuHog;
let running: FrozenChild | undefined;
beforeAll(async () => {
  endpoint = await startLocalAws({
    functions: { echo: (event) => event },
    keepAliveTimeoutMs: KEEP_ALIVE_MS,
  });
  server = await startDeliveryFaultServer({ tls: true });
});
afterAll(async () => {
  await endpoint.stop();
  await server.close();
});
beforeEach(() => {
  endpoint.faults.clear();
  endpoint.state.clear();
  endpoint.stats.reset();
  server.reset();
  hog = startCpuHog({ processes: 4, maxMs: 30_000 });
});
afterEach(async () => {
  running?.stop();
  running = undefined;
  await hog.stop();
});
const spawnChild = (script: string, env: NodeJS.ProcessEnv) => {
  running = spawnFreezableChild(script, env);
  return running;
};

it('retries no attempt after a freeze past the keep-alive, the CPU starved', async () => {
  // Prepare: a child warms 20 sockets, then is stopped for longer than the 2 s keep-alive
  const slowdown = measureCpuSlowdown();
  const frozen = spawnChild(THAW_CHILD, { ...endpoint.env, THAW_CONCURRENCY: '20' });
  expect(await frozen.nextLine()).toBe('warm');
  frozen.freeze();
  await delay(KEEP_ALIVE_MS + 1000);

  // Act: thaw and invoke at once
  const report = frozen.nextLine();
  frozen.say('go');
  frozen.thaw();
  const outcome = JSON.parse(await report) as { connectionsOpened: number };

  // Assess
  const figures = {
    ...outcome,
    resets: endpoint.stats.resets(),
    invokes: endpoint.stats.requests('Lambda.Invoke'),
    handshakes: endpoint.stats.handshakes('lambda'),
  };
  reportFigures('freeze-hog-thaw', { ...figures, slowdown });
  expect(figures).toEqual({
    failures: 0,
    retried: 0,
    resets: 0,
    invokes: 40,
    connectionsOpened: figures.handshakes,
    handshakes: figures.handshakes,
  });
});

it('takes the answer waiting after a freeze past the socket timeout, the CPU starved', async () => {
  // Prepare: the child's PutEvents reaches the endpoint, which holds it
  const slowdown = measureCpuSlowdown();
  endpoint.faults.set('eventbridge', { holdResponses: true });
  const frozen = spawnChild(MID_REQUEST_CHILD, {
    ...endpoint.env,
    SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
  });
  const report = frozen.nextLine();
  frozen.say('go');
  await endpoint.faults.waitForHeld('eventbridge');

  // Act: freeze the client, let the server answer, thaw past the socket timeout
  frozen.freeze();
  endpoint.faults.clear('eventbridge');
  await delay(SOCKET_TIMEOUT_MS * 2.5);
  frozen.thaw();
  const outcome = JSON.parse(await report);

  // Assess
  const figures = { ...outcome, stored: endpoint.state.events.length };
  reportFigures('freeze-hog-mid-request', { ...figures, slowdown });
  expect(figures).toEqual({ ok: true, attempts: 1, requestsSent: 1, stored: 1 });
});

it('drops the sockets the server closed during a freeze within the keep-alive, the CPU starved', async () => {
  // Prepare: a child (maxAttempts 1) warms 10 sockets
  const slowdown = measureCpuSlowdown();
  const frozen = spawnChild(FREEZE_CHILD, { FAULT_SERVER_URL: server.url });
  const ids = (tag: string) => Array.from({ length: CALLS }, (_, index) => `${tag}${index}-0`);
  const warm = frozen.nextLine();
  frozen.say(JSON.stringify([ids('warm')]));
  await warm;

  // Act: freeze; the server closes the idle sockets; thaw past a second, calling at once
  frozen.freeze();
  const closed = server.closeIdle();
  await delay(1500);
  const report = frozen.nextLine();
  frozen.say(JSON.stringify([ids('thaw')]));
  frozen.thaw();
  const outcome = JSON.parse(await report) as FreezeChildReport;

  // Assess
  const figures = {
    closed,
    ...deliveryFigures(outcome, server),
    ranTwice: [...ids('warm'), ...ids('thaw')].filter((id) => server.runsOf(id) > 1).length,
  };
  reportFigures('freeze-hog-unread-close', { ...figures, slowdown });
  expect(figures).toEqual({
    closed: CALLS,
    failures: 0,
    requestsSent: 2 * CALLS,
    arrivals: 2 * CALLS,
    ranTwice: 0,
    connectionsOpened: 2 * CALLS,
    handshakes: 2 * CALLS,
  });
});

it('drops the socket closed during a freeze that outlasted a call, the CPU starved', async () => {
  // Prepare: a child's call is in flight, answered 300 ms later, while it is frozen
  const slowdown = measureCpuSlowdown();
  const frozen = spawnChild(FREEZE_CHILD, { FAULT_SERVER_URL: server.url });
  const report = frozen.nextLine();
  frozen.say(JSON.stringify([['first-300'], ['second-0']]));
  await eventually(() => server.arrivalsOf('first-300') === 1, scaledTimeout(10_000));
  frozen.freeze();
  const frozenAt = performance.now();

  // Act: the server answers and closes the idle connection; the child thaws past a second
  await eventually(() => server.closeIdle() === 1, scaledTimeout(10_000));
  await delay(1500 - (performance.now() - frozenAt));
  frozen.thaw();
  const outcome = JSON.parse(await report) as FreezeChildReport;

  // Assess
  const figures = deliveryFigures(outcome, server);
  reportFigures('freeze-hog-answer-close', { ...figures, slowdown });
  expect(figures).toEqual({
    failures: 0,
    requestsSent: 2,
    arrivals: 2,
    connectionsOpened: 2,
    handshakes: 2,
  });
});
