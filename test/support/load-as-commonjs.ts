import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/**
 * Runs a one-file package module under jest, which runs the suite as
 * CommonJS in a vm without transforming node_modules: ESM syntax and
 * dynamic `import()` (which jest's vm refuses without
 * --experimental-vm-modules) are compiled to `require`, the code itself
 * unchanged. For modules that import only node builtins.
 */
export function loadAsCommonJs<Exports>(file: string): Exports {
  const { code } = transformSync(readFileSync(file, 'utf8'), {
    format: 'cjs',
    platform: 'node',
    supported: { 'dynamic-import': false },
  });
  const module = { exports: {} as Exports };
  new Function('require', 'module', 'exports', code)(require, module, module.exports);
  return module.exports;
}
