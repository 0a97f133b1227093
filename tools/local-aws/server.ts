import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import type { TLSSocket } from 'node:tls';
import type { TlsMaterial } from './certs.js';
import { ConnectionTracker } from './connections.js';
import type { FaultInjector } from './faults.js';
import { ServiceError, serverErrorFor, throttlingErrorFor } from './service-error.js';
import type { ServiceHandler, ServiceRequest, ServiceResponse } from './service-handler.js';
import { SERVICE_LABELS, type ServiceName } from './services.js';
import type { StatsRecorder } from './stats.js';

/** What a service server needs besides its protocol handler. */
export interface ServiceServerDependencies {
  readonly tls: TlsMaterial;
  readonly stats: StatsRecorder;
  readonly faults: FaultInjector;
  readonly keepAliveTimeoutMs: number;
}

/** One running service. */
export interface ServiceServer {
  /** `https://127.0.0.1:<port>`. */
  readonly url: string;
  /** Marks every open connection dead; see `ConnectionTracker.markAllDead`. */
  dropIdleConnections(): number;
  /** Stops accepting connections and destroys the open ones. */
  close(): Promise<void>;
}

const readBody = (request: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });

const writeResponse = (
  res: ServerResponse,
  response: ServiceResponse,
  requestIdHeader: string,
  requestId: string,
) => {
  if (res.destroyed) {
    return;
  }
  res.statusCode = response.status;
  for (const [name, value] of Object.entries(response.headers ?? {})) {
    res.setHeader(name, value);
  }
  res.setHeader(requestIdHeader, requestId);
  if (response.body !== undefined && !res.hasHeader('content-length')) {
    res.setHeader('content-length', Buffer.byteLength(response.body));
  }
  res.end(response.body);
};

/**
 * Starts one service on its own port of 127.0.0.1: a TCP listener that counts connections and can
 * delay them, handing each socket to an HTTPS server that counts handshakes and serves requests.
 */
export const startServiceServer = async (
  service: ServiceName,
  handler: ServiceHandler,
  { tls, stats, faults, keepAliveTimeoutMs }: ServiceServerDependencies,
): Promise<ServiceServer> => {
  const connections = new ConnectionTracker();
  const https = createHttpsServer({
    key: tls.key,
    cert: tls.cert,
    keepAliveTimeout: keepAliveTimeoutMs,
  });

  const answer = async (request: ServiceRequest, action: string): Promise<ServiceResponse> => {
    try {
      if (faults.takeThrottle(service)) {
        throw throttlingErrorFor(service);
      }
      const failStatus = faults.takeFailure(service);
      if (failStatus !== undefined) {
        throw serverErrorFor(service, failStatus);
      }
      return await handler.handle(request, action);
    } catch (error) {
      const serviceError =
        error instanceof ServiceError
          ? error
          : new ServiceError(500, 'InternalFailure', `Local endpoint bug: ${String(error)}`, {
              cause: error,
            });
      return handler.renderError(serviceError, request);
    }
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const request: ServiceRequest = {
      method: req.method ?? 'GET',
      url: new URL(req.url ?? '/', 'https://127.0.0.1'),
      headers: req.headers,
      body: await readBody(req),
      requestId: randomUUID(),
    };
    const action = handler.actionOf(request);
    stats.recordRequest(`${SERVICE_LABELS[service]}.${action}`);
    handler.onReceived?.(request, action);
    await faults.hold(service);
    const response = await answer(request, action);
    if (faults.takeResetAfterRun(service)) {
      stats.recordReset(service);
      connections.reset(req.socket);
      return;
    }
    const latencyMs = faults.get(service).latencyMs ?? 0;
    if (latencyMs > 0) {
      await delay(latencyMs, undefined, { ref: false });
    }
    writeResponse(res, response, handler.requestIdHeader, request.requestId);
  };

  https.on('secureConnection', (socket: TLSSocket) =>
    stats.recordHandshake(service, socket.isSessionReused()),
  );
  https.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (connections.resetIfDead(req.socket)) {
      stats.recordReset(service);
      return;
    }
    // Only a client aborting mid-body gets here; its socket is gone either way.
    serve(req, res).catch(() => res.destroy());
  });

  // Paused until TLS takes the socket over, so no byte of the ClientHello is read too early.
  const tcp = createTcpServer({ pauseOnConnect: true, noDelay: true }, (raw: Socket) => {
    stats.recordConnection(service);
    connections.add(raw);
    // A client that vanishes mid-handshake is normal; there is nobody to report it to.
    raw.on('error', () => {});
    const handshakeLatencyMs = faults.get(service).handshakeLatencyMs ?? 0;
    if (handshakeLatencyMs === 0) {
      https.emit('connection', raw);
      return;
    }
    setTimeout(() => {
      if (!raw.destroyed) {
        https.emit('connection', raw);
      }
    }, handshakeLatencyMs).unref();
  });

  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = tcp.address() as AddressInfo;

  return {
    url: `https://127.0.0.1:${port}`,
    dropIdleConnections: () => connections.markAllDead(),
    close: () =>
      new Promise<void>((resolve) => {
        tcp.close(() => resolve());
        connections.destroyAll();
      }),
  };
};
