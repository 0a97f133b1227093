/**
 * Covers credential isolation through the getters: a client is shared only
 * by configs with the same getter, region, role and credential values, and
 * never by different credentials, with or without a role. A fast-check
 * property drives random getter sequences over random static credentials;
 * unit tests cover credentials rotated in place in the same object.
 */
import fc from 'fast-check';
import {
  type ClientConfig,
  clearClientCache,
  getCostExplorerClient,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
  getSTSClient,
} from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';

const GETTERS = {
  S3: getS3Client,
  EventBridge: getEventBridgeClient,
  Lambda: getLambdaClient,
  CostExplorer: getCostExplorerClient,
  STS: getSTSClient,
} as const satisfies Record<string, (config?: ClientConfig) => object>;
type GetterName = keyof typeof GETTERS;

const ROLES = [
  'arn:aws:iam::111111111111:role/Tenant',
  'arn:aws-cn:iam::222222222222:role/Tenant',
  'arn:aws-us-gov:iam::333333333333:role/Tenant',
];

useFreshCache();

interface MutableCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A call: which getter, and indexes into the run's pool of credential strings. */
const callArbitrary = fc.record({
  getter: fc.constantFrom(...(Object.keys(GETTERS) as GetterName[])),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-1'), { nil: undefined }),
  roleArn: fc.option(fc.constantFrom(...ROLES), { nil: undefined }),
  accessKeyId: fc.nat(),
  secretAccessKey: fc.nat(),
  sessionToken: fc.option(fc.nat(), { nil: undefined }),
  // Write the values into one object reused across calls, as a rotation in place would.
  inPlace: fc.boolean(),
});

describe('credential isolation', () => {
  it('shares a client only between calls with identical credentials, role, region and getter', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 24 }), { minLength: 2, maxLength: 3 }),
        fc.array(callArbitrary, { minLength: 1, maxLength: 8 }),
        (pool, calls) => {
          // Prepare
          clearClientCache();
          const pick = (index: number): string => pool[index % pool.length] as string;
          const clientByIdentity = new Map<string, object>();
          const identityByClient = new Map<object, string>();
          const reused: MutableCredentials = { accessKeyId: '', secretAccessKey: '' };

          for (const call of calls) {
            const credentials: MutableCredentials = call.inPlace ? reused : { ...reused };
            credentials.accessKeyId = pick(call.accessKeyId);
            credentials.secretAccessKey = pick(call.secretAccessKey);
            if (call.sessionToken === undefined) delete credentials.sessionToken;
            else credentials.sessionToken = pick(call.sessionToken);
            const identity = JSON.stringify([
              call.getter,
              call.region,
              call.roleArn,
              credentials.accessKeyId,
              credentials.secretAccessKey,
              credentials.sessionToken,
            ]);

            // Act
            const client = GETTERS[call.getter]({
              region: call.region,
              roleArn: call.roleArn,
              credentials,
            });

            // Assess
            const known = clientByIdentity.get(identity);
            if (known === undefined) {
              expect(identityByClient.has(client)).toBe(false);
              clientByIdentity.set(identity, client);
              identityByClient.set(client, identity);
            } else {
              expect(client).toBe(known);
            }
          }
        },
      ),
      propertyParameters(1000, 20261223),
    );
  });

  it('never shares a client between two credential sets without a role', () => {
    // Prepare
    const tenantA = { accessKeyId: 'AKIASAMEKEYID', secretAccessKey: 'secret-of-tenant-a' };
    const tenantB = { accessKeyId: 'AKIASAMEKEYID', secretAccessKey: 'secret-of-tenant-b' };

    // Act
    const clientA = getS3Client({ credentials: tenantA });
    const clientB = getS3Client({ credentials: tenantB });

    // Assess
    expect(clientB).not.toBe(clientA);
    expect(getS3Client({ credentials: { ...tenantA } })).toBe(clientA);
  });

  it('gives a new client when the secret is overwritten in the same object', () => {
    // Prepare
    const credentials: MutableCredentials = {
      accessKeyId: 'AKIAROTATEDINPLACE',
      secretAccessKey: 'secret-before-rotation',
    };
    const before = getS3Client({ credentials });

    // Act
    credentials.secretAccessKey = 'secret-after-rotation';
    const after = getS3Client({ credentials });

    // Assess
    expect(after).not.toBe(before);
    expect(getS3Client({ credentials })).toBe(after);
  });

  it('gives a new client when a session token or expiration is written into the same object', () => {
    // Prepare
    const credentials: MutableCredentials = {
      accessKeyId: 'AKIAROTATEDINPLACE',
      secretAccessKey: 'secret-value',
    };
    const original = getS3Client({ credentials });

    // Act
    credentials.sessionToken = 'session-token-one';
    const withToken = getS3Client({ credentials });
    credentials.expiration = new Date(Date.now() + 2 * 3_600_000);
    const withExpiration = getS3Client({ credentials });

    // Assess
    expect(new Set([original, withToken, withExpiration]).size).toBe(3);
  });

  it('keeps clients of the same credentials apart per role', () => {
    // Prepare
    const credentials = { accessKeyId: 'AKIASHARED', secretAccessKey: 'shared-secret' };

    // Act
    const clients = ROLES.map((roleArn) => getS3Client({ roleArn, credentials }));

    // Assess
    expect(new Set(clients).size).toBe(ROLES.length);
    expect(getS3Client({ roleArn: ROLES[0], credentials })).toBe(clients[0]);
  });
});
