/**
 * Covers the local endpoint started on its own, as tools/local-aws/README.md tells a reader to: the
 * first stdout line is the env that points SDK v3 clients at it, each stdin line is a command
 * answered by one line, and the process ends by itself when its piped stdin closes.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';

const ROOT = join(__dirname, '../../../..');
// A loaded machine can take a while to start tsx; the child never outlives this. SIGKILL, since
// the endpoint stops cleanly (exit 0) on SIGTERM, which would pass for stopping by itself.
const GIVE_UP_MS = 60_000;

/** The next stdout line of the endpoint. */
function nextLine(lines: Interface): Promise<string> {
  return new Promise((resolve) => lines.once('line', resolve));
}

describe('tools/local-aws/cli.ts', () => {
  let child: ChildProcessWithoutNullStreams;
  let lines: Interface;
  let killer: NodeJS.Timeout;

  beforeAll(() => {
    child = spawn(process.execPath, ['--import', 'tsx', 'tools/local-aws/cli.ts'], { cwd: ROOT });
    killer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
    lines = createInterface({ input: child.stdout });
  });
  afterAll(() => {
    clearTimeout(killer);
    child.kill();
  });

  it('prints its env, answers commands on stdin and stops when stdin closes', async () => {
    // Prepare
    const env = JSON.parse(await nextLine(lines)) as Record<string, string>;
    const sts = new STSClient({
      endpoint: env.AWS_ENDPOINT_URL_STS,
      region: env.AWS_REGION,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      },
    });

    // Act
    const identity = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    child.stdin.write('{"command":"stats"}\n');
    const stats = JSON.parse(await nextLine(lines));
    child.stdin.write('{"command":"nonsense"}\n');
    const refused = JSON.parse(await nextLine(lines));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.stdin.end();

    // Assess
    expect(Object.keys(env).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_ENDPOINT_URL_COST_EXPLORER',
      'AWS_ENDPOINT_URL_EVENTBRIDGE',
      'AWS_ENDPOINT_URL_LAMBDA',
      'AWS_ENDPOINT_URL_S3',
      'AWS_ENDPOINT_URL_STS',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'NODE_EXTRA_CA_CERTS',
    ]);
    expect(env.NODE_EXTRA_CA_CERTS).toBe(join(ROOT, 'tools', 'local-aws', 'certs', 'ca.pem'));
    expect(identity.Account).toBe('123456789012');
    expect(stats).toMatchObject({
      ok: true,
      stats: { requests: { 'STS.GetCallerIdentity': 1 }, handshakes: { sts: 1, s3: 0 } },
    });
    expect(refused.ok).toBe(false);
    expect(await exited).toBe(0);
  }, 90_000);
});
