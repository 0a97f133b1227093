import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server's certificate and key, and the CA that clients must trust. */
export interface TlsMaterial {
  readonly key: Buffer;
  readonly cert: Buffer;
  /** Absolute path of the CA certificate, the value for `NODE_EXTRA_CA_CERTS`. */
  readonly caPath: string;
}

/** The committed certificates (made by `tools/local-aws/certs/generate.sh`). */
const DEFAULT_CERTS_DIR = fileURLToPath(new URL('./certs/', import.meta.url));

/**
 * Reads the TLS files, once per endpoint start.
 *
 * @example
 * loadTlsMaterial().caPath // '/work/main/local-aws/certs/ca.pem'
 */
export const loadTlsMaterial = (certsDir: string = DEFAULT_CERTS_DIR): TlsMaterial => {
  const directory = resolve(certsDir);
  const caPath = join(directory, 'ca.pem');
  try {
    if (!existsSync(caPath)) {
      throw new Error(`${caPath} does not exist`);
    }
    return {
      key: readFileSync(join(directory, 'server-key.pem')),
      cert: readFileSync(join(directory, 'server.pem')),
      caPath,
    };
  } catch (error) {
    throw new Error(
      `\`certsDir\` must hold ca.pem, server.pem and server-key.pem (see tools/local-aws/certs/generate.sh), got "${certsDir}"`,
      { cause: error },
    );
  }
};
