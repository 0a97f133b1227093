/**
 * A stand-in X-Ray daemon: a UDP listener on 127.0.0.1 (ephemeral port) that
 * collects what the X-Ray SDK sends. Each datagram is the header line
 * `{"format":"json","version":1}` and a newline, then one segment or
 * subsegment document; a datagram without that header is kept as an error.
 */
import { createSocket, type Socket } from 'node:dgram';
import { scaledTimeout } from './cpu-contention.js';

const HEADER = { format: 'json', version: 1 } as const;

/** The fields of a (sub)segment document the tests read. */
export interface XRayDocument {
  readonly id: string;
  readonly name: string;
  readonly trace_id?: string;
  readonly parent_id?: string;
  readonly type?: string;
  readonly start_time?: number;
  readonly end_time?: number;
  readonly in_progress?: boolean;
  readonly error?: boolean;
  readonly fault?: boolean;
  readonly cause?: unknown;
  readonly annotations?: Readonly<Record<string, string | number | boolean>>;
  readonly metadata?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly [field: string]: unknown;
}

export interface XRayDaemon {
  /** `127.0.0.1:<port>`, for `AWS_XRAY_DAEMON_ADDRESS`. */
  readonly address: string;
  /** Every document received so far, in arrival order. */
  readonly documents: readonly XRayDocument[];
  /** The raw datagrams, header included, for scanning every received byte. */
  readonly raw: readonly string[];
  /** Datagrams that did not follow the daemon protocol. */
  readonly malformed: readonly string[];
  /** Resolves with the documents once `predicate` holds, or rejects after `timeoutMs`. */
  waitFor(
    predicate: (documents: readonly XRayDocument[]) => boolean,
    timeoutMs?: number,
  ): Promise<readonly XRayDocument[]>;
  /** Waits `ms` for stray datagrams, for asserting that nothing arrives. */
  settle(ms?: number): Promise<readonly XRayDocument[]>;
  /** Forgets everything received so far. */
  clear(): void;
  close(): Promise<void>;
}

function parseDatagram(text: string): XRayDocument | undefined {
  const newline = text.indexOf('\n');
  if (newline < 0) return undefined;
  try {
    const header = JSON.parse(text.slice(0, newline)) as Record<string, unknown>;
    if (header.format !== HEADER.format || header.version !== HEADER.version) return undefined;
    const document = JSON.parse(text.slice(newline + 1)) as XRayDocument;
    return typeof document.id === 'string' && typeof document.name === 'string'
      ? document
      : undefined;
  } catch {
    return undefined;
  }
}

export async function startXRayDaemon(): Promise<XRayDaemon> {
  const socket: Socket = createSocket('udp4');
  const documents: XRayDocument[] = [];
  const raw: string[] = [];
  const malformed: string[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (message) => {
    const text = message.toString('utf8');
    raw.push(text);
    const document = parseDatagram(text);
    if (document === undefined) malformed.push(text);
    else documents.push(document);
    for (const wake of waiters) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  socket.unref();
  const { port } = socket.address();
  const settle = (ms = 100) =>
    new Promise<readonly XRayDocument[]>((resolve) => {
      setTimeout(() => resolve(documents), ms).unref();
    });
  return {
    address: `127.0.0.1:${port}`,
    documents,
    raw,
    malformed,
    settle,
    waitFor(predicate, timeoutMs = scaledTimeout(2000)) {
      if (predicate(documents)) return Promise.resolve(documents);
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (!predicate(documents)) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(documents);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const names = documents.map((document) => document.name).join(', ');
          reject(new Error(`X-Ray daemon: condition not met in ${timeoutMs} ms; got [${names}]`));
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    clear() {
      documents.length = 0;
      raw.length = 0;
      malformed.length = 0;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * Options for the tests' Powertools Tracer. HTTP capture is off: it patches
 * the process-wide http, https and fetch, which would outlive a test file in
 * a shared jest worker, and the cache's subsegments need none of it.
 */
export const TRACER_OPTIONS = { serviceName: 'svc', captureHTTPsRequests: false } as const;

/** The ids of one Lambda invocation's trace, and its `_X_AMZN_TRACE_ID` header. */
export interface TraceContext {
  /** `1-<8 hex>-<24 hex>`: the trace id every document must carry. */
  readonly root: string;
  /** 16 hex: the facade segment's id, the parent of the cache's subsegments. */
  readonly parent: string;
  readonly header: string;
}

function hex(length: number): string {
  let text = '';
  while (text.length < length) text += Math.floor(Math.random() * 16).toString(16);
  return text;
}

/** A fresh, sampled trace, as Lambda would set it for one invocation. */
export function newTraceContext(): TraceContext {
  const epochSeconds = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  const root = `1-${epochSeconds}-${hex(24)}`;
  const parent = hex(16);
  return { root, parent, header: `Root=${root};Parent=${parent};Sampled=1` };
}

/**
 * What Lambda sets for a traced function, pointed at `daemon`. The X-Ray SDK
 * reads these when it is imported and Powertools Tracer when it is
 * constructed, so set them before either.
 */
export function lambdaTracingEnv(
  daemon: Pick<XRayDaemon, 'address'>,
  trace: TraceContext,
): Record<string, string> {
  return {
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: 'test-fn',
    LAMBDA_TASK_ROOT: process.cwd(),
    _X_AMZN_TRACE_ID: trace.header,
    AWS_XRAY_DAEMON_ADDRESS: daemon.address,
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
    AWS_REGION: 'us-east-1',
  };
}
