import { describe, expect, it } from 'vitest';
import { ageOn, idCardCheckChar, isRegionCode, maskIdCard, maskPhone, parseIdCard } from '../../src/index.js';
import { REGION_CODE_COUNTS } from '../../src/people/region-codes.js';

/** The business date the checks run on (the server passes lib/clock's today()). */
const TODAY = '2026-12-06';
/** A valid number (right check digit) from its first 17 characters. */
const withCheck = (first17: string) => first17 + idCardCheckChar(first17);
const reasonOf = (id: unknown) => {
  const r = parseIdCard(id, TODAY);
  return r.ok ? 'accepted' : r.reason;
};

describe('national ID (GB 11643)', () => {
  // 11010519491231002X is the standard's published example.
  it('accepts a valid number and derives birth date and gender', () => {
    expect(parseIdCard('11010519491231002X', TODAY)).toEqual({
      ok: true,
      info: { birthDate: '1949-12-31', gender: 'female', regionCode: '110105' },
    });
    expect(parseIdCard('11010519491231002x', TODAY).ok).toBe(true);
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    // 4·7+4·9+0+3·5+0+8·4+2·2+0+0+0+0+1·9+0+1·5+0+0+1·2 = 131; 131 mod 11 = 10 → '2'
    expect(idCardCheckChar('44030820000101001')).toBe('2');
  });

  it('derives male from an odd sequence digit', () => {
    const first17 = '52032920050615001';
    const id = first17 + idCardCheckChar(first17);
    expect(parseIdCard(id, TODAY)).toMatchObject({ ok: true, info: { gender: 'male', birthDate: '2005-06-15' } });
  });

  it.each([
    ['11010519491331002X', '出生日期1949-13-31不存在'],
    ['A1010519491231002X', '应为18位'],
    ['1101051949123100', '应为18位'],
  ])('refuses %s (%s)', (id, reason) => {
    expect(reasonOf(id)).toContain(reason);
  });

  it('refuses a number that Excel turned into a number', () => {
    expect(reasonOf(4.52e17)).toContain('文本');
  });

  it('refuses a region code that is not in GB/T 2260, naming it', () => {
    // Both were accepted as people, volunteers and aid beneficiaries (their check digits are right).
    expect(reasonOf('000000200803150122')).toBe('身份证号前6位地区码“000000”不存在');
    expect(reasonOf('123456200803150142')).toBe('身份证号前6位地区码“123456”不存在');
    // A code never assigned, inside a real prefecture (遵义 5203).
    expect(reasonOf(withCheck('52039920080315012'))).toBe('身份证号前6位地区码“520399”不存在');
    expect(isRegionCode('520399')).toBe(false);
  });

  it('accepts the codes of abolished counties: a number keeps the code of where it was issued', () => {
    // 520321 遵义县 (abolished 2016, now 播州区 520304); 522101 遵义市 of 遵义地区 (to 1997); 余庆县 520329 today.
    for (const region of ['520321', '522101', '520304', '520329']) {
      expect(parseIdCard(withCheck(`${region}19950315012`), TODAY)).toMatchObject({ ok: true, info: { regionCode: region, birthDate: '1995-03-15' } });
    }
    expect(isRegionCode('522199')).toBe(false);
    // The list holds current and earlier codes (figures from the generated file's sources).
    expect(REGION_CODE_COUNTS.current).toBeGreaterThan(3000);
    expect(REGION_CODE_COUNTS.historicalOnly).toBeGreaterThan(3000);
  });

  it('refuses a birth date after today (the business date passed in), naming it', () => {
    expect(reasonOf(withCheck('52032920310315012'))).toBe('身份证号中的出生日期2031-03-15晚于今天');
    expect(reasonOf(withCheck('52032920261207012'))).toBe('身份证号中的出生日期2026-12-07晚于今天');
    expect(parseIdCard(withCheck('52032920261206012'), TODAY).ok).toBe(true);
    expect(parseIdCard(withCheck('52032920261207012'), '2026-12-07').ok).toBe(true);
  });

  it('refuses a calendar date that does not exist (2月30日, 29 Feb of a common year)', () => {
    expect(reasonOf(withCheck('52032920080230012'))).toBe('身份证号中的出生日期2008-02-30不存在');
    expect(reasonOf(withCheck('52032920070229012'))).toBe('身份证号中的出生日期2007-02-29不存在');
    expect(parseIdCard(withCheck('52032920080229012'), TODAY).ok).toBe(true);
  });

  it('refuses a wrong check digit (ISO 7064 MOD 11-2)', () => {
    expect(reasonOf('110105194912310021')).toBe('身份证号校验位（最后一位）错误，请逐位核对');
    const good = withCheck('52032920080315012');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect(reasonOf(wrong)).toBe('身份证号校验位（最后一位）错误，请逐位核对');
  });

  it('refuses a 15-digit legacy number, asking for the 18-digit number', () => {
    expect(reasonOf('520329080315012')).toBe('这是15位的旧身份证号，请填写18位的居民身份证号（第二代身份证上的号码）');
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
