import { Agent, request } from 'node:http';

/** What became of one request, seen from the client. */
export interface Outcome {
  kind: string;
  /** When the request was fully written (ms, performance.now()), or when it failed to be. */
  sentAt: number;
  endAt: number;
  status: number | null;
  /** Error code (ECONNREFUSED, ECONNRESET…) when no complete answer came. */
  error: string | null;
  /** Sent on a kept-alive connection that had served an earlier request. */
  reusedSocket: boolean;
  body: string;
  etag: string | null;
}

export interface Client {
  send(kind: string, method: string, path: string, headers?: Record<string, string>, body?: object): Promise<Outcome>;
  close(): void;
}

/** A keep-alive HTTP/1.1 client on 127.0.0.1:port, as a browser behind a proxy would talk. */
export function httpClient(port: number, headers: Record<string, string>): Client {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return {
    close: () => agent.destroy(),
    send: (kind, method, path, extra = {}, body) =>
      new Promise<Outcome>((resolve) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        let sentAt = 0;
        const req = request({
          host: '127.0.0.1',
          port,
          path,
          method,
          agent,
          headers: {
            ...headers,
            ...extra,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
          },
        });
        const outcome = (status: number | null, error: string | null, text = '', etag: string | null = null) =>
          resolve({
            kind,
            sentAt: sentAt || performance.now(),
            endAt: performance.now(),
            status,
            error,
            reusedSocket: req.reusedSocket,
            body: text,
            etag,
          });
        req.on('finish', () => (sentAt = performance.now()));
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            outcome(res.statusCode ?? 0, null, Buffer.concat(chunks).toString(), (res.headers.etag as string) ?? null),
          );
          res.on('error', (error: NodeJS.ErrnoException) => outcome(res.statusCode ?? 0, error.code ?? error.message));
          res.on('aborted', () => outcome(res.statusCode ?? 0, 'ABORTED'));
        });
        req.on('error', (error: NodeJS.ErrnoException) => outcome(null, error.code ?? error.message));
        req.end(payload);
      }),
  };
}
