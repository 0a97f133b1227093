/**
 * Covers `npm run dashboard` (scripts/dashboard.ts), run as a user runs it: it prints the
 * rendered body as JSON ready for `aws cloudwatch put-dashboard`, and bad or missing flags
 * print the problem and the usage to stderr and exit with status 2.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { renderDashboardBody } from '../../src/dashboard/render-dashboard.js';

const PACKAGE_ROOT = join(__dirname, '..', '..');
const REQUIRED = ['--namespace', 'Leases', '--service', 'lease-costs', '--region', 'eu-west-1'];

function runCommand(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/dashboard.ts', ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
  });
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
    [
      'a bad --region',
      [...REQUIRED, '--region', 'x'],
      '`region` must look like "us-east-1", got "x"',
    ],
    ['a word for --max-entries', [...REQUIRED, '--max-entries', 'abc'], 'got "abc"'],
    ['an out-of-range --max-entries', [...REQUIRED, '--max-entries', '0'], '`maxEntries`'],
    ['an unknown flag', [...REQUIRED, '--colour', 'red'], "'--colour'"],
  ])('reports %s with the usage and exits with status 2', (_case, args, message) => {
    // Act
    const run = runCommand(args);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: npm run --silent dashboard --');
  });

  it('prints the usage to stdout and exits with status 0 for --help', () => {
    // Act
    const run = runCommand(['--help']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--max-entries');
  });
});
