/**
 * Every test file's default timeout (tests and hooks): 20 s on an idle
 * machine, scaled to the CPU contention measured when the file starts
 * (`cpu-contention.ts`). A test that names its own timeout scales it with
 * `scaledTimeout` too.
 */
import { scaledTimeout } from './cpu-contention.js';

/** The default bound on a quiet machine. */
const QUIET_TEST_TIMEOUT_MS = 20_000;

jest.setTimeout(scaledTimeout(QUIET_TEST_TIMEOUT_MS));
