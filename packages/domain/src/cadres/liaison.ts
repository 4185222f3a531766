import { isBranchType, type OrgType } from '../org/types.js';
import { shareOf } from './codes.js';

/**
 * 一专一站两联: deputies (团代表) and committee members (委员) are assigned
 * branches and youth to contact; contacts are logged; coverage = branches with
 * an active liaison ÷ branches (贺州: 114 members and deputies linked to 114
 * branches and 1,150 youth).
 */
export const LIAISON_ROLES = ['deputy', 'committee_member'] as const;
export type LiaisonRole = (typeof LIAISON_ROLES)[number];
export const LIAISON_ROLE_LABELS: Record<LiaisonRole, string> = { deputy: '团代表', committee_member: '团委委员' };

export const CONTACT_METHODS = ['visit', 'meeting', 'phone', 'online'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = { visit: '走访', meeting: '座谈会', phone: '电话', online: '网络' };

export function liaisonProblems(l: {
  targetOrg: { type: OrgType; status: string } | null;
  hasTargetPerson: boolean;
  since: string;
  today: string;
  duplicate: boolean;
}): string[] {
  const problems: string[] = [];
  if (!l.targetOrg && !l.hasTargetPerson) problems.push('请指定联系的团支部或青年');
  if (l.targetOrg && !isBranchType(l.targetOrg.type)) problems.push('联系的组织应为团支部');
  if (l.targetOrg && l.targetOrg.status !== 'active') problems.push('联系的团支部已撤销');
  if (l.since > l.today) problems.push('联系开始日期不能晚于今天');
  if (l.duplicate) problems.push('该同志已在联系这一对象');
  return problems;
}

export function contactProblems(l: { since: string; until: string | null }, contactedOn: string, today: string): string[] {
  const problems: string[] = [];
  if (contactedOn > today) problems.push('联系日期不能晚于今天');
  if (contactedOn < l.since) problems.push(`联系日期不能早于建立联系的日期（${l.since}）`);
  if (l.until && contactedOn > l.until) problems.push(`该联系已于${l.until}结束`);
  return problems;
}

export function isLiaisonActive(l: { since: string; until: string | null }, on: string): boolean {
  return l.since <= on && (l.until === null || l.until >= on);
}

export function liaisonCoverage(branches: { covered: boolean }[]): { covered: number; total: number; rate: number | null } {
  const covered = branches.filter((b) => b.covered).length;
  return { covered, total: branches.length, rate: shareOf(covered, branches.length) };
}
