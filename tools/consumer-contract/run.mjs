// The consumer contract: the package as a user installs it. Packs the package, installs the tarball
// into a fresh project outside the repository with only @aws-sdk/client-s3 and Powertools Logger and
// Metrics, then runs an ESM handler, a CommonJS handler, an ESM and a CommonJS esbuild bundle of a
// handler built with the README's "Bundling" commands (each run alone; the ESM one also with a
// condition of the user's own, which drops esbuild's defaults), and a strict `tsc --noEmit`
// (skipLibCheck off) against it. Exits non-zero naming the step that failed.
//   node tools/consumer-contract/run.mjs [--reuse-build] [--keep]
// --reuse-build packs the dist/ already built (CI, right after `npm test`) instead of letting
// `prepare` build again; --keep leaves the temp project for a look.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { outfileOf, readmeBundling, withoutBanner } from './readme-bundling.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fixture = join(here, 'fixture');
const reuseBuild = process.argv.includes('--reuse-build');
const keep = process.argv.includes('--keep');

const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
/** The version the repository's lockfile holds, so the install is served from the npm cache. */
const locked = (name) => {
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${version}`;
};
const RUNTIME = [
  '@aws-sdk/client-s3',
  '@aws-lambda-powertools/logger',
  '@aws-lambda-powertools/metrics',
];
const TOOLS = ['typescript', 'esbuild', '@types/node'];
// Not in the lockfile: Powertools' declarations import 'aws-lambda', which every Lambda TypeScript project has.
const REGISTRY_ONLY = ['@types/aws-lambda@^8.10.0'];
const SHIPPED = [
  'LICENSE',
  'README.md',
  'package.json',
  'dist/esm/index.js',
  'dist/cjs/index.js',
  'dashboards/client-cache.json',
  'dashboards/client-cache-fleet.json',
];
// Source maps would point at src/, which is not shipped; tests, sources and bench results never are.
const NOT_SHIPPED = /\.map$|^(src|test|tools|examples)\//;
const ABSENT = ['client-eventbridge', 'client-lambda', 'client-cost-explorer', 'client-sts'];

const project = mkdtempSync(join(tmpdir(), 'aws-client-cache-consumer-'));
if (!relative(repo, project).startsWith('..'))
  throw new Error(`${project} is inside the repository`);
for (let dir = dirname(project); ; dir = dirname(dir)) {
  // A node_modules above the project would resolve what the project lacks.
  if (existsSync(join(dir, 'node_modules'))) throw new Error(`${dir}/node_modules would leak in`);
  if (dirname(dir) === dir) break;
}
const env = {
  ...process.env,
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};
delete env.NODE_PATH;
delete env.NODE_OPTIONS;

let failures = 0;
function step(name, action) {
  const started = Date.now();
  try {
    action();
    process.stdout.write(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    failures += 1;
    const detail = [error.stdout, error.stderr].filter(Boolean).join('\n').trim() || error.message;
    process.stdout.write(`FAIL ${name}\n${detail.replace(/^/gm, '     ')}\n`);
  }
}
const run = (command, args, cwd = project) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** The handler's result line, checked against what every handler must return. */
function expectHandlerResult(output, label) {
  const line = output.split('\n').find((text) => text.startsWith('CONSUMER-CONTRACT '));
  if (line === undefined) throw new Error(`${label}: no result line in\n${output}`);
  const result = JSON.parse(line.slice('CONSUMER-CONTRACT '.length));
  const expected = {
    same: true,
    region: 'eu-west-1',
    hits: 1,
    misses: 1,
    rejected: 'region',
    middleware: 'function',
  };
  if (JSON.stringify(result) !== JSON.stringify(expected)) {
    throw new Error(`${label}: got ${JSON.stringify(result)}, want ${JSON.stringify(expected)}`);
  }
}

try {
  let tarball;
  step(`npm pack${reuseBuild ? ' (reusing dist/)' : ' (prepare builds)'}`, () => {
    if (reuseBuild && !existsSync(join(repo, 'dist/esm/index.js')))
      throw new Error('no dist/: build first');
    const args = [
      'pack',
      '--json',
      '--pack-destination',
      project,
      ...(reuseBuild ? ['--ignore-scripts'] : []),
    ];
    const [{ filename, files }] = JSON.parse(run('npm', args, repo).replace(/^[^[]*/s, ''));
    const paths = files.map(({ path }) => path);
    const missing = SHIPPED.filter((path) => !paths.includes(path));
    const unwanted = paths.filter((path) => NOT_SHIPPED.test(path));
    if (missing.length > 0) throw new Error(`the tarball lacks ${missing.join(', ')}`);
    if (unwanted.length > 0) throw new Error(`the tarball ships ${unwanted.join(', ')}`);
    tarball = join(project, filename);
  });
  if (tarball === undefined) throw new Error('nothing to install');

  step('install the tarball with only client-s3 and Powertools Logger and Metrics', () => {
    for (const file of readdirSync(fixture)) copyFileSync(join(fixture, file), join(project, file));
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    run('npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      tarball,
      ...[...RUNTIME, ...TOOLS].map(locked),
      ...REGISTRY_ONLY,
    ]);
    const present = ABSENT.filter((name) =>
      existsSync(join(project, 'node_modules/@aws-sdk', name)),
    );
    if (present.length > 0)
      throw new Error(`installed though not asked for: ${present.join(', ')}`);
    const resolved = run('node', [
      '--input-type=module',
      '-e',
      "console.log(fileURLToPath(import.meta.resolve('aws-client-cache')));import { fileURLToPath } from 'node:url';",
    ]).trim();
    if (!resolved.startsWith(`${project}${sep}node_modules${sep}`))
      throw new Error(`aws-client-cache resolved to ${resolved}`);
  });

  step('ESM handler', () => expectHandlerResult(run('node', ['invoke.mjs', 'handler.mjs']), 'ESM'));
  step('CommonJS handler', () =>
    expectHandlerResult(run('node', ['invoke.mjs', 'handler.cjs']), 'CommonJS'),
  );
  step('aws-client-cache/compat through import and require', () => {
    const check =
      "if (c.generateCacheKey('S3', {}) !== 'S3:default:none:none' || !c.isCachedClientValid({ expiresAt: Date.now() + 60000 })) throw new Error('compat helpers misbehave');";
    run('node', [
      '--input-type=module',
      '-e',
      `import * as c from 'aws-client-cache/compat';${check}`,
    ]);
    run('node', ['-e', `const c = require('aws-client-cache/compat');${check}`]);
  });
  // The README's bundling commands, run exactly as written (readme-bundling.mjs reads them).
  const esbuild = join(project, 'node_modules/.bin/esbuild');
  /** Builds with `args` in the project, then runs the bundle where no node_modules can be found. */
  const runBundleAlone = (args) => {
    run(esbuild, [...args, '--log-level=error']);
    const outfile = outfileOf(args);
    const alone = mkdtempSync(join(tmpdir(), 'aws-client-cache-bundle-'));
    try {
      copyFileSync(join(project, outfile), join(alone, basename(outfile)));
      copyFileSync(join(project, 'invoke.mjs'), join(alone, 'invoke.mjs'));
      return run('node', ['invoke.mjs', basename(outfile)], alone);
    } finally {
      rmSync(alone, { recursive: true, force: true });
    }
  };
  let bundling;
  step('README "Bundling": the documented flags and the CDK example agree', () => {
    bundling = readmeBundling(readFileSync(join(repo, 'README.md'), 'utf8'));
    if (!existsSync(join(project, bundling.entry)))
      throw new Error(`the README bundles ${bundling.entry}, which the fixture does not have`);
  });
  if (bundling !== undefined) {
    step("ESM bundle with the README's flags, run without node_modules", () =>
      expectHandlerResult(runBundleAlone(bundling.esm), 'ESM bundle'),
    );
    step("CommonJS bundle with the README's flags, run without node_modules", () =>
      expectHandlerResult(runBundleAlone(bundling.cjs), 'CommonJS bundle'),
    );
    // Custom conditions replace esbuild's defaults; `#node-http-handler` must still resolve to the
    // static import (its `default`), or the bundle would `require` a module it does not carry.
    step(
      'ESM bundle with a condition of your own (--conditions=lambda), run without node_modules',
      () =>
        expectHandlerResult(
          runBundleAlone([...bundling.esm, '--conditions=lambda']),
          'ESM bundle with --conditions',
        ),
    );
    step(
      'ESM bundle of CommonJS builds without the banner fails at load, as the README says',
      () => {
        let output;
        try {
          output = runBundleAlone(withoutBanner(bundling.esm));
        } catch (error) {
          if (/Dynamic require of "[^"]+" is not supported/.test(error.stderr ?? '')) return;
          throw error;
        }
        throw new Error(`it ran (the README's banner may no longer be needed):\n${output}`);
      },
    );
  }
  step('tsc --noEmit (strict, exactOptionalPropertyTypes, skipLibCheck false, NodeNext)', () => {
    run('node', [join(project, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json']);
  });
} finally {
  if (keep) process.stdout.write(`kept ${project}\n`);
  else rmSync(project, { recursive: true, force: true });
}
process.exitCode = failures === 0 ? 0 : 1;
