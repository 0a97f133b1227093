/**
 * Covers how a service getter's entry is told apart from `getClient` with a
 * class of the same name: the SDK's all-in-one classes (`S3`) are named after
 * the service, and must never be handed the getter's `S3Client`.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { getClient, getS3Client } from '../../../src/all.js';
import { useFreshCache } from '../../support/fresh-cache.js';

useFreshCache();

it("never shares a service getter's entry with a class of the same name", () => {
  // Prepare: the SDK's all-in-one classes are named after the service
  class S3 extends S3Client {}

  // Act
  const generic = getClient(S3, { region: 'us-east-1' });
  const service = getS3Client({ region: 'us-east-1' });

  // Assess
  expect(generic).not.toBe(service);
  expect(generic).toBeInstanceOf(S3);
});
