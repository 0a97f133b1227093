/**
 * Guards for the reliability suite: after every test the cache is destroyed
 * and nothing may be left behind (pooled sockets, socket handles, ref'd
 * timers, process listeners), and no promise may have been rejected without
 * a handler.
 *
 * The cleanup runs whatever the test's outcome, a timeout included: a test
 * that jest gave up on keeps running, so its sends take the guards'
 * per-test `signal` and its work goes to `track`. After each test the signal
 * is aborted, the tracked work awaited (bounded), and the cache destroyed
 * and awaited, before the leak check and before the next test takes its
 * baseline. Every wait scales with the measured CPU contention.
 *
 * Jest gives each test file a copy of `process` whose events never fire, so
 * the unhandled-rejection listener goes on the real one, reached through a
 * core module's `Function` constructor, which belongs to the outer realm.
 * Timers are counted one by one rather than through
 * `getActiveResourcesInfo()`, whose total also moves with jest's own hook
 * timers: `setTimeout`/`setInterval` are wrapped during each test (the SDK
 * and the cache look them up at call time; jest captured its own at load).
 */
import { setMaxListeners } from 'node:events';
import { inspect } from 'node:util';
import { defaultClientCache, destroyClientCache } from '../../src/client-cache/default-cache.js';
import { scaledTimeout } from './cpu-contention.js';

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

/** Resolves when `work` settles or `timeoutMs` passes, whichever is first; never rejects. */
async function settledWithin(work: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise((resolve) => {
      timer = realSetTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

/** Destroys the cache, then waits (bounded) for every watched resource to fall back to `baseline`. */
export async function expectNothingLeft(
  baseline: ResourceCounts,
  listeners: number,
  timeoutMs = scaledTimeout(3000),
): Promise<void> {
  restoreTimers();
  await settledWithin(Promise.resolve(destroyClientCache()), timeoutMs);
  const deadline = Date.now() + timeoutMs;
  let left = leftovers(baseline, listeners);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    left = leftovers(baseline, listeners);
  }
  if (left.length > 0)
    throw new Error(`left behind after destroyClientCache(): ${left.join('; ')}`);
}

export interface ReliabilityGuards {
  /** Unhandled rejections seen, for tests that report them. */
  readonly unhandled: readonly unknown[];
  /** The current test's signal, aborted after it ends (or times out): pass it to every send. */
  readonly signal: AbortSignal;
  /** Registers the current test's work, awaited (bounded) after it ends, before the leak check. */
  track<Work>(work: Promise<Work>): Promise<Work>;
}

/**
 * Registers the guards for a test file: a baseline before each test, and
 * after it the abort of its signal, its tracked work, `destroyClientCache()`,
 * the leak check and the unhandled-rejection check. Call it after
 * `useLocalAws`, so the endpoint's own servers are part of the baseline.
 */
export function useReliabilityGuards(): ReliabilityGuards {
  const unhandled: unknown[] = [];
  let controller = new AbortController();
  const tracked: Promise<unknown>[] = [];
  // Longer than the waits inside (work, destroy, leak check), so a cleanup is never cut short.
  const hookTimeout = scaledTimeout(30_000);
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
  beforeEach(async () => {
    controller = new AbortController();
    // One signal for every send of a test (a load test makes hundreds at once): not a leak.
    setMaxListeners(0, controller.signal);
    await settledWithin(Promise.resolve(destroyClientCache()), scaledTimeout(3000));
    baseline = activeResourceCounts();
    listeners = listenerTotal();
    recordTimers();
  }, hookTimeout);
  afterEach(async () => {
    controller.abort();
    await settledWithin(Promise.allSettled(tracked.splice(0)), scaledTimeout(10_000));
    await expectNothingLeft(baseline, listeners);
    if (unhandled.length > 0) {
      const reasons = unhandled.splice(0).map((reason) => inspect(reason, { depth: 1 }));
      throw new Error(`unhandled rejections: ${reasons.join('\n')}`);
    }
  }, hookTimeout);
  return {
    unhandled,
    get signal() {
      return controller.signal;
    },
    track(work) {
      tracked.push(work);
      return work;
    },
  };
}
