/**
 * Process-wide counts of what the shared pool did. Requests per connection
 * (`requestsSent / connectionsOpened`) is the reuse figure.
 */
export const connectionCounters = {
  connectionsOpened: 0,
  requestsSent: 0,
};
