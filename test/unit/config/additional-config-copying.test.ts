/**
 * Plain data in `additionalConfig` (literals, `Object.create` of them, URLs)
 * is copied at every level and keyed by content: an object made with
 * `Object.create` is read by its inherited fields, a URL by its text, and a
 * reference cycle is refused naming its path. The invariant each test tries
 * to break: a client signs as exactly the identity its config holds at the
 * call. (additional-config-class-instances.test.ts covers class instances,
 * additional-config-caller-objects.test.ts that nothing is written to,
 * additional-config-credentials.test.ts the credentials' rule.)
 */
import { TENANT_A, TENANT_B, useAdditionalConfigSts } from '../../support/additional-config-sts.js';
import { configErrorFrom } from '../../support/fresh-cache.js';

const { get, signer } = useAdditionalConfigSts();

describe('an additionalConfig made with Object.create from a plain object', () => {
  it('is read by its inherited fields, copied, and never written to', async () => {
    // Prepare
    const inherited = { credentials: { ...TENANT_A } };
    const additionalConfig = Object.create(inherited);

    // Act
    const first = await signer({ additionalConfig });
    inherited.credentials = { ...TENANT_B };
    const second = await signer({ additionalConfig });

    // Assess
    expect([first, second]).toEqual([TENANT_A.accessKeyId, TENANT_B.accessKeyId]);
    expect(Object.keys(additionalConfig)).toEqual([]);
    expect(inherited.credentials).toEqual(TENANT_B);
  });
});

describe('an additionalConfig with a reference cycle', () => {
  it('is refused, naming the path of the cycle', () => {
    // Prepare
    const additionalConfig: Record<string, unknown> = {};
    additionalConfig.self = additionalConfig;

    // Act
    const error = configErrorFrom(() => get({ additionalConfig }));

    // Assess
    expect(error.field).toBe('additionalConfig.self');
  });
});

describe('a URL in additionalConfig', () => {
  it('is copied by its text: the same text finds the client, an edited URL does not', () => {
    // Prepare
    const url = new URL('https://sts.example.com');

    // Act
    const first = get({ additionalConfig: { endpoint: { url } } });
    const same = get({
      additionalConfig: { endpoint: { url: new URL('https://sts.example.com') } },
    });
    url.hostname = 'elsewhere.example.com';
    const edited = get({ additionalConfig: { endpoint: { url } } });

    // Assess
    expect(same).toBe(first);
    expect(edited).not.toBe(first);
  });
});
