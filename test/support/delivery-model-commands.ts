/**
 * The commands of the pool's delivery model (`pool-delivery-model*.test.ts`): calls through one
 * `SharedPools`, faults the server injects, waits, idle closes, freezes of the pool's clock, and
 * `close()`. Each command acts on the real system only; the oracle judges the outcome at the end
 * (`delivery-model-run.ts`), so the model state is empty.
 */
import { setTimeout as delay, setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import type { SharedPools } from '../../src/transport/shared-pool.js';
import type { TestClock } from './clock.js';
import {
  DELIVERY_FAULTS,
  type DeliveryFault,
  type DeliveryFaultServer,
} from './delivery-fault-server.js';

export const OPERATIONS = ['Invoke', 'PutEvents', 'PutObject', 'GetObject'] as const;
export type Operation = (typeof OPERATIONS)[number];
// Past the server's `Keep-Alive: timeout=60` hint, so every socket idle at a freeze is stale.
const FREEZE_MS = 61_000;
// Past the second after which the pool lets the loop read a pending close; within the hint.
const SHORT_FREEZE_MS = 2000;

export interface Call {
  readonly id: string;
  readonly operation: Operation;
  readonly afterClose: boolean;
  readonly settled: Promise<void>;
  outcome?: { readonly ok: true } | { readonly ok: false; readonly error: unknown };
}

export interface Real {
  readonly pools: SharedPools;
  readonly clock: TestClock;
  readonly server: DeliveryFaultServer;
  readonly send: (operation: Operation, id: string) => Promise<void>;
  readonly calls: Call[];
  closing?: Promise<void>;
}

export const settleAll = (real: Real) => Promise.all(real.calls.map((call) => call.settled));

class SendCommand implements fc.AsyncCommand<object, Real> {
  constructor(
    readonly operation: Operation,
    readonly latencyMs: number,
  ) {}
  check = () => true;
  /** The id the call made by this command's next run will have. */
  nextId = (real: Real): string => `c${real.calls.length}-${this.latencyMs}`;
  async run(_model: object, real: Real): Promise<void> {
    const id = this.nextId(real);
    const call: Call = {
      id,
      operation: this.operation,
      afterClose: real.closing !== undefined,
      settled: real.send(this.operation, id).then(
        () => {
          call.outcome = { ok: true };
        },
        (error: unknown) => {
          call.outcome = { ok: false, error };
        },
      ),
    };
    real.calls.push(call);
  }
  toString = (): string => `send(${this.operation}, ${this.latencyMs} ms)`;
}

class FaultCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly fault: DeliveryFault) {}
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    real.server.queueFault(this.fault);
  }
  toString = () => `fault(${this.fault})`;
}

class WaitCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly ms: number) {}
  check = () => true;
  async run(): Promise<void> {
    await delay(this.ms);
  }
  toString = () => `wait(${this.ms} ms)`;
}

class SettleCommand implements fc.AsyncCommand<object, Real> {
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    await settleAll(real);
  }
  toString = () => 'settle';
}

/**
 * The server's keep-alive timer closes idle sockets while the pool is quiet, and the pool hears
 * the FIN before it sends. (A close that crosses a request on the wire is HTTP/1.1's own race:
 * the request fails to the SDK, counted as sent though no server read it; it is left out here
 * because no client can count it as received.)
 */
class IdleCloseCommand implements fc.AsyncCommand<object, Real> {
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    await settleAll(real);
    await nextTurn();
    real.server.closeIdle();
    await nextTurn();
    await nextTurn();
  }
  toString = () => 'idleClose';
}

/** Lambda freezes between invocations, past the keep-alive hint; a NAT forgets the sockets. */
class FreezeCommand implements fc.AsyncCommand<object, Real> {
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    await settleAll(real);
    await nextTurn();
    real.clock.advance(FREEZE_MS);
    real.server.dropIdle();
  }
  toString = () => 'freeze';
}

/**
 * A shorter freeze, within the keep-alive hint, during which the server closed the idle sockets:
 * on thaw a call is made at once, before the loop has read the FINs.
 */
class ThawWithUnreadCloseCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly send: SendCommand) {}
  check = () => true;
  async run(model: object, real: Real): Promise<void> {
    await settleAll(real);
    await nextTurn();
    real.clock.advance(SHORT_FREEZE_MS);
    real.server.closeIdle();
    await this.send.run(model, real);
  }
  toString = () => `thawWithUnreadClose(${this.send})`;
}

/**
 * A freeze with a call in flight, past a second, during which the server answered it and closed
 * the connection (its keep-alive ran out): the client finds the answer and the close waiting.
 * The next call is made as soon as the answer is read, before the close is; or, `queued`, it was
 * made with the first, and waits for a socket (all of them when the pool has one).
 */
class FreezeAcrossAnswerCommand implements fc.AsyncCommand<object, Real> {
  constructor(
    readonly first: SendCommand,
    readonly next: SendCommand,
    readonly queued: boolean,
  ) {}
  check = () => true;
  async run(model: object, real: Real): Promise<void> {
    await settleAll(real);
    const firstId = this.first.nextId(real);
    real.server.closeAfterAnswering(firstId);
    await this.first.run(model, real);
    const first = real.calls[real.calls.length - 1];
    if (this.queued) {
      // The freeze: once the first call holds its socket, before its answer (20 ms later); the
      // next call is made then, and waits for that socket or takes another.
      for (let turn = 0; turn < 1000 && real.server.arrivalsOf(firstId) === 0; turn++) {
        await nextTurn();
      }
      real.clock.advance(SHORT_FREEZE_MS);
      await this.next.run(model, real);
      return;
    }
    await new Promise<void>((resolve) => {
      void first?.settled.then(() => {
        real.clock.advance(SHORT_FREEZE_MS);
        resolve(this.next.run(model, real));
      });
    });
  }
  toString = () => `freezeAcrossAnswer(${this.first}, ${this.queued ? 'queued ' : ''}${this.next})`;
}

class CloseCommand implements fc.AsyncCommand<object, Real> {
  constructor(readonly graceMs: number) {}
  check = () => true;
  async run(_model: object, real: Real): Promise<void> {
    const closing = real.pools.close(this.graceMs);
    if (real.closing !== undefined) expect(closing).toBe(real.closing);
    real.closing = closing;
  }
  toString = () => `close(${this.graceMs} ms)`;
}

const send = fc
  .tuple(fc.constantFrom(...OPERATIONS), fc.integer({ min: 0, max: 20 }))
  .map(([operation, latency]) => new SendCommand(operation, latency));

export const deliveryCommands = [
  // Twice: calls are the commands the faults act on.
  send,
  send,
  fc.constantFrom(...DELIVERY_FAULTS).map((fault) => new FaultCommand(fault)),
  fc.integer({ min: 0, max: 15 }).map((ms) => new WaitCommand(ms)),
  fc.constant(new SettleCommand()),
  fc.constant(new IdleCloseCommand()),
  fc.constant(new FreezeCommand()),
  fc
    .constantFrom(...OPERATIONS)
    .map((operation) => new ThawWithUnreadCloseCommand(new SendCommand(operation, 0))),
  fc
    .tuple(fc.constantFrom(...OPERATIONS), fc.constantFrom(...OPERATIONS), fc.boolean())
    .map(
      ([first, next, queued]) =>
        new FreezeAcrossAnswerCommand(new SendCommand(first, 20), new SendCommand(next, 0), queued),
    ),
  fc.integer({ min: 0, max: 30 }).map((ms) => new CloseCommand(ms)),
];
