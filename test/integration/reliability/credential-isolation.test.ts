/**
 * Security: credential isolation as a property, checked at the local
 * endpoint. Over random sequences of getter calls with random static
 * credentials (two of them sharing an access key id, with different
 * secrets) and random roles, every client signs as the identity it was
 * asked for: STS GetCallerIdentity answers with the access key id or the
 * assumed role the endpoint saw, and the client's resolved credentials are
 * exactly the ones given (the secret included) or ones STS issued for that
 * role. Bounded to 100 runs. isolation.test.ts checks the same
 * without the network.
 */
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import fc from 'fast-check';
import {
  type ClientConfig,
  type CredentialIdentity,
  clearClientCache,
  getEventBridgeClient,
  getLambdaClient,
  getS3Client,
  getSTSClient,
} from '../../../src/all.js';
import { useLocalAws } from '../../../tools/local-aws/use-local-aws.js';
import { useFreshCache } from '../../support/fresh-cache.js';
import { propertyParameters } from '../../support/property-run.js';
import { useReliabilityGuards } from '../../support/reliability-guards.js';
import { reportFigures } from '../../support/reliability-report.js';

const ACCOUNT = '123456789012';
const KEY_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.split('');
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split('');
const GETTERS = {
  STS: getSTSClient,
  S3: getS3Client,
  Lambda: getLambdaClient,
  EventBridge: getEventBridgeClient,
} as const;

type Who =
  | { readonly kind: 'static'; readonly index: number }
  | { readonly kind: 'role'; readonly index: number };

const identityArbitrary = fc.record({
  accessKeyId: fc
    .string({ unit: fc.constantFrom(...KEY_CHARS), minLength: 16, maxLength: 16 })
    .map((suffix) => `AKIA${suffix}`),
  secretAccessKey: fc.string({ minLength: 1, maxLength: 40 }),
  sessionToken: fc.option(fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 8 }), {
    nil: undefined,
  }),
});
const roleNameArbitrary = fc.stringMatching(/^[A-Za-z0-9+=,.@_-]{1,24}$/);
const callArbitrary = fc.record({
  getter: fc.constantFrom(...(Object.keys(GETTERS) as (keyof typeof GETTERS)[])),
  who: fc.oneof(
    fc.record({ kind: fc.constant('static' as const), index: fc.nat() }),
    fc.record({ kind: fc.constant('role' as const), index: fc.nat() }),
  ) as fc.Arbitrary<Who>,
  region: fc.constantFrom(undefined, 'us-east-1', 'eu-west-1'),
});

describe('credential isolation, verified at the endpoint', () => {
  const local = useLocalAws();
  useFreshCache({ against: () => local.endpoint });
  useReliabilityGuards();

  it('signs every request as the identity its getter was asked for', async () => {
    let calls = 0;
    let stsChecks = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(identityArbitrary, {
          minLength: 2,
          maxLength: 3,
          selector: (identity) => identity.accessKeyId,
        }),
        fc.uniqueArray(roleNameArbitrary, { minLength: 1, maxLength: 3 }),
        fc.array(callArbitrary, { minLength: 1, maxLength: 6 }),
        async (identities, roleNames, sequence) => {
          // Prepare: one more identity shares the first's key id but not its secret
          clearClientCache();
          const first = identities[0] as CredentialIdentity;
          const pool = [
            ...identities,
            { ...first, secretAccessKey: `${first.secretAccessKey}-rotated` },
          ];
          for (const call of sequence) {
            const identity = pool[call.who.index % pool.length] as CredentialIdentity;
            const roleName = roleNames[call.who.index % roleNames.length] as string;
            const roleArn = `arn:aws:iam::${ACCOUNT}:role/${roleName}`;
            const config: ClientConfig =
              call.who.kind === 'static'
                ? { credentials: identity, region: call.region }
                : { roleArn, region: call.region };

            // Act
            const client = GETTERS[call.getter](config);
            const resolved = await client.config.credentials();
            const seen =
              call.getter === 'STS'
                ? await getSTSClient(config).send(new GetCallerIdentityCommand({}))
                : undefined;
            calls++;

            // Assess
            if (call.who.kind === 'static') {
              expect(resolved).toMatchObject({
                accessKeyId: identity.accessKeyId,
                secretAccessKey: identity.secretAccessKey,
                sessionToken: identity.sessionToken,
              });
              if (seen !== undefined) expect(seen.UserId).toBe(identity.accessKeyId);
            } else {
              const issued = local.endpoint.state.issuedCredentials.find(
                (credentials) => credentials.accessKeyId === resolved.accessKeyId,
              );
              expect(issued?.roleArn).toBe(roleArn);
              if (seen !== undefined) {
                expect(seen.Arn).toBe(
                  `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/aws-client-cache`,
                );
              }
            }
            if (seen !== undefined) stsChecks++;
          }
        },
      ),
      propertyParameters(100, 20261220),
    );
    reportFigures('credential isolation property', {
      runs: 100,
      getterCalls: calls,
      checkedAtEndpoint: stsChecks,
      assumeRoleCalls: local.endpoint.stats.assumeRoleCalls(),
    });
  });
});
