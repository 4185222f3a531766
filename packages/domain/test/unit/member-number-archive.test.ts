import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULES,
  LEGACY_MEMBER_NUMBER_PATTERN,
  applicationAge,
  archiveChecklist,
  archiveFileProblems,
  archiveState,
  describeRuleSections,
  formatMemberNumber,
  memberAdmissionProblems,
  memberNumberCapacity,
  memberNumberPatternProblem,
  memberNumberPrefix,
  minJoiningAge,
  parseMemberNumber,
  resolveRules,
  type Rules,
} from '../../src/index.js';

const rules = DEFAULT_RULES;
const withDev = (d: Partial<Rules['development']>): Rules => resolveRules({ development: { ...rules.development, ...d } });
const messages = (p: [string, string][]) => p.map(([f, m]) => `${f}: ${m}`);

describe('发展团员编号 (12 digits from 2017: year + province + sequence)', () => {
  it('issues the national layout by default and keeps the sequence per province and year', () => {
    expect(formatMemberNumber('520329', 2026, 1, rules.development.memberNumberPattern)).toBe('202652000001');
    expect(formatMemberNumber('520329', 2026, 123456, rules.development.memberNumberPattern)).toBe('202652123456');
    expect(memberNumberPrefix('520329', 2026, rules)).toBe('YYYYPPNNNNNN:202652000000');
    expect(memberNumberCapacity(rules)).toBe(999_999);
    expect(parseMemberNumber('202652000007', 'YYYYPPNNNNNN')).toEqual({ year: 2026, province: '52', region: null, sequence: 7 });
    // The layout Tuanjian issued before is still readable (numbers already issued are kept).
    expect(formatMemberNumber('520329', 2020, 5, LEGACY_MEMBER_NUMBER_PATTERN)).toBe('5203292020000005');
    expect(parseMemberNumber('5203292020000005', LEGACY_MEMBER_NUMBER_PATTERN)).toEqual({ year: 2020, province: null, region: '520329', sequence: 5 });
  });

  it('takes the layout from configuration and refuses a layout without one year and one sequence', () => {
    const seven = withDev({ memberNumberPattern: 'YYYYPPNNNNNNN' });
    expect(formatMemberNumber('440305', 2024, 42, seven.development.memberNumberPattern)).toBe('2024440000042');
    expect(memberNumberCapacity(seven)).toBe(9_999_999);
    expect(memberNumberPatternProblem('PPNNNNNN')).toContain('YYYY');
    expect(memberNumberPatternProblem('YYYYNNPPNN')).toContain('N');
    expect(memberNumberPatternProblem('YYYY-PP-NNNNNN')).toContain('只能由');
    expect(() => withDev({ memberNumberPattern: 'PPNNNNNN' })).toThrow();
    const field = describeRuleSections()
      .find((s) => s.section === 'development')!
      .fields.find((f) => f.key === 'memberNumberPattern');
    expect(field).toMatchObject({ kind: 'text' });
  });

  it('refuses from 2017 on a missing number, a number in no accepted layout and a year other than the joining year', () => {
    const born = '2004-05-01';
    expect(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: '202052000001' }, rules)).toEqual([]);
    expect(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: '5203292020000001' }, rules)).toEqual([]);
    expect(messages(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: '202152000001' }, rules))).toEqual([
      'memberNo: 发展团员编号中的年份2021与入团时间（2020-05-04）的年份不一致',
    ]);
    expect(messages(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: '5203292019000001' }, rules))).toEqual([
      'memberNo: 发展团员编号中的年份2019与入团时间（2020-05-04）的年份不一致',
    ]);
    expect(messages(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: 'T2020001' }, rules))).toEqual([
      'memberNo: 发展团员编号应为12位数字（入团年份4位+省级代码2位+顺序号6位）',
    ]);
    expect(messages(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: null }, rules))).toEqual(['memberNo: 2017年起入团的团员须有发展团员编号']);
    // Without the legacy layout configured, an old 16-digit number is refused too.
    expect(memberAdmissionProblems({ birthDate: born, joinedOn: '2020-05-04', memberNo: '5203292020000001' }, withDev({ memberNumberLegacyPattern: '' }))).toHaveLength(1);
    // Before 2017 any local number (团员证编号) is kept as entered, or none.
    expect(memberAdmissionProblems({ birthDate: '2000-01-01', joinedOn: '2015-05-04', memberNo: 'GZ20150001' }, rules)).toEqual([]);
    expect(memberAdmissionProblems({ birthDate: '2000-01-01', joinedOn: '2015-05-04', memberNo: null }, rules)).toEqual([]);
  });
});

describe('joining age (inclusive, on the approval date)', () => {
  it('is at least 14 from 2017 on and at least 12 before, counted from the birthday itself', () => {
    expect(minJoiningAge('2017-01-01', rules)).toBe(14);
    expect(minJoiningAge('2016-12-31', rules)).toBe(12);
    // 14th birthday on 2020-05-04: that day is allowed, the day before is not.
    expect(memberAdmissionProblems({ birthDate: '2006-05-04', joinedOn: '2020-05-04', memberNo: '202052000001' }, rules)).toEqual([]);
    expect(messages(memberAdmissionProblems({ birthDate: '2006-05-05', joinedOn: '2020-05-04', memberNo: '202052000001' }, rules))).toEqual([
      'joinedOn: 入团时（2020-05-04）13周岁，2017年起入团须年满14周岁',
    ]);
    // Before 2017: 12 suffices, 11 does not.
    expect(memberAdmissionProblems({ birthDate: '2003-09-01', joinedOn: '2015-09-01', memberNo: null }, rules)).toEqual([]);
    expect(messages(memberAdmissionProblems({ birthDate: '2003-09-02', joinedOn: '2015-09-01', memberNo: null }, rules))).toEqual([
      'joinedOn: 入团时（2015-09-01）11周岁，2017年前入团须年满12周岁',
    ]);
    // Configurable: a province that keeps 12 until 2019.
    const later = resolveRules({ ages: { ...rules.ages, memberMinFromYear: 2019 } });
    expect(memberAdmissionProblems({ birthDate: '2005-06-01', joinedOn: '2018-06-01', memberNo: '201852000001' }, later)).toEqual([]);
  });

  it('accepts applications from the 14th birthday until the 29th: [14, 28] inclusive', () => {
    expect(applicationAge('2000-03-01', '2029-02-28', rules)).toEqual({ age: 28, ok: true });
    expect(applicationAge('2000-03-01', '2029-03-01', rules)).toEqual({ age: 29, ok: false });
    expect(applicationAge('2012-03-01', '2026-03-01', rules)).toEqual({ age: 14, ok: true });
    expect(applicationAge('2012-03-02', '2026-03-01', rules)).toEqual({ age: 13, ok: false });
  });
});

describe('电子档案 (发展档案清单)', () => {
  it('lists the configured documents and finds a member complete, then verified, latest upload counting', () => {
    expect(archiveChecklist(rules)).toEqual(['application_letter', 'application_form']);
    const withPhoto = resolveRules({ archive: { ...rules.archive, requirePhoto: true } });
    expect(archiveChecklist(withPhoto)).toEqual(['application_letter', 'application_form', 'photo']);

    expect(archiveState([], rules)).toMatchObject({ missing: ['application_letter', 'application_form'], complete: false, verified: false });
    const pending = archiveState([{ id: 1, kind: 'application_letter', status: 'approved' }, { id: 2, kind: 'application_form', status: 'pending' }], rules);
    expect(pending).toMatchObject({ missing: [], complete: true, verified: false });
    const returned = archiveState([{ id: 1, kind: 'application_letter', status: 'approved' }, { id: 2, kind: 'application_form', status: 'returned' }], rules);
    expect(returned).toMatchObject({ missing: ['application_form'], complete: false, verified: false });
    const again = archiveState(
      [{ id: 1, kind: 'application_letter', status: 'approved' }, { id: 3, kind: 'application_form', status: 'approved' }, { id: 2, kind: 'application_form', status: 'returned' }],
      rules,
    );
    expect(again).toMatchObject({ missing: [], complete: true, verified: true });
    expect(archiveState([{ id: 1, kind: 'application_letter', status: 'approved' }, { id: 2, kind: 'application_form', status: 'approved' }], withPhoto)).toMatchObject({ verified: false, missing: ['photo'] });
  });

  it('takes the 入团志愿书 as PDF only, up to the archive limit (20 MB), not the general 10 MB', () => {
    const mb = 1024 * 1024;
    expect(archiveFileProblems({ kind: 'application_form', fileName: '志愿书.pdf', size: 15 * mb, sniffed: 'pdf' }, rules)).toEqual([]);
    expect(archiveFileProblems({ kind: 'application_form', fileName: '志愿书.pdf', size: 21 * mb, sniffed: 'pdf' }, rules)[0]).toContain('超过上限20MB');
    expect(archiveFileProblems({ kind: 'application_form', fileName: '志愿书.jpg', size: mb, sniffed: 'jpeg' }, rules)).toEqual(['入团志愿书只能上传 PDF 文件']);
    expect(archiveFileProblems({ kind: 'photo', fileName: 'a.pdf', size: mb, sniffed: 'pdf' }, rules)).toEqual(['照片只能上传 JPEG、PNG 文件']);
    expect(archiveFileProblems({ kind: 'application_letter', fileName: 'a.docx', size: mb, sniffed: 'docx' }, rules)[0]).toContain('只能上传');
  });
});
