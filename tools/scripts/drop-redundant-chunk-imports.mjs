// esbuild's code splitting writes bare `import "./chunks/chunk-X.js";` lines into entry files for
// chunks the entry already reaches through its other imports, or for chunks with no code at all.
// They run nothing, but the package says `"sideEffects": false`, so a user's esbuild drops each one
// with an `ignored-bare-import` warning, two per entry point. This removes a bare chunk import only
// when dropping it changes nothing: the chunk was already evaluated by an earlier import of the
// same file, or evaluating it does nothing (no code, and only such imports itself). Any other bare
// import stays, so a chunk with real work in it is never skipped.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

// esbuild's own output: one statement per import, the specifier in double quotes.
const IMPORT = /^import\s+(?:[^;"]*?\s+from\s+)?"([^"]+)";\n/gm;
const BARE = /^import\s+"/;

/** @param {import('esbuild').Metafile} metafile */
export function dropRedundantChunkImports(metafile) {
  const outputs = metafile.outputs;
  const chunkImports = (file) =>
    (outputs[file]?.imports ?? [])
      .filter(({ external, kind }) => !external && kind === 'import-statement')
      .map(({ path }) => path);
  const hasCode = (file) =>
    Object.values(outputs[file]?.inputs ?? {}).some(({ bytesInOutput }) => bytesInOutput > 0);
  const doesNothing = (file) => !hasCode(file) && chunkImports(file).every(doesNothing);
  const closure = (file, into) => {
    if (into.has(file)) return;
    into.add(file);
    for (const imported of chunkImports(file)) closure(imported, into);
  };

  let dropped = 0;
  for (const file of Object.keys(outputs).filter((name) => name.endsWith('.js'))) {
    const source = readFileSync(file, 'utf8');
    const evaluated = new Set();
    const kept = source.replace(IMPORT, (statement, specifier) => {
      if (!specifier.startsWith('.')) return statement;
      const target = relative('.', join(dirname(file), specifier));
      if (BARE.test(statement) && (evaluated.has(target) || doesNothing(target))) {
        dropped += 1;
        return '';
      }
      closure(target, evaluated);
      return statement;
    });
    if (kept !== source) writeFileSync(file, kept);
  }
  return dropped;
}
