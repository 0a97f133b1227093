/**
 * Guards for the reliability suite: after every test the cache is destroyed
 * and nothing may be left behind (pooled sockets, socket handles, ref'd
 * timers, process listeners), and no promise may have been rejected without
 * a handler.
 *
 * Jest gives each test file a copy of `process` whose events never fire, so
 * the unhandled-rejection listener goes on the real one, reached through a
 * core module's `Function` constructor, which belongs to the outer realm.
 * Timers are counted one by one rather than through
 * `getActiveResourcesInfo()`, whose total also moves with jest's own hook
 * timers: `setTimeout`/`setInterval` are wrapped during each test (the SDK
 * and the cache look them up at call time; jest captured its own at load).
 */
import { inspect } from 'node:util';
import { defaultClientCache, destroyClientCache } from '../../src/client-cache/default-cache.js';

const OuterFunction = inspect.constructor as FunctionConstructor;
const realProcess = new OuterFunction('return process')() as NodeJS.Process;

/** Handle kinds a leaked socket or server shows up as. */
const WATCHED_RESOURCES = ['TCPSocketWrap', 'TLSWrap', 'TCPWRAP', 'TCPServerWrap'] as const;

const realSetTimeout = globalThis.setTimeout;
const realSetInterval = globalThis.setInterval;
const timersStarted: NodeJS.Timeout[] = [];

function recordTimers(): void {
  timersStarted.length = 0;
  const record = (start: typeof realSetTimeout) =>
    ((...args: Parameters<typeof realSetTimeout>) => {
      const timer = start(...args);
      timersStarted.push(timer);
      return timer;
    }) as unknown as typeof realSetTimeout;
  globalThis.setTimeout = record(realSetTimeout);
  globalThis.setInterval = record(realSetInterval as unknown as typeof realSetTimeout) as never;
}

function restoreTimers(): void {
  globalThis.setTimeout = realSetTimeout;
  globalThis.setInterval = realSetInterval;
}

/** Timers started during the test that are still pending and would keep the process alive. */
function pendingRefTimers(): number {
  return timersStarted.filter(
    (timer) => timer.hasRef() && (timer as { _destroyed?: boolean })._destroyed !== true,
  ).length;
}

export type ResourceCounts = Record<string, number>;

/** Active handles and requests of the process, counted by kind. */
export function activeResourceCounts(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const kind of realProcess.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function listenerTotal(): number {
  return realProcess
    .eventNames()
    .reduce((total, name) => total + realProcess.listenerCount(name as string), 0);
}

function leftovers(baseline: ResourceCounts, listeners: number): string[] {
  const now = activeResourceCounts();
  const grown = WATCHED_RESOURCES.filter((kind) => (now[kind] ?? 0) > (baseline[kind] ?? 0)).map(
    (kind) => `${kind}: ${baseline[kind] ?? 0} -> ${now[kind]}`,
  );
  if (defaultClientCache().stats().openSockets > 0)
    grown.push(`pooled sockets: ${defaultClientCache().stats().openSockets}`);
  if (pendingRefTimers() > 0) grown.push(`ref'd timers started by the test: ${pendingRefTimers()}`);
  if (listenerTotal() > listeners)
    grown.push(`process listeners: ${listeners} -> ${listenerTotal()}`);
  return grown;
}

/** Destroys the cache, then waits (bounded) for every watched resource to fall back to `baseline`. */
export async function expectNothingLeft(
  baseline: ResourceCounts,
  listeners: number,
  timeoutMs = 3000,
): Promise<void> {
  restoreTimers();
  destroyClientCache();
  const deadline = Date.now() + timeoutMs;
  let left = leftovers(baseline, listeners);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = leftovers(baseline, listeners);
  }
  if (left.length > 0)
    throw new Error(`left behind after destroyClientCache(): ${left.join('; ')}`);
}

/**
 * Registers the guards for a test file: a baseline before each test, and
 * after it `destroyClientCache()`, the leak check and the unhandled-rejection
 * check. Call it after `useLocalAws`, so the endpoint's own servers are part
 * of the baseline. Returns what was seen, for tests that report it.
 */
export function useReliabilityGuards(): { readonly unhandled: readonly unknown[] } {
  const unhandled: unknown[] = [];
  const record = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let baseline: ResourceCounts = {};
  let listeners = 0;
  beforeAll(() => {
    realProcess.on('unhandledRejection', record);
  });
  afterAll(() => {
    realProcess.off('unhandledRejection', record);
  });
  beforeEach(() => {
    destroyClientCache();
    baseline = activeResourceCounts();
    listeners = listenerTotal();
    recordTimers();
  });
  afterEach(async () => {
    await expectNothingLeft(baseline, listeners);
    if (unhandled.length > 0) {
      const reasons = unhandled.splice(0).map((reason) => inspect(reason, { depth: 1 }));
      throw new Error(`unhandled rejections: ${reasons.join('\n')}`);
    }
  });
  return { unhandled };
}
