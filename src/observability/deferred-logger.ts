import { debugMayLog } from './debug-log-level.js';
import { powertoolsLogger } from './load-powertools.js';
import type { LogAttributes, LoggerLike } from './powertools-types.js';

type Level = 'debug' | 'warn';

/**
 * The cache's own Powertools Logger, built when there is something to log:
 * a cache that only hits and misses at the default level never imports
 * Powertools. A debug line is dropped before anything loads when the env
 * says a default Logger would drop it (`debugMayLog`); anything else builds
 * the Logger, which then decides as it always does. Under ESM the first line
 * waits for the import (milliseconds) and the lines keep their order.
 */
export class DeferredLogger implements LoggerLike {
  readonly #debugMayLog: boolean;
  #logger: LoggerLike | undefined;
  #waiting: [Level, string, LogAttributes][] | undefined;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.#debugMayLog = debugMayLog(env);
  }

  debug(message: string, attributes: LogAttributes): void {
    if (this.#logger !== undefined) this.#logger.debug(message, attributes);
    else if (this.#debugMayLog) this.#write('debug', message, attributes);
  }

  warn(message: string, attributes: LogAttributes): void {
    this.#write('warn', message, attributes);
  }

  #write(level: Level, message: string, attributes: LogAttributes): void {
    if (this.#logger !== undefined) {
      this.#logger[level](message, attributes);
      return;
    }
    if (this.#waiting !== undefined) {
      this.#waiting.push([level, message, attributes]);
      return;
    }
    try {
      const loaded = powertoolsLogger.get();
      if (!(loaded instanceof Promise)) {
        this.#logger = new loaded.Logger();
        this.#logger[level](message, attributes);
        return;
      }
      const waiting: [Level, string, LogAttributes][] = [[level, message, attributes]];
      this.#waiting = waiting;
      loaded.then(
        ({ Logger }) => this.#arrived(() => new Logger(), waiting),
        (error: unknown) => this.#arrived(() => consoleLogger(error, this.#debugMayLog), waiting),
      );
    } catch (error) {
      this.#logger = consoleLogger(error, this.#debugMayLog);
      this.#logger[level](message, attributes);
    }
  }

  #arrived(build: () => LoggerLike, waiting: [Level, string, LogAttributes][]): void {
    let logger: LoggerLike;
    try {
      logger = build();
    } catch (error) {
      logger = consoleLogger(error, this.#debugMayLog);
    }
    this.#logger = logger;
    this.#waiting = undefined;
    for (const [level, message, attributes] of waiting) logger[level](message, attributes);
  }
}

/**
 * Where lines go when no Powertools Logger can be built (a missing package,
 * an env value Powertools rejects): the console, so a warning is never lost.
 */
function consoleLogger(cause: unknown, debugOn: boolean): LoggerLike {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const write = (level: Level) => (message: string, attributes: LogAttributes) =>
    console[level](JSON.stringify({ level: level.toUpperCase(), message, ...attributes }));
  console.warn(`aws-client-cache: no Powertools Logger (${reason}); logging to the console`);
  return { debug: debugOn ? write('debug') : () => {}, warn: write('warn') };
}
