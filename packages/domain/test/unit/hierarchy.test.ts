import { describe, expect, it } from 'vitest';
import { DomainError, allowedChildTypes, assertPlacement, canBeChildOf, isSameOrDescendant, pathOf } from '../../src/index.js';

const org = (id: number, type: Parameters<typeof canBeChildOf>[0], path: string, status = 'active') => ({ id, type, path, status });

describe('organization hierarchy rules', () => {
  it('builds and compares ltree paths', () => {
    expect(pathOf(null, 1)).toBe('1');
    expect(pathOf('1.5', 23)).toBe('1.5.23');
    expect(isSameOrDescendant('1.5.23', '1.5')).toBe(true);
    expect(isSameOrDescendant('1.5', '1.5')).toBe(true);
    expect(isSameOrDescendant('1.55', '1.5')).toBe(false);
  });

  it('allows the league structure county → township → general branch → branch', () => {
    expect(canBeChildOf('township', 'county')).toBe(true);
    expect(canBeChildOf('general_branch', 'township')).toBe(true);
    expect(canBeChildOf('branch', 'general_branch')).toBe(true);
    expect(canBeChildOf('unit_committee', 'county')).toBe(true);
    expect(allowedChildTypes('general_branch')).toEqual(['branch', 'joint_branch']);
    expect(allowedChildTypes('branch')).toEqual([]);
  });

  it('refuses inverted levels and roots below county level', () => {
    expect(canBeChildOf('county', 'township')).toBe(false);
    expect(canBeChildOf('township', 'branch')).toBe(false);
    expect(canBeChildOf('branch', null)).toBe(false);
    expect(canBeChildOf('county', null)).toBe(true);
  });

  it('refuses a move under the organization itself or its descendants', () => {
    const moving = { id: 5, type: 'general_branch' as const, path: '1.2.5' };
    expect(() => assertPlacement(moving, org(9, 'township', '1.2.5.9'))).toThrow('自身或其下级');
    expect(() => assertPlacement(moving, org(5, 'township', '1.2.5'))).toThrow(DomainError);
    expect(() => assertPlacement(moving, org(3, 'township', '1.3'))).not.toThrow();
  });

  it('refuses a dissolved parent and names the field', () => {
    try {
      assertPlacement({ type: 'branch' }, org(3, 'township', '1.3', 'dissolved'));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).field).toBe('parentId');
      expect((e as DomainError).message).toContain('已撤销');
    }
  });

  it('explains a wrong parent type in Chinese', () => {
    expect(() => assertPlacement({ type: 'township' }, org(7, 'branch', '1.2.7'))).toThrow('乡镇团委不能设在团支部之下');
  });
});
