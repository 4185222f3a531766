import { z } from 'zod';
import { LEGACY_MEMBER_NUMBER_PATTERN, memberNumberPatternProblem } from '../people/member-number.js';
import { parseExtraPostTitles } from '../registries/small.js';

/**
 * Rules that differ by province or year. Defaults follow shared/domain.md;
 * a deployment overrides any section in the rule_settings table (platform
 * admin, "规则配置" page). Code reads rules only through `Rules`, never
 * through literals.
 */

const int = (label: string, def: number, min = 0, max = 10_000) =>
  z.number().int().min(min).max(max).default(def).describe(label);
const ratio = (label: string, def: number) => z.number().min(0).max(1).default(def).describe(label);

export const ageRulesSchema = z
  .object({
    pioneerMin: int('少先队员最小年龄', 6, 0, 100),
    pioneerMax: int('少先队员最大年龄', 14, 0, 100),
    youthMin: int('青年最小年龄', 14, 0, 100),
    youthMax: int('青年最大年龄', 35, 0, 100),
    memberMin: int('入团最小年龄', 14, 0, 100),
    memberMinEarlier: int('入团最小年龄（此前入团）', 12, 0, 100),
    memberMinFromYear: int('入团最小年龄起用年份', 2017, 1949, 2100),
    memberMax: int('团员最大年龄（超龄离团）', 28, 0, 100),
    cadreMax: int('团干部年龄上限', 35, 0, 100),
    cadreMaxSpecial: int('团干部年龄上限（特殊情况）', 40, 0, 100),
  })
  .describe('年龄');

export const developmentRulesSchema = z
  .object({
    trainingHoursMin: int('团课最少学时', 8, 0, 1000),
    observationMonthsMin: int('考察期最少月数', 3, 0, 60),
    candidatePublicityWorkdays: int('发展对象公示工作日', 5, 0, 60),
    approvalMonthsMax: int('上级团委审批时限（月）', 3, 0, 24),
    sponsorsRequired: int('入团介绍人人数', 2, 1, 5),
    juniorMiddleGraduatingCap: ratio('初中毕业年级团员比例上限', 0.3),
    seniorMiddleGraduatingCap: ratio('高中毕业年级团员比例上限', 0.6),
    pointsSchemeEnabled: z.boolean().default(false).describe('启用积分入团'),
    pointsThreshold: int('积分入团分数线', 80, 0, 1000),
    burstWindowDays: int('突击发展监测窗口（天）', 7, 1, 365),
    burstShareOfQuota: ratio('窗口内审批占年度指标比例上限', 0.5),
    fullClassShare: ratio('全员入团预警：班级团员比例', 0.9),
    memberNumberFromYear: int('发展团员编号启用年份（此年起入团须有编号）', 2017, 1949, 2100),
    memberNumberPattern: z
      .string()
      .refine((v) => !memberNumberPatternProblem(v), { message: '编号格式不正确：YYYY 入团年份、PP 省级代码、RRRRRR 行政区划代码、N 顺序号，各一处' })
      .default('YYYYPPNNNNNN')
      .describe('发展团员编号格式（YYYY 年份、PP 省级代码、N 顺序号）'),
    memberNumberLegacyPattern: z
      .string()
      .refine((v) => v === '' || !memberNumberPatternProblem(v), { message: '编号格式不正确' })
      .default(LEGACY_MEMBER_NUMBER_PATTERN)
      .describe('保留的旧编号格式（留空则不接受）'),
  })
  .describe('团员发展');

export const cadreRulesSchema = z
  .object({
    publicNoticeDays: int('公示天数', 5, 1, 60),
    democraticShareMin: ratio('民主推荐与自荐占比下限', 0.4),
    outsideEstablishmentShareMin: ratio('体制外委员占比下限', 0.5),
    townshipTermYears: int('乡镇团委任期（年）', 5, 1, 10),
    branchTermYears: int('团支部任期（年）', 3, 1, 10),
    unitCommitteeTermYears: int('基层团委任期（年）', 5, 1, 10),
    longOverdueYears: int('久未换届判定（超期年数）', 1, 0, 10),
    townshipSecretaries: int('乡镇团委书记职数', 1, 0, 10),
    townshipPartTimeDeputies: int('乡镇团委兼职副书记职数', 1, 0, 10),
    townshipMembers: int('乡镇团委委员职数', 3, 0, 20),
    appraisalWeightInner: ratio('考核权重：团内述职', 0.4),
    appraisalWeightParty: ratio('考核权重：党政评价', 0.3),
    appraisalWeightYouth: ratio('考核权重：青年参评', 0.3),
    // Issue 17, item 6: posts beyond the five built-in titles (registries/small.ts).
    extraPostTitles: z
      .string()
      .max(2000)
      .superRefine((v, ctx) => {
        const { problems } = parseExtraPostTitles(v);
        if (problems.length) ctx.addIssue({ code: 'custom', message: problems.join('；') });
      })
      .default('团支部书记助理/不计委员/团支部、联合团支部；兼职副书记（挂职）/计入委员/乡镇团委、街道团工委、基层团委；少先队总辅导员/不计委员/基层团委、乡镇团委')
      .describe('其他职务（名称/计入委员或不计委员/适用组织类型，分号分隔）'),
    deputyCategories: z
      .string()
      .max(1000)
      .default('团干部、团员青年、少先队辅导员、非公企业、新社会组织、新就业群体、农村青年、机关事业单位、学校、优秀青年代表')
      .describe('团代会代表身份类别（顿号分隔）'),
    selectionAssessments: z
      .string()
      .max(100)
      .default('笔试、面试、演讲、考察')
      .describe('选配考试考察项目（笔试、面试、演讲、考察中选，顿号分隔；留空则选配不设考试考察）'),
  })
  .describe('团干部与换届');

export const orgLifeRulesSchema = z
  .object({
    generalMeetingsPerQuarter: int('支部团员大会（每季度次数）', 1, 0, 12),
    committeeMeetingsPerMonth: int('支部委员会（每月次数）', 1, 0, 10),
    groupMeetingsPerMonth: int('团小组会（每月次数）', 1, 0, 10),
    lecturesPerQuarter: int('团课（每季度次数）', 1, 0, 12),
    themeDaysPerMonth: int('主题团日（每月次数）', 1, 0, 10),
  })
  .describe('组织生活（三会两制一课）');

export const youthWorkRulesSchema = z
  .object({
    venueIdleDays: int('阵地闲置判定（天无活动）', 90, 1, 3650),
    appealAnswerDays: int('青年之声办理时限（天）', 7, 1, 365),
    studyRateThreshold: ratio('青年大学习参学率达标线', 0.6),
    attachmentMaxMb: int('附件大小上限（MB）', 10, 1, 200),
    honorAwardTypes: z
      .string()
      .max(1000)
      .default('团员先锋岗、团员先锋号、青年突击队、青年安全生产示范岗、向上向善好青年、红领巾奖章、优秀志愿者、先进非公团建单位')
      .describe('荣誉类型（青字号等，顿号分隔；另含评优表彰的各类荣誉）'),
    servicePrograms: z.string().max(500).default('西部计划、三支一扶、研究生支教团、大学生志愿服务乡村振兴计划').describe('专项计划（西部计划等，顿号分隔）'),
  })
  .describe('青年工作');

export const archiveRulesSchema = z
  .object({
    requireApplicationLetter: z.boolean().default(true).describe('发展档案清单：入团申请书'),
    requireApplicationForm: z.boolean().default(true).describe('发展档案清单：入团志愿书'),
    requirePhoto: z.boolean().default(false).describe('发展档案清单：照片'),
    requireCertificate: z.boolean().default(false).describe('发展档案清单：团员证'),
    documentMaxMb: int('档案扫描件大小上限（MB）', 20, 1, 200),
    uploadDueDays: int('入团志愿书上传时限（批准后天数）', 30, 1, 365),
    certificateValidDays: int('团员证明有效期（天）', 90, 1, 3650),
    transferLetterValidDays: int('组织关系介绍信有效期（天）', 30, 1, 365),
  })
  .describe('电子档案');

export const organizationRulesSchema = z
  .object({
    branchMinMembers: int('团支部最少团员数', 3, 0, 1000),
    branchMaxMembers: int('团支部最多团员数', 50, 1, 10_000),
  })
  .describe('组织设置');

export const duesRulesSchema = z
  .object({
    flatMonthlyFen: int('学生及无收入团员每月团费（分）', 20, 0, 100_000),
    incomeShare: ratio('在职团员团费占月收入比例', 0.005),
    remitShare: ratio('团支部上缴比例', 0.5),
    /** A month's collected dues are remitted by the end of the month this many months later (待办 团费上缴). */
    remitGraceMonths: int('团费上缴期限（收缴后第几个月月底前）', 1, 0, 12),
  })
  .describe('团费');

export const dailyWorkRulesSchema = z
  .object({
    transferDueDays: int('组织关系转接办理时限（天）', 30, 1, 365),
    /** 团员年度注册 of a year and 教育评议 of the year before are due by the end of this month (待办). */
    registrationDueMonth: int('团员年度注册截止月份（当月月底前）', 3, 1, 12),
    appraisalDueMonth: int('团员教育评议截止月份（次年当月月底前）', 3, 1, 12),
    partyMeetingDueMonth: int('党委研究团的工作截止月份（当年当月月底前）', 6, 1, 12),
    graduateTransferDueDays: int('毕业生转接办理时限（天）', 60, 1, 365),
    transferLookupsPerHour: int('按身份证号申请转入（每账号每小时次数上限）', 20, 1, 1000),
    resetCodeMinutes: int('重置验证码有效期（分钟）', 10, 1, 1440),
    resetCodeMaxAttempts: int('验证码最多尝试次数', 5, 1, 20),
  })
  .describe('日常团务');

export const securityRulesSchema = z
  .object({
    loginMaxFailures: int('连续登录失败锁定次数', 5, 1, 100),
    lockoutMinutes: int('锁定时长（分钟）', 15, 1, 24 * 60),
    sessionHours: int('会话有效期（小时）', 12, 1, 24 * 30),
    passwordMinLength: int('密码最短长度', 8, 6, 64),
    /** zxcvbn score a new password must reach: 0 (under 10^3 guesses) … 3 (10^8 guesses or more) … 4 (10^10 or more). */
    passwordMinScore: int('新密码强度最低分（0—4）', 3, 0, 4),
  })
  .describe('账号安全');

export const rulesSchema = z.object({
  ages: ageRulesSchema.default(ageRulesSchema.parse({})),
  development: developmentRulesSchema.default(developmentRulesSchema.parse({})),
  cadres: cadreRulesSchema.default(cadreRulesSchema.parse({})),
  organization: organizationRulesSchema.default(organizationRulesSchema.parse({})),
  orgLife: orgLifeRulesSchema.default(orgLifeRulesSchema.parse({})),
  youthWork: youthWorkRulesSchema.default(youthWorkRulesSchema.parse({})),
  archive: archiveRulesSchema.default(archiveRulesSchema.parse({})),
  dues: duesRulesSchema.default(duesRulesSchema.parse({})),
  dailyWork: dailyWorkRulesSchema.default(dailyWorkRulesSchema.parse({})),
  security: securityRulesSchema.default(securityRulesSchema.parse({})),
});

export type Rules = z.infer<typeof rulesSchema>;
export type RuleSection = keyof Rules;
export const RULE_SECTIONS = Object.keys(rulesSchema.shape) as RuleSection[];

export const DEFAULT_RULES: Rules = rulesSchema.parse({});

/** Section schemas by key, for validating one section's override. */
export const RULE_SECTION_SCHEMAS: { [K in RuleSection]: z.ZodType<Rules[K]> } = {
  ages: ageRulesSchema,
  development: developmentRulesSchema,
  cadres: cadreRulesSchema,
  organization: organizationRulesSchema,
  orgLife: orgLifeRulesSchema,
  youthWork: youthWorkRulesSchema,
  archive: archiveRulesSchema,
  dues: duesRulesSchema,
  dailyWork: dailyWorkRulesSchema,
  security: securityRulesSchema,
};

export interface RuleFieldInfo {
  key: string;
  label: string;
  kind: 'integer' | 'ratio' | 'boolean' | 'text';
}

/** Section titles and field labels for the settings form, read off the schema. */
export function describeRuleSections(): { section: RuleSection; title: string; fields: RuleFieldInfo[] }[] {
  return RULE_SECTIONS.map((section) => {
    const schema = RULE_SECTION_SCHEMAS[section] as unknown as z.ZodObject<Record<string, z.ZodType>>;
    const fields = Object.entries(schema.shape).map(([key, field]) => {
      const inner = (field as z.ZodDefault<z.ZodType>).unwrap();
      const kind: RuleFieldInfo['kind'] =
        inner instanceof z.ZodBoolean ? 'boolean' : inner instanceof z.ZodString ? 'text' : (inner as z.ZodNumber).isInt ? 'integer' : 'ratio';
      return { key, label: field.description ?? key, kind };
    });
    return { section, title: schema.description ?? section, fields };
  });
}

/** Merges stored overrides (possibly partial or from an older version) over the defaults. */
export function resolveRules(overrides: Partial<Record<string, unknown>>): Rules {
  return rulesSchema.parse(overrides);
}
