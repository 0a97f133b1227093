/**
 * Covers the fingerprints' process key. Invariant: a fingerprint depends on
 * a random key drawn once per process, so equal secrets fingerprint alike in
 * one process (two caches included) and differently in another, and no
 * digest anyone can compute without that key (SHA-256 of the text, or of a
 * field) gives it: a fingerprint seen in a key cannot be checked offline
 * against a guessed secret. Each fresh module graph stands for a process.
 */
import { createHash } from 'node:crypto';
import type { FrozenIdentity } from '../../../src/config/sdk-identity.js';

type FingerprintModule = typeof import('../../../src/cache/fingerprint.js');

const IDENTITY: FrozenIdentity = {
  accessKeyId: 'AKIAEXAMPLEACCESSKEY1',
  secretAccessKey: 'wJalrXUtnFEMIexampleSecretKey00000000001',
  sessionToken: undefined,
  expiration: undefined,
  accountId: undefined,
  credentialScope: undefined,
};

/** The fingerprint module as a new process would load it: its own process key. */
async function inNewProcess(): Promise<FingerprintModule> {
  let loaded: FingerprintModule | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = await import('../../../src/cache/fingerprint.js');
  });
  if (loaded === undefined) throw new Error('the fingerprint module did not load');
  return loaded;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the process key under every fingerprint', () => {
  it('fingerprints equal secrets alike within a process and apart across processes', async () => {
    // Prepare
    const first = await inNewProcess();
    const second = await inNewProcess();

    // Act
    const oneCache = new first.KeyFingerprints();
    const fingerprint = oneCache.credentials(IDENTITY);
    const sameProcess = new first.KeyFingerprints().credentials({ ...IDENTITY });
    const otherProcess = new second.KeyFingerprints().credentials(IDENTITY);
    const externalId = oneCache.text('tenant-4711-external-id-value');

    // Assess
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(sameProcess).toBe(fingerprint);
    expect(otherProcess).not.toBe(fingerprint);
    expect(new second.KeyFingerprints().text('tenant-4711-external-id-value')).not.toBe(externalId);
  });

  it('gives no fingerprint an unkeyed SHA-256 of the text or of a secret would give', async () => {
    // Prepare
    const { KeyFingerprints } = await inNewProcess();
    const text = JSON.stringify([IDENTITY.accessKeyId, IDENTITY.secretAccessKey]);
    const unkeyed = [
      IDENTITY.accessKeyId,
      IDENTITY.secretAccessKey,
      JSON.stringify(Object.values(IDENTITY)),
      text,
    ].map((guess) => sha256(guess).slice(0, 16));

    // Act
    const fingerprints = new KeyFingerprints();
    const fingerprint = fingerprints.credentials(IDENTITY);
    const ofText = fingerprints.text(text);

    // Assess
    expect(unkeyed).not.toContain(fingerprint);
    expect(unkeyed).not.toContain(ofText);
  });
});
