import { z } from 'zod';
import { contract, dateString, paged, pageQuery } from './contract.js';

export const AUDIT_ACTIONS = ['insert', 'update', 'delete', 'login', 'login_failed', 'logout', 'password_change', 'view_sensitive'] as const;
export const AUDIT_ACTION_LABELS: Record<(typeof AUDIT_ACTIONS)[number], string> = {
  insert: '新增',
  update: '修改',
  delete: '删除',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出',
  password_change: '修改密码',
  view_sensitive: '查看敏感信息',
};
/** Audited tables, with the names users know them by. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  organizations: '组织',
  accounts: '账号',
  admin_units: '村（社区）',
  rule_settings: '规则配置',
};

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
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const listAudit = contract({
  method: 'GET',
  path: '/api/audit',
  permission: 'audit:read',
  tag: '审计',
  summary: '操作日志（限本账号范围）',
  query: z.object({
    entity: z.string().max(50).optional().describe('对象类型'),
    entityId: z.string().max(50).optional().describe('对象编号'),
    action: z.enum(AUDIT_ACTIONS).optional().describe('操作'),
    actor: z.string().trim().max(50).optional().describe('操作人'),
    orgId: z.coerce.number().int().positive().optional().describe('组织（含下级）'),
    from: dateString.optional().describe('开始日期'),
    to: dateString.optional().describe('结束日期'),
    ...pageQuery,
  }),
  response: paged(auditEntry),
  refs: { 'query.orgId': 'org' },
});
