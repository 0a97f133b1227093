import type { Socket } from 'node:net';

/**
 * Lets a socket's idle timeout fire one loop turn late, and not at all when bytes were read in
 * that turn. After a freeze (SIGSTOP, a frozen Lambda) timers run before I/O, so a timeout due
 * during the freeze would fire before the answer already waiting in the kernel is read: the
 * request would fail as timed out and the SDK would send again what the server ran and
 * answered. A read re-arms the timeout, so a socket that truly stalls still times out.
 */
export function deferTimeoutPastPendingReads(socket: Socket): void {
  const emit = socket.emit as (this: Socket, event: string | symbol, ...args: unknown[]) => boolean;
  socket.emit = function (this: Socket, event: string | symbol, ...args: unknown[]): boolean {
    if (event !== 'timeout') return emit.call(this, event, ...args);
    const readBefore = this.bytesRead;
    setImmediate(() => {
      if (!this.destroyed && this.bytesRead === readBefore) emit.call(this, event, ...args);
    });
    return this.listenerCount(event) > 0;
  } as Socket['emit'];
}
