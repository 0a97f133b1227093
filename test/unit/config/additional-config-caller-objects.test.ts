/**
 * The caller's objects passed as or in `additionalConfig` are never written
 * to: deep-frozen input builds a working client, and a Proxy over the config
 * (and everything read through it) records no write. The invariant: a client
 * signs as exactly the identity its config holds at the call, and the cache
 * changes nothing the caller holds.
 */
import { STSService } from '../../../src/clients/sts.js';
import {
  type SigningClient,
  TENANT_A,
  useAdditionalConfigSts,
} from '../../support/additional-config-sts.js';

const sts = useAdditionalConfigSts();
const { signer } = sts;

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

describe('the caller’s objects', () => {
  it('are never written to: deep-frozen input builds a working client', async () => {
    // Prepare
    const credentials = Object.freeze({ ...TENANT_A, expiration: Date.now() + 7_200_000 });
    const additionalConfig = Object.freeze({
      credentials,
      retryMode: 'standard',
      nested: Object.freeze({ list: Object.freeze([1, 2]) }),
    });

    // Act
    const signing = await signer({ additionalConfig });

    // Assess
    expect(signing).toBe(TENANT_A.accessKeyId);
  });

  it.each([
    [
      'a plain additionalConfig',
      () => ({ credentials: { ...TENANT_A, expiration: Date.now() + 7_200_000 } }),
    ],
    ['an Object.create one', () => Object.create({ credentials: { ...TENANT_A } })],
    [
      'one with an array and a Date',
      () => ({ list: [{ a: 1 }], at: new Date(), credentials: { ...TENANT_A } }),
    ],
  ])('are never written to: a Proxy over %s records no write', async (_case, make) => {
    // Prepare
    const writes: string[] = [];
    const additionalConfig = recordingWrites(make(), writes);
    const config = recordingWrites({ region: 'us-east-1', additionalConfig }, writes);

    // Act
    const client = sts.cache().get(STSService, config as never) as SigningClient;
    await client.config.credentials();

    // Assess
    expect(writes).toEqual([]);
  });
});
