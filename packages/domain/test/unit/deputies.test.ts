import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, chineseNumber, congressProblems, congressTitle, deputyCategories, deputyLiaisonFigures, deputyProblems, isDeputyServing } from '../../src/index.js';

/** 团代会代表 (issue 17, item 2): titles, categories from configuration, deputy rules, liaison coverage arithmetic. */
describe('congresses', () => {
  it('names a congress by place and term in Chinese numerals', () => {
    expect([1, 9, 10, 11, 18, 20, 21, 99].map(chineseNumber)).toEqual(['一', '九', '十', '十一', '十八', '二十', '二十一', '九十九']);
    expect(congressTitle({ placeName: '余庆县', term: 18 })).toBe('余庆县第十八次团代会');
  });

  it('refuses a term outside 1…99 and an end before the opening', () => {
    expect(congressProblems({ term: 0, openedOn: '2023-05-20' })).toEqual(['届次应为1至99的整数']);
    expect(congressProblems({ term: 18, openedOn: '2023-05-20', endsOn: '2023-05-01' })).toEqual(['届满日期应晚于开幕日期']);
    expect(congressProblems({ term: 18, openedOn: '2023-05-20', endsOn: '2028-05-19' })).toEqual([]);
  });
});

describe('deputies', () => {
  const categories = deputyCategories(DEFAULT_RULES);

  it('identity categories are configuration: a changed setting changes what may be recorded', () => {
    expect(categories).toEqual(expect.arrayContaining(['团干部', '团员青年', '少先队辅导员', '新就业群体', '农村青年']));
    const custom = deputyCategories({ ...DEFAULT_RULES, cadres: { ...DEFAULT_RULES.cadres, deputyCategories: '团干部，西部计划志愿者；团干部' } });
    expect(custom).toEqual(['团干部', '西部计划志愿者']);
    const d = { name: '韦小青', categories: ['西部计划志愿者'], status: 'serving' as const };
    expect(deputyProblems(d, categories, '2026-11-20')).toEqual(['身份类别“西部计划志愿者”不在规则配置的代表身份类别中']);
    expect(deputyProblems(d, custom, '2026-11-20')).toEqual([]);
  });

  it('a terminated deputy needs the date and the reason; a serving one has neither', () => {
    const base = { name: '韦小青', categories: ['农村青年'] };
    expect(deputyProblems({ ...base, categories: [], status: 'serving' }, categories, '2026-11-20')).toEqual(['请至少选择一个身份类别']);
    expect(deputyProblems({ ...base, status: 'terminated' }, categories, '2026-11-20')).toEqual(['终止资格须填写终止日期', '终止资格须填写原因']);
    expect(deputyProblems({ ...base, status: 'terminated', terminatedOn: '2026-12-01', terminationReason: '调离' }, categories, '2026-11-20')).toEqual(['终止日期不能晚于今天']);
    expect(deputyProblems({ ...base, status: 'serving', terminationReason: '调离' }, categories, '2026-11-20')).toEqual(['在任代表不能填写终止日期和原因']);
    expect(deputyProblems({ ...base, status: 'serving', committeeRole: '主任' }, categories, '2026-11-20')).toEqual(['未加入专委会不能填写专委会职务']);
    expect(deputyProblems({ ...base, status: 'serving', committeeId: 1, committeeRole: '秘书长' }, categories, '2026-11-20')).toEqual(['专委会职务应为主任、副主任、委员']);
  });

  it('a deputy terminated later was serving before that date', () => {
    expect(isDeputyServing({ status: 'terminated', terminatedOn: '2026-09-30' }, '2026-06-30')).toBe(true);
    expect(isDeputyServing({ status: 'terminated', terminatedOn: '2026-09-30' }, '2026-09-30')).toBe(false);
    expect(isDeputyServing({ status: 'serving', terminatedOn: null }, '2026-09-30')).toBe(true);
  });
});

describe('deputies’ liaison figures', () => {
  it('branches contacted ÷ branches, deputies with a contact ÷ serving deputies, contacts per deputy', () => {
    const f = deputyLiaisonFigures({
      branches: 8,
      deputies: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }],
      contacts: [
        { deputyId: 1, branchId: 10 },
        { deputyId: 1, branchId: 10 }, // the same branch twice counts once
        { deputyId: 2, branchId: 11 },
        { deputyId: 2, branchId: null }, // a young person outside any branch: a contact, no branch
        { deputyId: 9, branchId: 12 }, // a deputy no longer serving: the branch was contacted, the deputy is not counted
      ],
    });
    expect(f).toEqual({ branches: 8, branchesContacted: 3, branchRate: 3 / 8, deputies: 4, deputiesContacting: 2, deputyRate: 0.5, contacts: 5, contactsPerDeputy: 1.25 });
  });

  it('a township’s row: its deputies’ contacts anywhere for the deputy figures, the contacts with its branches for the branch figures', () => {
    const f = deputyLiaisonFigures({
      branches: 5,
      deputies: [{ id: 1 }, { id: 2 }],
      contacts: [{ deputyId: 1, branchId: 90 }], // deputy 1 contacted a branch of another township
      branchContacts: [{ branchId: 10 }, { branchId: 11 }, { branchId: 10 }], // a county deputy contacted two of its branches
    });
    expect(f).toMatchObject({ branchesContacted: 2, branchRate: 0.4, deputiesContacting: 1, deputyRate: 0.5, contacts: 1, contactsPerDeputy: 0.5 });
  });

  it('no rate without branches or deputies', () => {
    expect(deputyLiaisonFigures({ branches: 0, deputies: [], contacts: [] })).toMatchObject({ branchRate: null, deputyRate: null, contactsPerDeputy: null });
  });
});
