/**
 * No error quotes a secret. A random secret (shaped like an AWS secret
 * access key, a session token, or a long password) is placed anywhere a
 * caller could misplace it: a whole config or `additionalConfig` passed as
 * an unparsed JSON string, any getter field, a field name, a key inside
 * `additionalConfig`, an env var, a cache option, the first argument of
 * `getClient` or `get`. Whatever is thrown, its message, stack, `field`,
 * `cause` chain and JSON form never contain the secret.
 *
 * Two shapes are shown by design and so are not drawn as secrets: a string
 * of up to 24 of a number's characters (an integer setting's typo), and,
 * as a field name, an identifier of up to 32 characters (a name is code;
 * every AWS secret key and token is longer). Keys get AWS-shaped secrets.
 *
 * CI (`CI=true`) runs a fixed seed; elsewhere each run draws a new one, which
 * a failure prints (`PROPERTY_SEED=<seed>` replays it).
 */
import fc from 'fast-check';
import {
  ClientCacheConfigError,
  ClientCacheEnv,
  type ClientConfig,
  configureClientCache,
  createClientCache,
  getS3Client,
} from '../../../src/all.js';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { S3Service } from '../../../src/clients/s3.js';
import { setEnv } from '../../support/env.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

const ROLE = 'arn:aws:iam::123456789012:role/Reports';

const awsSecrets = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9/+]{40}$/),
  fc.stringMatching(/^[A-Za-z0-9/+=]{120,400}$/),
);
const passwords = fc
  .string({ minLength: 12, maxLength: 64 })
  .filter((text) => text.trim().length >= 12 && /[^\d\s+\-.,_eExX]/.test(text));
const secrets = fc.oneof(awsSecrets, passwords);
const NAME_PLACEMENTS = new Set([
  'an unknown field name',
  'a key in additionalConfig with a bad value',
  'a cache option name',
]);

type Placement = (secret: string) => () => unknown;

const fresh = useFreshCache();
let shared: ClientCache;
beforeEach(() => {
  shared = fresh.cache();
});

/** The secret first, so that the old 80-character quote would have reached it. */
const identity = (secret: string) => ({
  secretAccessKey: secret,
  accessKeyId: 'AKIAPLACEDSECRET0000',
});

/** True when `shown` holds the secret or any 16-character piece of it. */
function leaks(shown: string, secret: string): boolean {
  const piece = Math.min(16, secret.length);
  for (let start = 0; start + piece <= secret.length; start += 1) {
    if (shown.includes(secret.slice(start, start + piece))) return true;
  }
  return false;
}

/** Each way a caller could put a secret where the cache reports an error. */
const PLACEMENTS: Record<string, Placement> = {
  'config as a JSON string': (secret) => () =>
    shared.get(S3Service, JSON.stringify({ credentials: identity(secret) }) as never),
  'additionalConfig as a JSON string': (secret) => () =>
    shared.get(S3Service, {
      additionalConfig: JSON.stringify({ credentials: identity(secret) }) as never,
    }),
  'credentials as a string': (secret) => () =>
    shared.get(S3Service, { credentials: secret as never }),
  region: (secret) => () => shared.get(S3Service, { region: secret }),
  roleArn: (secret) => () => shared.get(S3Service, { roleArn: secret }),
  roleSessionName: (secret) => () =>
    shared.get(S3Service, { roleArn: ROLE, roleSessionName: secret }),
  externalId: (secret) => () => shared.get(S3Service, { roleArn: ROLE, externalId: `${secret} !` }),
  profile: (secret) => () => shared.get(S3Service, { profile: `${secret} :` }),
  'an unknown field name': (secret) => () => shared.get(S3Service, { [secret]: 1 } as never),
  'an unknown field value': (secret) => () =>
    shared.get(S3Service, { secretAccessKey: secret } as never),
  'a key in additionalConfig with a bad value': (secret) => () =>
    shared.get(S3Service, { additionalConfig: { [secret]: Symbol('bad') } }),
  'a secret beside a bad expiration': (secret) => () =>
    shared.get(S3Service, {
      additionalConfig: { credentials: { ...identity(secret), expiration: secret } },
    }),
  'a secret beside a wrong-typed session token': (secret) => () =>
    shared.get(S3Service, { credentials: { ...identity(secret), sessionToken: 7 } as never }),
  'a cache option value': (secret) => () => createClientCache({ maxEntries: secret as never }),
  'a cache option name': (secret) => () => createClientCache({ [secret]: 1 } as never),
  'a boolean option': (secret) => () => configureClientCache({ traceHits: secret as never }),
  'an env var': (secret) => () => {
    setEnv({ [ClientCacheEnv.ConnectionTimeoutMs]: secret });
    try {
      return createClientCache();
    } finally {
      setEnv({ [ClientCacheEnv.ConnectionTimeoutMs]: undefined });
    }
  },
  'getClient’s class': (secret) => () => shared.getClient(secret as never),
  'get’s service': (secret) => () => shared.get(secret as never),
};

/** Everything an error carries that a log line or a response could show. */
function everythingShown(error: unknown, depth = 0): string {
  if (!(error instanceof Error) || depth > 5) return String(error);
  const own = Object.fromEntries(
    Object.getOwnPropertyNames(error).map((name) => [
      name,
      String((error as unknown as Record<string, unknown>)[name]),
    ]),
  );
  return [
    String(error),
    error.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(own),
    everythingShown(error.cause, depth + 1),
  ].join('\n');
}

it('never shows a misplaced secret in anything an error carries', () => {
  fc.assert(
    fc.property(
      secrets,
      awsSecrets,
      fc.constantFrom(...Object.keys(PLACEMENTS)),
      (anySecret, awsSecret, placement) => {
        const secret = NAME_PLACEMENTS.has(placement) ? awsSecret : anySecret;
        // Prepare
        const act = (PLACEMENTS[placement] as Placement)(secret);

        // Act
        let thrown: unknown;
        try {
          act();
        } catch (error) {
          thrown = error;
        }

        // Assess: a placement that was accepted showed nothing; one that threw shows no secret
        if (thrown === undefined) return true;
        expect(thrown).toBeInstanceOf(Error);
        expect(leaks(everythingShown(thrown), secret)).toBe(false);
        return true;
      },
    ),
    propertyParameters(400, 20261202),
  );
});

it.each(Object.keys(PLACEMENTS))(
  'refuses a secret placed as %s with a ClientCacheConfigError that does not show it',
  (placement) => {
    // Prepare
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

    // Act
    let thrown: unknown;
    try {
      (PLACEMENTS[placement] as Placement)(secret)();
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(ClientCacheConfigError);
    expect(leaks(everythingShown(thrown), secret)).toBe(false);
  },
);

const ACCESS_KEY_ID = 'AKIAVALIDATIONTEST0001';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/validationSecret0001';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEValidationSessionToken0001';
const EXTERNAL_ID = 'tenant-0001-external-id-never-shown';

describe('a bad field beside secrets', () => {
  const credentials = {
    accessKeyId: ACCESS_KEY_ID,
    secretAccessKey: SECRET,
    sessionToken: SESSION_TOKEN,
  };

  it.each<[string, string, unknown]>([
    [
      'credentials.secretAccessKey',
      'a missing secret',
      { credentials: { accessKeyId: ACCESS_KEY_ID } },
    ],
    [
      'credentials.secretAccessKey',
      'an empty secret',
      { credentials: { ...credentials, secretAccessKey: '' } },
    ],
    [
      'credentials.sessionToken',
      'a non-string session token',
      { credentials: { ...credentials, sessionToken: 7 } },
    ],
    ['credentials', 'a string instead of an identity', { credentials: SECRET }],
    [
      'credentials.expiration',
      'an invalid expiration',
      { credentials: { ...credentials, expiration: new Date('x') } },
    ],
    ['externalId', 'a malformed external id', { roleArn: ROLE, externalId: `${EXTERNAL_ID} !` }],
    [
      'region',
      'a bad region beside secrets',
      { region: 'nowhere', credentials, roleArn: ROLE, externalId: EXTERNAL_ID },
    ],
  ])('rejects %s with %s without showing a secret', (field, _case, config) => {
    // Act
    const error = configErrorFrom(() => getS3Client(config as ClientConfig));

    // Assess
    expect(error.field).toBe(field);
    for (const secret of [ACCESS_KEY_ID, SECRET, SESSION_TOKEN, EXTERNAL_ID]) {
      expect(error.message).not.toContain(secret);
    }
  });
});
