// A Jira stand-in for the adapter tests: REST v3 (Cloud: ADF bodies, enhanced JQL search with reconcileIssues,
// Basic auth with email + API token) and REST v2 (Data Center: wiki bodies, /search with startAt, Bearer PAT).
// Its search index can lag: an issue shows in search only after a number of searches since it was created, as
// Jira's index lags writes; GET issue is always current. Request bodies are checked as Jira checks them.
import { FakeTracker, type Fault, type Reply, type RequestInfo } from './common';

export const JIRA_EMAIL = 'sre@example.com';
export const JIRA_API_TOKEN = 'ATATT-cloud-token-0123456789';
export const JIRA_PAT = 'NjQ1-dc-pat-0123456789';

export interface JiraIssue {
  id: string;
  key: string;
  fields: {
    project: { key: string };
    summary: string;
    description: unknown;
    issuetype: { name: string };
    labels: string[];
    assignee: { accountId?: string; name?: string } | null;
    duedate: string | null;
    priority: { name: string } | null;
    status: { name: string; statusCategory: { key: 'new' | 'indeterminate' | 'done'; name: string } };
  };
  /** Searches since creation; the issue is in the index once this reaches the lag. */
  searchesSince: number;
}

const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
const ISSUE_TYPES = ['Task', 'Bug', 'Story'];

export class FakeJira extends FakeTracker {
  readonly projects = new Map<string, number>([['OPS', 0], ['ARCH', 0]]);
  issues: JiraIssue[] = [];
  /** Old key -> new key, after a move. */
  readonly moved = new Map<string, string>();
  readonly created: { api: 2 | 3; fields: Record<string, unknown> }[] = [];
  /** The reconcileIssues of each search that had some. */
  readonly reconciled: string[][] = [];
  /** Fields the projects' create screens leave out (Jira refuses them on create). */
  offScreen: string[] = [];
  /** How many searches pass before a new issue shows in search results (0: at once). */
  searchLag = 0;
  readonly accountIds = ['5b10ac8d82e05b22cc7d4ef5'];
  readonly userNames = ['alice'];
  private nextId = 10000;

  constructor() {
    const basic = `Basic ${Buffer.from(`${JIRA_EMAIL}:${JIRA_API_TOKEN}`).toString('base64')}`;
    super((headers) => headers.authorization === basic || headers.authorization === `Bearer ${JIRA_PAT}`, faultReply);
  }

  issuesWithMarker(marker: string): JiraIssue[] {
    return this.issues.filter((i) => JSON.stringify(i.fields.description).includes(`postmortem-item: ${marker} `));
  }

  get(key: string): JiraIssue | undefined {
    return this.issues.find((i) => i.key === key);
  }

  close(key: string): void {
    this.get(key)!.fields.status = { name: 'Done', statusCategory: { key: 'done', name: 'Done' } };
  }

  delete(key: string): void {
    this.issues = this.issues.filter((i) => i.key !== key);
  }

  /** Jira's move: the issue gets a key in the other project; the old key still leads to it. */
  move(key: string, project: string): string {
    const issue = this.get(key)!;
    const n = this.projects.get(project)! + 1;
    this.projects.set(project, n);
    issue.key = `${project}-${n}`;
    issue.fields.project = { key: project };
    this.moved.set(key, issue.key);
    return issue.key;
  }

  /** An issue made by someone else, straight into the store (and the index). */
  insert(project: string, fields: Partial<JiraIssue['fields']>): JiraIssue {
    const n = this.projects.get(project)! + 1;
    this.projects.set(project, n);
    const issue: JiraIssue = {
      id: String(this.nextId++), key: `${project}-${n}`,
      fields: {
        project: { key: project }, summary: fields.summary ?? '', description: fields.description ?? null,
        issuetype: fields.issuetype ?? { name: 'Task' }, labels: fields.labels ?? [], assignee: fields.assignee ?? null,
        duedate: fields.duedate ?? null, priority: fields.priority ?? { name: 'Medium' },
        status: { name: 'To Do', statusCategory: { key: 'new', name: 'To Do' } },
      },
      searchesSince: Number.MAX_SAFE_INTEGER,
    };
    this.issues.push(issue);
    return issue;
  }

  protected handle({ method, path, url, body }: RequestInfo): Reply {
    const m = /^\/rest\/api\/([23])\/(issue|search\/jql|search)(?:\/([^/]+))?$/.exec(path);
    if (!m) return { status: 404, body: { errorMessages: ['Not found'] } };
    const api = Number(m[1]) as 2 | 3;
    if (m[2] === 'issue' && !m[3] && method === 'POST') return this.create(api, body);
    if (m[2] === 'issue' && m[3] && method === 'GET') {
      const key = this.moved.get(m[3]) ?? m[3];
      const issue = this.issues.find((i) => i.key === key || i.id === key);
      if (!issue) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
      return { status: 200, body: this.view(issue, searchParams(url).fields) };
    }
    if (m[2] === 'search/jql' && api === 3 && method === 'GET') return this.search(searchParams(url), true);
    if (m[2] === 'search/jql' && api === 3 && method === 'POST') return this.search(searchBody(body), true);
    if (m[2] === 'search' && api === 2 && method === 'GET') return this.search(searchParams(url), false);
    return { status: 405, body: { errorMessages: [`${method} ${path} is not supported`] } };
  }

  private view(issue: JiraIssue, wanted: string[]): Record<string, unknown> {
    const fields = Object.fromEntries(Object.entries(issue.fields).filter(([k]) => wanted.length === 0 || wanted.includes(k)));
    return { id: issue.id, key: issue.key, self: `${this.server.url}/rest/api/3/issue/${issue.id}`, fields };
  }

  private search(query: SearchQuery, enhanced: boolean): Reply {
    const { jql } = query;
    // The two queries the adapter makes; anything else is a JQL error, as an unknown field would be in Jira.
    const parsed = /^(?:labels = "([^"]+)" ORDER BY (created (?:ASC|DESC))|project = "([A-Z]+)" ORDER BY (key DESC))$/.exec(jql);
    if (!parsed) return { status: 400, body: { errorMessages: [`Error in the JQL Query: unsupported query "${jql}"`], errors: {} } };
    const label = parsed[1];
    const project = parsed[3];
    const order = parsed[2] ?? parsed[4];
    const reconcile = new Set(query.reconcileIssues.map(String));
    if (reconcile.size) this.reconciled.push([...reconcile]);
    if (!enhanced && reconcile.size) return { status: 400, body: { errorMessages: ['reconcileIssues is not a parameter of /rest/api/2/search'] } };
    for (const issue of this.issues) issue.searchesSince++;
    const indexed = this.issues.filter((i) => i.searchesSince > this.searchLag || reconcile.has(i.id));
    const matching = indexed
      .filter((i) => (!project || i.fields.project.key === project) && (!label || i.fields.labels.includes(label)))
      .sort((a, b) => (order === 'created ASC' ? Number(a.id) - Number(b.id) : order === 'created DESC' ? Number(b.id) - Number(a.id) : Number(b.key.split('-')[1]) - Number(a.key.split('-')[1])));
    const maxResults = Math.min(100, query.maxResults ?? 50);
    const startAt = Number((enhanced ? query.nextPageToken : query.startAt) ?? 0);
    const page = matching.slice(startAt, startAt + maxResults).map((i) => this.view(i, query.fields));
    if (enhanced) {
      const next = startAt + maxResults < matching.length ? String(startAt + maxResults) : undefined;
      return { status: 200, body: { issues: page, ...(next ? { nextPageToken: next } : {}), isLast: !next } };
    }
    return { status: 200, body: { startAt, maxResults, total: matching.length, issues: page } };
  }

  private create(api: 2 | 3, body: unknown): Reply {
    const fields = ((body ?? {}) as { fields?: Record<string, unknown> }).fields;
    if (!fields) return bad({ fields: 'fields are required' });
    const project = (fields.project as { key?: string } | undefined)?.key;
    if (!project || !this.projects.has(project)) return bad({ project: 'valid project is required' });
    if (typeof fields.summary !== 'string' || !fields.summary || fields.summary.length > 255) return bad({ summary: 'You must specify a summary of the issue.' });
    const type = (fields.issuetype as { name?: string } | undefined)?.name;
    if (!type || !ISSUE_TYPES.includes(type)) return bad({ issuetype: 'Specify a valid issue type' });
    const labels = fields.labels ?? [];
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || /\s/.test(l))) return bad({ labels: 'The label must not contain spaces.' });
    if (api === 3 && !isAdf(fields.description)) return bad({ description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format).' });
    if (api === 2 && typeof fields.description !== 'string') return bad({ description: 'Operation value must be a string' });
    const assignee = fields.assignee as { accountId?: string; name?: string } | undefined;
    if (assignee) {
      if (api === 3 && !(assignee.accountId && this.accountIds.includes(assignee.accountId))) return bad({ assignee: 'Specify a valid value for assignee' });
      if (api === 2 && !(assignee.name && this.userNames.includes(assignee.name))) return bad({ assignee: `User '${assignee.name}' does not exist.` });
    }
    if (fields.duedate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(fields.duedate))) return bad({ duedate: 'Error parsing date string' });
    const priority = (fields.priority as { name?: string } | undefined)?.name;
    if (fields.priority !== undefined && !(priority && PRIORITIES.includes(priority))) return bad({ priority: 'Specify the priority name or id' });
    const known = ['project', 'summary', 'issuetype', 'labels', 'description', 'assignee', 'duedate', 'priority'].filter((f) => !this.offScreen.includes(f));
    const unknown = Object.keys(fields).filter((k) => !known.includes(k));
    if (unknown.length) return bad(Object.fromEntries(unknown.map((k) => [k, `Field '${k}' cannot be set. It is not on the appropriate screen, or unknown.`])));
    this.created.push({ api, fields });
    const issue = this.insert(project, {
      summary: fields.summary, description: fields.description, issuetype: { name: type }, labels: labels as string[],
      assignee: assignee ?? null, duedate: (fields.duedate as string | undefined) ?? null, priority: priority ? { name: priority } : null,
    });
    issue.searchesSince = 0;
    return { status: 201, body: { id: issue.id, key: issue.key, self: `${this.server.url}/rest/api/${api}/issue/${issue.id}` } };
  }
}

interface SearchQuery {
  jql: string;
  fields: string[];
  maxResults?: number;
  startAt?: number;
  nextPageToken?: string;
  reconcileIssues: (string | number)[];
}

/** GET searches and GET issue: parameters in the query (arrays comma-separated, as jira.js sends them). */
function searchParams(url: URL): SearchQuery {
  const number = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : undefined);
  return {
    jql: url.searchParams.get('jql') ?? '',
    fields: (url.searchParams.get('fields') ?? '').split(',').filter(Boolean),
    maxResults: number('maxResults'),
    startAt: number('startAt'),
    nextPageToken: url.searchParams.get('nextPageToken') ?? undefined,
    reconcileIssues: url.searchParams.getAll('reconcileIssues').flatMap((v) => v.split(',')).filter(Boolean),
  };
}

/** POST /rest/api/3/search/jql: the same in a JSON body, as Jira documents it (reconcileIssues an array of ids). */
function searchBody(body: unknown): SearchQuery {
  const b = (body ?? {}) as { jql?: unknown; fields?: unknown; maxResults?: unknown; nextPageToken?: unknown; reconcileIssues?: unknown };
  const reconcile = Array.isArray(b.reconcileIssues) ? b.reconcileIssues.filter((v): v is number => Number.isInteger(v)) : [];
  return {
    jql: typeof b.jql === 'string' ? b.jql : '',
    fields: Array.isArray(b.fields) ? b.fields.map(String) : [],
    maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
    nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
    reconcileIssues: reconcile,
  };
}

function isAdf(value: unknown): boolean {
  const doc = value as { type?: unknown; version?: unknown; content?: unknown } | undefined;
  return !!doc && doc.type === 'doc' && doc.version === 1 && Array.isArray(doc.content)
    && doc.content.every((block: { type?: unknown; content?: unknown }) => typeof block.type === 'string' && Array.isArray(block.content));
}

function bad(errors: Record<string, string>): Reply {
  return { status: 400, body: { errorMessages: [], errors } };
}

function faultReply(fault: Fault): Reply {
  if (fault.kind === 'expired-token') return { status: 401, body: { errorMessages: ['You are not authenticated. Authentication required to perform this operation.'], errors: {} } };
  if (fault.kind === 'rate-limit') {
    const retryAfter = fault.retryAfter ?? 1;
    return {
      status: 429,
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
      headers: {
        'retry-after': String(retryAfter), 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': new Date(Date.now() + retryAfter * 1000).toISOString(), 'ratelimit-reason': 'jira-burst-based', ...fault.headers,
      },
    };
  }
  return { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } };
}
