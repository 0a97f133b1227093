import { InvokeCommand, LambdaClient, type LambdaClientConfig } from '@aws-sdk/client-lambda';
import { type PoolSettings, SharedPools } from '../../src/transport/shared-pool.js';
import { localClientConfig } from '../../tools/local-aws/client-config.js';
import type { LocalAws, StartLocalAwsOptions } from '../../tools/local-aws/local-aws.js';
import { useLocalAws } from '../../tools/local-aws/use-local-aws.js';

/** `count` Invokes of the endpoint's `echo` function at once, each with the payload id `<tag>-<n>`. */
export function invokeEchoes(client: LambdaClient, count: number, tag: string) {
  return Promise.allSettled(
    Array.from({ length: count }, (_, index) =>
      client.send(
        new InvokeCommand({
          FunctionName: 'echo',
          Payload: JSON.stringify({ id: `${tag}-${index}` }),
        }),
      ),
    ),
  );
}

/** What {@link usePoolsAgainstLocalAws} gives a test file. */
export interface PoolsAgainstLocalAws {
  /** The file's endpoint, its counters, faults and state cleared before each test. */
  readonly endpoint: LocalAws;
  /** This test's pools, closed without grace after it; a test may put its own in their place. */
  pools: SharedPools;
  /** A Lambda client of the local endpoint over this test's pools, with `settings`. */
  lambdaClient(settings: PoolSettings, config?: Partial<LambdaClientConfig>): LambdaClient;
}

/**
 * Registers jest hooks for tests of the shared pool with real SDK clients:
 * one local endpoint for the file (`options` as for `startLocalAws`) and new
 * `SharedPools` for every test, so its socket and request counts start at zero.
 */
export function usePoolsAgainstLocalAws(options: StartLocalAwsOptions): PoolsAgainstLocalAws {
  const local = useLocalAws(options);
  let current: SharedPools | undefined;
  beforeEach(() => {
    current = new SharedPools();
  });
  afterEach(() => current?.close(0));
  const pools = (): SharedPools => {
    if (current === undefined)
      throw new Error('The pools are made in beforeEach; use them in tests');
    return current;
  };
  return {
    get endpoint(): LocalAws {
      return local.endpoint;
    },
    get pools(): SharedPools {
      return pools();
    },
    set pools(next: SharedPools) {
      current = next;
    },
    lambdaClient: (settings, config = {}) =>
      new LambdaClient({
        requestHandler: pools().handlerFor(settings),
        ...localClientConfig(local.endpoint, 'lambda'),
        ...config,
      }),
  };
}
