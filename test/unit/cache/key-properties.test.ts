/**
 * Property tests of `generateCacheKey` over valid configs: two configs share
 * a key exactly when they are equivalent (`additionalConfig` compared
 * regardless of key order, `{ a: undefined }` unlike `{}`), region, role and
 * profile appear verbatim, and no access key, secret, session token or
 * external id ever appears in a key.
 */
import fc from 'fast-check';
import { type ClientConfig, generateCacheKey } from '../../../src/all.js';
import { propertyParameters } from '../../support/property-run.js';

type Config = { -readonly [Field in keyof ClientConfig]: ClientConfig[Field] };

const optional = <Value>(arbitrary: fc.Arbitrary<Value>) =>
  fc.option(arbitrary, { nil: undefined, freq: 2 });

const regionArb = fc.constantFrom(
  'us-east-1',
  'us-west-2',
  'eu-west-1',
  'cn-north-1',
  'us-gov-west-1',
);
const roleArnArb = fc
  .tuple(
    fc.constantFrom('aws', 'aws-cn', 'aws-us-gov'),
    fc.oneof(fc.constant('123456789012'), fc.stringMatching(/^\d{12}$/)),
    fc.constantFrom('', 'service-role/', 'team/app/'),
    fc.oneof(fc.constantFrom('Reader', 'Writer'), fc.stringMatching(/^[\w+=,.@-]{1,64}$/)),
  )
  .map(
    ([partition, account, path, name]) => `arn:${partition}:iam::${account}:role/${path}${name}`,
  );
const profileArb = fc.oneof(
  fc.constantFrom('dev', 'prod'),
  fc.stringMatching(/^[\w.-]{1,16}$/).filter((profile) => profile !== 'none'),
);
const leafArb = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -2, max: 2 }),
  fc.constantFrom('x', '', 'null', '1', 'true'),
  fc.constant(undefined),
  fc.constant(null),
);
const valueArb = fc.oneof(
  leafArb,
  fc.array(leafArb, { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('p', 'q'), leafArb, { maxKeys: 2 }),
);
const additionalConfigArb = fc.dictionary(
  fc.constantFrom('a', 'b', 'forcePathStyle', 'maxAttempts'),
  valueArb,
  { maxKeys: 3 },
);
const credentialsArb = fc.record(
  {
    accessKeyId: fc.constantFrom('AKIA1', 'AKIA2'),
    secretAccessKey: fc.constantFrom('secret-1', 'secret-2'),
    sessionToken: fc.constantFrom('token-1', 'token-2'),
  },
  { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
);

/** Every field optional, role-only fields only beside a role: a valid getter config. */
const fieldsArb = fc.record({
  region: optional(regionArb),
  roleArn: optional(roleArnArb),
  roleSessionName: optional(fc.stringMatching(/^[\w+=,.@-]{2,64}$/)),
  externalId: optional(fc.oneof(fc.constant('ext-1'), fc.stringMatching(/^[\w+=,.@:/-]{2,40}$/))),
  durationSeconds: optional(fc.oneof(fc.constant(900), fc.integer({ min: 900, max: 43_200 }))),
  profile: optional(profileArb),
  credentials: optional(credentialsArb),
  additionalConfig: optional(additionalConfigArb),
});

function validConfig(fields: Config): Config {
  const config: Config = { ...fields };
  if (config.roleArn === undefined) {
    delete config.roleSessionName;
    delete config.externalId;
    delete config.durationSeconds;
  }
  return config;
}
const configArb = fieldsArb.map(validConfig);

/** The same config with every object's keys in reverse order. */
function reordered<Value>(value: Value): Value {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value).reverse();
  return Object.fromEntries(entries.map(([key, item]) => [key, reordered(item)])) as Value;
}

/**
 * Pairs that are often equivalent, often one field or one `additionalConfig`
 * entry apart, and sometimes unrelated.
 */
const pairArb = configArb.chain((first) =>
  fc.tuple(
    fc.constant(first),
    fc.oneof(
      fc.constant(reordered(first)),
      fieldsArb.chain((other) =>
        fc
          .constantFrom(...(Object.keys(other) as (keyof Config)[]))
          .map((field) => reordered(validConfig({ ...first, [field]: other[field] }))),
      ),
      fc.tuple(fc.constantFrom('a', 'b', 'forcePathStyle'), valueArb).map(([key, value]) => ({
        ...first,
        additionalConfig: reordered({ ...first.additionalConfig, [key]: value }),
      })),
      configArb,
    ),
  ),
);

/** The test's own notion of "same value": deep, key-order-free, undefined unlike absent. */
function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) {
    return false;
  }
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  const leftKeys = Object.keys(left).sort();
  const rightKeys = Object.keys(right).sort();
  return (
    sameValue(leftKeys.join('\n'), rightKeys.join('\n')) &&
    leftKeys.length === rightKeys.length &&
    leftKeys.every((key) =>
      sameValue((left as Record<string, unknown>)[key], (right as Record<string, unknown>)[key]),
    )
  );
}

const SCALAR_FIELDS = [
  'region',
  'roleArn',
  'roleSessionName',
  'externalId',
  'durationSeconds',
  'profile',
] as const;

function equivalent(left: Config, right: Config): boolean {
  return (
    SCALAR_FIELDS.every((field) => left[field] === right[field]) &&
    sameValue(left.credentials, right.credentials) &&
    sameValue(left.additionalConfig, right.additionalConfig)
  );
}

describe('generateCacheKey properties', () => {
  it('gives two valid configs the same key exactly when they are equivalent', () => {
    fc.assert(
      fc.property(pairArb, ([first, second]) => {
        // Act
        const firstKey = generateCacheKey('S3', first);
        const secondKey = generateCacheKey('S3', second);

        // Assess
        expect(firstKey === secondKey).toBe(equivalent(first, second));
      }),
      propertyParameters(3000, 20261221),
    );
  });

  it('ignores the key order of additionalConfig', () => {
    fc.assert(
      fc.property(additionalConfigArb, (additionalConfig) => {
        // Act
        const key = generateCacheKey('Lambda', { additionalConfig });
        const keyOfReordered = generateCacheKey('Lambda', {
          additionalConfig: reordered(additionalConfig),
        });

        // Assess
        expect(keyOfReordered).toBe(key);
      }),
      propertyParameters(500, 20261221),
    );
  });

  it('tells apart any two different additionalConfig values, types included', () => {
    fc.assert(
      fc.property(valueArb, valueArb, (first, second) => {
        // Act
        const firstKey = generateCacheKey('S3', { additionalConfig: { a: first } });
        const secondKey = generateCacheKey('S3', { additionalConfig: { a: second } });

        // Assess
        expect(firstKey === secondKey).toBe(sameValue(first, second));
      }),
      propertyParameters(1000, 20261221),
    );
  });

  it('never gives two client types the same key', () => {
    fc.assert(
      fc.property(
        configArb,
        fc.uniqueArray(fc.constantFrom('S3', 'Lambda', 'STS', 'S3Client', 'S3Client#2'), {
          minLength: 2,
          maxLength: 2,
        }),
        (config, [firstType, secondType]) => {
          // Act & Assess
          expect(generateCacheKey(firstType as string, config)).not.toBe(
            generateCacheKey(secondType as string, config),
          );
        },
      ),
      propertyParameters(500, 20261221),
    );
  });

  it('starts every key with the type, region, role ARN and profile verbatim', () => {
    fc.assert(
      fc.property(configArb, (config) => {
        // Act
        const key = generateCacheKey('EventBridge', config);

        // Assess
        const prefix = `EventBridge:${config.region ?? 'default'}:${config.roleArn ?? 'none'}:${config.profile ?? 'none'}`;
        expect(key === prefix || key.startsWith(`${prefix}:`)).toBe(true);
      }),
      propertyParameters(500, 20261221),
    );
  });

  it('never puts an access key, secret, session token or external id in a key', () => {
    const secretArb = fc.stringMatching(/^[A-Za-z0-9/+]{20,40}$/);
    fc.assert(
      fc.property(
        fc.record({ accessKeyId: secretArb, secretAccessKey: secretArb, sessionToken: secretArb }),
        fc.stringMatching(/^[\w+=,.@:/-]{20,60}$/),
        configArb,
        (credentials, externalId, config) => {
          // Prepare
          const withSecrets = {
            ...config,
            roleArn: config.roleArn ?? 'arn:aws:iam::123456789012:role/R',
          };

          // Act
          const key = generateCacheKey('S3', { ...withSecrets, credentials, externalId });

          // Assess
          for (const secret of [...Object.values(credentials), externalId]) {
            expect(key).not.toContain(secret);
          }
        },
      ),
      propertyParameters(1000, 20261221),
    );
  });
});
