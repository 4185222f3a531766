import { TRACKING_CODE_ALPHABET } from '../org-life/appeals.js';
import type { Rules } from '../rules/config.js';

/*
 * Documents the server issues as PDF (issue 14 item 5). Two of them certify
 * something to a third party and so carry a verification code and a QR code:
 * the 团员证明 (团籍证明) and the 组织关系介绍信. Each issued copy is a row
 * (document_issues) that the public verification page reads: genuine or not,
 * issued by whom and when, valid, expired or revoked, the name masked.
 */

export const VERIFIABLE_DOCUMENT_KINDS = ['member_certificate', 'transfer_letter'] as const;
export type VerifiableDocumentKind = (typeof VERIFIABLE_DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<VerifiableDocumentKind, string> = {
  member_certificate: '团员证明',
  transfer_letter: '组织关系介绍信',
};

/**
 * Days an issued copy stays valid (规则配置 › 电子档案): a 团员证明 states the membership on the day
 * it was issued (a receiving unit asks for a recent one); a 介绍信 must be
 * handed to the receiving organization within its time limit.
 */
export function documentValidDays(kind: VerifiableDocumentKind, rules: Pick<Rules, 'archive'>): number {
  return kind === 'member_certificate' ? rules.archive.certificateValidDays : rules.archive.transferLetterValidDays;
}

/** Twelve characters of the tracking-code alphabet (no 0/O, 1/I): 32^12 ≈ 10^18 codes, not guessable. */
export const DOCUMENT_CODE_LENGTH = 12;

/** A code from random integers (one per character); printed in groups of four: "K7M2-PX9A-3BCD". */
export function makeDocumentCode(random: readonly number[]): string {
  if (random.length < DOCUMENT_CODE_LENGTH) throw new Error('makeDocumentCode: 12 random numbers needed');
  return random
    .slice(0, DOCUMENT_CODE_LENGTH)
    .map((n) => TRACKING_CODE_ALPHABET[n % TRACKING_CODE_ALPHABET.length])
    .join('');
}

/** What a person may type or a scanner read: any case, spaces and dashes ignored. */
export function normalizeDocumentCode(text: string): string {
  return text.trim().toUpperCase().replace(/[\s-]/g, '');
}

export function isDocumentCode(text: string): boolean {
  return /^[2-9A-HJ-NP-Z]{12}$/.test(text);
}

export function formatDocumentCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The name as the public page shows it: the family name and one 某-like mark per other character ("张*", "欧阳**"). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

export type DocumentValidity = 'valid' | 'expired' | 'revoked';

export const DOCUMENT_VALIDITY_LABELS: Record<DocumentValidity, string> = {
  valid: '有效',
  expired: '已过有效期',
  revoked: '已作废',
};

export function documentValidity(issue: { validUntil: string; revokedOn: string | null }, on: string): DocumentValidity {
  if (issue.revokedOn) return 'revoked';
  return on > issue.validUntil ? 'expired' : 'valid';
}

/** The last day of validity of a copy issued on `issuedOn` (YYYY-MM-DD). */
export function documentValidUntil(kind: VerifiableDocumentKind, issuedOn: string, rules: Pick<Rules, 'archive'>): string {
  const d = new Date(`${issuedOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + documentValidDays(kind, rules) - 1);
  return d.toISOString().slice(0, 10);
}

/** Where the public page verifies a code (the QR code holds origin + this). */
export const verifyPath = (code: string) => `/verify/${code}`;
