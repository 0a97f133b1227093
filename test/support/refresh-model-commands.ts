/**
 * The refresh model's commands (refresh-model.test.ts): callers arrive, time
 * passes (or reaches the edges of the held credentials' windows), the pending
 * AssumeRole succeeds, fails or is throttled, and a service rejects the held
 * credentials. Each lets the promises it started settle, then fails on any
 * violation the world recorded.
 */
import fc from 'fast-check';
import { HOUR, MINUTE, SECOND } from './refresh-model-spec.js';
import type { World } from './refresh-model-world.js';

/** Lets every promise chain triggered so far run to its end. */
export async function settle(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

export function assertNoViolations(world: World): void {
  if (world.violations.length > 0) throw new Error(world.violations.join('\n'));
}

type Command = fc.AsyncCommand<object, World>;

class Call implements Command {
  constructor(readonly count: number) {}
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    const mayWait = world.mayWait();
    const calls = world.call(this.count);
    await settle();
    if (!mayWait && calls.some((call) => !call.settled)) {
      world.violations.push('a caller waited for STS before the mandatory window');
    }
    assertNoViolations(world);
  }
  toString = () => `Call(${this.count})`;
}

class Advance implements Command {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    world.clock += this.ms;
    await settle();
    assertNoViolations(world);
  }
  toString = () => `Advance(${this.ms})`;
}

/** Time passes until the held credentials are `beforeExpiry` ms from expiry (their windows' edges). */
class AdvanceNearExpiry implements Command {
  constructor(readonly beforeExpiry: number) {}
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    const held = world.held;
    if (held !== undefined) world.clock = Math.max(world.clock, held.expiresAt - this.beforeExpiry);
    await settle();
    assertNoViolations(world);
  }
  toString = () => `AdvanceNearExpiry(${this.beforeExpiry})`;
}

class StsSucceeds implements Command {
  constructor(readonly lifetime: number) {}
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    world.succeed(this.lifetime);
    await settle();
    assertNoViolations(world);
  }
  toString = () => `StsSucceeds(${this.lifetime})`;
}

class StsFails implements Command {
  constructor(readonly name: string) {}
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    world.fail(this.name);
    await settle();
    assertNoViolations(world);
  }
  toString = () => `StsFails(${this.name})`;
}

class ServiceRejects implements Command {
  check = () => true;
  async run(_model: object, world: World): Promise<void> {
    const key = world.held?.accessKeyId;
    if (key !== undefined) world.reject(key);
    await settle();
    assertNoViolations(world);
  }
  toString = () => 'ServiceRejects(held)';
}

const callers = fc.integer({ min: 1, max: 4 }).map((count) => new Call(count));
const nearExpiry = fc
  .constantFrom(
    14 * MINUTE,
    4 * MINUTE,
    50 * SECOND,
    30 * SECOND,
    11 * SECOND,
    9 * SECOND,
    SECOND,
    -SECOND,
  )
  .map((beforeExpiry) => new AdvanceNearExpiry(beforeExpiry));
const stsFails = fc
  .constantFrom('Throttling', 'ServiceUnavailable')
  .map((name) => new StsFails(name));
// Callers, the windows' edges and STS failures are listed twice: the states worth reaching lie there.
export const commands = [
  callers,
  callers,
  nearExpiry,
  nearExpiry,
  fc
    .oneof(
      fc.integer({ min: 1, max: 20 * SECOND }),
      fc.integer({ min: 20 * SECOND, max: 20 * MINUTE }),
      fc.constantFrom(MINUTE - 1, 50 * SECOND, 5 * MINUTE, 10 * MINUTE),
    )
    .map((ms) => new Advance(ms)),
  fc
    .constantFrom(5 * SECOND, 30 * SECOND, 2 * MINUTE, 15 * MINUTE, HOUR, 12 * HOUR, 0, -MINUTE)
    .map((lifetime) => new StsSucceeds(lifetime)),
  stsFails,
  stsFails,
  fc.constant(new ServiceRejects()),
];
