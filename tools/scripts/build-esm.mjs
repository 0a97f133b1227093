// The ESM build: one small file per entry point plus shared chunks, made by
// esbuild with code splitting, so Node loads a handful of modules instead of
// about thirty (each costs about half a millisecond to resolve and link at
// cold start when a function ships node_modules unbundled). Dependencies
// stay external, and the shared chunk keeps one cache per process whichever
// entry points a handler imports. Type declarations come from tsc.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import { dropRedundantChunkImports } from './drop-redundant-chunk-imports.mjs';

const entryPoints = {
  index: 'src/index.ts',
  all: 'src/all.ts',
  compat: 'src/compat.ts',
  'clients/s3': 'src/clients/s3.ts',
  'clients/eventbridge': 'src/clients/eventbridge.ts',
  'clients/lambda': 'src/clients/lambda.ts',
  'clients/cost-explorer': 'src/clients/cost-explorer.ts',
  'clients/sts': 'src/clients/sts.ts',
};
const entrySources = new Map(
  Object.entries(entryPoints).map(([name, source]) => [resolve(source), `${name}.js`]),
);

/**
 * An entry point that imports another (`all` re-exports `clients/s3` and the
 * root; the root re-exports `compat`) imports that entry's file, as the
 * source does. Left to esbuild, each such module would become a shared chunk
 * of its own, and `clients/s3.js` a file that only forwards to it: one more
 * file for Node to resolve, read and link at every cold start.
 */
const entriesImportEntries = {
  name: 'entries-import-entries',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.?\// }, ({ path, importer, kind }) => {
      if (kind !== 'import-statement' || !entrySources.has(importer)) return undefined;
      const target = entrySources.get(resolve(dirname(importer), path.replace(/\.js$/, '.ts')));
      if (target === undefined) return undefined;
      const from = dirname(entrySources.get(importer));
      const specifier = relative(from, target);
      return { path: specifier.startsWith('.') ? specifier : `./${specifier}`, external: true };
    });
  },
};

/**
 * `@smithy/node-http-handler` is CommonJS, and the SDK client has already
 * `require`d it by the time a handler imports the cache. On Node 22 an ES
 * module importing it once more costs an unbundled cold start about 10 % of
 * its CPU and about 3 MB of peak memory (BENCHMARKS.md, "P6 on CPU"); taking
 * the same module through `createRequire` costs nothing measurable. A bundle,
 * though, has no node_modules to `require` from at run time, and only a
 * static import puts the module in it. So the ESM build imports it as
 * `#node-http-handler`, which package.json's `imports` maps, by condition, to
 * one of two files written here: for Node (`node-addons`, a condition Node
 * sets and bundlers do not), the `require`; for everything else, bundlers
 * included, the static import. Tools that trace files instead of bundling
 * them (`@vercel/nft`, as Vercel, Next.js and Netlify use it) resolve without
 * `node-addons`, so the static file names the Node one in an `import()` that
 * never runs and that bundlers drop with the unused export; without it a
 * traced deployment would lack the file Node loads.
 * Only `NodeHttpHandler` goes through it: the build fails on any other name.
 */
const nodeHttpHandlerImport = {
  name: 'node-http-handler-import',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@smithy\/node-http-handler$/ }, () => ({
      path: '#node-http-handler',
      external: true,
    }));
  },
};
const NODE_HTTP_HANDLER_FILES = {
  'dist/esm/node-http-handler.js': `// For bundlers (package.json \`imports\`, default): a static import puts the module in the bundle.
export { NodeHttpHandler } from '@smithy/node-http-handler';

// Never called, and dropped by bundlers as an unused export: it names the file Node loads instead
// (\`node-addons\`) for tools that trace files rather than bundle them.
export const nodeVariant = () => import('./node-http-handler.node.js');
`,
  'dist/esm/node-http-handler.node.js': `// For Node (package.json \`imports\`, \`node-addons\`): the module the SDK client already required,
// without an ES module import of CommonJS (see tools/scripts/build-esm.mjs).
import { createRequire } from 'node:module';

export const { NodeHttpHandler } = createRequire(import.meta.url)('@smithy/node-http-handler');
`,
};

/** Fails the build when the ESM output takes from `#node-http-handler` what its two files lack. */
function checkNodeHttpHandlerImports(outputDir) {
  for (const file of readdirSync(outputDir, { recursive: true })) {
    if (!String(file).endsWith('.js')) continue;
    const text = readFileSync(join(outputDir, String(file)), 'utf8');
    for (const [, names] of text.matchAll(
      /^import\s*\{([^}]*)\}\s*from\s*"#node-http-handler";/gm,
    )) {
      const imported = names.split(',').map((name) => name.trim().split(/\s+as\s+/)[0]);
      if (imported.some((name) => name !== 'NodeHttpHandler')) {
        throw new Error(
          `${file} imports ${imported.join(', ')} from @smithy/node-http-handler; #node-http-handler exports NodeHttpHandler only (tools/scripts/build-esm.mjs)`,
        );
      }
    }
  }
}

const common = {
  outdir: 'dist/esm',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.build.json',
  logLevel: 'warning',
};

/**
 * `aws-client-cache/cdk` runs at synth, never in a handler, so it is built
 * on its own: sharing chunks with it would split the handler's code in one
 * more file (the modules both use). Its only import whose identity matters,
 * the error classes, comes from the package root, so `instanceof
 * ClientCacheConfigError` holds whichever entry point a user imports it from.
 */
const errorsFromRoot = {
  name: 'errors-from-root',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/errors\.js$/ }, ({ path, importer }) =>
      resolve(dirname(importer), path) === resolve('src/errors.js')
        ? { path: '../index.js', external: true }
        : undefined,
    );
  },
};
await build({
  ...common,
  entryPoints: { 'cdk/index': 'src/cdk/index.ts' },
  plugins: [errorsFromRoot],
});

const { metafile } = await build({
  ...common,
  entryPoints,
  plugins: [entriesImportEntries, nodeHttpHandlerImport],
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  // Optional packages (Powertools) load on first need: by `import()` here,
  // by `require` in the CommonJS build (src/observability/load-powertools.ts).
  define: { CLIENT_CACHE_ESM_BUILD: 'true' },
  metafile: true,
});
// Else a user's esbuild warns about them (ignored-bare-import): see the helper.
dropRedundantChunkImports(metafile);
for (const [file, text] of Object.entries(NODE_HTTP_HANDLER_FILES)) writeFileSync(file, text);
checkNodeHttpHandlerImports('dist/esm');
