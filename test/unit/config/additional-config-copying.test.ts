/**
 * `additionalConfig` follows the top level's rule: plain data (literals,
 * `Object.create` of them, arrays, Dates, URLs) is copied at every level and
 * keyed by content; a function or a class instance (a logger, a request
 * handler) is used by reference and keyed by identity, except under a field
 * that decides who the client signs as or where it sends (`credentials`,
 * `region`, `endpoint`...), where a class instance is refused. The caller's
 * objects are never written to. The invariant each test tries to break: a
 * client signs as exactly the identity its config holds at the call.
 */
import { Agent } from 'node:https';
import { ClientCacheConfigError, ClientCacheCredentialsError } from '../../../src/all.js';
import type { ClientCache } from '../../../src/client-cache/client-cache.js';
import { STSService } from '../../../src/clients/sts.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const A = { accessKeyId: 'AKIATENANTA000000000', secretAccessKey: 'tenant-a-secret' };
const B = { accessKeyId: 'AKIATENANTB000000000', secretAccessKey: 'tenant-b-secret' };

interface Signing {
  config: { credentials(): Promise<{ accessKeyId: string }>; logger?: unknown };
}

const fresh = useFreshCache();
let cache: ClientCache;

beforeEach(() => {
  cache = fresh.cache({ maxEntries: 10 });
});

function get(config: unknown): Signing {
  return cache.get(STSService, { region: 'us-east-1', ...(config as object) }) as never;
}

async function signer(config: unknown): Promise<string> {
  return (await get(config).config.credentials()).accessKeyId;
}

/** A Proxy over `target` (and everything read through it) that records every attempted write. */
function recordingWrites(target: object, writes: string[], path = 'root'): object {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value = Reflect.get(object, key, receiver);
      // A Date's methods need the Date itself as `this`: it is passed through as it is.
      return typeof value === 'object' && value !== null && !(value instanceof Date)
        ? recordingWrites(value, writes, `${path}.${String(key)}`)
        : value;
    },
    set(object, key, value) {
      writes.push(`set ${path}.${String(key)}`);
      return Reflect.set(object, key, value);
    },
    defineProperty(object, key, descriptor) {
      writes.push(`define ${path}.${String(key)}`);
      return Reflect.defineProperty(object, key, descriptor);
    },
    deleteProperty(object, key) {
      writes.push(`delete ${path}.${String(key)}`);
      return Reflect.deleteProperty(object, key);
    },
    setPrototypeOf(object, prototype) {
      writes.push(`setPrototypeOf ${path}`);
      return Reflect.setPrototypeOf(object, prototype);
    },
  });
}

describe('a class instance as additionalConfig', () => {
  it('is refused, naming the field, before it could key a client by identity', () => {
    // Prepare
    class ExtraSettings {
      credentials = { ...A };
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
      credentials: object = { ...A };
    }
    const extra = new ExtraSettings();
    const outcomes: string[] = [];

    // Act
    for (const identity of [A, B]) {
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
    const disguised = Object.assign(Object.create(Base.prototype), { credentials: { ...A } });

    // Act
    const error = configErrorFrom(() => get({ additionalConfig: disguised }));

    // Assess
    expect(error.field).toBe('additionalConfig');
  });
});

describe('an additionalConfig made with Object.create from a plain object', () => {
  it('is read by its inherited fields, copied, and never written to', async () => {
    // Prepare
    const inherited = { credentials: { ...A } };
    const additionalConfig = Object.create(inherited);

    // Act
    const first = await signer({ additionalConfig });
    inherited.credentials = { ...B };
    const second = await signer({ additionalConfig });

    // Assess
    expect([first, second]).toEqual([A.accessKeyId, B.accessKeyId]);
    expect(Object.keys(additionalConfig)).toEqual([]);
    expect(inherited.credentials).toEqual(B);
  });
});

describe('class instances nested in additionalConfig', () => {
  it.each([
    [
      'credentials',
      {
        credentials: new (class Keys {
          accessKeyId = A.accessKeyId;
          secretAccessKey = A.secretAccessKey;
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

describe('the caller’s objects', () => {
  it('are never written to: deep-frozen input builds a working client', async () => {
    // Prepare
    const credentials = Object.freeze({ ...A, expiration: Date.now() + 7_200_000 });
    const additionalConfig = Object.freeze({
      credentials,
      retryMode: 'standard',
      nested: Object.freeze({ list: Object.freeze([1, 2]) }),
    });

    // Act
    const signing = await signer({ additionalConfig });

    // Assess
    expect(signing).toBe(A.accessKeyId);
  });

  it.each([
    [
      'a plain additionalConfig',
      () => ({ credentials: { ...A, expiration: Date.now() + 7_200_000 } }),
    ],
    ['an Object.create one', () => Object.create({ credentials: { ...A } })],
    [
      'one with an array and a Date',
      () => ({ list: [{ a: 1 }], at: new Date(), credentials: { ...A } }),
    ],
  ])('are never written to: a Proxy over %s records no write', async (_case, make) => {
    // Prepare
    const writes: string[] = [];
    const additionalConfig = recordingWrites(make(), writes);
    const config = recordingWrites({ region: 'us-east-1', additionalConfig }, writes);

    // Act
    const client = cache.get(STSService, config as never) as Signing;
    await client.config.credentials();

    // Assess
    expect(writes).toEqual([]);
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

describe('additionalConfig.credentials and credentials: one rule', () => {
  it('names the real path of a bad expiration', () => {
    // Act
    const error = configErrorFrom(() =>
      get({ additionalConfig: { credentials: { ...A, expiration: 'tomorrow' } } }),
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
    const expired = { ...A, expiration: Date.now() - 1000 };

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
    expect(cache.size).toBe(0);
  });

  it('expires the entry by the identity the client signs with, additionalConfig’s', () => {
    // Prepare
    let now = 1_000_000;
    const clocked = fresh.cache({ now: () => now, expiryBufferSeconds: 300 });
    const additionalConfig = { credentials: { ...A, expiration: now + 600_000 } };

    // Act
    const first = clocked.get(STSService, { region: 'us-east-1', additionalConfig });
    now += 301_000;
    const later = clocked.get(STSService, { region: 'us-east-1', additionalConfig });

    // Assess
    expect(later).not.toBe(first);
  });
});
