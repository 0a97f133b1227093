/**
 * An HTTP or HTTPS server on 127.0.0.1 for the pool's delivery model: it answers Lambda Invoke,
 * S3 GetObject and PutObject and EventBridge PutEvents just well enough for real SDK clients,
 * counts per call how often a request arrived and how often its operation ran, and injects
 * faults at the points where a client cannot tell whether the work was done. Each call is named
 * by an id the client puts in its payload, key or event detail; the id ends in the response
 * latency the call asks for (`c7-15`: call 7, 15 ms).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { loadTlsMaterial } from '../../tools/local-aws/certs.js';

/**
 * Where the next arriving request is cut by a TCP reset:
 * - `onArrival`: as soon as its headers are parsed, nothing read or run;
 * - `afterBody`: after reading the whole body, before running the operation;
 * - `afterRun`: after running the operation, before any response byte;
 * - `midResponse`: after running it and writing the headers and half of the body.
 */
export const DELIVERY_FAULTS = ['onArrival', 'afterBody', 'afterRun', 'midResponse'] as const;
export type DeliveryFault = (typeof DELIVERY_FAULTS)[number];

export interface DeliveryFaultServerOptions {
  /** Serve HTTPS with the local endpoint's certificate (clients trust its CA through `NODE_EXTRA_CA_CERTS`). */
  readonly tls?: boolean;
}

export interface DeliveryFaultServer {
  /** `http://127.0.0.1:<port>` (or `https://`), for every service. */
  readonly url: string;
  /** TCP connections accepted. */
  connections(): number;
  /** TLS handshakes completed (0 over HTTP). */
  handshakes(): number;
  /** Requests whose bytes reached the server, cut or not. */
  arrivals(): number;
  arrivalsOf(id: string): number;
  /** Times the operation of call `id` ran. */
  runsOf(id: string): number;
  /** Requests that arrived on a connection {@link dropIdle} had silently dropped. */
  deadArrivals(): number;
  /** Cuts the next arriving request at `fault`; queued faults apply in order. */
  queueFault(fault: DeliveryFault): void;
  /**
   * Answers call `id` in full and closes its connection at once (FIN), as a client frozen with
   * that call in flight finds it on thaw when the server's keep-alive ran out during the freeze.
   * A fault queued for the request that carries it comes first.
   */
  closeAfterAnswering(id: string): void;
  /** Closes idle connections (FIN), as a server's keep-alive timeout does. Returns how many. */
  closeIdle(): number;
  /** Marks idle connections dead, as a NAT forgets them: the next request on each is reset. */
  dropIdle(): number;
  /** Open connections, as the server sees them. */
  openConnections(): number;
  /** Forgets counts and faults, between model runs. */
  reset(): void;
  close(): Promise<void>;
}

interface Call {
  readonly operation: 'Invoke' | 'PutEvents' | 'PutObject' | 'GetObject';
  readonly id: string;
}

const OBJECT_FILLER = 'x'.repeat(64);

function callOf(req: IncomingMessage, body: string): Call {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  if (path.includes('/functions/')) {
    return { operation: 'Invoke', id: (JSON.parse(body) as { id: string }).id };
  }
  if (req.headers['x-amz-target'] === 'AWSEvents.PutEvents') {
    const [entry] = (JSON.parse(body) as { Entries: { Detail: string }[] }).Entries;
    return { operation: 'PutEvents', id: (JSON.parse(entry?.Detail ?? '{}') as { id: string }).id };
  }
  const id = path.split('/').pop() ?? '';
  return { operation: req.method === 'PUT' ? 'PutObject' : 'GetObject', id };
}

function responseOf(call: Call): { headers: Record<string, string>; body: string } {
  switch (call.operation) {
    case 'Invoke':
      return {
        headers: { 'x-amz-executed-version': '$LATEST' },
        body: JSON.stringify({ id: call.id }),
      };
    case 'PutEvents':
      return {
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: call.id }] }),
      };
    case 'PutObject':
      // The SDK ignores this body; it is there so that `midResponse` can cut one.
      return { headers: { etag: '"0"' }, body: OBJECT_FILLER };
    case 'GetObject':
      return {
        headers: { 'content-type': 'application/octet-stream' },
        body: `${OBJECT_FILLER}${call.id}`,
      };
  }
}

const latencyOf = (id: string): number => Number(/-(\d+)$/.exec(id)?.[1] ?? 0);

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });

export async function startDeliveryFaultServer(
  options: DeliveryFaultServerOptions = {},
): Promise<DeliveryFaultServer> {
  // Every connection is known by its TCP socket: only that one can send a reset, and under TLS
  // the request's socket is the TLS socket wrapped around it.
  const sockets = new Set<Socket>();
  const rawByPort = new Map<number, Socket>();
  const rawOf = (socket: Socket): Socket => {
    const raw = rawByPort.get(socket.remotePort ?? -1);
    // Without it a reset would quietly become a close: the fault would not be the one asked for.
    if (raw === undefined) throw new Error('delivery fault server: a request on an unknown socket');
    return raw;
  };
  const busy = new WeakSet<Socket>();
  // A server's keep-alive timer starts once a response is done: only such a socket is idle.
  const served = new WeakSet<Socket>();
  const dead = new WeakSet<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let faults: DeliveryFault[] = [];
  let closeAfter = new Set<string>();
  let arrivals = 0;
  let deadArrivals = 0;
  let connections = 0;
  let handshakes = 0;
  let arrivalsById = new Map<string, number>();
  let runsById = new Map<string, number>();
  const bump = (counts: Map<string, number>, id: string) =>
    counts.set(id, (counts.get(id) ?? 0) + 1);

  const serve = async (req: IncomingMessage, res: ServerResponse, fault?: DeliveryFault) => {
    const call = callOf(req, await readBody(req));
    bump(arrivalsById, call.id);
    if (fault === 'afterBody') return rawOf(req.socket).resetAndDestroy();
    bump(runsById, call.id);
    if (fault === 'afterRun') return rawOf(req.socket).resetAndDestroy();
    const { headers, body } = responseOf(call);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, latencyOf(call.id));
      timers.add(timer);
    });
    if (res.destroyed) return;
    res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
    if (fault === 'midResponse') {
      res.write(body.slice(0, Math.floor(body.length / 2)), () =>
        rawOf(req.socket).resetAndDestroy(),
      );
      return;
    }
    if (closeAfter.delete(call.id)) {
      // In the turn the answer is written (on 127.0.0.1 it reaches the kernel at once), so that
      // the client finds both waiting: `end`'s callback can come turns later under TLS, when the
      // client has sent its next request on the socket, and the close would cross that one.
      res.end(body);
      rawOf(req.socket).destroy();
      return;
    }
    res.end(body);
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    arrivals++;
    const raw = rawOf(req.socket);
    busy.add(raw);
    res.once('close', () => {
      busy.delete(raw);
      served.add(raw);
    });
    if (dead.has(raw)) {
      deadArrivals++;
      raw.resetAndDestroy();
      return;
    }
    const fault = faults.shift();
    if (fault === 'onArrival') {
      raw.resetAndDestroy();
      return;
    }
    // A client gone mid-request is one of the faults; nobody to report it to.
    serve(req, res, fault).catch(() => req.socket.destroy());
  };
  const http = options.tls
    ? createHttpsServer({ ...tlsKeyAndCert(), keepAliveTimeout: 60_000 }, onRequest)
    : createServer({ keepAliveTimeout: 60_000 }, onRequest);
  http.on('secureConnection', (socket: TLSSocket) => {
    handshakes++;
    socket.on('error', () => undefined);
  });
  // TLS owns the TCP socket's handle, so the TCP server accepts and hands each socket over.
  const server = createTcpServer({ pauseOnConnect: options.tls === true }, (socket) => {
    connections++;
    sockets.add(socket);
    const port = socket.remotePort ?? -1;
    rawByPort.set(port, socket);
    socket.on('error', () => undefined);
    socket.once('close', () => {
      sockets.delete(socket);
      if (rawByPort.get(port) === socket) rawByPort.delete(port);
    });
    http.emit('connection', socket);
  });
  const idleSockets = () =>
    [...sockets].filter((socket) => served.has(socket) && !busy.has(socket));

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    connections: () => connections,
    handshakes: () => handshakes,
    arrivals: () => arrivals,
    arrivalsOf: (id) => arrivalsById.get(id) ?? 0,
    runsOf: (id) => runsById.get(id) ?? 0,
    deadArrivals: () => deadArrivals,
    queueFault: (fault) => void faults.push(fault),
    closeAfterAnswering: (id) => void closeAfter.add(id),
    closeIdle() {
      const idle = idleSockets();
      for (const socket of idle) socket.destroy();
      return idle.length;
    },
    dropIdle() {
      const idle = idleSockets();
      for (const socket of idle) dead.add(socket);
      return idle.length;
    },
    openConnections: () => sockets.size,
    reset() {
      faults = [];
      closeAfter = new Set();
      arrivals = 0;
      deadArrivals = 0;
      connections = 0;
      handshakes = 0;
      arrivalsById = new Map();
      runsById = new Map();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function tlsKeyAndCert(): { key: Buffer; cert: Buffer } {
  const { key, cert } = loadTlsMaterial();
  return { key, cert };
}
