/**
 * Covers the warning for a credentials provider created inside the
 * handler: each new function is a new key, so every call misses (and, past
 * `maxEntries`, evicts). After 10 such providers the cache says so once.
 */

import { S3Service } from '../../../src/clients/s3.js';
import type { LoggerLike } from '../../../src/observability/powertools-types.js';
import { useFreshCache } from '../../support/fresh-cache.js';

const fresh = useFreshCache();

function recordingLogger(lines: string[]): LoggerLike {
  return { debug: () => undefined, warn: (message) => lines.push(message) };
}

const identity = { accessKeyId: 'AKIAINLINEPROVIDER01', secretAccessKey: 'inline' };

it('warns once when provider functions keep building new clients', () => {
  // Prepare
  const warnings: string[] = [];
  const cache = fresh.cache({ logger: recordingLogger(warnings), maxEntries: 5 });

  // Act: 30 "invocations", each with a provider made inline
  for (let invocation = 0; invocation < 30; invocation++) {
    cache.get(S3Service, { credentials: async () => identity });
  }

  // Assess
  expect(cache.stats().misses).toBe(30);
  expect(warnings.filter((line) => line.includes('credential provider functions'))).toHaveLength(1);
});

it('says nothing for one provider created at module scope', () => {
  // Prepare
  const warnings: string[] = [];
  const cache = fresh.cache({ logger: recordingLogger(warnings) });
  const provider = async () => identity;

  // Act
  for (let invocation = 0; invocation < 30; invocation++)
    cache.get(S3Service, { credentials: provider });

  // Assess
  expect(cache.stats()).toMatchObject({ misses: 1, hits: 29 });
  expect(warnings).toEqual([]);
});
