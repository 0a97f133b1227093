import type { TraceUnit, Tracing } from './trace-unit.js';

/** Runs one call into the user's tracer; a throw there is the tracer's, never the caller's. */
function quietly(call: () => void): void {
  try {
    call();
  } catch {
    // Tracing must never break a getter or a credential fetch.
  }
}

function guardedUnit(unit: TraceUnit): TraceUnit {
  return {
    set: (field, value) => quietly(() => unit.set(field, value)),
    fail: (error) => quietly(() => unit.fail(error)),
    // The observer ends each unit once (in a finally); a tracer that throws here is not asked again.
    end: () => quietly(() => unit.end()),
  };
}

/**
 * The adapter with every call into the user's tracer fenced off: a tracer
 * (or a span or subsegment it hands out) that throws loses that record,
 * and the getter or fetch it was recording goes on as without a tracer.
 * A client whose instrumentation threw, or came back as something other
 * than an object, is handed out as built.
 */
export function guardedTracing(tracing: Tracing): Tracing {
  return {
    open(name) {
      try {
        const unit = tracing.open(name);
        return unit === undefined ? undefined : guardedUnit(unit);
      } catch {
        return undefined;
      }
    },
    instrumentClient<Client>(client: Client): Client {
      try {
        const instrumented = tracing.instrumentClient(client);
        return typeof instrumented === 'object' && instrumented !== null ? instrumented : client;
      } catch {
        return client;
      }
    },
  };
}
