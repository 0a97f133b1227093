/**
 * Security: TLS verification is never weakened by the package. No file of
 * src/ names an option or variable that turns certificate or host checks
 * off, the shared pool's agent leaves Node's verification on, and the test
 * CA never reaches what the package ships or runs on a user's machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SharedPools } from '../../../src/transport/shared-pool.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const WEAKENERS = ['rejectUnauthorized', 'NODE_TLS_REJECT_UNAUTHORIZED', 'checkServerIdentity'];
const TEST_CA = ['NODE_EXTRA_CA_CERTS', 'ca.pem', 'local-aws/certs'];
/** npm runs these on install or publish, on a user's or the registry's machine. */
const LIFECYCLE_SCRIPTS = [
  'preinstall',
  'install',
  'postinstall',
  'prepare',
  'prepublishOnly',
  'prepack',
];

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

function occurrences(files: readonly string[], needles: readonly string[]): string[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return needles
      .filter((needle) => text.includes(needle))
      .map((needle) => `${relative(ROOT, file)}: ${needle}`);
  });
}

const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  files: string[];
  scripts: Record<string, string>;
};

describe('TLS verification', () => {
  it('is never switched off or overridden anywhere in src/', () => {
    // Prepare
    const sources = filesUnder(join(ROOT, 'src'));

    // Act
    const found = occurrences(sources, WEAKENERS);

    // Assess
    expect(sources.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it("leaves Node's certificate and host checks on in the shared pool's agent", async () => {
    // Prepare
    const pools = new SharedPools();
    const handler = pools.handlerFor({
      maxSockets: 5,
      connectionTimeoutMs: 1000,
      socketTimeoutMs: 1000,
    });

    // Act: an already-aborted request makes the handler resolve its config, and sends nothing
    const request = {
      protocol: 'https:',
      hostname: '127.0.0.1',
      port: 9,
      method: 'GET',
      path: '/',
      headers: {},
    };
    await handler
      .handle(request as never, { abortSignal: AbortSignal.abort() })
      .catch(() => undefined);
    const { httpsAgent } = handler.httpHandlerConfigs() as {
      httpsAgent?: { options: Record<string, unknown> };
    };
    const agentOptions = httpsAgent?.options ?? {};
    await pools.close();

    // Assess: unset means Node verifies (rejectUnauthorized defaults to true)
    expect(httpsAgent).toBeDefined();
    for (const option of [...WEAKENERS, 'ca']) expect(agentOptions[option]).toBeUndefined();
  });

  it('keeps the test CA out of src/, the shipped files and the install scripts', () => {
    // Prepare
    const shipped = ['src', 'dashboards']
      .flatMap((directory) => filesUnder(join(ROOT, directory)))
      .concat(join(ROOT, 'README.md'));

    // Act
    const found = occurrences(shipped, TEST_CA);
    const lifecycle = LIFECYCLE_SCRIPTS.filter((name) =>
      TEST_CA.some((needle) => packageJson.scripts[name]?.includes(needle)),
    );

    // Assess
    expect(found).toEqual([]);
    expect(packageJson.files.filter((entry) => entry.startsWith('test'))).toEqual([]);
    expect(lifecycle).toEqual([]);
    expect(packageJson.scripts.test).toContain('NODE_EXTRA_CA_CERTS=tools/local-aws/certs/ca.pem');
  });
});
