/**
 * Covers the connection timeout on a new socket: a socket still connecting after the limit is
 * destroyed with a timeout error; one that connected, closed, or was never connecting is left
 * alone; and a connect that is already waiting when the timer runs (a freeze: timers run before
 * I/O on thaw) wins, so a connected socket is never cut.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { limitConnectTime } from '../../../src/transport/connect-timeout.js';

/** The part of a socket the limit reads: `connecting`, its events, `destroy`. */
class FakeSocket extends EventEmitter {
  connecting = true;
  destroyedWith: Error | undefined;

  destroy(error: Error): void {
    this.destroyedWith = error;
  }

  connect(): void {
    this.connecting = false;
    this.emit('connect');
  }
}

function limited(ms: number, connecting = true): FakeSocket {
  const socket = new FakeSocket();
  socket.connecting = connecting;
  limitConnectTime(socket as unknown as Socket, ms);
  return socket;
}

/** Runs the timer, then the loop turn it waits for. */
function runTimerAndNextTurn(ms: number): void {
  jest.advanceTimersByTime(ms);
  jest.runOnlyPendingTimers();
}

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

it('destroys a socket still connecting after the limit, with a timeout error', () => {
  // Prepare
  const socket = limited(100);

  // Act
  jest.advanceTimersByTime(99);
  const before = socket.destroyedWith;
  runTimerAndNextTurn(1);

  // Assess
  expect(before).toBeUndefined();
  expect(socket.destroyedWith).toMatchObject({ name: 'TimeoutError', code: 'ETIMEDOUT' });
  expect(socket.destroyedWith?.message).toBe(
    'The socket did not connect to the server within 100 ms (connection timeout)',
  );
});

it.each([
  ['connected before the limit', (socket: FakeSocket) => socket.connect()],
  ['closed before the limit', (socket: FakeSocket) => socket.emit('close')],
])('leaves a socket %s alone, its timer cleared', (_case, settle) => {
  // Prepare
  const socket = limited(100);

  // Act
  settle(socket);
  socket.connecting = false;

  // Assess
  expect(jest.getTimerCount()).toBe(0);
  runTimerAndNextTurn(100);
  expect(socket.destroyedWith).toBeUndefined();
});

it('lets a connect already waiting when the timer runs win (a thaw: timers run before I/O)', () => {
  // Prepare
  const socket = limited(100);

  // Act: the timer runs; the connect is read in the same turn, before the check it deferred
  jest.advanceTimersByTime(100);
  socket.connect();
  jest.runOnlyPendingTimers();

  // Assess
  expect(socket.destroyedWith).toBeUndefined();
});

it.each([
  ['a limit of 0', 0, true],
  ['a socket that is not connecting', 100, false],
])('arms no timer for %s', (_case, ms, connecting) => {
  // Act
  const socket = limited(ms, connecting);

  // Assess
  expect(jest.getTimerCount()).toBe(0);
  expect(socket.listenerCount('connect')).toBe(0);
});
