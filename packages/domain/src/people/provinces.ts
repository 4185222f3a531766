/**
 * The 31 provincial-level divisions of the mainland (GB/T 2260 两位代码 and official names), the other side of
 * a 跨省转接. The national tier names the provinces it links (NATIONAL_PROVINCES); a province's server names
 * the province a member is going to from this list.
 */
export const PROVINCES = [
  ['11', '北京市'], ['12', '天津市'], ['13', '河北省'], ['14', '山西省'], ['15', '内蒙古自治区'],
  ['21', '辽宁省'], ['22', '吉林省'], ['23', '黑龙江省'],
  ['31', '上海市'], ['32', '江苏省'], ['33', '浙江省'], ['34', '安徽省'], ['35', '福建省'], ['36', '江西省'], ['37', '山东省'],
  ['41', '河南省'], ['42', '湖北省'], ['43', '湖南省'], ['44', '广东省'], ['45', '广西壮族自治区'], ['46', '海南省'],
  ['50', '重庆市'], ['51', '四川省'], ['52', '贵州省'], ['53', '云南省'], ['54', '西藏自治区'],
  ['61', '陕西省'], ['62', '甘肃省'], ['63', '青海省'], ['64', '宁夏回族自治区'], ['65', '新疆维吾尔自治区'],
] as const satisfies readonly (readonly [string, string])[];

export type ProvinceCode = (typeof PROVINCES)[number][0];

/** The province's name by its two-digit code (null when the code is not one of the 31). */
export function provinceName(code: string): string | null {
  return PROVINCES.find(([c]) => c === code)?.[1] ?? null;
}
