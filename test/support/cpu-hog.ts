/**
 * Starves the CPU for a test: busy-looping child processes, as a shared CI machine or a Lambda
 * function's fraction of a core starve the code under test. Each child stops by itself after
 * `maxMs`, so a hog outlives neither its test nor a crashed jest worker by more than that.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

export interface CpuHog {
  /** Kills the loops still running and waits until they are gone. */
  stop(): Promise<void>;
}

export function startCpuHog({ processes = 4, maxMs = 30_000 } = {}): CpuHog {
  const loops: ChildProcess[] = Array.from({ length: processes }, () =>
    spawn(
      process.execPath,
      ['-e', `const end = Date.now() + ${maxMs}; while (Date.now() < end);`],
      {
        stdio: 'ignore',
      },
    ),
  );
  return {
    async stop() {
      await Promise.all(
        loops.map(async (loop) => {
          if (loop.exitCode !== null || loop.signalCode !== null) return;
          const exited = once(loop, 'exit');
          loop.kill('SIGKILL');
          await exited;
        }),
      );
    },
  };
}
