/**
 * A freeze with a call in flight, during which the server answers it and then closes the idle
 * connection (its keep-alive ran out while the client was frozen). On thaw the client reads the
 * answer and, in the same turn, makes its next call; the close is still unread. The invariant:
 * a socket a freeze left dead is dropped, not reused into an error (and no call runs twice).
 * Child processes with `maxAttempts: 1` against the delivery fault server on 127.0.0.1; bounded.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { scaledTimeout } from '../../support/cpu-contention.js';
import {
  type DeliveryFaultServer,
  startDeliveryFaultServer,
} from '../../support/delivery-fault-server.js';
import { eventually } from '../../support/eventually.js';
import type { FreezeChildReport } from '../../support/freeze-child-report.js';
import { spawnFreezableChild } from '../../support/frozen-child.js';

jest.setTimeout(scaledTimeout(30_000));

const CHILD = fileURLToPath(new URL('./freeze-child.ts', import.meta.url));
// Past the second after which the pool lets the loop read a pending close.
const FREEZE_MS = 1500;

describe.each([{ tls: false }, { tls: true }])(
  'a freeze across an answer and a close (tls: $tls)',
  ({ tls }) => {
    let server: DeliveryFaultServer;
    beforeAll(async () => {
      server = await startDeliveryFaultServer({ tls });
    });
    afterAll(() => server.close());

    /**
     * Sends `batches` from a child, freezes it while `first-300` is in flight, lets the server
     * answer it and close the idle connection, thaws past FREEZE_MS; what the child reported.
     */
    async function acrossAnswerAndClose(batches: string[][], env: NodeJS.ProcessEnv = {}) {
      server.reset();
      const child = spawnFreezableChild(CHILD, { FAULT_SERVER_URL: server.url, ...env });
      try {
        const report = child.nextLine();
        child.say(JSON.stringify(batches));
        await eventually(() => server.arrivalsOf('first-300') === 1);
        child.freeze();
        const frozenAt = performance.now();
        await eventually(() => server.closeIdle() === 1);
        await delay(FREEZE_MS - (performance.now() - frozenAt));
        child.thaw();
        return JSON.parse(await report) as FreezeChildReport;
      } finally {
        child.stop();
      }
    }

    it('drops the socket the server closed during the freeze, and makes the next call on a new one', async () => {
      // Act: one call in flight, answered 300 ms later while the child is frozen, then one more
      const outcome = await acrossAnswerAndClose([['first-300'], ['second-0']]);

      // Assess
      expect({ outcome, second: server.arrivalsOf('second-0'), all: server.arrivals() }).toEqual({
        outcome: {
          outcomes: [
            { id: 'first-300', ok: true },
            { id: 'second-0', ok: true },
          ],
          requestsSent: 2,
          connectionsOpened: 2,
        },
        second: 1,
        all: 2,
      });
    });

    it('does not hand the socket the server closed during the freeze to a call queued for it', async () => {
      // Act: one socket; a call in flight, answered 300 ms later, and one queued behind it
      const outcome = await acrossAnswerAndClose([['first-300', 'queued-0']], { MAX_SOCKETS: '1' });

      // Assess
      expect({ outcome, queued: server.arrivalsOf('queued-0'), all: server.arrivals() }).toEqual({
        outcome: {
          outcomes: [
            { id: 'first-300', ok: true },
            { id: 'queued-0', ok: true },
          ],
          requestsSent: 2,
          connectionsOpened: 2,
        },
        queued: 1,
        all: 2,
      });
    });
  },
);
