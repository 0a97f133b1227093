/**
 * Covers `npm run dashboard`'s alarm and fleet flags, run as a user runs them: `--alarms-out`
 * writes the four alarms as `put-metric-alarm` inputs (SNS actions only with `--alarm-topic`),
 * `--account` puts their ARNs in the dashboard's alarm status widget, `--fleet` prints the fleet
 * view, and a bad value fails with status 2 naming its flag.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderFleetDashboardBody } from '../../../../src/dashboard/render-fleet-dashboard.js';
import { EXPECTED_ALARMS, readAlarm } from '../../../support/alarm-expectations.js';

const PACKAGE_ROOT = join(__dirname, '../../../..');
const REQUIRED = ['--namespace', 'Leases', '--service', 'lease-costs', '--region', 'eu-west-1'];
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:on-call';

function runCommand(args: string[], cwd?: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'tools/scripts/dashboard.ts', ...args], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, INIT_CWD: cwd ?? PACKAGE_ROOT },
  });
}

describe('npm run dashboard: alarms and the fleet view', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-alarms-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the documented alarms, named from the service, telling the topic', () => {
    // Act
    const run = runCommand(
      [...REQUIRED, '--out', 'body.json', '--alarms-out', 'alarms.json', '--alarm-topic', TOPIC],
      dir,
    );

    // Assess
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const alarms = JSON.parse(readFileSync(join(dir, 'alarms.json'), 'utf8')) as Record<
      string,
      unknown
    >[];
    expect(alarms.map((alarm) => alarm.AlarmName)).toEqual([
      'lease-costs-client-cache-credential-refresh-failures',
      'lease-costs-client-cache-eviction-misses',
      'lease-costs-client-cache-requests-per-connection',
      'lease-costs-client-cache-hit-ratio',
    ]);
    Object.values(EXPECTED_ALARMS).forEach((expected, position) => {
      const alarm = alarms[position] as Record<string, unknown>;
      expect(readAlarm(alarm)).toMatchObject({
        metrics: expected.metrics,
        threshold: expected.threshold,
        comparison: expected.comparison,
        treatMissingData: 'notBreaching',
      });
      expect([alarm.AlarmActions, alarm.OKActions]).toEqual([[TOPIC], [TOPIC]]);
    });
  });

  it('writes alarms without actions when no topic is given', () => {
    // Act
    const run = runCommand([...REQUIRED, '--out', 'body.json', '--alarms-out', 'alarms.json'], dir);

    // Assess
    expect(run.status).toBe(0);
    const alarms = JSON.parse(readFileSync(join(dir, 'alarms.json'), 'utf8')) as object[];
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm).not.toHaveProperty('AlarmActions');
      expect(alarm).not.toHaveProperty('OKActions');
    }
  });

  it('shows the alarms state on the dashboard only with --account', () => {
    // Act
    const withAccount = runCommand([...REQUIRED, '--account', '123456789012']);
    const without = runCommand(REQUIRED);

    // Assess
    const statusOf = (stdout: string) =>
      (
        JSON.parse(stdout) as { widgets: { type: string; properties: { alarms?: string[] } }[] }
      ).widgets.filter((widget) => widget.type === 'alarm');
    expect(statusOf(withAccount.stdout)[0]?.properties.alarms).toContain(
      'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:lease-costs-client-cache-eviction-misses',
    );
    expect(statusOf(without.stdout)).toEqual([]);
  });

  it('prints the fleet view with --fleet', () => {
    // Act
    const run = runCommand(['--fleet', '--namespace', 'Leases', '--region', 'eu-west-1']);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout.trimEnd()).toBe(
      renderFleetDashboardBody({ namespace: 'Leases', region: 'eu-west-1' }),
    );
  });

  it.each([
    [
      'a topic that is not an SNS ARN',
      [...REQUIRED, '--alarm-topic', 'on-call'],
      '`--alarm-topic`',
    ],
    ['an account that is not 12 digits', [...REQUIRED, '--account', '12'], '`--account`'],
    [
      'a service that makes no alarm name, without a prefix',
      [
        '--namespace',
        'L',
        '--service',
        'lease costs',
        '--region',
        'eu-west-1',
        '--account',
        '123456789012',
      ],
      '`--alarm-name-prefix`',
    ],
    ['--fleet with --service', ['--fleet', ...REQUIRED], '`--fleet` covers every service'],
  ])('refuses %s with status 2 naming the flag', (_case, args, message) => {
    // Act
    const run = runCommand(args);

    // Assess
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
  });
});
