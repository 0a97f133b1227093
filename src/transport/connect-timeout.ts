import type { Socket } from 'node:net';
import { ConnectionTimeoutError } from '../errors.js';

/**
 * Destroys a new socket that has not connected (TCP) within `ms`; 0 for no limit. The timer is
 * the socket's own, so a request queued for a free socket is never failed by it.
 */
export function limitConnectTime(socket: Socket, ms: number): void {
  if (ms <= 0 || !socket.connecting) return;
  // One loop turn late: after a freeze the timer runs before a connect that already happened is
  // read, and would cut a connected socket.
  const timer = setTimeout(
    () =>
      setImmediate(() => {
        if (socket.connecting) socket.destroy(new ConnectionTimeoutError(ms));
      }),
    ms,
  );
  timer.unref();
  socket.once('connect', () => clearTimeout(timer));
  socket.once('close', () => clearTimeout(timer));
}
