import type { Rules } from '../rules/config.js';
import { ageOn } from '../people/idcard.js';
import { POLITICAL } from '../people/codes.js';

/**
 * 后备人才: young people recommended for village/community leadership (村(社区)
 * "两委"后备人才), with who recommended them and why; counted as 来宾 does:
 * 35 and under, 28 and under who are league or Party members, current cadres.
 */
export const RESERVE_STATUSES = ['active', 'appointed', 'removed'] as const;
export type ReserveStatus = (typeof RESERVE_STATUSES)[number];
export const RESERVE_STATUS_LABELS: Record<ReserveStatus, string> = { active: '在库', appointed: '已选用', removed: '已移出' };

export interface ReserveFacts {
  birthDate: string;
  politicalStatus: string;
  memberStatus: string | null;
  registryStatus?: string;
  isCurrentCadre: boolean;
}

export function isLeagueOrPartyMember(p: Pick<ReserveFacts, 'politicalStatus' | 'memberStatus'>): boolean {
  return (
    p.memberStatus === 'active' ||
    p.politicalStatus === POLITICAL.leagueMember ||
    p.politicalStatus === POLITICAL.partyMember ||
    p.politicalStatus === POLITICAL.probationaryPartyMember
  );
}

export interface ReserveSummary {
  total: number;
  /** 35 and under (rules.ages.youthMax). */
  youth: number;
  /** 28 and under (rules.ages.memberMax). */
  memberAge: number;
  /** 28 and under who are league or Party members (来宾: "28岁以下共青团员、共产党员(含预备党员)"). */
  memberAgeMembers: number;
  partyMembers: number;
  leagueMembers: number;
  currentCadres: number;
}

export function reserveSummary(pool: ReserveFacts[], on: string, rules: Rules): ReserveSummary {
  const age = (p: ReserveFacts) => ageOn(p.birthDate, on);
  const party = (p: ReserveFacts) => p.politicalStatus === POLITICAL.partyMember || p.politicalStatus === POLITICAL.probationaryPartyMember;
  return {
    total: pool.length,
    youth: pool.filter((p) => age(p) <= rules.ages.youthMax).length,
    memberAge: pool.filter((p) => age(p) <= rules.ages.memberMax).length,
    memberAgeMembers: pool.filter((p) => age(p) <= rules.ages.memberMax && isLeagueOrPartyMember(p)).length,
    partyMembers: pool.filter(party).length,
    leagueMembers: pool.filter((p) => !party(p) && isLeagueOrPartyMember(p)).length,
    currentCadres: pool.filter((p) => p.isCurrentCadre).length,
  };
}

export function reserveProblems(p: { name: string; birthDate: string; registryStatus: string; alreadyInPool: boolean; recommendedOn: string }, today: string, rules: Rules): string[] {
  const problems: string[] = [];
  if (p.registryStatus !== 'active') problems.push(`${p.name}已不在青年名册中`);
  if (p.alreadyInPool) problems.push(`${p.name}已在后备人才库中`);
  const age = ageOn(p.birthDate, p.recommendedOn);
  if (age > rules.ages.youthMax) problems.push(`${p.name}推荐时${age}周岁，超过青年年龄上限${rules.ages.youthMax}周岁`);
  if (p.recommendedOn > today) problems.push('推荐日期不能晚于今天');
  return problems;
}
