/** The environment variables the cache reads, once, at its first use. */
export const ClientCacheEnv = {
  MaxEntries: 'CLIENT_CACHE_MAX_ENTRIES',
  TtlSeconds: 'CLIENT_CACHE_TTL_SECONDS',
  ExpiryBufferSeconds: 'CLIENT_CACHE_EXPIRY_BUFFER_SECONDS',
  MaxSockets: 'CLIENT_CACHE_MAX_SOCKETS',
  ConnectionTimeoutMs: 'CLIENT_CACHE_CONNECTION_TIMEOUT_MS',
  SocketTimeoutMs: 'CLIENT_CACHE_SOCKET_TIMEOUT_MS',
  TraceHits: 'CLIENT_CACHE_TRACE_HITS',
} as const;
