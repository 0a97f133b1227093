import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ServiceFaults } from './fault-settings.js';
import type { LocalAws } from './local-aws.js';
import { isServiceName, type ServiceName } from './services.js';

/**
 * One line of JSON on the CLI's stdin. Every command is answered by one line of JSON on stdout:
 * `{"ok":true,...}` or `{"ok":false,"error":"..."}`.
 *
 * @example
 * {"command":"faults","service":"s3","faults":{"latencyMs":20}}
 */
type CliCommand =
  | { readonly command: 'stats' }
  | { readonly command: 'resetStats' }
  | { readonly command: 'faults'; readonly service: string; readonly faults: ServiceFaults }
  | { readonly command: 'clearFaults'; readonly service?: string }
  | { readonly command: 'dropIdleConnections'; readonly service?: string };

const serviceOrAll = (service: string | undefined): ServiceName | undefined => {
  if (service === undefined || isServiceName(service)) {
    return service;
  }
  throw new TypeError(
    `\`service\` must be one of sts, s3, eventbridge, costexplorer, lambda, got "${service}"`,
  );
};

const run = (endpoint: LocalAws, command: CliCommand): Record<string, unknown> => {
  switch (command.command) {
    case 'stats':
      return { stats: endpoint.stats.snapshot() };
    case 'resetStats':
      endpoint.stats.reset();
      return {};
    case 'faults': {
      const service = serviceOrAll(command.service);
      if (service === undefined) {
        throw new TypeError('`service` is required by the faults command');
      }
      endpoint.faults.set(service, command.faults);
      return {};
    }
    case 'clearFaults':
      endpoint.faults.clear(serviceOrAll(command.service));
      return {};
    case 'dropIdleConnections':
      return { dropped: endpoint.dropIdleConnections(serviceOrAll(command.service)) };
    default:
      throw new TypeError(
        `\`command\` must be stats, resetStats, faults, clearFaults or dropIdleConnections`,
      );
  }
};

/**
 * Lets a parent process steer an endpoint running in a child process (benchmarks keep it out of
 * their own event loop), reading commands from `input` until it ends.
 */
export const serveCliCommands = (endpoint: LocalAws, input: Readable, output: Writable): void => {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  lines.on('line', (line) => {
    if (line.trim() === '') {
      return;
    }
    let reply: Record<string, unknown>;
    try {
      reply = { ok: true, ...run(endpoint, JSON.parse(line) as CliCommand) };
    } catch (error) {
      reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    output.write(`${JSON.stringify(reply)}\n`);
  });
};
