import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, documentValidUntil, documentValidity, formatDocumentCode, isDocumentCode, makeDocumentCode, maskName, normalizeDocumentCode } from '../../src/index.js';

describe('documents (issue 14.5)', () => {
  it('codes: 12 characters without 0/O/1/I, printed in groups of four, read back however typed', () => {
    const code = makeDocumentCode(Array.from({ length: 12 }, (_, i) => i * 7));
    expect(isDocumentCode(code)).toBe(true);
    expect(code).not.toMatch(/[01OI]/);
    expect(formatDocumentCode(code)).toMatch(/^.{4}-.{4}-.{4}$/);
    expect(normalizeDocumentCode(` ${formatDocumentCode(code).toLowerCase()} `)).toBe(code);
    expect(isDocumentCode('ABCD-EFGH-JKLM')).toBe(false);
    expect(isDocumentCode('0BCDEFGHJKLM')).toBe(false);
    expect(() => makeDocumentCode([1, 2, 3])).toThrow();
  });

  it('names are masked after the family name (two characters kept for four-character names)', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('刘俊艳')).toBe('刘**');
    expect(maskName('欧阳文书')).toBe('欧阳**');
    expect(maskName('王')).toBe('*');
  });

  it('validity: valid through the last day, then expired; revoked wins', () => {
    expect(documentValidUntil('member_certificate', '2026-12-06', DEFAULT_RULES)).toBe('2027-03-05');
    expect(documentValidUntil('transfer_letter', '2026-12-06', DEFAULT_RULES)).toBe('2027-01-04');
    // The days are 规则配置 (a province may ask for other limits).
    const rules = { archive: { ...DEFAULT_RULES.archive, certificateValidDays: 30, transferLetterValidDays: 60 } };
    expect(documentValidUntil('member_certificate', '2026-12-06', rules)).toBe('2027-01-04');
    expect(documentValidUntil('transfer_letter', '2026-12-06', rules)).toBe('2027-02-03');
    const issue = { validUntil: '2027-03-05', revokedOn: null };
    expect(documentValidity(issue, '2027-03-05')).toBe('valid');
    expect(documentValidity(issue, '2027-03-06')).toBe('expired');
    expect(documentValidity({ ...issue, revokedOn: '2026-12-07' }, '2026-12-08')).toBe('revoked');
  });
});
