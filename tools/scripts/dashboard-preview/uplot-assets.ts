import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PreviewError } from './errors.js';

/** uPlot's minified script and stylesheet, to inline so the page opens offline. */
export interface ChartAssets {
  readonly script: string;
  readonly stylesheet: string;
}

/**
 * Reads uPlot from `node_modules` (it is a devDependency: the preview is a tool of this
 * repository, not part of the published package). Resolved from the working directory, which
 * `npm run` and jest both set to the package root.
 *
 * @throws PreviewError saying to run `npm install` when uPlot is not installed.
 */
export function loadChartAssets(): ChartAssets {
  const require = createRequire(join(process.cwd(), 'package.json'));
  try {
    return {
      script: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      stylesheet: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  } catch (error) {
    throw new PreviewError('Cannot load uPlot from node_modules: run `npm install` first', {
      cause: error,
    });
  }
}
