/**
 * A child process a test can freeze (SIGSTOP) and thaw (SIGCONT), as Lambda freezes an execution
 * environment between invocations: spawned with `node --import tsx`, spoken to by stdin lines,
 * heard by stdout lines. Killed on `stop()`; a child also ends when its stdin closes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export interface FrozenChild {
  /** Writes one line to the child's stdin. */
  say(line: string): void;
  /** The next line the child prints (ask before the act that makes it print). */
  nextLine(): Promise<string>;
  freeze(): void;
  thaw(): void;
  stop(): void;
}

export function spawnFreezableChild(script: string, env: NodeJS.ProcessEnv): FrozenChild {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  return {
    say: (line) => void child.stdin.write(`${line}\n`),
    nextLine: () => once(lines, 'line').then(([line]) => String(line)),
    freeze: () => void child.kill('SIGSTOP'),
    thaw: () => void child.kill('SIGCONT'),
    stop() {
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    },
  };
}
