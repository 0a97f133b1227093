import { randomUUID } from 'node:crypto';
import { createJsonServiceHandler } from './json-protocol.js';
import { ServiceError } from './service-error.js';
import type { HandlerContext, ServiceHandler } from './service-handler.js';

const MAX_ENTRIES = 10;

type EntryResult = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

const isJsonObject = (text: string): boolean => {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
};

/** The per-entry error EventBridge reports for an entry it will not accept, if any. */
const entryProblem = (entry: Record<string, unknown>): EntryResult | undefined => {
  if (typeof entry !== 'object' || entry === null) {
    return { ErrorCode: 'InvalidArgument', ErrorMessage: 'Each entry must be an object.' };
  }
  for (const field of ['Source', 'DetailType', 'Detail']) {
    if (typeof entry[field] !== 'string' || entry[field] === '') {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
      };
    }
  }
  return isJsonObject(String(entry.Detail))
    ? undefined
    : { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
};

/**
 * EventBridge over JSON 1.1. PutEvents stores each accepted entry; entries fail one by one, as
 * in the real service, through validation or the `failEntries` fault.
 */
export const createEventBridgeHandler = (context: HandlerContext): ServiceHandler =>
  createJsonServiceHandler({
    targetPrefix: 'AWSEvents',
    operations: {
      PutEvents(input) {
        const entries = input.Entries;
        if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
          throw new ServiceError(
            400,
            'ValidationException',
            `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and ${MAX_ENTRIES}`,
          );
        }
        const results = entries.map((entry: Record<string, unknown>): EntryResult => {
          const problem = entryProblem(entry);
          if (problem !== undefined) {
            return problem;
          }
          if (context.faults.takeEntryFailure()) {
            return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal failure (injected).' };
          }
          const eventId = randomUUID();
          context.state.events.push({ eventId, entry, receivedAt: new Date(context.now()) });
          return { EventId: eventId };
        });
        return {
          FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length,
          Entries: results,
        };
      },
    },
  });
