import type { ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { ATTEMPT_HEADER, notSentError } from './pool-closed-errors.js';

/**
 * Requests whose new socket is still connecting (for TLS, until its handshake is done). Node
 * buffers what such a request writes, and nothing of it leaves before the socket connects: it is
 * not on the wire yet. So a shutdown refuses it as it refuses a queued one, instead of letting it
 * go out during the grace period, after the shutdown began.
 */
export class UnsentRequests {
  readonly #requests = new Set<ClientRequest>();

  /** Calls `onWire` once `socket` has connected, unless the pool closes first. */
  waitForConnect(request: ClientRequest, socket: Socket, onWire: () => void): void {
    this.#requests.add(request);
    request.once('close', () => this.#requests.delete(request));
    socket.once('encrypted' in socket ? 'secureConnect' : 'connect', () => {
      if (!this.#requests.delete(request)) return;
      onWire();
    });
  }

  /** Fails every request still waiting for its socket to connect: none of them was sent. */
  refuseAll(): void {
    for (const request of this.#requests) refuseUnsent(request);
    this.#requests.clear();
  }
}

/** Fails a request that has its socket but has written nothing yet: it was not sent. */
export function refuseUnsent(request: ClientRequest): void {
  request.destroy(notSentError(request.getHeader(ATTEMPT_HEADER)));
}
