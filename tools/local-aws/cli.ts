/**
 * Runs the local AWS endpoint as its own process (tools/local-aws/README.md says what it emulates):
 *
 *   npx tsx tools/local-aws/cli.ts [--cost-explorer-pages N]
 *     [--latency-ms N] [--handshake-latency-ms N]
 *
 * From a parent process, spawn `process.execPath` with `['--import', 'tsx', <this file>]` rather
 * than npx: it starts faster and receives SIGTERM itself (npx dies of the signal instead).
 *
 * The first stdout line is the endpoint's env as JSON; merge it into the env of the processes
 * that should use the endpoint. Further stdin lines are JSON commands (see cli-commands.ts), each
 * answered by one stdout line. It stops on SIGTERM, SIGINT, or when a piped stdin closes, so it
 * never outlives the parent that spawned it with `stdio: 'pipe'`.
 * A Lambda function named `echo` is registered; it returns `{ echo: <event> }`.
 */
import { fstatSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serveCliCommands } from './cli-commands.js';
import { startLocalAws } from './local-aws.js';
import { SERVICE_NAMES } from './services.js';

const { values } = parseArgs({
  options: {
    'cost-explorer-pages': { type: 'string' },
    'latency-ms': { type: 'string' },
    'handshake-latency-ms': { type: 'string' },
  },
});

const optionalInteger = (value: string | undefined): number | undefined =>
  value === undefined ? undefined : Number(value);

const latencyMs = optionalInteger(values['latency-ms']);
const handshakeLatencyMs = optionalInteger(values['handshake-latency-ms']);
const endpoint = await startLocalAws({
  costExplorerPages: optionalInteger(values['cost-explorer-pages']),
  functions: { echo: (event) => ({ echo: event }) },
  faults: Object.fromEntries(
    SERVICE_NAMES.map((service) => [service, { latencyMs, handshakeLatencyMs }]),
  ),
});

let stopping = false;
const stop = async (): Promise<void> => {
  if (stopping) {
    return;
  }
  stopping = true;
  await endpoint.stop();
  process.exit(0);
};

process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(`${JSON.stringify(endpoint.env)}\n`);
// Only a pipe or socket from a parent can close; a terminal or /dev/null stdin is left alone
// (/dev/null would read as closed at once).
const stdin = fstatSync(0);
if (stdin.isFIFO() || stdin.isSocket()) {
  serveCliCommands(endpoint, process.stdin, process.stdout);
  process.stdin.once('end', stop);
}
