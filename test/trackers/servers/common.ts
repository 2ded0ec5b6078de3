// What the fake tracker servers share: an HTTP server on 127.0.0.1 (ephemeral port), JSON bodies, a token check,
// and faults injected per request: 500, 429 with Retry-After, a slow answer, a response lost after the work was
// done (the socket is destroyed after the insert), an expired token (401). Every fault fires a bounded number of times.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FaultKind = 'error-500' | 'rate-limit' | 'slow' | 'lose-response' | 'expired-token';

export interface Fault {
  kind: FaultKind;
  /** Which requests it hits: method and a path pattern (e.g. `POST /api/v4/projects/1/issues`). */
  method?: string;
  path?: RegExp;
  /** Matched against the raw request body (a GraphQL operation name, say). */
  body?: RegExp;
  /** How many matching requests it hits (default 1). */
  times?: number;
  /** `rate-limit`: the Retry-After value in seconds; extra headers the tracker sends with it. */
  retryAfter?: number;
  headers?: Record<string, string>;
  /** `slow`: how long the answer is held back, after the work was done. */
  delayMs?: number;
  /** Set when a GraphQL fault should answer in GraphQL's shape (HTTP 400 + errors[]) rather than with a status. */
  graphql?: boolean;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RequestInfo {
  method: string;
  path: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export type Handler = (request: RequestInfo) => Reply | Promise<Reply>;

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  fault?: FaultKind;
}

export class FakeServer {
  readonly log: LoggedRequest[] = [];
  private readonly faults: (Fault & { left: number })[] = [];
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();
  url = '';

  constructor(
    private readonly handler: Handler,
    /** Checks credentials; returns false for a token the server does not know. */
    private readonly authorized: (headers: http.IncomingHttpHeaders) => boolean,
    private readonly faultReply: (fault: Fault) => Reply,
  ) {}

  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** Faults that never fired: a test whose fault never happened proves nothing. */
  get pendingFaults(): Fault[] {
    return this.faults.filter((f) => f.left > 0);
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private takeFault(method: string, path: string, text: string): Fault | undefined {
    const fault = this.faults.find((f) => f.left > 0 && (!f.method || f.method === method) && (!f.path || f.path.test(path)) && (!f.body || f.body.test(text)));
    if (fault) fault.left--;
    return fault;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, { method, path }, { status: 400, body: { message: 'body is not JSON' } });
    }
    const fault = this.takeFault(method, path, text);
    if (fault?.kind === 'expired-token' || !this.authorized(req.headers)) {
      return this.send(res, { method, path, fault: fault?.kind }, this.faultReply({ kind: 'expired-token' }));
    }
    if (fault?.kind === 'error-500' || fault?.kind === 'rate-limit') {
      return this.send(res, { method, path, fault: fault.kind }, this.faultReply(fault));
    }
    let reply: Reply;
    try {
      reply = await this.handler({ method, path, url, headers: req.headers, body });
    } catch (error) {
      reply = { status: 500, body: { message: `fake server bug: ${String(error)}` } };
    }
    // Logged once the work is done, before a fault holds back or loses the answer.
    this.log.push({ method, path, status: reply.status, fault: fault?.kind });
    if (fault?.kind === 'lose-response') {
      // The work is done (the issue exists); the client never hears about it.
      req.socket.destroy();
      return;
    }
    // Unref'd: a held-back answer never keeps the test process alive after the server stopped.
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000).unref());
    this.write(res, reply);
  }

  private send(res: http.ServerResponse, entry: Omit<LoggedRequest, 'status'>, reply: Reply): void {
    this.log.push({ ...entry, status: reply.status });
    this.write(res, reply);
  }

  private write(res: http.ServerResponse, reply: Reply): void {
    if (res.destroyed) return;
    const payload = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
    res.end(payload);
  }
}
