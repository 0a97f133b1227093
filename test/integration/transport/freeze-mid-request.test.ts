/**
 * At most once across a freeze: a process stopped (SIGSTOP, as Lambda freezes an environment)
 * while a request is in flight, for longer than the socket timeout, and thawed after the
 * server answered, must take the answer that is waiting, not time the request out and let the
 * SDK send it again. The invariant: a request the server ran and answered is not sent twice.
 * One child process, one PutEvents, against the local endpoint on 127.0.0.1; bounded.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type LocalAws, startLocalAws } from '../../../tools/local-aws/local-aws.js';
import { scaledTimeout } from '../../support/cpu-contention.js';
import { spawnFreezableChild } from '../../support/frozen-child.js';

jest.setTimeout(scaledTimeout(30_000));

const CHILD = fileURLToPath(new URL('./freeze-mid-request-child.ts', import.meta.url));
// Long enough that the child cannot time out on its own before the parent stops it.
const SOCKET_TIMEOUT_MS = 2000;
const CONNECTION_TIMEOUT_MS = 1000;

let endpoint: LocalAws;
beforeAll(async () => {
  endpoint = await startLocalAws();
});
afterAll(() => endpoint.stop());
beforeEach(() => {
  endpoint.faults.clear();
  endpoint.state.clear();
  endpoint.stats.reset();
});

/** The child's one PutEvents, as it reported it, and the events the endpoint stored. */
async function delivered(report: Promise<string>) {
  return { ...JSON.parse(await report), stored: endpoint.state.events.length };
}
const ONCE = { ok: true, attempts: 1, requestsSent: 1, stored: 1 };

it('takes the answer waiting after a freeze past the socket timeout, and sends nothing twice', async () => {
  // Prepare: the child's PutEvents reaches the endpoint, which holds it
  endpoint.faults.set('eventbridge', { holdResponses: true });
  const child = spawnFreezableChild(CHILD, {
    ...endpoint.env,
    SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
  });
  try {
    const report = child.nextLine();
    child.say('go');
    await endpoint.faults.waitForHeld('eventbridge');

    // Act: freeze the client, let the server run and answer, thaw past the socket timeout
    child.freeze();
    endpoint.faults.clear('eventbridge');
    await delay(SOCKET_TIMEOUT_MS * 2.5);
    child.thaw();

    // Assess
    expect(await delivered(report)).toEqual(ONCE);
  } finally {
    child.stop();
  }
});

it('connects a socket frozen while connecting past the connection timeout, with one attempt', async () => {
  // Prepare: one attempt allowed, so a spurious connection timeout would fail the call
  const child = spawnFreezableChild(CHILD, {
    ...endpoint.env,
    CONNECTION_TIMEOUT_MS: String(CONNECTION_TIMEOUT_MS),
    MAX_ATTEMPTS: '1',
    FREEZE_WHILE_CONNECTING: '1',
  });
  try {
    const stopping = child.nextLine();
    child.say('go');
    expect(await stopping).toBe('stopping, connecting: true');

    // Act: the child stopped itself with its socket connecting; thaw past the connection timeout
    const report = child.nextLine();
    await delay(CONNECTION_TIMEOUT_MS * 2.5);
    child.thaw();

    // Assess
    expect(await delivered(report)).toEqual(ONCE);
  } finally {
    child.stop();
  }
});
