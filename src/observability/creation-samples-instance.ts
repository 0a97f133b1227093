import { CreationSamples } from './creation-samples.js';

/** Process-wide, like the counters: creation times since the last publish. */
export const creationSamples = new CreationSamples();
