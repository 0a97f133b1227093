// The ESM build: one small file per entry point plus shared chunks, made by
// esbuild with code splitting, so Node loads a handful of modules instead of
// about thirty (each costs about half a millisecond to resolve and link at
// cold start when a function ships node_modules unbundled). Dependencies
// stay external, and the shared chunk keeps one cache per process whichever
// entry points a handler imports. Type declarations come from tsc.
import { build } from 'esbuild';
import { dropRedundantChunkImports } from './drop-redundant-chunk-imports.mjs';

const { metafile } = await build({
  entryPoints: {
    index: 'src/index.ts',
    all: 'src/all.ts',
    compat: 'src/compat.ts',
    'clients/s3': 'src/clients/s3.ts',
    'clients/eventbridge': 'src/clients/eventbridge.ts',
    'clients/lambda': 'src/clients/lambda.ts',
    'clients/cost-explorer': 'src/clients/cost-explorer.ts',
    'clients/sts': 'src/clients/sts.ts',
    'cdk/index': 'src/cdk/index.ts',
  },
  outdir: 'dist/esm',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  chunkNames: 'chunks/[name]-[hash]',
  tsconfig: 'tsconfig.build.json',
  // Optional packages (Powertools) load on first need: by `import()` here,
  // by `require` in the CommonJS build (src/observability/load-powertools.ts).
  define: { CLIENT_CACHE_ESM_BUILD: 'true' },
  logLevel: 'warning',
  metafile: true,
});
// Else a user's esbuild warns about them (ignored-bare-import): see the helper.
dropRedundantChunkImports(metafile);
