import { z } from 'zod';
import { AUDIT_ENTITIES } from '../audit/entities.js';
import { contract, dateString, paged, pageQuery } from './contract.js';

export const AUDIT_ACTIONS = ['insert', 'update', 'delete', 'login', 'login_failed', 'logout', 'password_change', 'view_sensitive', 'restore'] as const;
export const AUDIT_ACTION_LABELS: Record<(typeof AUDIT_ACTIONS)[number], string> = {
  insert: '新增',
  update: '修改',
  delete: '删除',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  view_sensitive: '查看敏感信息',
  restore: '从备份恢复',
};
/** Audited tables, with the names users know them by (see audit/entities.ts). */
export const AUDIT_ENTITY_LABELS: Record<string, string> = Object.fromEntries(Object.entries(AUDIT_ENTITIES).map(([k, v]) => [k, v.label]));

export const auditEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  entity: z.string(),
  entityId: z.string().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  changed: z.array(z.string()),
  /** What the record is, as a user knows it: the person's name, the meeting's topic, … */
  label: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

const auditFilters = z.object({
  entity: z.string().max(50).optional().describe('对象类型'),
  action: z.enum(AUDIT_ACTIONS).optional().describe('操作'),
  actor: z.string().trim().max(50).optional().describe('操作人'),
  orgId: z.coerce.number().int().positive().optional().describe('组织（含下级）'),
  from: dateString.optional().describe('开始日期'),
  to: dateString.optional().describe('结束日期'),
});

export const listAudit = contract({
  method: 'GET',
  path: '/api/audit',
  permission: 'audit:read',
  tag: '审计',
  summary: '操作日志（限本账号范围）',
  query: auditFilters.extend({
    entityId: z.string().max(50).optional().describe('对象编号'),
    ...pageQuery,
  }),
  response: paged(auditEntry),
  refs: { 'query.orgId': 'org' },
});

/**
 * One user action: every row one request wrote (a meeting recorded with its
 * 124 attendees is one entry), the first of them as its headline and the
 * others as details. Rows written outside a request (the demo, start-up) are
 * each an entry of their own.
 */
export const auditGroup = z.object({
  key: z.string(),
  requestId: z.string().nullable(),
  at: z.string(),
  actorId: z.number().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  /** The first row of the action. */
  head: auditEntry,
  /** Rows of the action matching the filters, and how many of each kind of record and operation. */
  total: z.number(),
  kinds: z.array(z.object({ entity: z.string(), action: z.enum(AUDIT_ACTIONS), count: z.number() })),
  /** The rows in order (at most DETAIL_LIMIT; `total` counts all). */
  rows: z.array(auditEntry),
});
export type AuditGroup = z.infer<typeof auditGroup>;
export const AUDIT_GROUP_DETAIL_LIMIT = 200;

export const listAuditGroups = contract({
  method: 'GET',
  path: '/api/audit/actions',
  permission: 'audit:read',
  tag: '审计',
  summary: '操作日志按操作汇总：一次操作（一个请求）写入的所有记录为一条，明细可展开（限本账号范围）',
  query: auditFilters.extend(pageQuery),
  response: paged(auditGroup),
  refs: { 'query.orgId': 'org' },
});
