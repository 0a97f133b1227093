/**
 * Captures everything a piece of code writes: `process.stdout` and
 * `process.stderr` (where Powertools Metrics and Logger write, through their
 * own `Console`) and the global `console` (where the X-Ray SDK and Powertools
 * Tracer warn). Nothing captured reaches the terminal.
 */
import { format } from 'node:util';

export interface CapturedOutput {
  /** Bytes written to `process.stdout`, decoded as UTF-8. */
  readonly stdout: string;
  /** Bytes written to `process.stderr`, decoded as UTF-8. */
  readonly stderr: string;
  /** Lines written through the global `console`, one per call. */
  readonly console: string;
  /** All of the above, for scanning every captured byte. */
  readonly all: string;
  /** Puts the real writers back; safe to call twice. */
  stop(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

type Write = typeof process.stdout.write;

function decode(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk).toString('utf8');
  return String(chunk);
}

function recordingWrite(sink: string[]): Write {
  return ((chunk: unknown, ...rest: unknown[]) => {
    sink.push(decode(chunk));
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as Write;
}

/** Starts capturing; call `stop()` (or use `captureDuring`) to restore. */
export function captureOutput(): CapturedOutput {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const consoleLines: string[] = [];
  const realStdout = process.stdout.write;
  const realStderr = process.stderr.write;
  const realConsole = CONSOLE_METHODS.map((method) => [method, console[method]] as const);
  process.stdout.write = recordingWrite(stdout);
  process.stderr.write = recordingWrite(stderr);
  for (const method of CONSOLE_METHODS) {
    console[method] = (...args: unknown[]) => {
      consoleLines.push(`${format(...args)}\n`);
    };
  }
  let stopped = false;
  return {
    get stdout() {
      return stdout.join('');
    },
    get stderr() {
      return stderr.join('');
    },
    get console() {
      return consoleLines.join('');
    },
    get all() {
      return [...stdout, ...stderr, ...consoleLines].join('');
    },
    stop() {
      if (stopped) return;
      stopped = true;
      process.stdout.write = realStdout;
      process.stderr.write = realStderr;
      for (const [method, real] of realConsole) console[method] = real;
    },
  };
}

/** Runs `act` with output captured, and restores the writers even when it throws. */
export async function captureDuring<Result>(
  act: () => Result | Promise<Result>,
): Promise<{ result: Result; output: CapturedOutput }> {
  const output = captureOutput();
  try {
    const result = await act();
    return { result, output };
  } finally {
    output.stop();
  }
}
