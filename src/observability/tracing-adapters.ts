// The tracing adapters, loaded together and only when a cache is given a
// tracer (`tracing.ts`): one module, so the ESM build splits them into one
// file that a handler without a tracer never loads.
export { openTelemetryTracing } from './otel-span.js';
export { xrayTracing } from './trace-subsegment.js';
