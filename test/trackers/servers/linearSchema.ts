// The part of Linear's GraphQL schema the adapter's documents use, written out because @linear/sdk ships no
// schema file (only generated TypeScript types and documents). Names, arguments and types are copied from the
// SDK's generated types, and test/trackers/linear.test.ts checks every field here against them.
import { buildSchema } from 'graphql';

export const LINEAR_SDL = /* GraphQL */ `
scalar DateTime
scalar TimelessDate

type Query {
  teams(filter: TeamFilter, first: Int, includeArchived: Boolean): TeamConnection!
  issueLabels(filter: IssueLabelFilter, first: Int): IssueLabelConnection!
  users(filter: UserFilter, first: Int, includeDisabled: Boolean): UserConnection!
  issues(filter: IssueFilter, first: Int, includeArchived: Boolean): IssueConnection!
  issue(id: String!): Issue!
}

type Mutation {
  issueCreate(input: IssueCreateInput!): IssuePayload!
  issueLabelCreate(input: IssueLabelCreateInput!, replaceTeamLabels: Boolean): IssueLabelPayload!
}

input StringComparator { eq: String, eqIgnoreCase: String, in: [String!] }
input IdComparator { eq: ID, in: [ID!] }
input IssueIdComparator { eq: ID, in: [ID!] }
input TeamFilter { id: IdComparator, key: StringComparator }
input NullableTeamFilter { id: IdComparator, key: StringComparator, null: Boolean }
input IssueLabelFilter { name: StringComparator, team: NullableTeamFilter, and: [IssueLabelFilter!], or: [IssueLabelFilter!] }
input UserFilter { email: StringComparator, displayName: StringComparator, name: StringComparator, or: [UserFilter!] }
input IssueFilter { id: IssueIdComparator, team: TeamFilter, and: [IssueFilter!], or: [IssueFilter!] }
input IssueCreateInput {
  id: String
  teamId: String!
  title: String
  description: String
  labelIds: [String!]
  assigneeId: String
  dueDate: TimelessDate
  priority: Int
}
input IssueLabelCreateInput { name: String!, teamId: String, color: String }

type Team { id: ID!, key: String!, name: String! }
type IssueLabel { id: ID!, name: String!, team: Team }
type User { id: ID!, name: String!, displayName: String!, email: String!, active: Boolean! }
type WorkflowState { id: ID!, name: String!, type: String! }
type Issue {
  id: ID!
  identifier: String!
  url: String!
  title: String!
  description: String
  archivedAt: DateTime
  trashed: Boolean
  dueDate: TimelessDate
  priority: Float!
  state: WorkflowState!
  team: Team!
  assignee: User
  labelIds: [String!]!
}
type IssuePayload { success: Boolean!, lastSyncId: Float!, issue: Issue }
type IssueLabelPayload { success: Boolean!, lastSyncId: Float!, issueLabel: IssueLabel! }
type TeamConnection { nodes: [Team!]! }
type IssueLabelConnection { nodes: [IssueLabel!]! }
type UserConnection { nodes: [User!]! }
type IssueConnection { nodes: [Issue!]! }
`;

export const linearSchema = buildSchema(LINEAR_SDL);
