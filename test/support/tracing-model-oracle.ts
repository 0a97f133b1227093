/**
 * The oracle of the tracing model: checks each getter call as it happens
 * (against the untraced twin, and the spans it opened), and everything else
 * once the run is drained (each span ended once, under the right invocation,
 * with no secret; counts that match the cache's own; send outcomes STS alone
 * decided). Each check records a violation instead of throwing, so a run
 * reports all it broke.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryAttribute, TraceName } from '../../src/all.js';
import { chainText, type OpenedSpan } from './faulty-tracers.js';
import { spansAsText } from './otel-tracing.js';
import {
  GETTER_KINDS,
  type GetterKind,
  ROLES,
  SOURCE_ENV,
  STATIC_FIXTURE,
  type TracingWorld,
} from './tracing-model-world.js';

type Outcome = { client: S3Client } | { error: unknown };
const SPANLESS_FAULTS = new Set(['startSpan', 'oddSpan']);
const readable = (opened: OpenedSpan) => opened.span as unknown as ReadableSpan;
// The generic getter names a client by its class.
const MISS = `${TraceName.Miss} S3Client`;
const HIT = `${TraceName.Hit} S3Client`;

function outcomeOf(call: () => S3Client): Outcome {
  try {
    return { client: call() };
  } catch (error) {
    return { error };
  }
}

const describe = (outcome: Outcome) =>
  'client' in outcome
    ? 'a client'
    : `${(outcome.error as Error).name}: ${(outcome.error as Error).message}`;

/** Last client each getter kind returned from the current cache: a hit must return it again. */
export type Returned = Map<string, S3Client>;

/** Calls the getter of `kind` in invocation `id`, on the cache and its twin, and checks the call. */
export function checkedGetterCall(
  world: TracingWorld,
  returned: Returned,
  id: number,
  kind: GetterKind,
): S3Client | undefined {
  const config = () => GETTER_KINDS[kind](world.clock);
  const opened = world.faulty?.opened.length ?? 0;
  const [before, twinBefore] = [world.cache.stats(), world.twin.stats()];
  const traced = outcomeOf(() => world.within(id, () => world.cache.getClient(S3Client, config())));
  const untraced = outcomeOf(() => world.twin.getClient(S3Client, config()));
  const [after, twinAfter] = [world.cache.stats(), world.twin.stats()];
  const hit = after.hits - before.hits;
  const miss = after.misses - before.misses;
  const seen = `${kind} in invocation ${id}`;
  if (describe(traced) !== describe(untraced)) {
    world.violations.push(
      `${seen}: ${describe(traced)} with a tracer, ${describe(untraced)} without`,
    );
  }
  if (hit !== twinAfter.hits - twinBefore.hits || miss !== twinAfter.misses - twinBefore.misses) {
    world.violations.push(`${seen}: hit ${hit} miss ${miss} with a tracer, not as without`);
  }
  if ('error' in traced) world.callerErrors.push(traced.error);
  if ('client' in traced) {
    if (hit === 1 && returned.get(kind) !== traced.client) {
      world.violations.push(`${seen}: a hit returned another client than the last call`);
    }
    returned.set(kind, traced.client);
  }
  if (world.faulty === undefined) return 'client' in traced ? traced.client : undefined;
  const during = world.faulty.opened.slice(opened);
  const spanless = world.faulty.fault !== undefined && SPANLESS_FAULTS.has(world.faulty.fault);
  const expected = spanless
    ? []
    : [...(miss === 1 ? [MISS] : []), ...(hit === 1 && world.traceHits ? [HIT] : [])];
  // A creation that throws is counted by no stat, but is traced as a failed miss.
  const failedMiss = 'error' in traced && during.length === 1 && during[0]?.name === MISS;
  if (!failedMiss && during.map((span) => span.name).join() !== expected.join()) {
    world.violations.push(
      `${seen}: opened [${during.map((span) => span.name)}], expected [${expected}]`,
    );
  }
  const ownSpan = world.invocations[id]?.span.spanContext().spanId;
  for (const span of during) {
    if (readable(span).parentSpanContext?.spanId !== ownSpan) {
      world.violations.push(
        `${seen}: ${span.name} is not a child of the calling invocation's span`,
      );
    }
    if (span.ends !== 1)
      world.violations.push(`${seen}: ${span.name} ended ${span.ends} times by return`);
  }
  if (failedMiss && world.faulty.fault === undefined) {
    const status = readable(during[0] as OpenedSpan).status.code;
    if (status !== SpanStatusCode.ERROR)
      world.violations.push(`${seen}: failed miss span has status ${status}`);
  }
  return 'client' in traced ? traced.client : undefined;
}

const sum = (
  world: TracingWorld,
  field: 'hits' | 'misses' | 'credentialRefreshes' | 'credentialRefreshFailures',
) => world.caches.reduce((total, cache) => total + cache.stats()[field], 0);

/** What must hold once every refresh is answered and every invocation ended. */
export function checkDrained(world: TracingWorld, exported: readonly ReadableSpan[]): void {
  const { violations } = world;
  for (const send of world.sends) {
    if (send.outcome === undefined)
      violations.push(`a send of invocation ${send.invocation} never settled`);
    else if (!send.outcome.ok && send.failuresAfter === send.failuresBefore) {
      violations.push(
        `a send failed with no STS failure during it: ${chainText(send.outcome.error)}`,
      );
    }
  }
  for (const error of world.callerErrors) {
    if (chainText(error).includes('TracerFault'))
      violations.push(`a tracer fault reached a caller: ${chainText(error)}`);
  }
  const needles = [
    ...Object.values(STATIC_FIXTURE),
    ...Object.values(SOURCE_ENV),
    ROLES[1].externalId,
    ...world.issuedSecrets,
  ];
  const text = `${spansAsText(exported)}\n${world.faulty?.opened.map((span) => span.name).join('\n') ?? ''}`;
  for (const needle of needles)
    if (text.includes(needle)) violations.push(`a span holds the secret ${needle}`);
  const fromCache = exported.filter((span) => span.instrumentationScope.name !== 'handler');
  if (world.faulty === undefined) {
    if (fromCache.length > 0)
      violations.push(
        `${fromCache.length} spans without a tracer: ${fromCache.map((s) => `${s.instrumentationScope.name}:${s.name}`)}`,
      );
    return;
  }
  const opened = world.faulty.opened;
  for (const span of opened) checkOpenedSpan(world, span);
  if (world.faultEverSet) return;
  const named = (name: string) => opened.filter((span) => span.name === name);
  const refreshes = named(TraceName.CredentialRefresh);
  const failed = refreshes.filter((span) => readable(span).status.code === SpanStatusCode.ERROR);
  const counts = {
    misses: [named(MISS).length, sum(world, 'misses')],
    hits: [named(HIT).length, world.traceHits ? sum(world, 'hits') : 0],
    refreshes: [
      refreshes.length,
      sum(world, 'credentialRefreshes') + sum(world, 'credentialRefreshFailures'),
    ],
    failedRefreshes: [failed.length, sum(world, 'credentialRefreshFailures')],
  };
  for (const [what, [spans, stats]] of Object.entries(counts)) {
    if (spans !== stats) violations.push(`${spans} spans for ${stats} ${what}`);
  }
}

function checkOpenedSpan(world: TracingWorld, opened: OpenedSpan): void {
  const span = readable(opened);
  const caller = opened.caller as { invocation: number | undefined; sendingRoles: number[] };
  const at = `${opened.name} opened in invocation ${caller.invocation}`;
  if (opened.ends !== 1) world.violations.push(`${at}: ended ${opened.ends} times`);
  const parent = caller.invocation === undefined ? undefined : world.invocations[caller.invocation];
  if (parent === undefined) {
    world.violations.push(`${at}: opened outside every invocation`);
    return;
  }
  const expected = parent.span.spanContext();
  if (
    span.parentSpanContext?.spanId !== expected.spanId ||
    span.spanContext().traceId !== expected.traceId
  ) {
    world.violations.push(
      `${at}: its parent is ${span.parentSpanContext?.spanId}, not ${expected.spanId}`,
    );
  }
  const source = span.attributes[OpenTelemetryAttribute.Source];
  if (opened.name === TraceName.CredentialRefresh && source !== undefined) {
    const role = ROLES.findIndex((each) => each.roleArn === source);
    if (!caller.sendingRoles.includes(role)) {
      world.violations.push(
        `${at}: a refresh of ${source} by an invocation sending through no such role`,
      );
    }
  }
}
