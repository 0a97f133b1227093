/**
 * The pool's delivery rule as a model over HTTPS: the commands and the oracle of
 * `pool-delivery-model.test.ts` against the same fault server speaking TLS with the local
 * endpoint's certificate (run with `NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem`), so the
 * HTTPS agent meets the faults itself: a request counted once its handshake is done, resets of
 * the TCP socket under TLS, idle closes and a thaw with the close unread, `close()` cutting
 * sockets mid-handshake.
 *
 * CI (`CI=true`) runs a fixed seed, elsewhere a new one each run (fast-check prints it on
 * failure; MODEL_SEED=<n> replays it). DELIVERY_MODEL_RUNS sets the number of runs.
 */
import {
  type DeliveryFaultServer,
  startDeliveryFaultServer,
} from '../../support/delivery-fault-server.js';
import { checkDeliveryModel } from '../../support/delivery-model-run.js';
import { reportFigures } from '../../support/reliability-report.js';

const RUNS = Number(process.env.DELIVERY_MODEL_RUNS ?? 200);

describe('the shared pool delivery model over HTTPS', () => {
  let server: DeliveryFaultServer;
  beforeAll(async () => {
    server = await startDeliveryFaultServer({ tls: true });
  });
  afterAll(() => server.close());

  it('never sends a call twice, never sends after close, and says when a call may have run', async () => {
    const figures = await checkDeliveryModel(server, { runs: RUNS, ciSeed: 20261203 });
    expect(figures.handshakes).toBeGreaterThan(0);
    reportFigures('delivery-model-https', figures);
  }, 90_000);
});
