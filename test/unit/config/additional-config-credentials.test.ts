/**
 * `additionalConfig.credentials` follows the rule of top-level `credentials`:
 * a bad expiration is refused naming its real path, already-expired
 * credentials are refused with nothing cached, and the entry expires by the
 * identity the client signs with. The invariant: a client signs as exactly
 * the identity its config holds at the call, and never past its expiry.
 */
import { ClientCacheCredentialsError } from '../../../src/all.js';
import { STSService } from '../../../src/clients/sts.js';
import { TENANT_A, useAdditionalConfigSts } from '../../support/additional-config-sts.js';
import { configErrorFrom } from '../../support/fresh-cache.js';

const sts = useAdditionalConfigSts();
const { fresh, get } = sts;

describe('additionalConfig.credentials and credentials: one rule', () => {
  it('names the real path of a bad expiration', () => {
    // Act
    const error = configErrorFrom(() =>
      get({ additionalConfig: { credentials: { ...TENANT_A, expiration: 'tomorrow' } } }),
    );

    // Assess
    expect(error.field).toBe('additionalConfig.credentials.expiration');
    expect(error.message).toContain('`additionalConfig.credentials.expiration`');
  });

  it.each([
    ['credentials', (credentials: object) => ({ credentials })],
    [
      'additionalConfig.credentials',
      (credentials: object) => ({ additionalConfig: { credentials } }),
    ],
  ])('refuses already-expired %s, caching nothing', (field, configOf) => {
    // Prepare
    const expired = { ...TENANT_A, expiration: Date.now() - 1000 };

    // Act
    let thrown: unknown;
    try {
      get(configOf(expired));
    } catch (error) {
      thrown = error;
    }

    // Assess
    expect(thrown).toBeInstanceOf(ClientCacheCredentialsError);
    expect((thrown as Error).message).toContain(`\`${field}\` expired`);
    expect(sts.cache().size).toBe(0);
  });

  it('expires the entry by the identity the client signs with, additionalConfig’s', () => {
    // Prepare
    let now = 1_000_000;
    const clocked = fresh.cache({ now: () => now, expiryBufferSeconds: 300 });
    const additionalConfig = { credentials: { ...TENANT_A, expiration: now + 600_000 } };

    // Act
    const first = clocked.get(STSService, { region: 'us-east-1', additionalConfig });
    now += 301_000;
    const later = clocked.get(STSService, { region: 'us-east-1', additionalConfig });

    // Assess
    expect(later).not.toBe(first);
  });
});
