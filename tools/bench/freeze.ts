/**
 * P8: requests after a freeze. A handler process warms its pool with 20 concurrent Invokes, is
 * stopped (SIGSTOP, as Lambda freezes an execution environment) for 3 s, past the endpoint's 2 s
 * keep-alive, so the server closes every idle socket while it cannot read the close; it is then
 * thawed (SIGCONT) and invokes 20 at once. Counted, never timed: calls that failed, calls that
 * needed a second attempt, Invokes the endpoint received against the 40 sent (more would be a
 * resend), connections reset. Its own endpoint on 127.0.0.1; each round bounded.
 * Alone: npx tsx tools/bench/freeze.ts [rounds] [--plain] (this Node; `--plain`: the control, which
 * must show retried attempts).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { type LocalAws, startLocalAws } from '../local-aws/index.js';
import { type BenchResult, printTable } from './report.js';
import { isMain } from './timing.js';

const CHILD = fileURLToPath(new URL('./freeze-child.ts', import.meta.url));
const CONCURRENCY = 20;
const KEEP_ALIVE_MS = 2000;
const FREEZE_MS = 3000;
const ROUND_TIMEOUT_MS = 30_000;

interface Round {
  readonly failures: number;
  readonly retried: number;
  readonly invokesReceived: number;
  readonly resets: number;
  /** TLS handshakes: as many again after the thaw shows the server closed the idle sockets. */
  readonly handshakes: number;
}

async function round(endpoint: LocalAws, node: string, plainClient: boolean): Promise<Round> {
  const child = spawn(node, ['--import', 'tsx', CHILD], {
    env: {
      ...process.env,
      ...endpoint.env,
      FREEZE_CONCURRENCY: String(CONCURRENCY),
      FREEZE_PLAIN_CLIENT: plainClient ? '1' : '',
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  // A child that dies (or is killed at the bound) closes its stdout: the round fails, never hangs.
  const ended = once(lines, 'close').then(() => {
    throw new Error('P8: the child exited before it reported');
  });
  ended.catch(() => {});
  const nextLine = () => Promise.race([once(lines, 'line').then(([line]) => String(line)), ended]);
  const bound = setTimeout(() => child.kill('SIGKILL'), ROUND_TIMEOUT_MS);
  try {
    if ((await nextLine()) !== 'warm') throw new Error('P8: the child did not warm its pool');
    child.kill('SIGSTOP');
    await delay(FREEZE_MS);
    const report = nextLine();
    child.stdin.write('go\n');
    child.kill('SIGCONT');
    const outcome = JSON.parse(await report) as { failures: number; retried: number };
    return {
      ...outcome,
      invokesReceived: endpoint.stats.requests('Lambda.Invoke'),
      resets: endpoint.stats.resets(),
      handshakes: endpoint.stats.handshakes('lambda'),
    };
  } finally {
    clearTimeout(bound);
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
}

/**
 * `rounds` fresh handler processes on the Node binary `node` (`runtime` names it in the row).
 * `plainClient`: the control, a plain SDK client over a keep-alive agent in place of the getter's.
 */
export async function measureFreeze(
  rounds: number,
  node: string,
  runtime: string,
  { plainClient = false }: { plainClient?: boolean } = {},
): Promise<BenchResult> {
  const endpoint = await startLocalAws({
    functions: { echo: (event) => event },
    keepAliveTimeoutMs: KEEP_ALIVE_MS,
  });
  const results: Round[] = [];
  try {
    for (let index = 0; index < rounds; index++) {
      endpoint.stats.reset();
      results.push(await round(endpoint, node, plainClient));
    }
  } finally {
    await endpoint.stop();
  }
  const sum = (field: keyof Round): number => results.reduce((total, r) => total + r[field], 0);
  const sent = 2 * CONCURRENCY * rounds;
  return {
    id: 'P8',
    name: `${runtime}${plainClient ? ', control: a plain SDK client' : ''}: requests after a freeze: ${CONCURRENCY} warm sockets, stopped ${FREEZE_MS / 1000} s past a ${KEEP_ALIVE_MS / 1000} s keep-alive, ${CONCURRENCY} Invokes at once on thaw (${rounds} ${rounds === 1 ? 'round' : 'rounds'}, each a fresh process${plainClient ? '' : ' through getLambdaClient'})`,
    measured: `${sum('failures')} failures, ${sum('retried')} retried attempts, ${sum('invokesReceived')} Invokes received for ${sent} sent, ${sum('resets')} connections reset, ${sum('handshakes')} TLS handshakes (the server closed every idle socket during each freeze)`,
    target: '0 errors, 0 retried attempts, nothing resent',
    pass: sum('failures') === 0 && sum('retried') === 0 && sum('invokesReceived') === sent,
    series: results,
  };
}

if (isMain(import.meta.url)) {
  const plainClient = process.argv.includes('--plain');
  const [rounds = '5'] = process.argv.slice(2).filter((arg) => arg !== '--plain');
  const runtime = `Node ${process.versions.node.split('.')[0]}`;
  printTable([await measureFreeze(Number(rounds), process.execPath, runtime, { plainClient })]);
}
