/**
 * What one getter call of the signing model asks for (signing-model.test.ts):
 * the identities a config can name, how it names them (static credentials,
 * providers, profiles, the default chain) and how the caller may disguise
 * the config, with fast-check's arbitrary of such recipes.
 */
import fc from 'fast-check';
import { LambdaService } from '../../src/clients/lambda.js';
import { S3Service } from '../../src/clients/s3.js';
import { STSService } from '../../src/clients/sts.js';

export interface Identity {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

export const FUNCTION_IDENTITY: Identity = {
  accessKeyId: 'AKIAFUNCTION00000000',
  secretAccessKey: 'fn',
};
export const IDENTITIES: readonly Identity[] = [0, 1, 2].map((index) => ({
  accessKeyId: `AKIASTATIC${index}0000000000`,
  secretAccessKey: `static-secret-${index}`,
}));
export const PROFILES = { alpha: 'AKIAPROFILEALPHA0000', beta: 'AKIAPROFILEBETA00000' } as const;
export const PROVIDERS = IDENTITIES.map((identity) => async () => ({ ...identity }));
export const SERVICES = { S3: S3Service, STS: STSService, Lambda: LambdaService } as const;
export const DEFAULT_REGION = 'us-east-1';

export type Source =
  | { readonly kind: 'default' }
  | { readonly kind: 'static'; readonly index: number; readonly expiration: 'none' | 'date' | 'ms' }
  | { readonly kind: 'provider'; readonly index: number }
  | { readonly kind: 'profile'; readonly name: keyof typeof PROFILES };

export type Disguise =
  | 'plain'
  | 'nonEnumerable'
  | 'proxy'
  | 'accessor'
  | 'inherited'
  | 'misspelt'
  | 'hiddenRegion'
  | 'classAdditional'
  | 'createdAdditional'
  | 'jsonString';

/** What one getter call asks for; the model's state for a config object. */
export interface Recipe {
  service: keyof typeof SERVICES;
  region: string | undefined;
  source: Source;
  viaAdditionalConfig: boolean;
  disguise: Disguise;
}

const sourceArbitrary: fc.Arbitrary<Source> = fc.oneof(
  fc.constant({ kind: 'default' as const }),
  fc.record({
    kind: fc.constant('static' as const),
    index: fc.nat(IDENTITIES.length - 1),
    expiration: fc.constantFrom('none' as const, 'date' as const, 'ms' as const),
  }),
  fc.record({ kind: fc.constant('provider' as const), index: fc.nat(PROVIDERS.length - 1) }),
  fc.record({
    kind: fc.constant('profile' as const),
    name: fc.constantFrom('alpha' as const, 'beta' as const),
  }),
);

export const recipeArbitrary: fc.Arbitrary<Recipe> = fc.record({
  service: fc.constantFrom('S3' as const, 'STS' as const, 'Lambda' as const),
  region: fc.constantFrom(undefined, 'us-east-1', 'eu-west-1'),
  source: sourceArbitrary,
  viaAdditionalConfig: fc.boolean(),
  disguise: fc.constantFrom<Disguise>(
    'plain',
    'plain',
    'nonEnumerable',
    'proxy',
    'accessor',
    'inherited',
    'misspelt',
    'hiddenRegion',
    'classAdditional',
    'createdAdditional',
    'jsonString',
  ),
});
