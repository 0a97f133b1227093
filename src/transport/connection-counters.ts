/**
 * What one cache's pools did. Requests per connection
 * (`requestsSent / connectionsOpened`) is the reuse figure. A request counts
 * when it goes on the wire (every attempt, SDK retries included; never one
 * the pool refused).
 */
export interface ConnectionCounters {
  connectionsOpened: number;
  requestsSent: number;
}

export function newConnectionCounters(): ConnectionCounters {
  return { connectionsOpened: 0, requestsSent: 0 };
}
