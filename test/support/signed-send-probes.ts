/**
 * Probes on the sends of an SDK client, for the STS fault tests: the key each
 * attempt was signed with, a service's answer to expired credentials, the
 * error a send failed with and all that a logger could show of it.
 */
import { inspect } from 'node:util';
import type { LambdaClient } from '@aws-sdk/client-lambda';

/** The access key id each attempt was signed with, read off the wire-bound request. */
export function signingKeys(client: LambdaClient): string[] {
  const keys: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const auth = (args.request as { headers?: Record<string, string> }).headers?.authorization;
      keys.push(/Credential=([^/]+)\//.exec(auth ?? '')?.[1] ?? 'unsigned');
      return next(args);
    },
    { step: 'deserialize', name: 'reliabilitySigningKey' },
  );
  return keys;
}

/**
 * What a logger or serialiser can show of an error: `inspect` with hidden
 * fields (the SDK's `$response`, with the signed request, is one), and each
 * link's JSON.
 */
export function causeChainText(error: unknown): string {
  const parts = [inspect(error, { depth: 10, showHidden: true })];
  for (let link = error; link instanceof Error; link = link.cause) {
    parts.push(link.name, link.message, link.stack ?? '', JSON.stringify(link));
  }
  return parts.join('\n');
}

/**
 * Makes the client's next attempt come back as Lambda's answer to expired
 * credentials (HTTP 403, `ExpiredTokenException`), after it was signed and
 * instead of sending it: the local endpoint does not check expiry.
 */
export function answerNextAsExpired(client: LambdaClient): { answered: number } {
  const seen = { answered: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      if (seen.answered > 0) return next(args);
      seen.answered++;
      return {
        output: undefined as never,
        response: {
          statusCode: 403,
          headers: {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ExpiredTokenException',
          },
          body: new TextEncoder().encode(
            JSON.stringify({ message: 'The security token included in the request is expired' }),
          ),
        },
      };
    },
    { step: 'deserialize', name: 'reliabilityAnswerExpired', priority: 'low' },
  );
  return seen;
}

/** The error `pending` rejects with; fails the test if it resolves. */
export async function failureOf(pending: Promise<unknown>): Promise<Error> {
  const outcome = await pending.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Error)) throw new Error('expected the send to fail, but it succeeded');
  return outcome;
}
