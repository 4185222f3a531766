import { describe, expect, it } from 'vitest';
import { api, MENU, menuEntryPermissions, menuFor, menuLevelOf, PERMISSIONS, permissionsOf } from '../../src/index.js';

/** Every contract object exported by the API modules. */
const allContracts = new Set<unknown>(
  Object.values(api).flatMap((mod) => (typeof mod === 'object' && mod ? Object.values(mod as Record<string, unknown>) : [])),
);

const labels = (role: Parameters<typeof permissionsOf>[0], type: Parameters<typeof menuFor>[1]) => menuFor(permissionsOf(role), type).map((e) => e.label);

describe('side menu derived from the enforced permissions', () => {
  it('names, for every entry, real contracts whose permissions exist', () => {
    for (const entry of MENU) {
      for (const c of entry.contracts) expect(allContracts.has(c), `${entry.label}: ${c.path}`).toBe(true);
      for (const p of menuEntryPermissions(entry)) expect(PERMISSIONS, entry.label).toContain(p);
      expect(entry.levels.length, entry.label).toBeGreaterThan(0);
    }
    expect(new Set(MENU.map((e) => e.path)).size).toBe(MENU.length);
  });

  it('gives a branch secretary only a branch’s work', () => {
    const branch = labels('branch_secretary', 'branch');
    for (const absent of ['改革考核', '报送任务', '发展指标', '规则配置', '账号管理', '统计表']) expect(branch).not.toContain(absent);
    for (const present of ['首页', '青年团员', '团员发展', '三会两制一课', '组织生活达标', '团籍注册', '团费收缴', '团员账号']) expect(branch).toContain(present);
  });

  it('gives a county administrator the committee pages but not the platform settings', () => {
    const county = labels('org_admin', 'county');
    for (const present of ['改革考核', '报送任务', '发展指标', '账号管理', '统计表', '操作日志']) expect(county).toContain(present);
    expect(county).not.toContain('规则配置');
    expect(labels('platform_admin', null)).toContain('规则配置');
    // An org_admin at a branch (e.g. a school branch's administrator) still sees no committee work.
    expect(labels('org_admin', 'branch')).not.toContain('报送任务');
  });

  it('follows the role: a read-only viewer sees no page whose contract it may not call', () => {
    const viewer = menuFor(permissionsOf('viewer'), 'county');
    expect(viewer.map((e) => e.label)).not.toContain('团员账号');
    expect(viewer.map((e) => e.label)).not.toContain('报送任务');
    for (const e of viewer) for (const p of menuEntryPermissions(e)) expect(permissionsOf('viewer')).toContain(p);
  });

  it('places scopes at levels', () => {
    expect(menuLevelOf('county')).toBe('county');
    expect(menuLevelOf('township')).toBe('township');
    expect(menuLevelOf('unit_committee')).toBe('township');
    expect(menuLevelOf('joint_branch')).toBe('branch');
    expect(menuLevelOf(null)).toBeNull();
  });
});
