/**
 * A tiny HTTPS server that answers STS GetCallerIdentity and can cut a
 * response mid-body with a TCP reset, which the local AWS endpoint cannot do
 * (its `dropIdleConnections` resets a connection before a request is read).
 * Point a client at it with `additionalConfig: { endpoint: server.url }`.
 */
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { loadTlsMaterial } from '../../tools/local-aws/certs.js';

export interface ResetServer {
  readonly url: string;
  /** Requests received, cut or not. */
  readonly requests: () => number;
  /** Requests whose response was cut mid-body. */
  readonly resets: () => number;
  /** Cut the next `count` responses after half of their body. */
  resetNext(count: number): void;
  close(): Promise<void>;
}

const BODY =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">' +
  '<GetCallerIdentityResult><UserId>AIDARESETSERVER</UserId><Account>123456789012</Account>' +
  '<Arn>arn:aws:iam::123456789012:user/reset-server</Arn></GetCallerIdentityResult>' +
  '<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>' +
  '</GetCallerIdentityResponse>';

export async function startResetServer(): Promise<ResetServer> {
  const tls = loadTlsMaterial();
  // TLS owns the raw socket's handle; only the raw socket can send a reset.
  const rawByPort = new Map<number, Socket>();
  let requests = 0;
  let resets = 0;
  let resetsLeft = 0;
  const https = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    req.resume();
    req.once('end', () => {
      requests++;
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(BODY) });
      if (resetsLeft <= 0) {
        res.end(BODY);
        return;
      }
      resetsLeft--;
      resets++;
      res.write(BODY.slice(0, BODY.length / 2), () => {
        rawByPort.get(req.socket.remotePort ?? -1)?.resetAndDestroy();
      });
    });
  });
  const tcp = createTcpServer({ pauseOnConnect: true }, (raw) => {
    const port = raw.remotePort ?? -1;
    rawByPort.set(port, raw);
    raw.once('close', () => rawByPort.delete(port));
    raw.on('error', () => undefined);
    https.emit('connection', raw);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const { port } = tcp.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    requests: () => requests,
    resets: () => resets,
    resetNext(count) {
      resetsLeft = count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const raw of rawByPort.values()) raw.destroy();
        tcp.close(() => resolve());
      }),
  };
}
