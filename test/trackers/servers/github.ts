/**
 * A local GitHub (REST, 127.0.0.1, ephemeral port) for the ticket tests: the issue endpoints the adapter uses, in
 * GitHub's own shapes, every request and answer checked against GitHub's OpenAPI description (githubOpenApi.ts;
 * problems are collected in `violations`, which each test expects empty). Faults are injected per request:
 * 500, 429 with Retry-After, 403 secondary rate limit, slow answers, an answer lost after the issue was made,
 * an expired token, a search index that lags behind writes, transferred (301) and deleted (410) issues.
 */
import http from 'node:http';
import { operation, type Operation } from './githubOpenApi';
import { close, delay, FaultQueue, listen, readBody, write } from './http';

export type GitHubFault =
  | { kind: 'status500' }
  | { kind: 'status429'; retryAfter: number }
  | { kind: 'secondary403'; retryAfter: number }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'lostResponse' }
  | { kind: 'unauthorized' };

export interface StoredIssue {
  id: number;
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
  createdAt: number;
  deleted?: boolean;
  movedTo?: { owner: string; repo: string; number: number };
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  op: Operation;
}

const ROUTES: Omit<Route, 'op'>[] = [
  { method: 'GET', template: '/repos/{owner}/{repo}/issues', pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues$/ },
  { method: 'POST', template: '/repos/{owner}/{repo}/issues', pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues$/ },
  { method: 'GET', template: '/repos/{owner}/{repo}/issues/{issue_number}', pattern: /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/ },
  { method: 'GET', template: '/search/issues', pattern: /^\/search\/issues$/ },
];

export class GitHubServer {
  readonly issues: StoredIssue[] = [];
  readonly violations: string[] = [];
  /** Every request, `METHOD /path?query`. */
  readonly requests: string[] = [];
  /** Tokens the server accepts. */
  readonly tokens = new Set(['test-token']);
  /** How far the search index lags behind writes (ms): issues younger than this are not found by search. */
  searchLagMs = 60_000;
  private readonly faults = new FaultQueue<{ method: string; path: RegExp; fault: GitHubFault }>();
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly routes: Route[] = ROUTES.map((r) => ({ ...r, op: operation(r.method, r.template) }));
  private nextId = 1000;
  url = '';

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }

  stop(): Promise<void> {
    return close(this.server);
  }

  /** The next request matching `method` and `path` meets `fault` (once per call; queue several for several). */
  inject(method: string, path: RegExp, fault: GitHubFault): void {
    this.faults.add({ method, path, fault });
  }

  /** Issues of a repository that still exist there. */
  live(owner = 'octo', repo = 'app'): StoredIssue[] {
    return this.issues.filter((i) => i.owner === owner && i.repo === repo && !i.deleted && !i.movedTo);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}${url.search}`);
    const text = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}, route?: Route) => {
      if (route) this.violations.push(...route.op.validateResponse(status, body).map((v) => `${method} ${url.pathname}: ${v}`));
      write(res, { status, body, headers: { 'x-github-api-version-selected': '2022-11-28', ...headers } });
    };
    const auth = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const fault = this.faults.take(method, url.pathname)?.fault;
    if (fault?.kind === 'slow') await delay(fault.delayMs);
    if (fault?.kind === 'unauthorized' || !auth || !this.tokens.has(auth)) {
      return send(401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    if (fault?.kind === 'status500') return send(500, { message: 'Server Error' });
    if (fault?.kind === 'status429') {
      return send(429, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': String(fault.retryAfter) });
    }
    if (fault?.kind === 'secondary403') {
      return send(403, { message: 'You have exceeded a secondary rate limit and have been temporarily blocked from content creation.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' }, { 'retry-after': String(fault.retryAfter) });
    }
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    const m = route.pattern.exec(url.pathname)!;
    this.violations.push(...route.op.validateQuery(url.searchParams).map((v) => `${method} ${url.pathname}: ${v}`));
    if (route.op.id === 'issues/list-for-repo') return this.list(m[1]!, m[2]!, url, (s, b, h) => send(s, b, h, route));
    if (route.op.id === 'issues/get') return this.get(m[1]!, m[2]!, Number(m[3]), (s, b, h) => send(s, b, h, route));
    if (route.op.id === 'search/issues-and-pull-requests') return this.search(url, (s, b) => send(s, b, {}, route));
    let body: any;
    try {
      body = JSON.parse(text);
    } catch {
      return send(400, { message: 'Problems parsing JSON' }, {}, route);
    }
    const invalid = route.op.validateBody(body);
    if (invalid.length) {
      this.violations.push(...invalid.map((v) => `${method} ${url.pathname}: ${v}`));
      return send(422, { message: 'Validation Failed', errors: invalid.map((v) => ({ resource: 'Issue', code: 'invalid', message: v })), documentation_url: 'https://docs.github.com/rest' }, {}, route);
    }
    const issue: StoredIssue = {
      id: this.nextId++, number: this.issues.filter((i) => i.owner === m[1] && i.repo === m[2]).length + 1, owner: m[1]!, repo: m[2]!,
      title: String(body.title), body: body.body ?? '', labels: (body.labels ?? []).map((l: any) => (typeof l === 'string' ? l : l.name)),
      assignees: body.assignees ?? [], state: 'open', createdAt: Date.now(),
    };
    this.issues.push(issue);
    if (fault?.kind === 'lostResponse') {
      // The issue exists; the answer never arrives.
      req.socket.destroy();
      return;
    }
    send(201, this.json(issue), { location: `${this.url}/repos/${issue.owner}/${issue.repo}/issues/${issue.number}` }, route);
  }

  private list(owner: string, repo: string, url: URL, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const labels = (url.searchParams.get('labels') ?? '').split(',').map((l) => l.trim()).filter(Boolean);
    const state = url.searchParams.get('state') ?? 'open';
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const all = this.live(owner, repo)
      .filter((i) => (state === 'all' || i.state === state) && labels.every((l) => i.labels.includes(l)))
      .sort((a, b) => b.createdAt - a.createdAt || b.number - a.number);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (p: number) => {
      const u = new URL(url.toString());
      u.searchParams.set('page', String(p));
      return u.toString();
    };
    const headers: Record<string, string> = {};
    if (page < last) headers.link = `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"`;
    send(200, all.slice((page - 1) * perPage, page * perPage).map((i) => this.json(i)), headers);
  }

  private get(owner: string, repo: string, number: number, send: (s: number, b: unknown, h?: Record<string, string>) => void): void {
    const issue = this.issues.find((i) => i.owner === owner && i.repo === repo && i.number === number);
    if (!issue) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue' });
    if (issue.deleted) return send(410, { message: 'This issue was deleted', documentation_url: 'https://docs.github.com/rest/issues/issues#get-an-issue' });
    if (issue.movedTo) {
      const to = issue.movedTo;
      const location = `${this.url}/repos/${to.owner}/${to.repo}/issues/${to.number}`;
      return send(301, { message: 'Moved Permanently', url: location, documentation_url: 'https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects' }, { location });
    }
    send(200, this.json(issue));
  }

  /** The search endpoint: served from an index that lags writes by `searchLagMs` (the adapter must not rely on it). */
  private search(url: URL, send: (s: number, b: unknown) => void): void {
    const q = url.searchParams.get('q') ?? '';
    const indexed = this.issues.filter((i) => !i.deleted && Date.now() - i.createdAt >= this.searchLagMs && q.split(/\s+/).every((t) => t.includes(':') || i.body.includes(t)));
    send(200, { total_count: indexed.length, incomplete_results: false, items: indexed.map((i) => ({ ...this.json(i), score: 1 })) });
  }

  /** An issue as GitHub returns it (every property the schema requires). */
  json(i: StoredIssue): Record<string, unknown> {
    const api = `${this.url}/repos/${i.owner}/${i.repo}`;
    const user = (login: string, id: number) => ({
      login, id, node_id: `U_${id}`, avatar_url: `${this.url}/avatars/${login}`, gravatar_id: '', url: `${this.url}/users/${login}`,
      html_url: `${this.url}/${login}`, followers_url: `${this.url}/users/${login}/followers`, following_url: `${this.url}/users/${login}/following{/other_user}`,
      gists_url: `${this.url}/users/${login}/gists{/gist_id}`, starred_url: `${this.url}/users/${login}/starred{/owner}{/repo}`,
      subscriptions_url: `${this.url}/users/${login}/subscriptions`, organizations_url: `${this.url}/users/${login}/orgs`,
      repos_url: `${this.url}/users/${login}/repos`, events_url: `${this.url}/users/${login}/events{/privacy}`,
      received_events_url: `${this.url}/users/${login}/received_events`, type: 'User', site_admin: false,
    });
    const assignees = i.assignees.map((a, n) => user(a, 500 + n));
    const iso = new Date(i.createdAt).toISOString().replace(/\.\d+Z$/, 'Z');
    return {
      id: i.id, node_id: `I_${i.id}`, url: `${api}/issues/${i.number}`, repository_url: api, labels_url: `${api}/issues/${i.number}/labels{/name}`,
      comments_url: `${api}/issues/${i.number}/comments`, events_url: `${api}/issues/${i.number}/events`, html_url: `${this.url}/${i.owner}/${i.repo}/issues/${i.number}`,
      number: i.number, state: i.state, state_reason: i.state === 'closed' ? 'completed' : null, title: i.title, body: i.body,
      user: user('postmortem-bot', 1), labels: i.labels.map((name, n) => ({ id: 9000 + n, node_id: `LA_${n}`, url: `${api}/labels/${encodeURIComponent(name)}`, name, description: null, color: 'ededed', default: false })),
      assignee: assignees[0] ?? null, assignees, milestone: null, locked: false, active_lock_reason: null, comments: 0,
      closed_at: i.state === 'closed' ? iso : null, created_at: iso, updated_at: iso, author_association: 'MEMBER',
    };
  }
}
