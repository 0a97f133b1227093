/**
 * The error codes with which a service says the credentials that signed a
 * request have expired or are no longer valid: refreshing is the cure.
 * `InvalidToken` is S3's. Left out on purpose: `RequestExpired` (the
 * signature's time is too old, a clock skew the SDK corrects and retries;
 * new credentials would not help), `InvalidClientTokenId` (the key is
 * unknown, as with another partition's credentials: the same source would
 * issue the same kind again, one AssumeRole per request) and `AccessDenied`
 * (valid credentials without the permission).
 */
const REJECTED_AS_EXPIRED: ReadonlySet<string> = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidToken',
]);

const SIGNING_KEY = /Credential=([^/,\s]+)\//;

type Next = (args: { request?: unknown }) => Promise<unknown>;

interface MiddlewareStackLike {
  add(
    middleware: (next: Next) => Next,
    options: { step: 'deserialize'; name: string; priority: 'high' },
  ): void;
}

function isRejectedAsExpired(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, Code } = error as { name?: unknown; Code?: unknown };
  return (
    (typeof name === 'string' && REJECTED_AS_EXPIRED.has(name)) ||
    (typeof Code === 'string' && REJECTED_AS_EXPIRED.has(Code))
  );
}

/** The access key id a SigV4 (or SigV4a) signed request carries in its `authorization` header. */
function signingKeyId(request: unknown): string | undefined {
  const headers = (request as { headers?: Record<string, string | undefined> } | undefined)
    ?.headers;
  const authorization = headers?.authorization ?? headers?.Authorization;
  return authorization === undefined ? undefined : SIGNING_KEY.exec(authorization)?.[1];
}

/**
 * Tells a credential set when a service rejects, as expired, a request that
 * a client built by the cache signed with it: the set drops those
 * credentials (if it still holds them) and the next request waits for new
 * ones. The failed request itself fails as it would with a plain client
 * (the SDK does not retry these codes). The key is read off each attempt's
 * signed request, so a late rejection cannot discard credentials refreshed
 * meanwhile. Innermost, around the deserializer, where each attempt's error
 * and signed request meet.
 */
export function invalidateRejectedCredentials(
  client: object,
  invalidate: (accessKeyId: string) => void,
): void {
  const stack = (client as { middlewareStack?: MiddlewareStackLike }).middlewareStack;
  stack?.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        if (isRejectedAsExpired(error)) {
          const accessKeyId = signingKeyId(args.request);
          if (accessKeyId !== undefined) invalidate(accessKeyId);
        }
        throw error;
      }
    },
    { step: 'deserialize', name: 'awsClientCacheRejectedCredentials', priority: 'high' },
  );
}
