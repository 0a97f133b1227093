import type middyType from '@middy/core';
import { loadAsCommonJs } from './load-as-commonjs.js';

/** @middy/core, which is ESM-only, as jest's CommonJS can run it. */
export function loadMiddy(): typeof middyType {
  const loaded = loadAsCommonJs<{ default?: typeof middyType }>(require.resolve('@middy/core'));
  if (loaded.default === undefined) throw new Error('@middy/core has no default export');
  return loaded.default;
}
