// What the GitLab, Jira and Linear stand-ins share: JSON bodies, a token check, and faults injected per request:
// 500, 429 with Retry-After, a slow answer, a response lost after the work was done (the socket is destroyed after
// the insert), an expired token (401). Every fault fires a bounded number of times. The HTTP plumbing is http.ts.
import http from 'node:http';
import { close, delay, FaultQueue, listen, readBody, write, type FaultMatch, type Reply } from './http';

export type { Reply } from './http';

export type FaultKind = 'error-500' | 'rate-limit' | 'slow' | 'lose-response' | 'expired-token';

export interface Fault extends FaultMatch {
  kind: FaultKind;
  /** `rate-limit`: the Retry-After value in seconds; extra headers the tracker sends with it. */
  retryAfter?: number;
  headers?: Record<string, string>;
  /** `slow`: how long the answer is held back, after the work was done. */
  delayMs?: number;
  /** Set when a GraphQL fault should answer in GraphQL's shape (HTTP 400 + errors[]) rather than with a status. */
  graphql?: boolean;
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
  private readonly faults = new FaultQueue<Fault>();
  private readonly server = http.createServer((req, res) => void this.serve(req, res));
  url = '';

  constructor(
    private readonly handler: Handler,
    /** Checks credentials; returns false for a token the server does not know. */
    private readonly authorized: (headers: http.IncomingHttpHeaders) => boolean,
    private readonly faultReply: (fault: Fault) => Reply,
  ) {}

  inject(fault: Fault): void {
    this.faults.add(fault);
  }

  /** Faults that never fired: a test whose fault never happened proves nothing. */
  get pendingFaults(): Fault[] {
    return this.faults.pending;
  }

  requests(method: string, path: RegExp): LoggedRequest[] {
    return this.log.filter((r) => r.method === method && path.test(r.path));
  }

  async start(): Promise<string> {
    this.url = await listen(this.server);
    return this.url;
  }

  stop(): Promise<void> {
    return close(this.server);
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const text = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.send(res, { method, path }, { status: 400, body: { message: 'body is not JSON' } });
    }
    const fault = this.faults.take(method, path, text);
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
    if (fault?.kind === 'slow') await delay(fault.delayMs ?? 1000);
    write(res, reply);
  }

  private send(res: http.ServerResponse, entry: Omit<LoggedRequest, 'status'>, reply: Reply): void {
    this.log.push({ ...entry, status: reply.status });
    write(res, reply);
  }
}

/**
 * A tracker stand-in on a FakeServer: the tracker's routes (`handle`), its credential check and its fault answers.
 * Tests reach the server through `server` (its url, log and pending faults).
 */
export abstract class FakeTracker {
  readonly server: FakeServer;

  constructor(authorized: (headers: http.IncomingHttpHeaders) => boolean, faultReply: (fault: Fault) => Reply) {
    this.server = new FakeServer((request) => this.handle(request), authorized, faultReply);
  }

  start(): Promise<string> {
    return this.server.start();
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  inject(fault: Fault): void {
    this.server.inject(fault);
  }

  /** What the tracker holds for an action item: one entry when all went well, two for a duplicate. */
  abstract issuesWithMarker(marker: string): unknown[];

  protected abstract handle(request: RequestInfo): Reply | Promise<Reply>;
}
