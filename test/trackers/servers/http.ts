// The HTTP plumbing every fake tracker server shares (GitHubServer directly, GitLab, Jira and Linear through
// FakeServer): listening on 127.0.0.1, reading a request, writing an answer, queued faults, closing. Kept apart
// so each fake holds only what its tracker does differently.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Reply {
  status: number;
  /** A string is sent as it is (a 429 with a text body, say); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Listens on an ephemeral port of 127.0.0.1 (never reachable from outside, never a fixed port that may be taken). */
export async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, dropping open connections first: a client's keep-alive socket would otherwise hold it open. */
export async function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The whole request body as text. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Writes the answer, unless the connection is gone (a lost response, or the server stopped while an answer was held back). */
export function write(res: http.ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(payload);
}

/** Holds an answer back. Unref'd: a held-back answer never keeps the test process alive after the server stopped. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Which requests a fault hits; a fault without a criterion hits every request. */
export interface FaultMatch {
  method?: string;
  path?: RegExp;
  /** Matched against the raw request body (a GraphQL operation name, say). */
  body?: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

/** Faults waiting for their requests, first queued first fired; each fires a bounded number of times. */
export class FaultQueue<F extends FaultMatch> {
  private readonly queued: (F & { left: number })[] = [];

  add(fault: F): void {
    this.queued.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Faults that never fired: a test whose fault never happened proves nothing. */
  get pending(): F[] {
    return this.queued.filter((f) => f.left > 0);
  }

  /** The fault this request meets, if any, counted as fired. */
  take(method: string, path: string, body = ''): F | undefined {
    const fault = this.queued.find((f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (!f.body || f.body.test(body)));
    if (fault) fault.left--;
    return fault;
  }
}
