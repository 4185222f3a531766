import type { Rules } from '../rules/config.js';
import type { Role } from '../auth/roles.js';

/**
 * Password resets without the level above: a member asks for a code sent by
 * SMS to the phone on record, or the branch secretary issues one-time codes
 * for one member or the whole branch. Codes are kept only as hashes, expire
 * after rules.dailyWork.resetCodeMinutes and die after
 * rules.dailyWork.resetCodeMaxAttempts wrong tries.
 */

/** Digits of a code sent by SMS. */
export const SMS_CODE_LENGTH = 6;
/** Characters of a code the secretary hands over (letters and digits without look-alikes). */
export const ISSUED_CODE_LENGTH = 8;
export const ISSUED_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A new SMS code for the same account no sooner than this (protects the member's phone and the SMS budget). */
export const SMS_RESEND_SECONDS = 60;
/** Unauthenticated reset requests per client address and minute. */
export const RESET_REQUESTS_PER_MINUTE = 10;
/** Roles that may reset their own password by SMS; others go through their administrator. */
export const SELF_RESET_ROLES: readonly Role[] = ['member'];
/** Most codes a secretary issues in one request (a whole branch). */
export const ISSUE_MAX_MEMBERS = 200;

export const RESET_CHANNELS = ['sms', 'secretary'] as const;
export type ResetChannel = (typeof RESET_CHANNELS)[number];
export const RESET_CHANNEL_LABELS: Record<ResetChannel, string> = { sms: '短信验证码', secretary: '团支部书记发放' };

/** The answer to every code request, whether or not the account exists (no account discovery). */
export const RESET_REQUEST_ANSWER = '如果用户名与预留手机号一致，验证码已发送，请注意查收';
/** The answer to every wrong, expired or unknown code. */
export const RESET_CODE_REFUSAL = '验证码错误或已失效';

export interface ResetCodeFacts {
  expiresAt: string | Date;
  usedAt: string | Date | null;
  attempts: number;
}

/** Why a stored code cannot be redeemed any more (null = still usable). */
export function resetCodeProblem(c: ResetCodeFacts, now: Date, rules: Rules): string | null {
  if (c.usedAt) return '验证码已使用';
  if (new Date(c.expiresAt).getTime() <= now.getTime()) return '验证码已过期，请重新获取';
  if (c.attempts >= rules.dailyWork.resetCodeMaxAttempts) return '验证码错误次数过多，请重新获取';
  return null;
}

export function resetCodeExpiry(now: Date, rules: Rules): Date {
  return new Date(now.getTime() + rules.dailyWork.resetCodeMinutes * 60_000);
}

/** The refusal after a wrong code, telling how many tries remain. */
export function wrongCodeMessage(attemptsAfter: number, rules: Rules): string {
  const left = rules.dailyWork.resetCodeMaxAttempts - attemptsAfter;
  return left > 0 ? `验证码错误，还可尝试${left}次` : '验证码错误次数过多，请重新获取';
}

/** Digits only, without a +86 / 0086 prefix. */
export function normalizePhone(phone: string | null | undefined): string {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.replace(/^(0086|86)(?=1\d{10}$)/, '');
}

export function phonesMatch(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = normalizePhone(a);
  return x.length >= 7 && x === normalizePhone(b);
}

/** What the member reads on the phone. */
export function smsResetText(code: string, rules: Rules): string {
  return `【团建】您的密码重置验证码为${code}，${rules.dailyWork.resetCodeMinutes}分钟内有效。如非本人操作，请忽略本短信。`;
}

/** A member's login name: the member number (团员编号), else a fixed name from the record id. */
export function memberUsername(p: { id: number; memberNo: string | null }): string {
  return p.memberNo ?? `tuanyuan${p.id}`;
}

/** Why a code cannot be issued by the secretary for this person. */
export function issueProblems(p: { name: string; memberStatus: string | null; isBranchMember: boolean }): string[] {
  if (p.memberStatus !== 'active') return [`${p.name}不是在册团员，不能开通团员账号`];
  if (!p.isBranchMember) return [`${p.name}不在团支部，团员账号须开在其所在团支部`];
  return [];
}
