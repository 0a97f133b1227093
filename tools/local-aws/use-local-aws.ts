import { type LocalAws, type StartLocalAwsOptions, startLocalAws } from './local-aws.js';

/** What {@link useLocalAws} gives a jest test file. */
export interface LocalAwsFixture {
  /** The endpoint; started before the file's first test, stopped after its last. */
  readonly endpoint: LocalAws;
  /**
   * Registers an SDK client to be destroyed after the current test, closing its sockets so the
   * next test's connection counts start from nothing.
   *
   * @example
   * const s3 = local.track(new S3Client(localClientConfig(local.endpoint, 's3')));
   */
  track<Client extends { destroy(): void }>(client: Client): Client;
}

/**
 * Registers jest hooks that share one endpoint across a test file and give every test a clean
 * slate: counters, faults, stored state and settings are reset before each test, and tracked
 * clients destroyed after it. Call it at the top of a `describe` block.
 *
 * @example
 * const local = useLocalAws({ functions: { echo: (event) => event } });
 * it('...', async () => { local.endpoint.stats.requests('S3.PutObject'); });
 */
export const useLocalAws = (options: StartLocalAwsOptions = {}): LocalAwsFixture => {
  let started: LocalAws | undefined;
  const clients: Array<{ destroy(): void }> = [];

  beforeAll(async () => {
    started = await startLocalAws(options);
  });
  afterAll(() => started?.stop());
  beforeEach(() => {
    started?.stats.reset();
    started?.faults.clear();
    started?.state.clear();
    if (started) {
      started.settings.costExplorerPages = options.costExplorerPages ?? 1;
    }
  });
  afterEach(() => {
    for (const client of clients.splice(0)) {
      client.destroy();
    }
  });

  return {
    get endpoint(): LocalAws {
      if (started === undefined) {
        throw new Error(
          'The local AWS endpoint starts in beforeAll; use it inside tests and hooks',
        );
      }
      return started;
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
};
