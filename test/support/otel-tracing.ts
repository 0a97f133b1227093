import { context, DiagLogLevel, diag, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface OtelTracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: BasicTracerProvider;
  /** What the SDK's diagnostics warned about: ending a span twice is one. */
  readonly diagnostics: string[];
  spans(): ReadableSpan[];
}

/**
 * An OpenTelemetry SDK for the tests of one file, as a Lambda with the ADOT
 * layer has one: a tracer provider whose ended spans land in memory, and an
 * AsyncLocalStorage context manager, so the active span follows awaits.
 */
export function useOtelTracing(): OtelTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const diagnostics: string[] = [];
  const record = (...args: unknown[]) => diagnostics.push(args.map(String).join(' '));
  beforeAll(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    diag.setLogger(
      { error: record, warn: record, info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
  });
  beforeEach(() => {
    exporter.reset();
    diagnostics.length = 0;
  });
  afterAll(async () => {
    await provider.shutdown();
    context.disable();
    trace.disable();
    diag.disable();
  });
  return { exporter, provider, diagnostics, spans: () => exporter.getFinishedSpans() };
}

/** Every attribute, event and status of every span, as text, to scan for secrets. */
export function spansAsText(spans: readonly ReadableSpan[]): string {
  return spans
    .map((span) =>
      JSON.stringify({
        name: span.name,
        attributes: span.attributes,
        events: span.events,
        status: span.status,
        links: span.links,
      }),
    )
    .join('\n');
}
