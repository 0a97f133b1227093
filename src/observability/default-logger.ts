import { Logger } from '@aws-lambda-powertools/logger';

let logger: Logger | undefined;

/** The cache's own logger, made on first use; follows POWERTOOLS_LOG_LEVEL and POWERTOOLS_SERVICE_NAME. */
export function defaultLogger(): Logger {
  logger ??= new Logger();
  return logger;
}
