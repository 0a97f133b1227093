/**
 * Covers `npm run dashboard:preview` (tools/scripts/dashboard-preview/command.ts) short of a browser:
 * bad input gives one line on stderr and status 1, bad flags status 2 with the usage, and
 * without Chromium the HTML is still written (status 0) unless `--png` asked for the PNG.
 * The browser and the PNG are covered by test/integration/tools/scripts/dashboard-preview/preview-*.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPreviewCommand } from '../../../../../tools/scripts/dashboard-preview/command.js';
import { buildPreviewEmfLog, previewEmfLine } from '../../../../support/preview-emf-fixture.js';

const PACKAGE_ROOT = join(__dirname, '../../../../..');
const NO_CHROMIUM = '/nonexistent/chromium';

let directory: string;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'preview-command-'));
});

afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

async function run(args: string[], files: Record<string, string> = {}) {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(directory, name, '..'), { recursive: true });
    writeFileSync(join(directory, name), content);
  }
  let stdout = '';
  let stderr = '';
  const status = await runPreviewCommand(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: directory,
    chromiumPath: NO_CHROMIUM,
  });
  return { status, stdout, stderr };
}

describe('npm run dashboard:preview, its failures', () => {
  it.each([
    [
      'a missing --input file',
      ['--input', 'nope.jsonl'],
      {},
      '--input nope.jsonl does not exist\n',
    ],
    [
      'a file without EMF lines',
      ['--input', 'logs.jsonl'],
      { 'logs.jsonl': 'START RequestId: 1\n{"level":"INFO"}\n' },
      'logs.jsonl has no EMF lines (JSON with an "_aws" object) among its 2 lines\n',
    ],
    [
      'a malformed JSON line among EMF lines',
      ['--input', 'broken.jsonl'],
      {
        'broken.jsonl': `${previewEmfLine(Date.UTC(2026, 0, 1), { ClientCacheHit: 1 })}\n{"_aws":{\n`,
      },
      expect.stringMatching(/^broken\.jsonl:2: an EMF line is not valid JSON \(.*\)\n$/),
    ],
    [
      'a service the input does not have',
      ['--input', 'fixture.jsonl', '--service', 'billing'],
      { 'fixture.jsonl': buildPreviewEmfLog().join('\n') },
      'fixture.jsonl has no cache metrics for `--service` "billing"; it has namespace/service Leases/lease-costs\n',
    ],
    [
      'two services without --service',
      ['--input', 'two.jsonl'],
      {
        'two.jsonl': [
          previewEmfLine(Date.UTC(2026, 0, 1), { ClientCacheHit: 1 }),
          previewEmfLine(Date.UTC(2026, 0, 1), { ClientCacheHit: 1 }, { service: 'billing' }),
        ].join('\n'),
      },
      'two.jsonl has cache metrics for several services (namespace/service Leases/lease-costs, Leases/billing): pick one with `--namespace` and `--service`\n',
    ],
  ])('reports %s in one line and exits with status 1', async (_case, args, files, message) => {
    // Act
    const result = await run(args, files);

    // Assess
    expect(result).toEqual({ status: 1, stdout: '', stderr: message });
  });

  it('says how to make the default input when out/demo-emf.jsonl is missing', async () => {
    // Act
    const result = await run([]);

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'out/demo-emf.jsonl does not exist: run `npm start` (the demo writes it), or pass --input <file.jsonl>\n',
    );
  });

  it.each([
    ['an unknown flag', ['--colour', 'red'], "Unknown option '--colour'"],
    [
      '--fleet with --service',
      ['--fleet', '--service', 'lease-costs'],
      '`--fleet` draws every service: drop `--service` and `--max-entries`',
    ],
    [
      'a period CloudWatch has not',
      ['--period', '45'],
      '`--period` must be 1, 5, 10, 30 or a multiple of 60, got "45"',
    ],
    [
      'a word for --max-entries',
      ['--max-entries', 'many'],
      '`--max-entries` must be an integer from 1 to 10000, got "many"',
    ],
  ])('reports %s with the usage and exits with status 2', async (_case, args, message) => {
    // Act
    const result = await run(args);

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run dashboard:preview');
  });

  it('exits with status 1 and no stack trace as a process too', () => {
    // Act
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'tools/scripts/dashboard-preview/cli.ts',
        '--input',
        join(directory, 'none.jsonl'),
      ],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(`--input ${join(directory, 'none.jsonl')} does not exist\n`);
  });
});

describe('npm run dashboard:preview without Chromium', () => {
  const files = { 'logs/fixture.jsonl': buildPreviewEmfLog().join('\n') };

  it('writes the HTML, says the PNG needs Chromium, and exits with status 0', async () => {
    // Act
    const result = await run(['--input', 'logs/fixture.jsonl', '--out', 'preview'], files);

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      'Read 32 EMF lines from logs/fixture.jsonl (120 other lines skipped)',
    );
    expect(result.stdout).toContain('Wrote preview/dashboard.html\n');
    expect(result.stderr).toBe(
      `The PNG needs Chromium at ${NO_CHROMIUM} (apt-get install chromium): wrote the HTML only.\n`,
    );
    expect(existsSync(join(directory, 'preview', 'dashboard.html'))).toBe(true);
    expect(existsSync(join(directory, 'preview', 'dashboard.png'))).toBe(false);
  });

  it('exits with status 1 when --png asked for the PNG, with the HTML still written', async () => {
    // Act
    const result = await run(['--input', 'logs/fixture.jsonl', '--out', 'preview', '--png'], files);

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `The PNG needs Chromium at ${NO_CHROMIUM} (apt-get install chromium); wrote the HTML only\n`,
    );
    expect(existsSync(join(directory, 'preview', 'dashboard.html'))).toBe(true);
  });
});
