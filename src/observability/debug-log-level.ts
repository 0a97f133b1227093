/** Powertools Logger's thresholds: a line is written when its level's is at least the logger's. */
const THRESHOLDS: ReadonlyMap<string, number> = new Map([
  ['TRACE', 6],
  ['DEBUG', 8],
  ['INFO', 12],
  ['WARN', 16],
  ['ERROR', 20],
  ['CRITICAL', 24],
  ['SILENT', 28],
]);
const DEBUG = 8;

/**
 * False only when a default Powertools Logger built from `env` would surely
 * drop a debug line, so the cache need not build one to find out. It reads
 * the env as Powertools 2 does (values trimmed, names case-sensitive):
 * `AWS_LAMBDA_LOG_LEVEL` (Lambda's advanced logging controls, `FATAL` meaning
 * `CRITICAL`) wins, then `POWERTOOLS_LOG_LEVEL`, then `LOG_LEVEL`, else
 * `INFO`. A debug sample rate (`POWERTOOLS_LOGGER_SAMPLE_RATE`) can turn
 * debug on at random, so any rate but 0 answers true.
 */
export function debugMayLog(env: NodeJS.ProcessEnv): boolean {
  const sampleRate = env.POWERTOOLS_LOGGER_SAMPLE_RATE?.trim();
  if (sampleRate !== undefined && sampleRate !== '' && Number(sampleRate) !== 0) return true;
  const lambda = env.AWS_LAMBDA_LOG_LEVEL?.trim();
  const level =
    THRESHOLDS.get(lambda === 'FATAL' ? 'CRITICAL' : (lambda ?? '')) ??
    THRESHOLDS.get(env.POWERTOOLS_LOG_LEVEL?.trim() || env.LOG_LEVEL?.trim() || '') ??
    THRESHOLDS.get('INFO');
  return level === undefined || level <= DEBUG;
}
