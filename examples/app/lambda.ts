import { createLeaseCostsHandler } from './handler.js';

/**
 * The deployed entry point. Built at module load on purpose: that is the Lambda init phase, so
 * bad settings fail the cold start instead of the first lease.
 */
export const handler = createLeaseCostsHandler();
