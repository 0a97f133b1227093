/**
 * A class instance in `additionalConfig` (a logger, a request handler) is
 * used by reference and keyed by identity, except as `additionalConfig`
 * itself or under a field that decides who the client signs as or where it
 * sends (`credentials`, `region`, `endpoint`...), where it is refused. The
 * invariant each test tries to break: a client signs as exactly the identity
 * its config holds at the call. (additional-config-copying.test.ts covers
 * plain data.)
 */
import { Agent } from 'node:https';
import { ClientCacheConfigError } from '../../../src/all.js';
import { TENANT_A, TENANT_B, useAdditionalConfigSts } from '../../support/additional-config-sts.js';
import { configErrorFrom } from '../../support/fresh-cache.js';

const { get, signer } = useAdditionalConfigSts();

describe('a class instance as additionalConfig', () => {
  it('is refused, naming the field, before it could key a client by identity', () => {
    // Prepare
    class ExtraSettings {
      credentials = { ...TENANT_A };
    }

    // Act
    const error = configErrorFrom(() => get({ additionalConfig: new ExtraSettings() }));

    // Assess
    expect(error.field).toBe('additionalConfig');
    expect(error.message).toContain('plain object');
  });

  it('never hands identity B the client of identity A when the instance is edited', async () => {
    // Prepare: what the old code keyed by reference and wrote into
    class ExtraSettings {
      credentials: object = { ...TENANT_A };
    }
    const extra = new ExtraSettings();
    const outcomes: string[] = [];

    // Act
    for (const identity of [TENANT_A, TENANT_B]) {
      extra.credentials = { ...identity };
      try {
        outcomes.push(await signer({ additionalConfig: extra }));
      } catch (error) {
        outcomes.push(error instanceof ClientCacheConfigError ? 'refused' : String(error));
      }
    }

    // Assess
    expect(outcomes).toEqual(['refused', 'refused']);
    expect(Object.keys(extra.credentials)).toEqual(['accessKeyId', 'secretAccessKey']);
  });

  it('is refused when made with Object.create from a class prototype', () => {
    // Prepare
    class Base {}
    const disguised = Object.assign(Object.create(Base.prototype), {
      credentials: { ...TENANT_A },
    });

    // Act
    const error = configErrorFrom(() => get({ additionalConfig: disguised }));

    // Assess
    expect(error.field).toBe('additionalConfig');
  });
});

describe('class instances nested in additionalConfig', () => {
  it.each([
    [
      'credentials',
      {
        credentials: new (class Keys {
          accessKeyId = TENANT_A.accessKeyId;
          secretAccessKey = TENANT_A.secretAccessKey;
        })(),
      },
      'additionalConfig.credentials',
    ],
    [
      'endpoint',
      {
        endpoint: new (class Endpoint {
          url = new URL('https://sts.example.com');
        })(),
      },
      'additionalConfig.endpoint',
    ],
    [
      'a nested endpoint',
      { endpoint: { url: new (class Href {})() } },
      'additionalConfig.endpoint.url',
    ],
    ['region', { region: new String('us-east-1') }, 'additionalConfig.region'],
    ['signer', { signer: new (class Signer {})() }, 'additionalConfig.signer'],
  ])('are refused under %s, naming the path', (_case, additionalConfig, field) => {
    // Act
    const error = configErrorFrom(() => get({ additionalConfig }));

    // Assess
    expect(error.field).toBe(field);
  });

  it('are used by reference and keyed by identity elsewhere: a logger, an agent, a retry strategy', () => {
    // Prepare
    class OwnLogger {
      debug() {}
      info() {}
      warn() {}
      error() {}
    }
    const logger = new OwnLogger();
    const httpsAgent = new Agent({ keepAlive: true });
    const retryStrategy = new (class Retry {
      mode = 'standard';
    })();
    const settings = () => ({ logger, retryStrategy, requestHandler: { httpsAgent } });

    // Act
    const first = get({ additionalConfig: settings() });
    const again = get({ additionalConfig: settings() });
    const otherLogger = get({ additionalConfig: { ...settings(), logger: new OwnLogger() } });

    // Assess
    expect(first.config.logger).toBe(logger);
    expect(again).toBe(first);
    expect(otherLogger).not.toBe(first);
    httpsAgent.destroy();
  });
});
