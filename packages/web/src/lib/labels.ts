import {
  ADMIN_UNIT_KIND_LABELS,
  ORG_STATUS_LABELS,
  ORG_TYPE_LABELS,
  ROLE_LABELS,
  SCHOOL_STAGE_LABELS,
  SECTOR_LABELS,
  api,
  describeRuleSections,
} from '@tuanjian/domain';
import { formatTime } from './format';

/**
 * Chinese names of database columns and event fields as they appear in the
 * audit trail (before/after/changed), in one place for every page.
 */
export const COLUMN_LABELS: Record<string, string> = {
  id: '编号',
  // organizations
  parent_id: '上级组织',
  path: '层级路径',
  name: '名称',
  short_name: '简称',
  type: '组织类型',
  sector: '所属领域',
  school_stage: '学段',
  admin_unit_id: '服务的村（社区）',
  founded_on: '成立日期',
  status: '状态',
  dissolved_on: '撤销日期',
  dissolved_reason: '撤销原因',
  contact_name: '联系人',
  contact_phone: '联系电话',
  address: '地址',
  sort_order: '排序',
  version: '版本号',
  created_at: '创建时间',
  updated_at: '更新时间',
  // accounts
  username: '用户名',
  display_name: '姓名',
  phone: '手机号',
  password_hash: '密码',
  role: '角色',
  scope_org_id: '管理范围',
  must_change_password: '须修改初始密码',
  failed_attempts: '连续登录失败次数',
  locked_until: '锁定至',
  last_login_at: '最近登录',
  // admin units
  code: '区划代码',
  kind: '类别',
  township_org_id: '所属乡镇（街道）团组织',
  // rule settings
  section: '规则分组',
  value: '规则值',
  // login events
  reason: '原因',
  failures: '失败次数',
};

export function columnLabel(column: string): string {
  return COLUMN_LABELS[column] ?? RULE_FIELD_LABELS[column] ?? column;
}

const RULE_SECTIONS = describeRuleSections();
export const RULE_SECTION_TITLES: Record<string, string> = Object.fromEntries(RULE_SECTIONS.map((s) => [s.section, s.title]));
const RULE_FIELD_LABELS: Record<string, string> = Object.fromEntries(RULE_SECTIONS.flatMap((s) => s.fields.map((f) => [f.key, f.label])));

/** Columns holding the id of another record (shown as such, the log keeps no names). */
const REFERENCE_COLUMNS = new Set(['parent_id', 'scope_org_id', 'township_org_id', 'admin_unit_id']);

export const ACCOUNT_STATUS_LABELS: Record<string, string> = { active: '启用', disabled: '停用' };

/** Labels for coded values, by column (status depends on the table). */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  type: ORG_TYPE_LABELS,
  sector: SECTOR_LABELS,
  school_stage: SCHOOL_STAGE_LABELS,
  role: ROLE_LABELS,
  kind: ADMIN_UNIT_KIND_LABELS,
  section: RULE_SECTION_TITLES,
};

export function entityLabel(entity: string): string {
  return api.AUDIT_ENTITY_LABELS[entity] ?? entity;
}

export function actionLabel(action: string): string {
  return (api.AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}

/** A before/after value as a user reads it. */
export function formatAuditValue(entity: string, column: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (REFERENCE_COLUMNS.has(column)) return `编号 ${String(value)}`;
  if (column === 'status' && typeof value === 'string') {
    const labels: Record<string, string> = entity === 'accounts' ? ACCOUNT_STATUS_LABELS : ORG_STATUS_LABELS;
    return labels[value] ?? value;
  }
  if (typeof value === 'string') {
    const labels = VALUE_LABELS[column];
    if (labels?.[value]) return labels[value]!;
    if (/_at$|^locked_until$/.test(column)) return formatTime(value);
    return value;
  }
  if (typeof value === 'object') {
    // Rule settings are stored as one object per section.
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${columnLabel(k)}：${formatAuditValue(entity, k, v)}`)
      .join('；');
  }
  return String(value);
}
