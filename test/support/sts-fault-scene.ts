/**
 * The scene of the STS fault tests: a role getter's Lambda client against the
 * local endpoint, with the cache's clock set by the test and its warnings
 * recorded. STS issues 1-hour sessions; the SDK asks the cache's provider on
 * every send, so the cache's clock (`Date.now() + offsetMs`) alone decides
 * the refresh window. `Math.random` is pinned at 0.01: the advisory window
 * opens at about 45 minutes, and throttling retries keep their count but not
 * their seconds.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { configureClientCache } from '../../src/all.js';
import type { ServiceFaults } from '../../tools/local-aws/index.js';
import { type LocalAwsFixture, useLocalAws } from '../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from './fresh-cache.js';
import { useReliabilityGuards } from './reliability-guards.js';

export const ROLE = 'arn:aws:iam::123456789012:role/reliability-sts';
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const MASTER_SESSION_TOKEN = `IQoJb3JpZ2luX2VjE${'Z'.repeat(24)}reliability`;
/** Each STS fault: its name in a test's title, the endpoint's setting, the error STS answers. */
export const FAULTS: ReadonlyArray<[string, ServiceFaults, string]> = [
  ['throttling', { throttleNext: 1000 }, 'Throttling'],
  ['an outage (503)', { failNext: 1000, failStatus: 503 }, 'ServiceUnavailable'],
];

/** Invokes the local `echo` function, tagged with `id` so the test can list what arrived. */
export const invoke = (client: LambdaClient, id: string) =>
  client.send(new InvokeCommand({ FunctionName: 'echo', Payload: JSON.stringify({ id }) }));

export interface StsFaultScene {
  readonly local: LocalAwsFixture;
  /** Each warning the cache logged in this test, as `message {attributes}`. */
  readonly warnings: string[];
  /** How far the cache's clock runs ahead of the wall clock (negative: behind); 0 at each test's start. */
  offsetMs: number;
}

/** Sets up the scene for each test of the calling `describe`. */
export function useStsFaultScene(): StsFaultScene {
  const local = useLocalAws({ functions: { echo: (event) => event } });
  useFreshCache({ against: () => local.endpoint });
  useReliabilityGuards();
  const scene: StsFaultScene = { local, warnings: [], offsetMs: 0 };

  beforeEach(() => {
    scene.offsetMs = 0;
    scene.warnings.length = 0;
    jest.spyOn(Math, 'random').mockReturnValue(0.01);
    configureClientCache({
      now: () => Date.now() + scene.offsetMs,
      logger: {
        debug: () => undefined,
        warn: (message, attributes) =>
          scene.warnings.push(`${message} ${JSON.stringify(attributes)}`),
      },
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });
  return scene;
}
