// Type-checks every TypeScript code block (```ts) in README.md, the other top-level *.md files and
// docs/*.md, each as its own ES module, against the built package as users get it: `aws-client-cache`
// resolves by name through package.json `exports` to dist/ (run `npm run build` first), under strict,
// exactOptionalPropertyTypes and NodeNext. An illustrative fragment that cannot compile is skipped
// only when the line before its fence says so, with a reason: <!-- docs-check: skip (reason) -->
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

// `--root DIR` checks another tree's markdown (the script's own test uses it).
const rootFlag = process.argv.indexOf('--root');
const root =
  rootFlag === -1
    ? join(import.meta.dirname, '..', '..')
    : resolve(process.argv[rootFlag + 1] ?? '.');
// Inside this package, so `aws-client-cache` resolves to itself by name; `.mts`, so each block is an ES module.
const scratch = join(import.meta.dirname, '..', '..', '.tmp');
mkdirSync(scratch, { recursive: true });
const workDir = mkdtempSync(join(scratch, 'doc-examples-'));
const FENCE = /^```(?:ts|typescript)\s*$/;
const SKIP = /^<!-- docs-check: skip \(.+\) -->$/;

interface Example {
  readonly markdown: string;
  readonly firstLine: number;
  readonly file: string;
}

function markdownFiles(): string[] {
  const inRoot = readdirSync(root).filter((name) => name.endsWith('.md'));
  const docs = join(root, 'docs');
  const inDocs = (existsSync(docs) ? readdirSync(docs) : [])
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return [...inRoot, ...inDocs].sort();
}

function extract(markdown: string): { examples: Example[]; skipped: number } {
  const lines = readFileSync(join(root, markdown), 'utf8').split('\n');
  const examples: Example[] = [];
  let skipped = 0;
  for (let index = 0; index < lines.length; index += 1) {
    if (!FENCE.test(lines[index] ?? '')) continue;
    const end = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (end === -1) throw new Error(`${markdown}:${index + 1}: unclosed code block`);
    if (SKIP.test((lines[index - 1] ?? '').trim())) skipped += 1;
    else {
      const file = join(workDir, `${markdown.replaceAll(/[/.]/g, '_')}_${index + 2}.mts`);
      writeFileSync(file, `${lines.slice(index + 1, end).join('\n')}\n`);
      examples.push({ markdown, firstLine: index + 2, file });
    }
    index = end;
  }
  return { examples, skipped };
}

const found = markdownFiles().map(extract);
const examples = found.flatMap(({ examples: blocks }) => blocks);
const skipped = found.reduce((sum, { skipped: count }) => sum + count, 0);

const program = ts.createProgram(
  examples.map(({ file }) => file),
  {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  },
);
const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
  const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const example = examples.find(({ file }) => file === diagnostic.file?.fileName);
  if (example === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
    return `${diagnostic.file ? relative(root, diagnostic.file.fileName) : 'tsc'}: ${text}`;
  }
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${example.markdown}:${example.firstLine + line}:${character + 1}: TS${diagnostic.code} ${text}`;
});

rmSync(workDir, { recursive: true, force: true });
for (const problem of problems) process.stderr.write(`${problem}\n`);
process.stdout.write(
  `${examples.length} TypeScript examples checked, ${skipped} skipped, ${problems.length} problems\n`,
);
process.exitCode = problems.length === 0 ? 0 : 1;
