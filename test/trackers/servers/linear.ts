// A Linear GraphQL stand-in for the adapter tests: every incoming operation is parsed and validated against
// the schema in linearSchema.ts (a document Linear would reject is rejected here), then executed against
// in-memory teams, labels, users and issues. Creating with an id that exists answers with that issue, as
// Linear treats a repeated client-chosen id. Errors take Linear's shape (errors[].extensions.type/code).
import { GraphQLError, graphql, parse, validate } from 'graphql';
import { FakeTracker, type Fault, type Reply, type RequestInfo } from './common';
import { linearSchema } from './linearSchema';

export const LINEAR_API_KEY = 'lin_api_test_0123456789abcdef';

export interface LinearIssue {
  id: string;
  identifier: string;
  url: string;
  title: string;
  description: string | null;
  archivedAt: string | null;
  trashed: boolean | null;
  dueDate: string | null;
  priority: number;
  state: { id: string; name: string; type: string };
  team: { id: string; key: string; name: string };
  assignee: { id: string; name: string; displayName: string; email: string; active: boolean } | null;
  labelIds: string[];
}

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export class FakeLinear extends FakeTracker {
  readonly teams = [{ id: 'team-eng', key: 'ENG', name: 'Engineering' }, { id: 'team-ops', key: 'OPS', name: 'Operations' }];
  readonly labels: { id: string; name: string; team: { id: string; key: string; name: string } | null }[] = [{ id: 'label-ws-1', name: 'postmortem', team: null }];
  readonly users = [{ id: '6f1f6c1e-7a3b-4c55-9d2a-0b8e5d9f2a11', name: 'Alice Example', displayName: 'alice', email: 'alice@example.com', active: true }];
  issues: LinearIssue[] = [];
  /** Operation names in the order they arrived, and create inputs, for assertions. */
  readonly operations: string[] = [];
  readonly createInputs: Record<string, unknown>[] = [];
  private next = 1;

  constructor() {
    super((headers) => headers.authorization === LINEAR_API_KEY, faultReply);
  }

  issuesWithMarker(marker: string): LinearIssue[] {
    return this.issues.filter((i) => i.description?.includes(`postmortem-item: ${marker} `));
  }

  complete(issue: LinearIssue, type: 'completed' | 'canceled' = 'completed'): void {
    issue.state = { id: `state-${type}`, name: type === 'completed' ? 'Done' : 'Canceled', type };
  }

  trash(issue: LinearIssue): void {
    issue.trashed = true;
    issue.archivedAt = new Date().toISOString();
  }

  /** Linear moves an issue to another team: same id, a new identifier. */
  move(issue: LinearIssue, teamKey: string): void {
    const team = this.teams.find((t) => t.key === teamKey)!;
    issue.team = team;
    issue.identifier = `${team.key}-${this.next++}`;
    issue.url = `${this.server.url}/issue/${issue.identifier}`;
  }

  protected async handle({ method, body }: RequestInfo): Promise<Reply> {
    if (method !== 'POST') return { status: 405, body: { errors: [{ message: 'POST a GraphQL request' }] } };
    const { query, variables, operationName } = (body ?? {}) as { query?: string; variables?: Record<string, unknown>; operationName?: string };
    if (typeof query !== 'string') return { status: 400, body: { errors: [{ message: 'Must provide query string.' }] } };
    let document;
    try {
      document = parse(query);
    } catch (error) {
      return validationFailed([error as GraphQLError]);
    }
    const errors = validate(linearSchema, document);
    if (errors.length) return validationFailed(errors);
    const op = document.definitions.find((d) => d.kind === 'OperationDefinition');
    this.operations.push(op && 'name' in op && op.name ? op.name.value : '(anonymous)');
    const result = await graphql({ schema: linearSchema, source: query, variableValues: variables ?? {}, operationName, rootValue: this.resolvers() });
    if (result.errors?.length) {
      return { status: 200, body: { data: result.data ?? null, errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: e.extensions })) } };
    }
    return { status: 200, body: { data: result.data } };
  }

  private resolvers(): Record<string, unknown> {
    const str = (value: string, c?: { eq?: string; eqIgnoreCase?: string; in?: string[] }): boolean =>
      !c || ((c.eq === undefined || value === c.eq) && (c.eqIgnoreCase === undefined || value.toLowerCase() === c.eqIgnoreCase.toLowerCase()) && (c.in === undefined || c.in.includes(value)));
    return {
      teams: ({ filter }: { filter?: { key?: { eq?: string } } }) => ({ nodes: this.teams.filter((t) => str(t.key, filter?.key)) }),
      issueLabels: ({ filter }: { filter?: { name?: { in?: string[] } } }) => ({ nodes: this.labels.filter((l) => str(l.name, filter?.name)) }),
      users: ({ filter }: { filter?: { or?: Record<string, { eqIgnoreCase?: string }>[] } }) => ({
        nodes: this.users.filter((u) => !filter?.or || filter.or.some((f) => Object.entries(f).every(([k, c]) => str(String(u[k as keyof typeof u]), c)))),
      }),
      issues: ({ filter, first, includeArchived }: { filter?: { id?: { in?: string[]; eq?: string } }; first?: number; includeArchived?: boolean }) => ({
        nodes: this.issues
          .filter((i) => includeArchived || !i.archivedAt)
          .filter((i) => str(i.id, filter?.id))
          .slice(0, first ?? 50),
      }),
      issue: ({ id }: { id: string }) => {
        const issue = this.issues.find((i) => i.id === id || i.identifier === id);
        if (!issue) throw entityNotFound();
        return issue;
      },
      issueCreate: ({ input }: { input: Record<string, unknown> }) => this.create(input),
      issueLabelCreate: ({ input }: { input: { name: string; teamId?: string } }) => {
        const team = input.teamId ? this.teams.find((t) => t.id === input.teamId) : null;
        if (input.teamId && !team) throw invalidInput('teamId', 'Team not found');
        const label = { id: `label-${this.next++}`, name: input.name, team: team ?? null };
        this.labels.push(label);
        return { success: true, lastSyncId: this.next, issueLabel: label };
      },
    };
  }

  private create(input: Record<string, unknown>): { success: boolean; lastSyncId: number; issue: LinearIssue } {
    const id = input.id as string | undefined;
    if (id !== undefined && !UUID_V4.test(id)) throw invalidInput('id', 'id must be a UUID v4');
    const existing = id ? this.issues.find((i) => i.id === id) : undefined;
    if (existing) return { success: true, lastSyncId: this.next, issue: existing };
    const team = this.teams.find((t) => t.id === input.teamId);
    if (!team) throw invalidInput('teamId', 'Team not found');
    const labelIds = (input.labelIds as string[] | undefined) ?? [];
    if (labelIds.some((l) => !this.labels.some((x) => x.id === l))) throw invalidInput('labelIds', 'Label not found');
    const assignee = input.assigneeId ? this.users.find((u) => u.id === input.assigneeId) : null;
    if (input.assigneeId && !assignee) throw invalidInput('assigneeId', 'User not found');
    const priority = (input.priority as number | undefined) ?? 0;
    if (!Number.isInteger(priority) || priority < 0 || priority > 4) throw invalidInput('priority', 'priority must be between 0 and 4');
    if (input.dueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(input.dueDate))) throw invalidInput('dueDate', 'dueDate must be a date');
    this.createInputs.push(input);
    const number = this.next++;
    const issue: LinearIssue = {
      id: id ?? `generated-${number}`, identifier: `${team.key}-${number}`, url: `${this.server.url}/issue/${team.key}-${number}`,
      title: String(input.title ?? ''), description: (input.description as string | undefined) ?? null, archivedAt: null, trashed: null,
      dueDate: (input.dueDate as string | undefined) ?? null, priority, state: { id: 'state-todo', name: 'Todo', type: 'unstarted' },
      team, assignee: assignee ?? null, labelIds,
    };
    this.issues.push(issue);
    return { success: true, lastSyncId: this.next, issue };
  }
}

function entityNotFound(): GraphQLError {
  return new GraphQLError('Entity not found: Issue', { extensions: { type: 'invalid input', code: 'INPUT_ERROR', userError: true, userPresentableMessage: 'Could not find referenced Issue.' } });
}

function invalidInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`Argument Validation Error: ${field}`, { extensions: { type: 'invalid input', code: 'INPUT_ERROR', userError: true, userPresentableMessage: message } });
}

function validationFailed(errors: readonly GraphQLError[]): Reply {
  return { status: 400, body: { errors: errors.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED', type: 'graphql error' } })) } };
}

function faultReply(fault: Fault): Reply {
  if (fault.kind === 'expired-token') {
    return { status: 400, body: { errors: [{ message: 'Authentication required, not authenticated', extensions: { type: 'authentication error', code: 'AUTHENTICATION_ERROR', userPresentableMessage: 'You need to authenticate to access this operation.' } }] } };
  }
  if (fault.kind === 'rate-limit') {
    const reset = Date.now() + (fault.retryAfter ?? 1) * 1000;
    return {
      status: 400,
      body: { errors: [{ message: 'Rate limit exceeded', extensions: { type: 'ratelimited', code: 'RATELIMITED', userPresentableMessage: 'Too many requests, try again later.' } }] },
      headers: { 'x-ratelimit-requests-limit': '1500', 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(reset), ...fault.headers },
    };
  }
  return { status: 500, body: { errors: [{ message: 'Internal server error', extensions: { type: 'internal error', code: 'INTERNAL_SERVER_ERROR' } }] } };
}
