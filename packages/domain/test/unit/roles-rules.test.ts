import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DEFAULT_RULES,
  api,
  describeRuleSections,
  grantableRoles,
  hasPermission,
  passwordProblem,
  resolveRules,
  scopeFitsRole,
} from '../../src/index.js';

describe('roles', () => {
  it('grants permissions by role, read-only for viewers', () => {
    expect(hasPermission('viewer', 'org:read')).toBe(true);
    expect(hasPermission('viewer', 'org:edit')).toBe(false);
    expect(hasPermission('branch_secretary', 'org:manage')).toBe(false);
    expect(hasPermission('org_admin', 'rules:write')).toBe(false);
    expect(hasPermission('platform_admin', 'rules:write')).toBe(true);
  });

  it('never lets an account grant a role above its own', () => {
    expect(grantableRoles('org_admin')).not.toContain('platform_admin');
    expect(grantableRoles('branch_secretary')).toEqual(['member']);
    expect(grantableRoles('member')).toEqual([]);
    expect(grantableRoles('platform_admin')).toContain('platform_admin');
  });

  it('anchors scopes where the role needs them', () => {
    expect(scopeFitsRole('branch_secretary', 'township')).toContain('团支部');
    expect(scopeFitsRole('branch_secretary', 'joint_branch')).toBeNull();
    expect(scopeFitsRole('org_admin', null)).toContain('请选择');
    expect(scopeFitsRole('platform_admin', 'county')).not.toBeNull();
    expect(scopeFitsRole('platform_admin', null)).toBeNull();
  });
});

describe('rules configuration', () => {
  it('defaults follow the domain guide', () => {
    expect(DEFAULT_RULES.ages).toMatchObject({ memberMin: 14, memberMax: 28, youthMax: 35 });
    expect(DEFAULT_RULES.development).toMatchObject({ trainingHoursMin: 8, observationMonthsMin: 3, sponsorsRequired: 2, approvalMonthsMax: 3 });
    expect(DEFAULT_RULES.cadres).toMatchObject({ publicNoticeDays: 5, democraticShareMin: 0.4, outsideEstablishmentShareMin: 0.5 });
    expect(DEFAULT_RULES.organization).toMatchObject({ branchMinMembers: 3, branchMaxMembers: 50 });
  });

  it('merges a partial stored override over the defaults', () => {
    const rules = resolveRules({ ages: { memberMax: 30 } });
    expect(rules.ages.memberMax).toBe(30);
    expect(rules.ages.memberMin).toBe(14);
    expect(rules.security.loginMaxFailures).toBe(5);
  });

  it('refuses out-of-range values', () => {
    expect(() => resolveRules({ cadres: { democraticShareMin: 1.5 } })).toThrow();
  });

  it('describes every section and field with a Chinese label for the settings form', () => {
    const sections = describeRuleSections();
    expect(sections.map((s) => s.section)).toEqual(Object.keys(DEFAULT_RULES));
    for (const s of sections) {
      expect(s.title).toMatch(/[\u4e00-\u9fa5]/);
      for (const f of s.fields) expect(f.label, `${s.section}.${f.key}`).toMatch(/[\u4e00-\u9fa5]/);
    }
    const dev = sections.find((s) => s.section === 'development')!;
    expect(dev.fields.find((f) => f.key === 'pointsSchemeEnabled')!.kind).toBe('boolean');
    expect(dev.fields.find((f) => f.key === 'juniorMiddleGraduatingCap')!.kind).toBe('ratio');
    expect(dev.fields.find((f) => f.key === 'trainingHoursMin')!.kind).toBe('integer');
  });
});

describe('password policy', () => {
  it('requires the configured length, letters and digits, and not the username', () => {
    expect(passwordProblem('abc12', DEFAULT_RULES)).toBe('密码至少8位');
    expect(passwordProblem('abcdefghij', DEFAULT_RULES)).toContain('字母和数字');
    expect(passwordProblem('county_admin1', DEFAULT_RULES, { username: 'county_admin' })).toContain('用户名');
    expect(passwordProblem('Strong2026x', DEFAULT_RULES, { username: 'county_admin' })).toBeNull();
  });
});

describe('contract field labels', () => {
  it('finds the Chinese label of a nested field through optional and default wrappers', () => {
    const schema = z.object({ a: z.object({ b: z.string().optional().describe('乙') }).describe('甲') });
    expect(api.fieldLabel(schema, ['a', 'b'])).toBe('乙');
    expect(api.fieldLabel(schema, ['a'])).toBe('甲');
    expect(api.fieldLabel(api.orgs.createOrg.body, ['contactPhone'])).toBe('联系电话');
  });
});
