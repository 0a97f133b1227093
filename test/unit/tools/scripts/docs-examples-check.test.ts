/**
 * Covers tools/scripts/check-doc-examples.ts, the CI step that type-checks every ```ts block in the
 * markdown: a block that does not compile fails the run and is reported at its markdown line,
 * a block marked with a reasoned skip comment is not compiled, and a clean tree passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PACKAGE_ROOT = join(__dirname, '../../../..');

function checkTree(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'docs-check-'));
  try {
    mkdirSync(join(dir, 'docs'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return spawnSync(
      process.execPath,
      ['--import', 'tsx', 'tools/scripts/check-doc-examples.ts', '--root', dir],
      { cwd: PACKAGE_ROOT, encoding: 'utf8' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the docs examples check', () => {
  it('fails and names the markdown line of a block that does not compile', () => {
    // Act
    const run = checkTree({
      'README.md': '# Title\n\n```ts\nconst fine = 1;\nconst count: number = fine + work;\n```\n',
      'docs/guide.md': '```ts\nexport const ok: string = "yes";\n```\n',
    });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("README.md:5:30: TS2304 Cannot find name 'work'.");
    expect(run.stdout).toBe('2 TypeScript examples checked, 0 skipped, 1 problems\n');
  });

  it('checks `undefined` for an optional property under exactOptionalPropertyTypes', () => {
    // Act
    const run = checkTree({
      'README.md':
        '```typescript\nconst config: { roleArn?: string } = { roleArn: process.env.ROLE };\nexport { config };\n```\n',
    });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('README.md:2:');
    expect(run.stderr).toContain('exactOptionalPropertyTypes');
  });

  it('skips only a block whose fence follows a skip comment with a reason', () => {
    // Act
    const run = checkTree({
      'docs/a.md':
        '<!-- docs-check: skip (a fragment) -->\n```ts\nbroken(\n```\n\n<!-- docs-check: skip -->\n```ts\nexport const n: number = 1;\n```\n',
    });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('1 TypeScript examples checked, 1 skipped, 0 problems\n');
  });
});
