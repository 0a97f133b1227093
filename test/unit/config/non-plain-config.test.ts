/**
 * Covers configs that are objects but not plain ones: a class instance
 * (whose credentials may hide behind a getter) and a Map are refused with a
 * `ClientCacheConfigError`, even when a client for the plain default config is
 * already cached and the hit path could have answered.
 */
import { getS3Client } from '../../../src/all.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it('refuses a class instance or a Map as a config, whatever is cached', () => {
  // Prepare: a cached default client, and a config whose credentials hide behind a getter
  getS3Client();
  class Config {
    region = 'us-east-1';
    get credentials() {
      return { accessKeyId: 'AKIAHIDDENGETTER0001', secretAccessKey: 'hidden-getter-secret' };
    }
  }

  // Act
  const fromClass = configErrorFrom(() => getS3Client(new Config() as never));
  const fromMap = configErrorFrom(() => getS3Client(new Map() as never));

  // Assess
  expect(fromClass.field).toBe('config');
  expect(fromMap.message).toContain('must be a plain object');
});
