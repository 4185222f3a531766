/**
 * National code lists used on personal records.
 * 民族 GB 3304-1991 (56 ethnic groups + 其他 + 外国血统中国籍人士),
 * 政治面貌 GB/T 4762-1984, 学历 GB/T 4658-2006 (the levels registries use).
 */
export const ETHNICITIES: readonly { code: string; name: string }[] = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
]
  .map((name, i) => ({ code: String(i + 1).padStart(2, '0'), name }))
  .concat([
    { code: '97', name: '其他' },
    { code: '98', name: '外国血统中国籍人士' },
  ]);

export const POLITICAL_STATUSES = [
  { code: '01', name: '中共党员' },
  { code: '02', name: '中共预备党员' },
  { code: '03', name: '共青团员' },
  { code: '04', name: '民革党员' },
  { code: '05', name: '民盟盟员' },
  { code: '06', name: '民建会员' },
  { code: '07', name: '民进会员' },
  { code: '08', name: '农工党党员' },
  { code: '09', name: '致公党党员' },
  { code: '10', name: '九三学社社员' },
  { code: '11', name: '台盟盟员' },
  { code: '12', name: '无党派人士' },
  { code: '13', name: '群众' },
] as const;
export const POLITICAL = { partyMember: '01', probationaryPartyMember: '02', leagueMember: '03', masses: '13' } as const;

export const EDUCATIONS = [
  { code: '10', name: '研究生' },
  { code: '20', name: '大学本科' },
  { code: '30', name: '大学专科' },
  { code: '40', name: '中等职业教育' },
  { code: '60', name: '普通高中' },
  { code: '70', name: '初中' },
  { code: '80', name: '小学' },
  { code: '90', name: '其他' },
] as const;

/** College or above (大专及以上), as the seeds count it. */
export function isCollegeOrAbove(educationCode: string | null | undefined): boolean {
  return educationCode === '10' || educationCode === '20' || educationCode === '30';
}

const byCode = (list: readonly { code: string; name: string }[]) => new Map(list.map((x) => [x.code, x.name]));
const ETHNICITY_NAMES = byCode(ETHNICITIES);
const POLITICAL_NAMES = byCode(POLITICAL_STATUSES);
const EDUCATION_NAMES = byCode(EDUCATIONS);
export const ethnicityName = (code: string | null | undefined) => (code ? ETHNICITY_NAMES.get(code) : undefined);
export const politicalStatusName = (code: string | null | undefined) => (code ? POLITICAL_NAMES.get(code) : undefined);
export const educationName = (code: string | null | undefined) => (code ? EDUCATION_NAMES.get(code) : undefined);

/** Code for a name as typed in a spreadsheet ("汉" or "汉族", "团员" or "共青团员"). */
export function codeForName(list: readonly { code: string; name: string }[], name: string): string | undefined {
  const n = name.trim();
  return (list.find((x) => x.name === n) ?? list.find((x) => x.name === `${n}族` || x.name.replace(/^共青/, '') === n))?.code;
}

export const GENDER_LABELS = { male: '男', female: '女' } as const;
