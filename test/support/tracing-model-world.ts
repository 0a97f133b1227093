/**
 * The world of the tracing model (tracing-model.test.ts): a traced cache and
 * an untraced twin on one injected clock, overlapping invocations (each its
 * own active span, and its own id in an AsyncLocalStorage of the model's,
 * apart from OpenTelemetry's), a mocked STS whose answers the commands
 * decide, and sends whose credentials the SDK resolves as on the wire (only
 * the transport is cut, after signing). The oracle (tracing-model-oracle.ts)
 * reads what is recorded here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/nested-clients/sts';
import { context, ROOT_CONTEXT, type Span, trace } from '@opentelemetry/api';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { mockClient } from 'aws-sdk-client-mock';
import { ClientCache } from '../../src/client-cache/client-cache.js';
import type { ClientCacheTracer } from '../../src/observability/tracing.js';
import { type FaultyOtelTracer, faultyOtelTracer } from './faulty-tracers.js';

export const ROLES = [
  { roleArn: 'arn:aws:iam::123456789012:role/ModelRoleA' },
  { roleArn: 'arn:aws:iam::123456789012:role/ModelRoleB', externalId: 'model-external-id-fixture' },
] as const;
export const STATIC_FIXTURE = {
  accessKeyId: 'AKIAMODELSTATICFIXTURE',
  secretAccessKey: 'model-static-secret-fixture',
  sessionToken: 'model-static-token-fixture',
};
/** The function's own credentials, the source for AssumeRole: secrets too. */
export const SOURCE_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIAMODELSOURCEFIXTURE',
  AWS_SECRET_ACCESS_KEY: 'model-source-secret-fixture',
};
export const CLOCK_START = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

/** The getter calls a handler makes: hits and misses, role misses, and configs that fail. */
export const GETTER_KINDS = {
  plainEu: () => ({ region: 'eu-west-1' }),
  plainUs: () => ({ region: 'us-west-2' }),
  staticCredentials: () => ({ region: 'eu-west-1', credentials: STATIC_FIXTURE }),
  roleA: () => ({ region: 'us-east-1', ...ROLES[0] }),
  roleB: () => ({ region: 'us-east-1', ...ROLES[1] }),
  malformedRole: () => ({ roleArn: 'arn:aws:iam::not-an-account:role/x' }),
  expiredStatic: (now: number) => ({
    credentials: { ...STATIC_FIXTURE, expiration: new Date(now - 60_000) },
  }),
} as const;
export type GetterKind = keyof typeof GETTER_KINDS;

export interface Invocation {
  readonly id: number;
  readonly span: Span;
  live: boolean;
}

export interface SendRecord {
  readonly invocation: number;
  readonly role: number;
  /** STS failures for the role before the send started. */
  readonly failuresBefore: number;
  failuresAfter?: number;
  outcome?: { ok: true } | { ok: false; error: unknown };
}

interface PendingAssumeRole {
  readonly role: string;
  readonly resolve: (answer: object) => void;
  readonly reject: (error: Error) => void;
}

export type StsAnswer = 'ok' | 'fail' | 'alreadyExpired';

const sts = mockClient(STSClient);
const callers = new AsyncLocalStorage<number>();
/** Clients whose sends sign their request (credentials resolved as on the wire) and stop there. */
const cut = new WeakSet<object>();

const turn = () => new Promise((resolve) => setImmediate(resolve));

export class TracingWorld {
  clock = CLOCK_START;
  readonly faulty: FaultyOtelTracer | undefined;
  /** Every traced cache of the run (destroyed ones included) and its untraced twin. */
  readonly caches: ClientCache[] = [];
  readonly twins: ClientCache[] = [];
  readonly invocations: Invocation[] = [];
  readonly sends: SendRecord[] = [];
  readonly stsFailures = ROLES.map(() => 0);
  readonly issuedSecrets: string[] = [];
  readonly violations: string[] = [];
  /** Getter errors and send rejections that reached a caller. */
  readonly callerErrors: unknown[] = [];
  faultEverSet = false;
  readonly #pending: PendingAssumeRole[] = [];
  readonly #provider: BasicTracerProvider;
  #issued = 0;

  constructor(
    provider: BasicTracerProvider,
    readonly traced: boolean,
    readonly traceHits: boolean,
  ) {
    this.#provider = provider;
    this.faulty = traced
      ? faultyOtelTracer(provider.getTracer('cache'), () => this.#callerNow())
      : undefined;
    sts.reset();
    sts.on(AssumeRoleCommand).callsFake(
      (input: { RoleArn?: string }) =>
        new Promise((resolve, reject) => {
          this.#pending.push({ role: input.RoleArn ?? '', resolve, reject });
        }),
    );
    this.#newCaches();
  }

  /** What can be seen to move: STS calls waiting, sends settled, spans opened and ended. */
  #progress(): string {
    const settled = this.sends.filter((send) => send.outcome !== undefined).length;
    const ends = this.faulty?.opened.reduce((total, span) => total + span.ends, 0);
    return `${this.#pending.length} ${settled} ${this.faulty?.opened.length} ${ends}`;
  }

  /**
   * Lets every chain the last command started run to its next real wait (an
   * STS answer): until nothing moves for three turns of the event loop, at
   * most a hundred. The SDK reads its config files on the first sends.
   */
  async settle(): Promise<void> {
    let [seen, still] = [this.#progress(), 0];
    for (let turns = 0; turns < 100 && still < 3; turns++) {
      await turn();
      const now = this.#progress();
      still = now === seen ? still + 1 : 0;
      seen = now;
    }
  }

  get cache(): ClientCache {
    return this.caches.at(-1) as ClientCache;
  }

  get twin(): ClientCache {
    return this.twins.at(-1) as ClientCache;
  }

  get pendingAssumeRoles(): number {
    return this.#pending.length;
  }

  get liveInvocations(): Invocation[] {
    return this.invocations.filter((invocation) => invocation.live);
  }

  /** The invocation whose call is running now, by the model's own context, and what it has in flight. */
  #callerNow(): { invocation: number | undefined; sendingRoles: number[]; live: number } {
    const invocation = callers.getStore();
    const sendingRoles = this.sends
      .filter((send) => send.invocation === invocation && send.outcome === undefined)
      .map((send) => send.role);
    return { invocation, sendingRoles, live: this.liveInvocations.length };
  }

  #newCaches(): void {
    const options = { now: () => this.clock, logger: quietLogger, traceHits: this.traceHits };
    const tracer = this.faulty?.tracer as ClientCacheTracer | undefined;
    this.caches.push(new ClientCache(tracer === undefined ? options : { ...options, tracer }));
    this.twins.push(new ClientCache(options));
  }

  startInvocation(): Invocation {
    const id = this.invocations.length;
    const span = this.#provider
      .getTracer('handler')
      .startSpan(`invocation ${id}`, {}, ROOT_CONTEXT);
    const invocation = { id, span, live: true };
    this.invocations.push(invocation);
    return invocation;
  }

  /** Runs `work` as invocation `id` would: its span active, its id in the model's own context. */
  within<Result>(id: number, work: () => Result): Result {
    const invocation = this.invocations[id] as Invocation;
    return context.with(trace.setSpan(ROOT_CONTEXT, invocation.span), () => callers.run(id, work));
  }

  endInvocation(invocation: Invocation): void {
    invocation.live = false;
    invocation.span.end();
  }

  /** Starts a send through role `role`'s client in invocation `id`; the getter call is checked first. */
  send(id: number, role: number, client: S3Client): void {
    if (!cut.has(client)) {
      cut.add(client);
      client.middlewareStack.add(() => async () => ({ output: { $metadata: {} }, response: {} }), {
        step: 'deserialize',
        priority: 'high',
        name: 'tracingModelNoTransport',
      });
    }
    const record: SendRecord = {
      invocation: id,
      role,
      failuresBefore: this.stsFailures[role] as number,
    };
    this.sends.push(record);
    const sending = this.within(id, () => client.send(new ListBucketsCommand({})));
    sending.then(
      () => {
        record.outcome = { ok: true };
        record.failuresAfter = this.stsFailures[role];
      },
      (error: unknown) => {
        record.outcome = { ok: false, error };
        record.failuresAfter = this.stsFailures[role];
        this.callerErrors.push(error);
      },
    );
  }

  /** Answers the AssumeRole call at `index` (modulo those pending). */
  answerAssumeRole(index: number, answer: StsAnswer): void {
    const [call] = this.#pending.splice(index % this.#pending.length, 1);
    if (call === undefined) return;
    const role = ROLES.findIndex((each) => each.roleArn === call.role);
    if (answer === 'fail') {
      this.stsFailures[role] = (this.stsFailures[role] as number) + 1;
      call.reject(
        Object.assign(new Error(`AssumeRole refused (${this.#issued})`), { name: 'AccessDenied' }),
      );
      return;
    }
    if (answer === 'alreadyExpired')
      this.stsFailures[role] = (this.stsFailures[role] as number) + 1;
    const n = ++this.#issued;
    const credentials = {
      AccessKeyId: `ASIAMODELISSUED${n}X`,
      SecretAccessKey: `model-issued-secret-${n}-fixture`,
      SessionToken: `model-issued-token-${n}-fixture`,
      Expiration: new Date(this.clock + (answer === 'ok' ? HOUR : -1_000)),
    };
    this.issuedSecrets.push(
      credentials.AccessKeyId,
      credentials.SecretAccessKey,
      credentials.SessionToken,
    );
    call.resolve({ Credentials: credentials });
  }

  clear(): void {
    this.cache.clear();
    this.twin.clear();
  }

  /** Destroys both caches mid-whatever and builds new ones, as a handler that re-creates its cache. */
  destroy(): void {
    void this.cache.destroy();
    void this.twin.destroy();
    this.#newCaches();
  }

  /** Answers every AssumeRole call (ok) until nothing waits, and ends every invocation. */
  async drain(): Promise<void> {
    // A background refresh has no send waiting on it: answered too, and its span ended, before the next run.
    for (let round = 0; round < 20; round++) {
      await this.settle();
      if (this.#pending.length === 0) break;
      while (this.#pending.length > 0) this.answerAssumeRole(0, 'ok');
    }
    for (const invocation of this.liveInvocations) this.endInvocation(invocation);
    await Promise.all(this.caches.concat(this.twins).map((cache) => cache.destroy()));
  }
}

const quietLogger = { debug: () => undefined, warn: () => undefined };
