// A GitLab REST v4 stand-in for the adapter tests: projects, issues (list with label/state filters and offset
// pagination headers, create, show by iid, show by global id), users by username; in memory on 127.0.0.1.
// Bodies follow GitLab's documented issue JSON; request bodies are checked against the documented parameter types.
import { FakeTracker, type Fault, type Reply, type RequestInfo } from './common';

export interface GitLabIssue {
  id: number;
  iid: number;
  project_id: number;
  title: string;
  description: string | null;
  state: 'opened' | 'closed';
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  labels: string[];
  assignees: { id: number; username: string; name: string }[];
  assignee: { id: number; username: string; name: string } | null;
  author: { id: number; username: string; name: string };
  due_date: string | null;
  web_url: string;
  references: { short: string; relative: string; full: string };
  moved_to_id: number | null;
  issue_type: 'issue';
  type: 'ISSUE';
}

interface Project {
  id: number;
  path: string;
  issues: GitLabIssue[];
}

export const GITLAB_TOKEN = 'glpat-test-token-0123456789';

export class FakeGitLab extends FakeTracker {
  readonly projects: Project[] = [{ id: 7, path: 'ops/platform', issues: [] }, { id: 8, path: 'ops/archive', issues: [] }];
  readonly users = [{ id: 41, username: 'alice', name: 'Alice Example' }, { id: 42, username: 'bob', name: 'Bob Example' }];
  /** Request bodies of every accepted create, for assertions on what the adapter sent. */
  readonly created: Record<string, unknown>[] = [];
  private nextId = 1000;

  constructor() {
    super((headers) => headers['private-token'] === GITLAB_TOKEN || headers.authorization === `Bearer ${GITLAB_TOKEN}`, faultReply);
  }

  project(path: string): Project {
    return this.projects.find((p) => p.path === path)!;
  }

  /** Issues carrying the marker, across projects (a duplicate would show here). */
  issuesWithMarker(marker: string): GitLabIssue[] {
    return this.projects.flatMap((p) => p.issues).filter((i) => i.description?.includes(`postmortem-item: ${marker} `));
  }

  close(issue: GitLabIssue): void {
    issue.state = 'closed';
    issue.closed_at = new Date().toISOString();
  }

  delete(issue: GitLabIssue): void {
    for (const p of this.projects) p.issues = p.issues.filter((i) => i !== issue);
  }

  /** GitLab's move: a new issue in the target project, the old one closed with moved_to_id. */
  move(issue: GitLabIssue, toPath: string): GitLabIssue {
    const target = this.project(toPath);
    const moved = this.insert(target, { ...issue });
    issue.moved_to_id = moved.id;
    this.close(issue);
    return moved;
  }

  /** Puts an issue in place directly (as if made earlier by someone else). */
  insert(project: Project, fields: Partial<GitLabIssue>): GitLabIssue {
    const iid = project.issues.reduce((max, i) => Math.max(max, i.iid), 0) + 1;
    const now = new Date().toISOString();
    const issue: GitLabIssue = {
      id: this.nextId++, iid, project_id: project.id, title: fields.title ?? '', description: fields.description ?? null,
      state: 'opened', created_at: now, updated_at: now, closed_at: null, labels: fields.labels ?? [],
      assignees: fields.assignees ?? [], assignee: fields.assignees?.[0] ?? null,
      author: { id: 1, username: 'postmortem-bot', name: 'Postmortem Bot' }, due_date: fields.due_date ?? null,
      web_url: `${this.server.url}/${project.path}/-/issues/${iid}`,
      references: { short: `#${iid}`, relative: `#${iid}`, full: `${project.path}#${iid}` },
      moved_to_id: null, issue_type: 'issue', type: 'ISSUE',
    };
    project.issues.push(issue);
    return issue;
  }

  private findProject(idOrPath: string): Project | undefined {
    return this.projects.find((p) => String(p.id) === idOrPath || p.path === idOrPath);
  }

  protected handle({ method, path, url, body }: RequestInfo): Reply {
    let m = /^\/api\/v4\/projects\/([^/]+(?:\/[^/]+)*?)\/issues(?:\/(\d+))?$/.exec(path);
    if (m) {
      const project = this.findProject(m[1]!);
      if (!project) return notFound('Project');
      if (m[2] && method === 'GET') {
        const issue = project.issues.find((i) => i.iid === Number(m![2]));
        return issue ? { status: 200, body: issue } : notFound();
      }
      if (!m[2] && method === 'GET') return this.list(project, url);
      if (!m[2] && method === 'POST') return this.create(project, body);
    }
    m = /^\/api\/v4\/issues\/(\d+)$/.exec(path);
    if (m && method === 'GET') {
      const issue = this.projects.flatMap((p) => p.issues).find((i) => i.id === Number(m![1]));
      return issue ? { status: 200, body: issue } : notFound();
    }
    if (path === '/api/v4/users' && method === 'GET') {
      const username = url.searchParams.get('username');
      return { status: 200, body: this.users.filter((u) => !username || u.username === username).map((u) => ({ ...u, state: 'active' })) };
    }
    return notFound();
  }

  private list(project: Project, url: URL): Reply {
    const labels = (url.searchParams.get('labels') ?? '').split(',').filter(Boolean);
    const state = url.searchParams.get('state') ?? 'all';
    if (!['opened', 'closed', 'all'].includes(state)) return { status: 400, body: { error: 'state does not have a valid value' } };
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 20));
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
    const sort = url.searchParams.get('sort') ?? 'desc';
    const matching = project.issues
      .filter((i) => labels.every((l) => i.labels.includes(l)))
      .filter((i) => state === 'all' || i.state === state)
      .sort((a, b) => (sort === 'asc' ? a.id - b.id : b.id - a.id));
    const totalPages = Math.max(1, Math.ceil(matching.length / perPage));
    const headers: Record<string, string> = {
      'x-page': String(page), 'x-per-page': String(perPage), 'x-total': String(matching.length),
      'x-total-pages': String(totalPages), 'x-next-page': page < totalPages ? String(page + 1) : '', 'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    if (page < totalPages) {
      const next = new URL(url.toString().replace('http://127.0.0.1', this.server.url));
      next.searchParams.set('page', String(page + 1));
      headers.link = `<${next}>; rel="next"`;
    }
    return { status: 200, body: matching.slice((page - 1) * perPage, page * perPage), headers };
  }

  private create(project: Project, body: unknown): Reply {
    const b = (body ?? {}) as Record<string, unknown>;
    if (typeof b.title !== 'string' || !b.title) return { status: 400, body: { error: 'title is missing' } };
    if (b.description !== undefined && typeof b.description !== 'string') return invalid('description');
    if (b.labels !== undefined && typeof b.labels !== 'string' && !Array.isArray(b.labels)) return invalid('labels');
    if (b.due_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(b.due_date))) return invalid('due_date');
    if (b.assignee_ids !== undefined && !(Array.isArray(b.assignee_ids) && b.assignee_ids.every(Number.isInteger))) return invalid('assignee_ids');
    for (const key of Object.keys(b)) {
      if (!['title', 'description', 'labels', 'assignee_ids', 'due_date', 'weight', 'issue_type', 'confidential', 'milestone_id'].includes(key)) {
        return { status: 400, body: { error: `unexpected parameter ${key} (not in the documented create-issue parameters used here)` } };
      }
    }
    this.created.push(b);
    const labels = typeof b.labels === 'string' ? b.labels.split(',').map((l) => l.trim()).filter(Boolean) : (b.labels as string[] | undefined) ?? [];
    const assignees = ((b.assignee_ids as number[] | undefined) ?? []).map((id) => this.users.find((u) => u.id === id)).filter((u) => !!u);
    const issue = this.insert(project, { title: b.title, description: (b.description as string | undefined) ?? null, labels, assignees, due_date: (b.due_date as string | undefined) ?? null });
    return { status: 201, body: issue };
  }
}

function notFound(what = ''): Reply {
  return { status: 404, body: { message: `404 ${what ? `${what} ` : ''}Not Found`.replace('404 Not Found', '404 Not found') } };
}

function invalid(param: string): Reply {
  return { status: 400, body: { error: `${param} is invalid` } };
}

function faultReply(fault: Fault): Reply {
  if (fault.kind === 'expired-token') return { status: 401, body: { message: '401 Unauthorized' } };
  if (fault.kind === 'rate-limit') {
    const retryAfter = fault.retryAfter ?? 1;
    return {
      status: 429,
      body: 'Retry later',
      headers: {
        'content-type': 'text/plain', 'retry-after': String(retryAfter), 'ratelimit-limit': '600', 'ratelimit-observed': '601',
        'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + retryAfter),
        'ratelimit-resettime': new Date(Date.now() + retryAfter * 1000).toUTCString(), ...fault.headers,
      },
    };
  }
  return { status: 500, body: { message: '500 Internal Server Error' } };
}
