// The package is "type": "module", so the CommonJS build needs its own
// package.json to tell Node that dist/cjs holds CommonJS files.
import { writeFileSync } from 'node:fs';

writeFileSync('dist/cjs/package.json', `${JSON.stringify({ type: 'commonjs' })}\n`);
