// Contracts of the 待办 inbox (issue 12): computed from the records of every module.
import { z } from 'zod';
import { INBOX_KINDS } from '../inbox/index.js';
import { contract, field } from './contract.js';

const TAG = '待办';

const orgRef = z.object({ id: z.number(), name: z.string() });

export const inboxItem = z.object({
  kind: z.enum(INBOX_KINDS),
  /** The record the item is about (its id in the source's table). */
  refId: z.number(),
  title: z.string(),
  /** The organization the item waits on. */
  org: orgRef,
  since: z.string().nullable(),
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  /** The web route that acts on it, with the query that opens the record. */
  link: z.string(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const inboxSource = z.object({
  kind: z.enum(INBOX_KINDS),
  label: z.string(),
  count: z.number(),
  overdue: z.number(),
  /** The first items (most urgent first); `count` is complete. */
  items: z.array(inboxItem),
});
export type InboxSource = z.infer<typeof inboxSource>;

export const getInbox = contract({
  method: 'GET',
  path: '/api/inbox',
  permission: 'inbox:read',
  tag: TAG,
  summary: '我的待办：本组织待办理的事项（按来源计数，每类列出最紧急的若干条）',
  response: z.object({
    today: z.string(),
    org: orgRef.nullable(),
    total: z.number(),
    overdue: z.number(),
    counts: z.partialRecord(z.enum(INBOX_KINDS), z.number()),
    sources: z.array(inboxSource),
  }),
});

export const inboxCount = contract({
  method: 'GET',
  path: '/api/inbox/count',
  permission: 'inbox:read',
  tag: TAG,
  summary: '我的待办数量（页眉角标）',
  response: z.object({ total: z.number(), overdue: z.number() }),
});

/** The overdue views' common part: the date, the organization viewed, the total and the count of each kind. */
const overdueTotals = {
  today: z.string(),
  org: orgRef.nullable(),
  total: z.number(),
  counts: z.partialRecord(z.enum(INBOX_KINDS), z.number()),
};

export const overdueByOrg = contract({
  method: 'GET',
  path: '/api/inbox/overdue',
  permission: 'inbox:read',
  tag: TAG,
  summary: '下级逾期事项：管理范围内已超过期限的待办，按组织分组',
  query: z.object({ orgId: field.queryId('组织').optional() }),
  refs: { 'query.orgId': 'org' },
  response: z.object({
    ...overdueTotals,
    groups: z.array(z.object({ org: orgRef, count: z.number(), items: z.array(inboxItem) })),
  }),
});

/** How many organizations the overdue summary names by default (the county home's card). */
export const OVERDUE_SUMMARY_ORGS = 8;

/**
 * The overdue view counted, not listed (the county home's card): the same items as overdueByOrg,
 * counted by organization with aggregate queries, the organizations most overdue first.
 */
export const overdueSummary = contract({
  method: 'GET',
  path: '/api/inbox/overdue/summary',
  permission: 'inbox:read',
  tag: TAG,
  summary: '下级逾期事项汇总：管理范围内逾期待办的总数和逾期最多的组织（只计数，不列事项）',
  query: z.object({
    orgId: field.queryId('组织').optional(),
    limit: z.coerce.number().int().min(1, '列出的组织数至少为1').max(100, '列出的组织数不能超过100').default(OVERDUE_SUMMARY_ORGS).describe('列出的组织数'),
  }),
  refs: { 'query.orgId': 'org' },
  response: z.object({
    ...overdueTotals,
    /** How many organizations have overdue items (all of them, not only those listed). */
    organizations: z.number(),
    /** The first `limit` organizations, in the order of overdueByOrg's groups. */
    groups: z.array(z.object({ org: orgRef, count: z.number() })),
  }),
});
