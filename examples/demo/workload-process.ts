import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DemoMode, WorkloadCommand, WorkloadMessage } from './workload-protocol.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STDERR_KEPT_BYTES = 8_000;

type Batch = Extract<WorkloadMessage, { type: 'batch' }>;
type Totals = Extract<WorkloadMessage, { type: 'totals' }>;

const isEmfLine = (line: string): boolean => {
  if (!line.startsWith('{')) return false;
  try {
    return typeof (JSON.parse(line) as { _aws?: unknown })._aws === 'object';
  } catch {
    return false;
  }
};

/**
 * One mode's warm container: `examples/demo/workload.ts` in its own Node process, started with `env` (the
 * endpoint's, carrying NODE_EXTRA_CA_CERTS) and driven one batch at a time.
 */
export class WorkloadProcess {
  readonly mode: DemoMode;
  /** The EMF documents it printed, one JSON line each. */
  readonly emfLines: string[] = [];
  readonly #child: ChildProcess;
  readonly #messages: WorkloadMessage[] = [];
  readonly #waiters: Array<() => void> = [];
  #stderr = '';
  #onProgress: (done: number) => void = () => undefined;

  constructor(mode: DemoMode, roles: number, env: NodeJS.ProcessEnv) {
    this.mode = mode;
    this.#child = spawn(
      process.execPath,
      ['--import', 'tsx', 'examples/demo/workload.ts', '--mode', mode, '--roles', String(roles)],
      { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
    );
    const { stdout, stderr } = this.#child;
    if (stdout === null || stderr === null) throw new Error('the workload process has no pipes');
    createInterface({ input: stdout }).on('line', (line) => {
      if (isEmfLine(line)) this.emfLines.push(line);
    });
    stderr.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-STDERR_KEPT_BYTES);
    });
    this.#child.on('message', (message: WorkloadMessage) => {
      if (message.type === 'progress') {
        this.#onProgress(message.done);
        return;
      }
      this.#messages.push(message);
      this.#waiters.shift()?.();
    });
    this.#child.once('exit', () => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** The tail of its stderr, for when it fails. */
  get stderr(): string {
    return this.#stderr;
  }

  async ready(): Promise<void> {
    await this.#next('ready');
  }

  /** Runs leases `from` to `to - 1`; resolves with the batch's latencies and errors. */
  async run(
    from: number,
    to: number,
    concurrency: number,
    onProgress: (done: number) => void,
  ): Promise<Batch> {
    this.#onProgress = onProgress;
    this.#send({ type: 'run', from, to, concurrency });
    return this.#next('batch');
  }

  /** Asks for the totals, then waits for the process to exit with every line of stdout read. */
  async finish(): Promise<Totals> {
    const exited = once(this.#child, 'close');
    this.#send({ type: 'finish' });
    const totals = await this.#next('totals');
    await exited;
    return totals;
  }

  get #running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  #send(command: WorkloadCommand): void {
    if (!this.#child.connected) throw new Error(`the ${this.mode} workload exited early`);
    this.#child.send(command);
  }

  async #next<Type extends WorkloadMessage['type']>(
    type: Type,
  ): Promise<Extract<WorkloadMessage, { type: Type }>> {
    if (this.#messages.length === 0 && this.#running) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    const message = this.#messages.shift();
    if (message?.type !== type) {
      throw new Error(
        `the ${this.mode} workload ${message === undefined ? 'exited' : `sent ${message.type}`} instead of ${type}`,
      );
    }
    return message as Extract<WorkloadMessage, { type: Type }>;
  }
}
