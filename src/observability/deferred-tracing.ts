import type { Tracing } from './trace-unit.js';

/**
 * A tracer's adapter while the ESM build imports it (milliseconds, started
 * when the cache is built with the tracer). A unit opened meanwhile is not
 * traced: at a Lambda cold start that is module scope, where X-Ray has no
 * segment to put it under anyway. A client built meanwhile is instrumented
 * when the adapter arrives, before the first invocation can send with it;
 * the clients are held until then, and not after.
 */
export function deferredTracing(arriving: Promise<Tracing>): Tracing {
  let ready: Tracing | undefined;
  let waiting: object[] | undefined = [];
  arriving.then(
    (tracing) => {
      ready = tracing;
      const built = waiting ?? [];
      waiting = undefined;
      // The adapters instrument a client in place (X-Ray adds middleware to its stack).
      for (const client of built) tracing.instrumentClient(client);
    },
    () => {
      // Our own module failed to load: nothing can be traced, and nothing is held.
      waiting = undefined;
    },
  );
  return {
    open: (name) => ready?.open(name),
    instrumentClient<Client>(client: Client): Client {
      if (ready !== undefined) return ready.instrumentClient(client);
      waiting?.push(client as object);
      return client;
    },
  };
}
