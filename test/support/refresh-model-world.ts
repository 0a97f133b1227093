/**
 * The world of the refresh model (refresh-model.test.ts): a real
 * `RefreshingCredentials` with a fake clock and a fake STS whose answers the
 * commands decide, and the oracle, which records a violation of the refresh
 * specification the moment it happens.
 */
import type { CredentialIdentity } from '../../src/config/client-cache-config.js';
import { RefreshingCredentials } from '../../src/credentials/refreshing-credentials.js';
import { newCacheCounters } from '../../src/observers/cache-counters.js';
import { type Held, spec } from './refresh-model-spec.js';

interface PendingFetch {
  readonly resolve: (identity: CredentialIdentity) => void;
  readonly reject: (error: Error) => void;
}

/** The real credential set, the fake clock and STS, and what the oracle knows. */
export class World {
  clock = Date.UTC(2026, 0, 1);
  readonly violations: string[] = [];
  readonly #issued = new Map<string, Held>();
  readonly #rejected = new Set<string>();
  #held: Held | undefined;
  #failure: { readonly at: number; readonly usableFor: number } | undefined;
  #pending: PendingFetch | undefined;
  #nextKey = 0;
  #unsettled = 0;
  readonly credentials: RefreshingCredentials;

  constructor(random: () => number) {
    this.credentials = new RefreshingCredentials({
      source: 'arn:aws:iam::123456789012:role/model',
      fetch: () => this.#fetch(),
      now: () => this.clock,
      counters: newCacheCounters(),
      random,
    });
  }

  get hasPendingFetch(): boolean {
    return this.#pending !== undefined;
  }

  get held(): Held | undefined {
    return this.#held;
  }

  #usable(held: Held | undefined): held is Held {
    return (
      held !== undefined &&
      !this.#rejected.has(held.accessKeyId) &&
      this.clock < spec.usableUntil(held)
    );
  }

  #fetch(): Promise<CredentialIdentity> {
    if (this.#pending !== undefined)
      this.violations.push('a second AssumeRole started while one was in flight');
    const held = this.#held;
    if (this.#usable(held)) {
      if (this.clock < spec.earliestAdvisoryAt(held)) {
        this.violations.push(
          `AssumeRole before the advisory window (${spec.earliestAdvisoryAt(held) - this.clock} ms early)`,
        );
      }
      const failure = this.#failure;
      if (failure !== undefined && this.clock < failure.at + spec.backoffFloor(failure.usableFor)) {
        this.violations.push(
          `AssumeRole ${this.clock - failure.at} ms after a failure, within the back-off`,
        );
      }
    }
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
    });
  }

  /** Starts `count` concurrent callers; each is checked when it settles. */
  call(count: number): Array<{ settled: boolean }> {
    const calls = [];
    for (let index = 0; index < count; index++) {
      const call = { settled: false };
      calls.push(call);
      this.#unsettled++;
      this.credentials.provide().then(
        (identity) => this.#handed(call, identity),
        (error: unknown) => this.#failed(call, error),
      );
    }
    return calls;
  }

  #handed(call: { settled: boolean }, identity: CredentialIdentity): void {
    call.settled = true;
    this.#unsettled--;
    const issued = this.#issued.get(identity.accessKeyId);
    if (issued === undefined) this.violations.push('handed credentials STS never issued');
    else if (this.clock >= spec.usableUntil(issued)) {
      this.violations.push(`handed credentials ${issued.expiresAt - this.clock} ms from expiry`);
    }
    if (this.#rejected.has(identity.accessKeyId))
      this.violations.push('handed credentials a service rejected');
  }

  #failed(call: { settled: boolean }, error: unknown): void {
    call.settled = true;
    this.#unsettled--;
    if (this.#usable(this.#held)) {
      this.violations.push(
        `a caller failed (${(error as Error).name}) while usable credentials were held`,
      );
    }
  }

  /** Whether a caller arriving now may wait for STS: only without usable credentials, or in the mandatory window. */
  mayWait(): boolean {
    return !this.#usable(this.#held) || this.clock >= spec.mandatoryAt(this.#held);
  }

  succeed(lifetime: number): void {
    const pending = this.#take();
    if (pending === undefined) return;
    const accessKeyId = `ASIAMODEL${String(this.#nextKey++).padStart(8, '0')}`;
    const held = { accessKeyId, expiresAt: this.clock + lifetime, lifetime };
    this.#issued.set(accessKeyId, held);
    if (lifetime > 0) {
      this.#held = held;
      this.#failure = undefined;
    } else {
      this.#noteFailure(); // already expired: a failed refresh
    }
    pending.resolve({
      accessKeyId,
      secretAccessKey: `secret-${accessKeyId}`,
      sessionToken: `token-${accessKeyId}`,
      expiration: new Date(held.expiresAt),
    });
  }

  fail(name: string): void {
    const pending = this.#take();
    if (pending === undefined) return;
    this.#noteFailure();
    pending.reject(Object.assign(new Error(`${name} (model)`), { name }));
  }

  reject(accessKeyId: string): void {
    this.#rejected.add(accessKeyId);
    if (this.#held?.accessKeyId === accessKeyId) {
      this.#held = undefined;
      this.#failure = undefined;
    }
    this.credentials.invalidate(accessKeyId);
  }

  /** Answers any AssumeRole still pending, so no caller is left waiting; checks every caller settled. */
  finish(): void {
    this.fail('ServiceUnavailable');
  }

  get unsettled(): number {
    return this.#unsettled;
  }

  #take(): PendingFetch | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }

  #noteFailure(): void {
    const held = this.#held;
    if (this.#usable(held))
      this.#failure = { at: this.clock, usableFor: spec.usableUntil(held) - this.clock };
  }
}
