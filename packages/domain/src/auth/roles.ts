import type { OrgType } from '../org/types.js';
import { isBranchType } from '../org/types.js';

/**
 * Account roles and what each may do. The server checks the permission a
 * route declares; data scope (which organizations) is enforced separately
 * by the database's row-level security over the account's scope subtree.
 */
export const ROLES = ['platform_admin', 'org_admin', 'branch_secretary', 'viewer', 'member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: '平台管理员',
  org_admin: '组织管理员',
  branch_secretary: '团支部书记',
  viewer: '只读查看',
  member: '团员',
};

export const PERMISSIONS = [
  'org:read',
  'org:edit', // edit fields of an organization in scope
  'org:manage', // create, move, dissolve organizations
  'account:read',
  'account:write',
  'audit:read',
  'rules:write',
  'stats:read',
  'person:read', // youth and member registries
  'person:write',
  'person:sensitive', // full ID numbers (each view audited) and phone numbers
  'development:write', // record pipeline steps in a branch
  'development:approve', // approval by the higher committee, quotas, review of warnings
  'membership:write', // registration, appraisal, transfers, leaving, 推优入党
  'membership:approve', // leaving decisions, audits (回头看) and revocation
  'self:read', // a member's own record, history, dues and transfers (member portal)
  'self:write', // a member's own correction requests and transfer applications
  'inbox:read', // the 待办 of the own organization and the overdue items of the subtree
  'notice:read', // notices received and sent within scope
  'notice:reply', // record reading and reply to a notice for the own organization
  'notice:publish', // publish notices to the subtree and chase them (committees)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  platform_admin: PERMISSIONS,
  org_admin: PERMISSIONS.filter((p) => p !== 'rules:write'),
  branch_secretary: ['org:read', 'org:edit', 'stats:read', 'person:read', 'person:write', 'person:sensitive', 'development:write', 'membership:write', 'inbox:read', 'notice:read', 'notice:reply'],
  viewer: ['org:read', 'stats:read', 'person:read', 'inbox:read', 'notice:read'],
  member: ['self:read', 'self:write'],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function permissionsOf(role: Role): Permission[] {
  return [...ROLE_PERMISSIONS[role]];
}

/** Roles an account may give to accounts it creates (never above its own). */
export function grantableRoles(role: Role): Role[] {
  if (role === 'platform_admin') return [...ROLES];
  if (role === 'org_admin') return ['org_admin', 'branch_secretary', 'viewer', 'member'];
  if (role === 'branch_secretary') return ['member'];
  return [];
}

/** Where a role's scope may be anchored: a branch secretary's scope is one branch. */
export function scopeFitsRole(role: Role, scopeOrgType: OrgType | null): string | null {
  if (role === 'platform_admin') return scopeOrgType === null ? null : '平台管理员不限定组织范围';
  if (scopeOrgType === null) return '请选择该账号管理的组织';
  if ((role === 'branch_secretary' || role === 'member') && !isBranchType(scopeOrgType)) {
    return role === 'member' ? '团员账号的范围必须是其所在团支部' : '团支部书记账号的范围必须是一个团支部';
  }
  return null;
}
