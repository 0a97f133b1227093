import { randomBytes, randomUUID } from 'node:crypto';

const UPPER_ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const randomUpperAlphanumeric = (length: number): string =>
  Array.from(randomBytes(length), (byte) => UPPER_ALPHANUMERIC[byte % 36]).join('');

/**
 * A fresh temporary access key id; `ASIA` is the prefix AWS uses for temporary credentials.
 *
 * @example
 * temporaryAccessKeyId() // 'ASIAQ3V7...' (20 characters)
 */
export const temporaryAccessKeyId = (): string => `ASIA${randomUpperAlphanumeric(16)}`;

/** A role id as STS shows it inside assumed-role ids (`AROA...`). */
export const roleId = (): string => `AROA${randomUpperAlphanumeric(17)}`;

/** A secret access key of the real length (40 characters). */
export const secretAccessKey = (): string => randomBytes(30).toString('base64');

/** An opaque session token, long like the real ones. */
export const sessionToken = (): string => randomBytes(192).toString('base64');

/** A request id, in the UUID form most services use. */
export const requestId = (): string => randomUUID();
