/**
 * The commands of the tracing model (tracing-model.test.ts): what a Lambda
 * Managed Instance does to the cache with many invocations at once, and
 * what the tracer and STS do to it. Each runs, lets the chains it started
 * reach their next wait, and leaves the checks to the oracle.
 */
import fc from 'fast-check';
import { SPAN_FAULTS, type SpanFault } from './faulty-tracers.js';
import { checkedGetterCall, type Returned } from './tracing-model-oracle.js';
import {
  GETTER_KINDS,
  type GetterKind,
  type StsAnswer,
  type TracingWorld,
} from './tracing-model-world.js';

/** What the commands share: the world, and the last client of each getter kind. */
export interface Real {
  readonly world: TracingWorld;
  returned: Returned;
}
type Model = object;
type Command = fc.AsyncCommand<Model, Real>;
const MAX_LIVE = 4;

/** The live invocation at `pick` (modulo how many are live). */
const liveAt = (real: Real, pick: number) => {
  const live = real.world.liveInvocations;
  return live[pick % live.length];
};

class StartInvocation implements Command {
  check = () => true;
  async run(_: Model, { world }: Real) {
    if (world.liveInvocations.length < MAX_LIVE) world.startInvocation();
  }
  toString = () => 'startInvocation';
}

class EndInvocation implements Command {
  constructor(readonly pick: number) {}
  check = () => true;
  async run(_: Model, real: Real) {
    const invocation = liveAt(real, this.pick);
    if (invocation !== undefined) real.world.endInvocation(invocation);
    await real.world.settle();
  }
  toString = () => `endInvocation(${this.pick})`;
}

class CallGetter implements Command {
  constructor(
    readonly pick: number,
    readonly kind: GetterKind,
  ) {}
  check = () => true;
  async run(_: Model, real: Real) {
    const invocation = liveAt(real, this.pick) ?? real.world.startInvocation();
    checkedGetterCall(real.world, real.returned, invocation.id, this.kind);
  }
  toString = () => `getter(${this.pick}, ${this.kind})`;
}

class Send implements Command {
  constructor(
    readonly pick: number,
    readonly role: 0 | 1,
  ) {}
  check = () => true;
  async run(_: Model, real: Real) {
    const { world } = real;
    const invocation = liveAt(real, this.pick) ?? world.startInvocation();
    const kind = this.role === 0 ? 'roleA' : 'roleB';
    const client = checkedGetterCall(world, real.returned, invocation.id, kind);
    if (client !== undefined) world.send(invocation.id, this.role, client);
    await world.settle();
  }
  toString = () => `send(${this.pick}, role ${this.role})`;
}

/** Every live invocation sends in the same tick, as concurrent invocations on one instance do. */
class SendTogether implements Command {
  constructor(readonly roles: ReadonlyArray<0 | 1>) {}
  check = () => true;
  async run(_: Model, real: Real) {
    const { world } = real;
    world.liveInvocations.forEach((invocation, at) => {
      const role = this.roles[at % this.roles.length] ?? 0;
      const client = checkedGetterCall(
        world,
        real.returned,
        invocation.id,
        role === 0 ? 'roleA' : 'roleB',
      );
      if (client !== undefined) world.send(invocation.id, role, client);
    });
    await world.settle();
  }
  toString = () => `sendTogether(${this.roles})`;
}

class AnswerAssumeRole implements Command {
  constructor(
    readonly pick: number,
    readonly answer: StsAnswer,
  ) {}
  check = () => true;
  async run(_: Model, { world }: Real) {
    if (world.pendingAssumeRoles > 0) world.answerAssumeRole(this.pick, this.answer);
    await world.settle();
  }
  toString = () => `sts(${this.pick}, ${this.answer})`;
}

/** Moves the clock: into the advisory and mandatory windows of 1-hour credentials, past them, past the TTL. */
class AdvanceClock implements Command {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(_: Model, { world }: Real) {
    world.clock += this.ms;
  }
  toString = () => `advance(${this.ms})`;
}

class TracerFaults implements Command {
  constructor(readonly fault: SpanFault | undefined) {}
  check = () => true;
  async run(_: Model, { world }: Real) {
    if (world.faulty === undefined) return;
    world.faulty.fault = this.fault;
    if (this.fault !== undefined) world.faultEverSet = true;
  }
  toString = () => `tracerFault(${this.fault ?? 'none'})`;
}

class Clear implements Command {
  check = () => true;
  async run(_: Model, real: Real) {
    real.world.clear();
    real.returned = new Map();
  }
  toString = () => 'clear';
}

class Destroy implements Command {
  check = () => true;
  async run(_: Model, real: Real) {
    real.world.destroy();
    real.returned = new Map();
    await real.world.settle();
  }
  toString = () => 'destroy';
}

const pick = fc.nat(7);
const minutes = (count: number) => count * 60_000 + 7;

export const tracingCommands = [
  fc.constant(new StartInvocation()),
  pick.map((at) => new EndInvocation(at)),
  fc
    .tuple(pick, fc.constantFrom(...(Object.keys(GETTER_KINDS) as GetterKind[])))
    .map(([at, kind]) => new CallGetter(at, kind)),
  fc.tuple(pick, fc.constantFrom(0 as const, 1 as const)).map(([at, role]) => new Send(at, role)),
  fc
    .array(fc.constantFrom(0 as const, 1 as const), { minLength: 1, maxLength: MAX_LIVE })
    .map((roles) => new SendTogether(roles)),
  fc
    .tuple(pick, fc.constantFrom<StsAnswer>('ok', 'ok', 'fail', 'alreadyExpired'))
    .map(([at, answer]) => new AnswerAssumeRole(at, answer)),
  fc
    .constantFrom(minutes(5), minutes(45), minutes(52), minutes(58), minutes(75))
    .map((ms) => new AdvanceClock(ms)),
  fc
    .option(fc.constantFrom(...SPAN_FAULTS), { freq: 2 })
    .map((fault) => new TracerFaults(fault ?? undefined)),
  fc.constant(new Clear()),
  fc.constant(new Destroy()),
];
