/**
 * Covers which service a cached client belongs to. Invariant: a call gets a
 * client only of the class, and with the defaults, its service builds, warm
 * or cold. The hit path finds an entry by the service object that built it,
 * so an object that only names the same type takes the checked path; there a
 * type name stands for one service per cache, so a service that names an
 * existing type but builds other clients is refused, and one that builds
 * alike (a second copy of an entry point) shares. A service object must be
 * frozen (as entry points and `defineService` make it): one edited after its
 * first call would otherwise keep finding the client its old fields built.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { defineService } from '../../../src/client-cache/client-service.js';
import { S3Service } from '../../../src/clients/s3.js';
import { configErrorFrom, useFreshCache } from '../../support/fresh-cache.js';

const fresh = useFreshCache();
const REGION = { region: 'eu-west-1' };

describe('a service finds only the clients it builds', () => {
  it('refuses an object that only names the type, on a warm cache as on a cold one', () => {
    // Prepare
    const lookAlike = { clientType: 'S3' } as never;
    const cold = fresh.cache();
    const warm = fresh.cache();
    warm.get(S3Service, REGION);
    warm.get(S3Service, REGION);

    // Act
    const errors = [cold, warm].map((cache) => configErrorFrom(() => cache.get(lookAlike, REGION)));

    // Assess
    expect(errors.map((error) => error.field)).toEqual(['service', 'service']);
  });

  it('refuses a service object that could be edited after its first call', () => {
    // Prepare: a hand-made service, mutable, that would keep finding its S3 client by identity
    const cache = fresh.cache();
    const mutable = { clientClass: S3Client, clientType: 'Mutable', defaults: {} };

    // Act
    const error = configErrorFrom(() => cache.get(mutable as never, REGION));

    // Assess
    expect(error.field).toBe('service');
    expect(error.message).toContain('defineService');
  });

  it('refuses a service of another class under a type already in use, and never hands it the other client', () => {
    // Prepare: the built-in S3 service holds type "S3"
    const cache = fresh.cache();
    const s3 = cache.get(S3Service, REGION);
    const impostor = defineService(STSClient, 'S3');

    // Act
    const error = configErrorFrom(() => cache.get(impostor, REGION));

    // Assess
    expect(error.message).toContain('"S3" already names another service');
    expect(error.message).toContain('S3Client');
    expect(cache.get(S3Service, REGION)).toBe(s3);
  });

  it('refuses a service of the same class with other defaults under a type in use', () => {
    // Prepare
    const cache = fresh.cache();
    cache.get(S3Service, REGION);
    const pathStyle = defineService(S3Client, 'S3', { clientConfig: { forcePathStyle: true } });

    // Act
    const error = configErrorFrom(() => cache.get(pathStyle, REGION));

    // Assess
    expect(error.message).toContain('with other defaults');
  });

  it('shares the clients of a second copy of a service that builds alike', () => {
    // Prepare: what a second copy of the s3 entry point defines
    const cache = fresh.cache();
    const first = cache.get(S3Service, REGION);
    const copy = defineService(S3Client, 'S3');

    // Act
    const fromCopy = [cache.get(copy, REGION), cache.get(copy, REGION)];

    // Assess
    expect(fromCopy).toEqual([first, first]);
    expect(cache.stats().misses).toBe(1);
  });

  it('gives a service its own type when no other holds it, even a type a getter uses elsewhere', () => {
    // Prepare
    const cache = fresh.cache();

    // Act
    const sts = cache.get(defineService(STSClient, 'S3'), REGION);

    // Assess
    expect(sts).toBeInstanceOf(STSClient);
  });
});
