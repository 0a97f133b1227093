import { type ServiceFaults, validateServiceFaults } from './fault-settings.js';
import { type ServiceName, servicesOrAll } from './services.js';

/** Switches faults on and off, per service, while the endpoint runs. */
export interface LocalAwsFaults {
  /**
   * Merges `faults` into the service's current faults; counters replace what is left of them.
   *
   * @example
   * endpoint.faults.set('sts', { throttleNext: 2, credentialsLifetimeSeconds: 900 });
   */
  set(service: ServiceName, faults: ServiceFaults): void;
  /**
   * The service's current faults, counters showing what is left of them.
   *
   * @example
   * endpoint.faults.get('s3').throttleNext // 0 once the SDK has retried through them
   */
  get(service: ServiceName): Readonly<ServiceFaults>;
  /** Removes the faults of one service, or of all, and releases their held requests. */
  clear(service?: ServiceName): void;
  /** Lets held requests of one service, or of all, proceed. Returns how many there were. */
  releaseHeld(service?: ServiceName): number;
  /** Requests held right now, for one service or all. */
  heldCount(service?: ServiceName): number;
  /**
   * Resolves once at least `count` requests of the service are held, so a test knows a request is
   * in flight before it acts.
   *
   * @example
   * endpoint.faults.set('lambda', { holdResponses: true });
   * const pending = client.send(new InvokeCommand({ FunctionName: 'echo' }));
   * await endpoint.faults.waitForHeld('lambda');
   */
  waitForHeld(service: ServiceName, count?: number): Promise<void>;
}

interface HeldWaiter {
  readonly service: ServiceName;
  readonly count: number;
  readonly resolve: () => void;
}

/** The fault state behind {@link LocalAwsFaults}, with the methods the servers consult. */
export class FaultInjector implements LocalAwsFaults {
  readonly #faults = new Map<ServiceName, ServiceFaults>();
  readonly #held = new Map<ServiceName, Array<() => void>>();
  readonly #heldWaiters: HeldWaiter[] = [];

  set(service: ServiceName, faults: ServiceFaults): void {
    validateServiceFaults(faults);
    this.#faults.set(service, { ...this.get(service), ...faults });
  }

  get(service: ServiceName): Readonly<ServiceFaults> {
    return this.#faults.get(service) ?? {};
  }

  clear(service?: ServiceName): void {
    for (const cleared of servicesOrAll(service)) {
      this.#faults.delete(cleared);
    }
    this.releaseHeld(service);
  }

  releaseHeld(service?: ServiceName): number {
    let released = 0;
    for (const releasing of servicesOrAll(service)) {
      const held = this.#held.get(releasing) ?? [];
      this.#held.delete(releasing);
      for (const release of held) {
        release();
      }
      released += held.length;
    }
    return released;
  }

  heldCount(service?: ServiceName): number {
    return servicesOrAll(service).reduce(
      (total, counted) => total + (this.#held.get(counted)?.length ?? 0),
      0,
    );
  }

  waitForHeld(service: ServiceName, count = 1): Promise<void> {
    if (this.heldCount(service) >= count) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#heldWaiters.push({ service, count, resolve }));
  }

  /** Resolves at once unless the service holds responses; then resolves on `releaseHeld()`. */
  hold(service: ServiceName): Promise<void> {
    if (this.get(service).holdResponses !== true) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const held = this.#held.get(service) ?? [];
      held.push(resolve);
      this.#held.set(service, held);
      this.#wakeHeldWaiters();
    });
  }

  /** Consumes one throttled request, if any are left. */
  takeThrottle(service: ServiceName): boolean {
    return this.#take(service, 'throttleNext');
  }

  /** Consumes one failed request, if any are left, and returns the status to fail with. */
  takeFailure(service: ServiceName): number | undefined {
    return this.#take(service, 'failNext') ? (this.get(service).failStatus ?? 500) : undefined;
  }

  /** Consumes one reset after the operation ran, if any are left. */
  takeResetAfterRun(service: ServiceName): boolean {
    return this.#take(service, 'resetAfterRunNext');
  }

  /** Consumes one failed EventBridge entry, if any are left. */
  takeEntryFailure(): boolean {
    return this.#take('eventbridge', 'failEntries');
  }

  #take(
    service: ServiceName,
    counter: 'throttleNext' | 'failNext' | 'failEntries' | 'resetAfterRunNext',
  ): boolean {
    const left = this.get(service)[counter] ?? 0;
    if (left <= 0) {
      return false;
    }
    this.#faults.set(service, { ...this.get(service), [counter]: left - 1 });
    return true;
  }

  #wakeHeldWaiters(): void {
    for (const waiter of [...this.#heldWaiters]) {
      if (this.heldCount(waiter.service) >= waiter.count) {
        this.#heldWaiters.splice(this.#heldWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
