import type { Socket } from 'node:net';

/**
 * The open TCP connections of one service server, and which of them a simulated NAT has dropped.
 *
 * TLS takes over the raw socket's handle, so requests arrive on a TLS socket; the raw socket,
 * the only one that can send a TCP reset, is found again by the client's port.
 */
export class ConnectionTracker {
  readonly #byClientPort = new Map<number, Socket>();
  readonly #dead = new WeakSet<Socket>();

  /** Starts tracking a freshly accepted raw socket until it closes. */
  add(raw: Socket): void {
    const port = raw.remotePort;
    if (port === undefined) {
      return;
    }
    this.#byClientPort.set(port, raw);
    raw.once('close', () => {
      if (this.#byClientPort.get(port) === raw) {
        this.#byClientPort.delete(port);
      }
    });
  }

  /**
   * Marks every open connection dead, as an idle timeout in a NAT would while a Lambda is frozen:
   * nothing is sent, so the client learns only when it next writes. Returns how many were marked.
   */
  markAllDead(): number {
    for (const raw of this.#byClientPort.values()) {
      this.#dead.add(raw);
    }
    return this.#byClientPort.size;
  }

  /**
   * Answers data arriving on a dead connection with a TCP reset, so the client sees ECONNRESET.
   * Returns whether it did.
   */
  resetIfDead(socket: Socket): boolean {
    const raw =
      socket.remotePort === undefined ? undefined : this.#byClientPort.get(socket.remotePort);
    if (raw === undefined || !this.#dead.has(raw)) {
      return false;
    }
    raw.resetAndDestroy();
    socket.destroy();
    return true;
  }

  /** Answers a request with a TCP reset: the client sees ECONNRESET and no response byte. */
  reset(socket: Socket): void {
    const raw =
      socket.remotePort === undefined ? undefined : this.#byClientPort.get(socket.remotePort);
    raw?.resetAndDestroy();
    socket.destroy();
  }

  /** Number of open connections. */
  get size(): number {
    return this.#byClientPort.size;
  }

  /** Destroys every open connection at once, without waiting for clients to finish. */
  destroyAll(): void {
    for (const raw of this.#byClientPort.values()) {
      raw.destroy();
    }
    this.#byClientPort.clear();
  }
}
