/**
 * The pool's delivery rule as a model (issue 19), over plain HTTP: random sequences of Lambda
 * Invoke, EventBridge PutEvents, S3 PutObject and GetObject calls go through one `SharedPools`
 * (a few sockets, so requests queue) to a local server that cuts requests with TCP resets at
 * random points (on arrival, after the body, after running the operation, mid-response), closes
 * idle sockets, drops them silently after a freeze of the pool's clock past the keep-alive hint,
 * closes them during a shorter freeze and sends at once on thaw (the FIN still unread), answers a
 * call and closes its socket during such a freeze (the next call made as the answer is read, or
 * queued behind it), while `close()` comes at a random moment. The commands are in
 * `test/support/delivery-model-commands.ts`, the oracle in `test/support/delivery-model-run.ts`;
 * the HTTPS run is `pool-delivery-model-https.test.ts`.
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

describe('the shared pool delivery model over HTTP', () => {
  let server: DeliveryFaultServer;
  beforeAll(async () => {
    server = await startDeliveryFaultServer();
  });
  afterAll(() => server.close());

  it('never sends a call twice, never sends after close, and says when a call may have run', async () => {
    const figures = await checkDeliveryModel(server, { runs: RUNS, ciSeed: 20261202 });
    reportFigures('delivery-model', figures);
  }, 90_000);
});
