/**
 * 居民身份证号 (GB 11643-1999): 6-digit region code (GB/T 2260), 8-digit birth date,
 * 3-digit sequence (odd = male), ISO 7064 MOD 11-2 check character.
 * parseIdCard is THE check of an ID number, used by every form, import and API that accepts one.
 */
import { PACKED_REGION_CODES } from './region-codes.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type Gender = 'male' | 'female';

export interface IdCardInfo {
  birthDate: string; // YYYY-MM-DD
  gender: Gender;
  regionCode: string;
}

export type IdCardResult = { ok: true; info: IdCardInfo } | { ok: false; reason: string };

export function idCardCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

let regionCodes: Set<string> | undefined;

function loadRegionCodes(): Set<string> {
  if (!regionCodes) {
    regionCodes = new Set();
    for (const group of PACKED_REGION_CODES.split(' ')) {
      const prefix = group.slice(0, 4);
      for (let i = 4; i < group.length; i += 2) regionCodes.add(prefix + group.slice(i, i + 2));
    }
  }
  return regionCodes;
}

/** Mainland county-level codes (not ending in 00), sorted: for generators of sample and benchmark data. */
export function countyRegionCodes(): string[] {
  return [...loadRegionCodes()].filter((c) => !c.endsWith('00') && c < '710000').sort();
}

/**
 * Whether a 6-digit code is (or ever was, since 1980) a GB/T 2260 region code of county level or above.
 * Codes of abolished counties count: an ID number keeps the code of where it was first issued.
 */
export function isRegionCode(code: string): boolean {
  return loadRegionCodes().has(code);
}

/**
 * Checks an ID number and reads its birth date, gender and region.
 * `today` (YYYY-MM-DD) is the business date: on the server, lib/clock's today(); a birth date after it is refused.
 */
export function parseIdCard(raw: unknown, today: string): IdCardResult {
  if (typeof raw !== 'string') return { ok: false, reason: '身份证号必须是文本（Excel 中请设置为文本格式）' };
  const id = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) return { ok: false, reason: '这是15位的旧身份证号，请填写18位的居民身份证号（第二代身份证上的号码）' };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: '身份证号应为18位，前17位为数字，最后一位为数字或X' };
  const region = id.slice(0, 6);
  if (!isRegionCode(region)) return { ok: false, reason: `身份证号前6位地区码“${region}”不存在` };
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, reason: `身份证号中的出生日期${birth}不存在` };
  }
  if (y < 1900) return { ok: false, reason: `身份证号中的出生日期${birth}早于1900年` };
  if (birth > today) return { ok: false, reason: `身份证号中的出生日期${birth}晚于今天` };
  if (idCardCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, reason: '身份证号校验位（最后一位）错误，请逐位核对' };
  return {
    ok: true,
    info: {
      birthDate: birth,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
      regionCode: region,
    },
  };
}

/** The birth date of an ID number that parseIdCard has already accepted (no checks). */
export function idCardBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** Age in whole years on a given date (YYYY-MM-DD strings). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 4401**********123X style masking for lists and exports. */
export function maskIdCard(id: string): string {
  return id.length === 18 ? `${id.slice(0, 4)}**********${id.slice(14)}` : '****';
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
