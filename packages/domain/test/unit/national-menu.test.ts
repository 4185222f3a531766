import { describe, expect, it } from 'vitest';
import { menuFor, permissionsOf } from '../../src/index.js';

/** 全国概况 (the national tier): in the menu of the central committee's accounts only, which exist on a national server. */
describe('national page in the side menu', () => {
  it('shows for a central-committee account and not for a province, a county or the platform administrator', () => {
    const labels = (role: Parameters<typeof permissionsOf>[0], type: Parameters<typeof menuFor>[1]) => menuFor(permissionsOf(role), type).map((e) => e.label);
    expect(labels('org_admin', 'central')).toContain('全国概况');
    expect(labels('viewer', 'central')).toContain('全国概况');
    expect(labels('org_admin', 'provincial')).not.toContain('全国概况');
    expect(labels('org_admin', 'county')).not.toContain('全国概况');
    expect(labels('platform_admin', null)).not.toContain('全国概况');
  });
});
