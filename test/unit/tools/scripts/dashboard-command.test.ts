/**
 * Covers `npm run dashboard` (tools/scripts/dashboard.ts), run as a user runs it: it prints the
 * rendered body as JSON ready for `aws cloudwatch put-dashboard` (or writes it to `--out`,
 * relative to where npm was run), an unknown region fails with one line and status 1, and
 * bad or missing flags print the problem and the usage to stderr and exit with status 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderDashboardBody } from '../../../../src/dashboard/render-dashboard.js';

const PACKAGE_ROOT = join(__dirname, '../../../..');
const REQUIRED = ['--namespace', 'Leases', '--service', 'lease-costs', '--region', 'eu-west-1'];

function runCommand(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/scripts/dashboard.ts', ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env,
  });
}

function withRegion(region: string): string[] {
  return [...REQUIRED.slice(0, 4), '--region', region];
}

describe('npm run dashboard', () => {
  it('prints the rendered body as JSON and exits with status 0', () => {
    // Act
    const run = runCommand([...REQUIRED, '--max-entries', '250']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expect(run.stdout.trimEnd()).toBe(
      renderDashboardBody({
        namespace: 'Leases',
        service: 'lease-costs',
        region: 'eu-west-1',
        maxEntries: 250,
      }),
    );
  });

  it('draws the default maximum of 100 when --max-entries is not given', () => {
    // Act
    const run = runCommand(REQUIRED);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd()).toBe(
      renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region: 'eu-west-1' }),
    );
  });

  it.each([
    ['a missing --region', REQUIRED.slice(0, 4), 'Missing `--region`'],
    ['an empty --out', [...REQUIRED, '--out', ''], '`--out` must be a file name'],
    ['a word for --max-entries', [...REQUIRED, '--max-entries', 'abc'], 'got "abc"'],
    [
      'an out-of-range --max-entries',
      [...REQUIRED, '--max-entries', '0'],
      '`--max-entries` must be an integer from 1 to 10000, got 0',
    ],
    ['an unknown flag', [...REQUIRED, '--colour', 'red'], "'--colour'"],
  ])('reports %s with the usage and exits with status 2', (_case, args, message) => {
    // Act
    const run = runCommand(args);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run dashboard --');
  });

  it('writes the body to --out, relative to the directory npm was run from, and prints nothing', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-out-'));

    try {
      // Act
      const run = runCommand([...REQUIRED, '--out', 'body.json'], {
        ...process.env,
        INIT_CWD: dir,
      });

      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('');
      expect(readFileSync(join(dir, 'body.json'), 'utf8').trimEnd()).toBe(
        renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region: 'eu-west-1' }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes pure JSON through `npm run dashboard -- --out`, npm banner and all, into the caller directory', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-npm-'));

    try {
      // Act
      const run = spawnSync(
        'npm',
        ['run', '--prefix', PACKAGE_ROOT, 'dashboard', '--', ...REQUIRED, '--out', 'body.json'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );

      // Assess
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('> tsx tools/scripts/dashboard.ts');
      expect(JSON.parse(readFileSync(join(dir, 'body.json'), 'utf8'))).toEqual(
        JSON.parse(
          renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region: 'eu-west-1' }),
        ),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['eu-wst-1', 'x', 'EU-WEST-1', 'us-east-1 ', 'aws-global', 'eu-west-99'])(
    'rejects the unknown region %j with one line and status 1, writing nothing',
    (region) => {
      // Prepare
      const dir = mkdtempSync(join(tmpdir(), 'dashboard-out-'));

      try {
        // Act
        const run = runCommand([...withRegion(region), '--out', 'body.json'], {
          ...process.env,
          INIT_CWD: dir,
        });

        // Assess
        expect(run.status).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `Unknown region ${JSON.stringify(region)}: \`--region\` must be an AWS region such as "eu-west-1" (run with --help for usage)\n`,
        );
        expect(() => readFileSync(join(dir, 'body.json'))).toThrow('ENOENT');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each([
    'us-gov-west-1',
    'cn-north-1',
    'us-iso-east-1',
    'us-isob-east-1',
    'ap-southeast-7',
    'mx-central-1',
    'eusc-de-east-1',
  ])('accepts %s, a region of the aws partitions, and draws it', (region) => {
    // Act
    const run = runCommand(withRegion(region));

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd()).toBe(
      renderDashboardBody({ namespace: 'Leases', service: 'lease-costs', region }),
    );
  });

  it('prints the usage to stdout and exits with status 0 for --help', () => {
    // Act
    const run = runCommand(['--help']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--max-entries');
  });
});
