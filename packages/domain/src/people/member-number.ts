import type { Rules } from '../rules/config.js';
import { ageOn } from './idcard.js';

/**
 * 发展团员编号 and the joining age, as the national system checks them on
 * entry (shared/domain.md, step 7). One validator, `memberAdmissionProblems`,
 * is used by every path that gives a person a member number: manual entry,
 * the development approval and the imports.
 *
 * The layout is configuration (`rules.development.memberNumberPattern`): a
 * string of tokens — `YYYY` year of joining, `PP` province code (first two
 * digits of GB/T 2260), `RRRRRR` the six-digit region code, and a run of `N`
 * for the sequence. Default `YYYYPPNNNNNN` (12 digits, from 2017 on).
 * Numbers this system issued before in another layout are kept when that
 * layout is `memberNumberLegacyPattern` (default `RRRRRRYYYYNNNNNN`, the
 * 16-digit form Tuanjian issued until 2026-12).
 */

/** The 16-digit layout Tuanjian issued until 2026-12: region (6) + year (4) + sequence (6). */
export const LEGACY_MEMBER_NUMBER_PATTERN = 'RRRRRRYYYYNNNNNN';

export const MEMBER_NUMBER_PATTERN_RE = /^(?:YYYY|PP|RRRRRR|N+)+$/;

/** Why a layout string cannot be used (empty when it can). */
export function memberNumberPatternProblem(pattern: string): string | null {
  if (!MEMBER_NUMBER_PATTERN_RE.test(pattern)) return '编号格式只能由 YYYY（入团年份）、PP（省级代码）、RRRRRR（行政区划代码）和连续的 N（顺序号）组成';
  if (pattern.split('YYYY').length !== 2) return '编号格式须含且只含一处 YYYY（入团年份）';
  if ((pattern.match(/N+/g) ?? []).length !== 1) return '编号格式须含且只含一段连续的 N（顺序号）';
  return null;
}

interface Token {
  kind: 'year' | 'province' | 'region' | 'sequence';
  length: number;
}

function tokens(pattern: string): Token[] {
  const out: Token[] = [];
  for (const m of pattern.matchAll(/YYYY|PP|RRRRRR|N+/g)) {
    const t = m[0];
    out.push({ kind: t === 'YYYY' ? 'year' : t === 'PP' ? 'province' : t === 'RRRRRR' ? 'region' : 'sequence', length: t.length });
  }
  return out;
}

export interface MemberNumberParts {
  year: number;
  province: string | null;
  region: string | null;
  sequence: number;
}

/** The parts of a number written in a layout, or null when it is not in that layout. */
export function parseMemberNumber(memberNo: string, pattern: string): MemberNumberParts | null {
  if (memberNumberPatternProblem(pattern)) return null;
  const ts = tokens(pattern);
  if (!/^\d+$/.test(memberNo) || memberNo.length !== ts.reduce((n, t) => n + t.length, 0)) return null;
  const parts: MemberNumberParts = { year: 0, province: null, region: null, sequence: 0 };
  let at = 0;
  for (const t of ts) {
    const piece = memberNo.slice(at, (at += t.length));
    if (t.kind === 'year') parts.year = Number(piece);
    else if (t.kind === 'province') parts.province = piece;
    else if (t.kind === 'region') parts.region = piece;
    else parts.sequence = Number(piece);
  }
  return parts;
}

/**
 * A new number in the configured layout. `regionCode` is the branch's GB/T 2260
 * code (six digits; the province is its first two); `pattern` is
 * `rules.development.memberNumberPattern` (or `LEGACY_MEMBER_NUMBER_PATTERN`
 * for the demo's numbers issued before). Everything but the sequence is the
 * key a sequence counts under (`memberNumberPrefix`).
 */
export function formatMemberNumber(regionCode: string, year: number, sequence: number, pattern: string): string {
  return tokens(pattern)
    .map((t) => {
      if (t.kind === 'year') return String(year).padStart(4, '0');
      if (t.kind === 'province') return regionCode.slice(0, 2).padEnd(2, '0');
      if (t.kind === 'region') return regionCode.padEnd(6, '0').slice(0, 6);
      return String(sequence).padStart(t.length, '0');
    })
    .join('');
}

/** The largest sequence the configured layout can hold (999999 for six N). */
export function memberNumberCapacity(rules: Rules): number {
  const seq = tokens(rules.development.memberNumberPattern).find((t) => t.kind === 'sequence');
  return 10 ** (seq?.length ?? 0) - 1;
}

/** The key a number's sequence is counted under: the layout and every part but the sequence. */
export function memberNumberPrefix(regionCode: string, year: number, rules: Rules): string {
  const pattern = rules.development.memberNumberPattern;
  return `${pattern}:${formatMemberNumber(regionCode, year, 0, pattern)}`;
}

/** The least age, in whole years on the joining (approval) date, at which one may join then: 14 from 2017 on, 12 before (default). */
export function minJoiningAge(joinedOn: string, rules: Rules): number {
  return Number(joinedOn.slice(0, 4)) >= rules.ages.memberMinFromYear ? rules.ages.memberMin : rules.ages.memberMinEarlier;
}

export interface MemberAdmissionFacts {
  /** YYYY-MM-DD, from the ID number. */
  birthDate: string;
  /** 入团时间 (the approval date), YYYY-MM-DD. */
  joinedOn: string;
  /** 团员编号 as entered (trimmed, upper case), or null when none. */
  memberNo: string | null;
}

/**
 * Why a member's number and joining date cannot be accepted, as [field, message]
 * pairs (`memberNo`, `joinedOn`). From `memberNumberFromYear` (2017) on the
 * number is required, in the configured layout (or the legacy one this system
 * issued), and its year must equal the joining date's; before then any local
 * number (团员证编号) is kept as entered. The joining age is inclusive: one may
 * join on the 14th birthday (12th before 2017), not the day before.
 */
export function memberAdmissionProblems(f: MemberAdmissionFacts, rules: Rules): [field: 'memberNo' | 'joinedOn', message: string][] {
  const problems: [field: 'memberNo' | 'joinedOn', message: string][] = [];
  const dev = rules.development;
  const year = Number(f.joinedOn.slice(0, 4));
  const min = minJoiningAge(f.joinedOn, rules);
  const age = ageOn(f.birthDate, f.joinedOn);
  if (age < min) problems.push(['joinedOn', `入团时（${f.joinedOn}）${age}周岁，${year >= rules.ages.memberMinFromYear ? `${rules.ages.memberMinFromYear}年起` : `${rules.ages.memberMinFromYear}年前`}入团须年满${min}周岁`]);
  if (year >= dev.memberNumberFromYear) {
    if (!f.memberNo) {
      problems.push(['memberNo', `${dev.memberNumberFromYear}年起入团的团员须有发展团员编号`]);
    } else {
      const parts =
        parseMemberNumber(f.memberNo, dev.memberNumberPattern) ??
        (dev.memberNumberLegacyPattern ? parseMemberNumber(f.memberNo, dev.memberNumberLegacyPattern) : null);
      if (!parts) {
        const length = tokens(dev.memberNumberPattern).reduce((n, t) => n + t.length, 0);
        problems.push(['memberNo', `发展团员编号应为${length}位数字（${describeMemberNumberPattern(dev.memberNumberPattern)}）`]);
      } else if (parts.year !== year) {
        problems.push(['memberNo', `发展团员编号中的年份${parts.year}与入团时间（${f.joinedOn}）的年份不一致`]);
      }
    }
  }
  return problems;
}

/** The layout in words, e.g. "入团年份4位+省级代码2位+顺序号6位". */
export function describeMemberNumberPattern(pattern: string): string {
  const names = { year: '入团年份', province: '省级代码', region: '行政区划代码', sequence: '顺序号' } as const;
  return tokens(pattern)
    .map((t) => `${names[t.kind]}${t.length}位`)
    .join('+');
}
