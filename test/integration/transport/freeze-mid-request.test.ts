/**
 * At most once across a freeze: a process stopped (SIGSTOP, as Lambda freezes an environment)
 * while a request is in flight, for longer than the socket timeout, and thawed after the
 * server answered, must take the answer that is waiting, not time the request out and let the
 * SDK send it again. The invariant: a request the server ran and answered is not sent twice.
 * One child process, one PutEvents, against the local endpoint on 127.0.0.1; bounded.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type LocalAws, startLocalAws } from '../../../tools/local-aws/local-aws.js';
import { scaledTimeout } from '../../support/cpu-contention.js';

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

it('takes the answer waiting after a freeze past the socket timeout, and sends nothing twice', async () => {
  // Prepare: the child's PutEvents reaches the endpoint, which holds it
  endpoint.faults.set('eventbridge', { holdResponses: true });
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...endpoint.env, SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  try {
    const report = once(lines, 'line').then(([line]) => JSON.parse(String(line)));
    child.stdin.write('go\n');
    await endpoint.faults.waitForHeld('eventbridge');

    // Act: freeze the client, let the server run and answer, thaw past the socket timeout
    child.kill('SIGSTOP');
    endpoint.faults.clear('eventbridge');
    await delay(SOCKET_TIMEOUT_MS * 2.5);
    child.kill('SIGCONT');
    const outcome = await report;

    // Assess
    expect({ ...outcome, stored: endpoint.state.events.length }).toEqual({
      ok: true,
      attempts: 1,
      requestsSent: 1,
      stored: 1,
    });
  } finally {
    child.kill('SIGKILL');
  }
});

it('connects a socket frozen while connecting past the connection timeout, with one attempt', async () => {
  // Prepare: one attempt allowed, so a spurious connection timeout would fail the call
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      ...endpoint.env,
      CONNECTION_TIMEOUT_MS: String(CONNECTION_TIMEOUT_MS),
      MAX_ATTEMPTS: '1',
      FREEZE_WHILE_CONNECTING: '1',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const nextLine = () => once(lines, 'line').then(([line]) => String(line));
  try {
    const stopping = nextLine();
    child.stdin.write('go\n');
    expect(await stopping).toBe('stopping, connecting: true');

    // Act: the child stopped itself with its socket connecting; thaw past the connection timeout
    const report = nextLine();
    await delay(CONNECTION_TIMEOUT_MS * 2.5);
    child.kill('SIGCONT');
    const outcome = JSON.parse(await report);

    // Assess
    expect({ ...outcome, stored: endpoint.state.events.length }).toEqual({
      ok: true,
      attempts: 1,
      requestsSent: 1,
      stored: 1,
    });
  } finally {
    child.kill('SIGKILL');
  }
});
