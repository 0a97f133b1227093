/**
 * Covers the cache's own logger, built on first need: the level check that
 * lets a debug line be dropped before Powertools is loaded must never drop a
 * line a default Powertools Logger would write (an oracle: a real Logger
 * built under the same env), and the first line that is written goes
 * through a real Powertools Logger, in order.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import fc from 'fast-check';
import { debugMayLog } from '../../../src/observability/debug-log-level.js';
import { DeferredLogger } from '../../../src/observability/deferred-logger.js';
import { captureDuring } from '../../support/capture-output.js';
import { isolateEnv, setEnv } from '../../support/env.js';
import { propertyParameters } from '../../support/property-run.js';

isolateEnv();

const LEVEL_VARS = [
  'AWS_LAMBDA_LOG_LEVEL',
  'POWERTOOLS_LOG_LEVEL',
  'LOG_LEVEL',
  'POWERTOOLS_LOGGER_SAMPLE_RATE',
] as const;
const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT', 'FATAL'];
const levelValue = fc.option(
  fc.oneof(
    fc.constantFrom(...LEVELS),
    fc.constantFrom(...LEVELS).map((level) => level.toLowerCase()),
    fc.constantFrom(' DEBUG ', '', 'bogus', 'constructor'),
  ),
  { nil: undefined },
);
const envArbitrary = fc.record({
  AWS_LAMBDA_LOG_LEVEL: levelValue,
  POWERTOOLS_LOG_LEVEL: levelValue,
  LOG_LEVEL: levelValue,
  POWERTOOLS_LOGGER_SAMPLE_RATE: fc.option(fc.constantFrom('0', '1', '0.5', ''), {
    nil: undefined,
  }),
});

/** Whether a default Powertools Logger built under the current env writes a debug line. */
async function powertoolsWritesDebug(): Promise<boolean> {
  const { output } = await captureDuring(() => {
    new Logger().debug('probe-line');
  });
  return output.all.includes('probe-line');
}

it('never drops a debug line that a default Powertools Logger would write', async () => {
  await fc.assert(
    fc.asyncProperty(envArbitrary, async (env) => {
      // Prepare
      for (const name of LEVEL_VARS) delete process.env[name];
      setEnv(env);

      // Act
      const written = await powertoolsWritesDebug();

      // Assess
      if (written) expect(debugMayLog(process.env)).toBe(true);
    }),
    propertyParameters(300, 20),
  );
});

it('answers as Powertools does for the cases that decide it', () => {
  // Assess: a case with one known answer asserts that answer
  expect(debugMayLog({})).toBe(false);
  expect(debugMayLog({ POWERTOOLS_LOG_LEVEL: 'DEBUG' })).toBe(true);
  expect(debugMayLog({ LOG_LEVEL: 'TRACE' })).toBe(true);
  expect(debugMayLog({ AWS_LAMBDA_LOG_LEVEL: 'INFO', POWERTOOLS_LOG_LEVEL: 'DEBUG' })).toBe(false);
  // Lambda's value is case-sensitive: an invalid one leaves the decision to POWERTOOLS_LOG_LEVEL.
  expect(debugMayLog({ AWS_LAMBDA_LOG_LEVEL: 'info', POWERTOOLS_LOG_LEVEL: 'DEBUG' })).toBe(true);
  expect(debugMayLog({ POWERTOOLS_LOG_LEVEL: 'bogus', LOG_LEVEL: 'DEBUG' })).toBe(false);
  expect(debugMayLog({ POWERTOOLS_LOGGER_SAMPLE_RATE: '0.1' })).toBe(true);
});

it('writes through a Powertools Logger, in order, once something is logged', async () => {
  // Prepare
  setEnv({ POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_SERVICE_NAME: 'deferred-test' });
  const logger = new DeferredLogger(process.env);

  // Act
  const { output } = await captureDuring(() => {
    logger.debug('first', { n: 1 });
    logger.warn('second', { n: 2 });
  });

  // Assess
  const lines = output.all
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; message: string; service: string });
  expect(lines.map(({ level, message }) => [level, message])).toEqual([
    ['DEBUG', 'first'],
    ['WARN', 'second'],
  ]);
  expect(lines[0]?.service).toBe('deferred-test');
});

it('drops a debug line at the default level without building a Logger', async () => {
  // Prepare
  for (const name of LEVEL_VARS) delete process.env[name];
  const logger = new DeferredLogger(process.env);

  // Act
  const { output } = await captureDuring(() => {
    logger.debug('quiet', {});
  });

  // Assess
  expect(output.all).toBe('');
});
