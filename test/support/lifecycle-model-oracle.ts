/**
 * The end of a lifecycle-model run: every call of a live cache released and settled, then every
 * cache ended and awaited, then each call judged by the lifecycle's invariants (see the header of
 * `lifecycle-model.test.ts`). A failure names the call and what it saw.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { destroyClientCache } from '../../src/client-cache/default-cache.js';
import { awaitShutdowns } from './lifecycle-model-shutdowns.js';
import { type Call, type LifecycleWorld, saysNotSent, within } from './lifecycle-model-world.js';

/** What a call may have ended as, given what the model knows of it. */
function judge(call: Call, arrivals: number): string[] {
  const broken: string[] = [];
  const outcome = call.outcome;
  const error = outcome?.ok === false ? outcome.error : undefined;
  const message = error === undefined ? '' : String((error as Error)?.message);
  if (arrivals > 1) broken.push(`reached the server ${arrivals} times`);
  if (outcome === undefined) return [...broken, 'never settled'];
  if (outcome.ok && arrivals !== 1) broken.push(`succeeded with ${arrivals} arrivals`);
  if (!outcome.ok && saysNotSent(error) && arrivals !== 0) {
    broken.push(`said "not sent" but arrived ${arrivals} times`);
  }
  if (call.afterDestroy && !(saysNotSent(error) && arrivals === 0)) {
    broken.push(
      `sent after its cache's destroy(): ${message || 'succeeded'}, ${arrivals} arrivals`,
    );
  }
  if (
    !call.inTransitAtDestroy &&
    call.arrivedAtDestroy === false &&
    (outcome.ok || arrivals !== 0)
  ) {
    broken.push(
      `queued or waiting for credentials at destroy(), yet ${outcome.ok ? 'succeeded' : 'arrived'}`,
    );
  }
  if (
    call.arrivedAtDestroy === true &&
    !outcome.ok &&
    !/may have reached the server/.test(message)
  ) {
    broken.push(`running at destroy(), failed with ${message}`);
  }
  if (call.settledWhileLive && !outcome.ok)
    broken.push(`failed while its cache was live: ${message}`);
  if (call.releasedWhileLive && !outcome.ok)
    broken.push(`released on a live cache, failed: ${message}`);
  return broken;
}

/** Ends the run and returns every broken invariant it finds (empty when all held). */
export async function endRun(
  world: LifecycleWorld,
  unhandled: readonly unknown[],
): Promise<string[]> {
  // Calls of live caches complete once released: clear() and configure never broke them.
  world.endpoint.faults.clear();
  world.stsHeld = false;
  world.slowHandshakes = false;
  for (const call of world.calls) {
    if (!call.generation.destroyStarted && call.outcome === undefined)
      call.releasedWhileLive = true;
  }
  world.gates.releaseAll();
  const live = world.calls.filter((call) => !call.generation.destroyStarted);
  await within(Promise.all(live.map((call) => call.settled)), 5000, []);
  // Then every cache ends.
  for (const generation of [world.current, world.own]) {
    if (generation === undefined || generation.destroyStarted) continue;
    world.beginShutdown(generation);
    const promise = generation === world.own ? generation.cache.destroy() : destroyClientCache();
    world.shutdowns.push({ promise, generations: [generation] });
  }
  world.current = undefined;
  await awaitShutdowns(world);
  // Long enough for a request written after a shutdown to reach the server.
  await delay(50);
  const broken: string[] = [];
  for (const call of world.calls) {
    for (const problem of judge(call, world.gates.arrivalsOf(call.id))) {
      broken.push(`${call.id} (${call.generation.label}): ${problem}`);
    }
  }
  for (const generation of world.generations) {
    const now = world.arrivalsOfGeneration(generation);
    if (generation.arrivalsAtDrain !== undefined && now !== generation.arrivalsAtDrain) {
      broken.push(
        `${generation.label}: ${now - generation.arrivalsAtDrain} arrivals after its shutdown resolved`,
      );
    }
  }
  // One credential set per role and cache, kept across clear() (idle sets), one fetch in flight.
  for (const roleArn of new Set(world.calls.map((call) => call.roleArn))) {
    if (roleArn === undefined) continue;
    const caches = new Set(
      world.calls.filter((call) => call.roleArn === roleArn).map((call) => call.generation),
    );
    const assumed = world.endpoint.stats.assumeRoleCalls(roleArn);
    if (assumed > caches.size) {
      broken.push(
        `${roleArn}: ${assumed} AssumeRole calls for sends through ${caches.size} caches`,
      );
    }
  }
  if (unhandled.length > 0)
    broken.push(`unhandled rejections: ${unhandled.map(String).join('; ')}`);
  return broken;
}
