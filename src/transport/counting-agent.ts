import { Agent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connectionCounters } from './connection-counters.js';

/** A keep-alive HTTPS agent that counts every connection it opens. */
export class CountingAgent extends Agent {
  constructor(options: AgentOptions) {
    super(options);
  }

  override createConnection(
    ...args: Parameters<Agent['createConnection']>
  ): ReturnType<Agent['createConnection']> {
    connectionCounters.connectionsOpened++;
    return super.createConnection(...args);
  }

  /**
   * Destroys every idle socket. Called when one pooled socket turns out to be
   * dead: after a Lambda freeze the rest almost certainly are too, and the
   * SDK's retry must get a fresh connection, not the next corpse.
   */
  dropIdleSockets(): void {
    for (const sockets of Object.values(this.freeSockets)) {
      for (const socket of (sockets ?? []) as Duplex[]) socket.destroy();
    }
  }
}
