import { describe, expect, it } from 'vitest';
import { ageOn, idCardCheckChar, maskIdCard, maskPhone, parseIdCard } from '../../src/index.js';

describe('national ID (GB 11643)', () => {
  // 11010519491231002X is the standard's published example.
  it('accepts a valid number and derives birth date and gender', () => {
    expect(parseIdCard('11010519491231002X')).toEqual({
      ok: true,
      info: { birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
    expect(parseIdCard('11010519491231002x').ok).toBe(true);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // 4·7+4·9+0+3·5+0+8·4+2·2+0+0+0+0+1·9+0+1·5+0+0+1·2 = 131; 131 mod 11 = 10 → '2'
    expect(idCardCheckChar('44030820000101001')).toBe('2');
  });

  it('derives male from an odd sequence digit', () => {
    const first17 = '52032920050615001';
    const id = first17 + idCardCheckChar(first17);
    expect(parseIdCard(id)).toMatchObject({ ok: true, info: { gender: 'male', birthDate: '2005-06-15' } });
  });

  it.each([
    ['110105194912310021', '校验位错误'],
    ['11010519491331002X', '出生日期无效'],
    ['11010519490230002X', '出生日期无效'],
    ['1101051949123100', '应为18位'],
    ['A1010519491231002X', '应为18位'],
  ])('refuses %s (%s)', (id, reason) => {
    const r = parseIdCard(id);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('refuses a number that Excel turned into a number', () => {
    const r = parseIdCard(4.52e17);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('文本');
  });

  it('computes age on a date, before and after the birthday', () => {
    expect(ageOn('2000-06-15', '2028-06-14')).toBe(27);
    expect(ageOn('2000-06-15', '2028-06-15')).toBe(28);
  });

  it('masks IDs and phones', () => {
    expect(maskIdCard('11010519491231002X')).toBe('1101**********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
