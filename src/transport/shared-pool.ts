import { CountingAgent, type PoolSaturation } from './counting-agent.js';
import { PooledHttpHandler } from './pooled-http-handler.js';

export interface PoolSettings {
  readonly maxSockets: number;
  readonly connectionTimeoutMs: number;
  readonly socketTimeoutMs: number;
}

// One agent (one set of sockets) per `maxSockets`, and one handler per full
// setting, so clients with different timeouts still share connections.
const agents = new Map<number, CountingAgent>();
const handlers = new Map<string, PooledHttpHandler>();
let saturationListener: (saturation: PoolSaturation) => void = () => undefined;

/** Where pool saturation is reported (the cache's logger). */
export function onPoolSaturated(listener: (saturation: PoolSaturation) => void): void {
  saturationListener = listener;
}

function agentFor(maxSockets: number): CountingAgent {
  let agent = agents.get(maxSockets);
  if (agent === undefined) {
    agent = new CountingAgent({ keepAlive: true, maxSockets }, (saturation) =>
      saturationListener(saturation),
    );
    agents.set(maxSockets, agent);
  }
  return agent;
}

/**
 * The process-wide keep-alive handler for these settings. Requests are signed
 * per request, so clients of every role and service can share its sockets.
 */
export function sharedRequestHandler(settings: PoolSettings): PooledHttpHandler {
  const { maxSockets, connectionTimeoutMs, socketTimeoutMs } = settings;
  const id = `${maxSockets}:${connectionTimeoutMs}:${socketTimeoutMs}`;
  let handler = handlers.get(id);
  if (handler === undefined) {
    handler = new PooledHttpHandler(agentFor(maxSockets), connectionTimeoutMs, socketTimeoutMs);
    handlers.set(id, handler);
  }
  return handler;
}

/** Sockets the pool holds now, busy and idle, for bounds checks. */
export function openSocketCount(): number {
  let count = 0;
  for (const agent of agents.values()) {
    for (const group of [agent.sockets, agent.freeSockets]) {
      for (const sockets of Object.values(group)) count += sockets?.length ?? 0;
    }
  }
  return count;
}

/** Closes every pooled socket. Clients made afterwards get a fresh pool. */
export function closeSharedPools(): void {
  for (const handler of handlers.values()) handler.close();
  for (const agent of agents.values()) agent.destroy();
  handlers.clear();
  agents.clear();
}
