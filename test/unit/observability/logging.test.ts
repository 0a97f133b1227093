/**
 * Covers the cache's logs through a user's Powertools Logger at DEBUG: a
 * run over static credentials, a role, evictions, expirations, credential
 * refreshes (one failing) and config errors logs each event (debug for
 * create, evict, expire and refresh; warn for the failed refresh), and not
 * one captured byte carries an access key id, secret or session token;
 * neither does any thrown error.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { configureClientCache, getS3Client } from '../../../src/all.js';
import type { CredentialIdentity } from '../../../src/config/client-cache-config.js';
import { type CapturedOutput, captureDuring } from '../../support/capture-output.js';
import { createTestClock, type TestClock } from '../../support/clock.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { refreshingThroughObserver } from '../../support/refreshing.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ROLE = 'arn:aws:iam::123456789012:role/LoggingRole';

interface LogLine {
  readonly level: string;
  readonly message: string;
  readonly [attribute: string]: unknown;
}

/** Distinctive credentials, so any leak of them is unmistakable. */
function distinctiveCredentials(): Required<Omit<CredentialIdentity, 'expiration'>> {
  return {
    accessKeyId: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: `FwoGZXIvYXdzE${randomBytes(48).toString('base64')}`,
  };
}

function logLines(output: CapturedOutput): LogLine[] {
  return `${output.stdout}\n${output.stderr}`
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes('"level"'))
    .map((line) => JSON.parse(line) as LogLine);
}

useFreshCache({ env: { POWERTOOLS_LOG_LEVEL: 'DEBUG', POWERTOOLS_DEV: undefined } });
let logger: Logger;
let clock: TestClock;

beforeEach(() => {
  clock = createTestClock();
  logger = new Logger({ logLevel: 'DEBUG', serviceName: 'log-test' });
  configureClientCache({
    logger,
    now: clock.now,
    maxEntries: 1,
    ttlSeconds: 60,
  });
});

const refreshing = (fetch: () => Promise<CredentialIdentity>) =>
  refreshingThroughObserver(ROLE, fetch, clock.now, { logger });

/** Everything a handler might do with credentials, collecting what it throws. */
async function runEverything(secrets: ReturnType<typeof distinctiveCredentials>) {
  const thrown: unknown[] = [];
  const attempt = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      thrown.push(error);
    }
  };
  getS3Client({ credentials: secrets, region: 'eu-west-1' });
  getS3Client({ roleArn: ROLE, region: 'eu-west-1' });
  getS3Client({ credentials: secrets, region: 'eu-west-2' });
  clock.advance(61_000);
  getS3Client({ credentials: secrets, region: 'eu-west-2' });
  await refreshing(async () => ({ ...secrets, expiration: clock.now() + HOUR })).provide();
  const failing = refreshing(async () => {
    throw new Error('fetch failed');
  });
  await failing.provide().catch((error: unknown) => thrown.push(error));
  const { secretAccessKey, accessKeyId, sessionToken } = secrets;
  const bad = [
    { accessKeyId, secretAccessKey: 42 },
    { accessKeyId: '', secretAccessKey },
    { accessKeyId: 7, secretAccessKey, sessionToken },
    { accessKeyId, secretAccessKey, sessionToken: 9 },
    { accessKeyId, secretAccessKey, sessionToken, expiration: 'tomorrow' },
    { accessKeyId, secretAccessKey, sessionToken, expiration: clock.now() - 1 },
    secretAccessKey,
  ];
  for (const credentials of bad) attempt(() => getS3Client({ credentials } as never));
  attempt(() => getS3Client({ credentials: secrets, region: 'not-a-region' }));
  return thrown;
}

it('logs create, evict, expire and refresh at debug and a failed refresh at warn', async () => {
  // Prepare
  const secrets = distinctiveCredentials();

  // Act
  const { output } = await captureDuring(() => runEverything(secrets));

  // Assess
  const lines = logLines(output);
  const seen = (level: string, message: string, fields: Record<string, unknown> = {}) =>
    lines.some(
      (line) =>
        line.level === level &&
        line.message === message &&
        Object.entries(fields).every(([key, value]) => line[key] === value),
    );
  expect(seen('DEBUG', 'aws-client-cache: client created', { clientType: 'S3' })).toBe(true);
  expect(seen('DEBUG', 'aws-client-cache: client dropped', { reason: 'capacity' })).toBe(true);
  expect(seen('DEBUG', 'aws-client-cache: client dropped', { reason: 'expired' })).toBe(true);
  expect(seen('DEBUG', 'aws-client-cache: credentials refreshed', { source: ROLE })).toBe(true);
  expect(seen('WARN', 'aws-client-cache: credential refresh failed', { source: ROLE })).toBe(true);
});

it('writes no access key id, secret or session token anywhere', async () => {
  // Prepare
  const secrets = distinctiveCredentials();

  // Act
  const { output } = await captureDuring(() => runEverything(secrets));

  // Assess
  expect(logLines(output).length).toBeGreaterThan(5);
  for (const secret of Object.values(secrets)) expect(output.all).not.toContain(secret);
});

it('throws errors that never carry a secret, for every bad credential', async () => {
  // Prepare
  const secrets = distinctiveCredentials();

  // Act
  const { result: thrown } = await captureDuring(() => runEverything(secrets));

  // Assess
  // Each case has one answer: the failed refresh, then every bad credential and the bad region.
  const config = 'ClientCacheConfigError';
  const credentials = 'ClientCacheCredentialsError';
  expect((thrown as Error[]).map((error) => error.name)).toEqual([
    credentials,
    ...[config, config, config, config, config],
    credentials,
    config,
    config,
  ]);
  for (const error of thrown as Error[]) {
    const seen = [error.message, error.stack, JSON.stringify(error), String(error.cause)].join();
    for (const secret of Object.values(secrets)) expect(seen).not.toContain(secret);
  }
});
