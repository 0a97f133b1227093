// The two credential providers the cache uses, re-exported by name from a
// module that is itself imported on first use: a bundler then keeps only
// these two (the package has no side effects), where a dynamic import of
// the package root would carry all of it, Cognito's client included.
export { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
