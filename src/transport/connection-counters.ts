/**
 * What one cache's pools did. Requests per connection
 * (`requestsSent / connectionsOpened`) is the reuse figure.
 */
export interface ConnectionCounters {
  connectionsOpened: number;
  requestsSent: number;
}

export function newConnectionCounters(): ConnectionCounters {
  return { connectionsOpened: 0, requestsSent: 0 };
}
