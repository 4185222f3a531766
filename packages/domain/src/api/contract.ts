import { z } from 'zod';
import type { Permission } from '../auth/roles.js';

/**
 * One API route, declared once and used by both sides: the server registers
 * its handler against it (validation, OpenAPI, permission) and the web client
 * calls it with types inferred from the same zod schemas.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What kind of scoped record an input names; the permission test uses this
 *  to aim every route at records outside the caller's subtree. */
export type RefKind =
  | 'org'
  | 'account'
  | 'adminUnit'
  | 'person'
  | 'developmentCase'
  | 'transfer'
  | 'review'
  | 'reviewFinding'
  | 'importBatch'
  | 'partyRecommendation'
  // cadres (issue 4)
  | 'cadre'
  | 'cadrePost'
  | 'election'
  | 'electionCandidate'
  | 'appraisalCampaign'
  | 'training'
  | 'reserveTalent'
  | 'liaison'
  // organizational life and youth work (issue 5)
  | 'meeting'
  | 'attachment'
  | 'venue'
  | 'activity'
  | 'volunteerTeam'
  | 'volunteer'
  | 'serviceProject'
  | 'studyRound'
  | 'aidProject'
  | 'aidBeneficiary'
  | 'honorCampaign'
  | 'honorNomination'
  | 'appeal'
  // daily work (issue 7)
  | 'duesPayment'
  | 'duesReceipt'
  | 'joinApplication'
  | 'archiveDocument'
  | 'starRating'
  | 'starRatingEntry'
  | 'rectificationTask'
  // reports and assessment (issue 6)
  | 'reportTask'
  | 'reportSubmission'
  | 'assessmentScheme'
  // notices (issue 12)
  | 'notice'
  | 'noticeAttachment'
  // registries the seed reports count (issue 17)
  | 'newSectorUnit'
  | 'honorAward'
  | 'congress'
  | 'congressDeputy'
  | 'deputyStation'
  | 'deputyCommittee'
  | 'assessmentScore'
  // smaller registries (issue 17, item 6)
  | 'supervisionContact'
  | 'supervisionVisit'
  | 'partyMeeting'
  | 'youthSociety'
  | 'planMeasure';

/** The Chinese name of each kind of record, for a refusal when the field's own label is the generic 编号. */
export const REF_KIND_LABELS: Record<RefKind, string> = {
  org: '组织',
  account: '账号',
  adminUnit: '行政区划',
  person: '人员',
  developmentCase: '发展程序',
  transfer: '组织关系转接',
  review: '团员评议',
  reviewFinding: '评议结果',
  importBatch: '导入批次',
  partyRecommendation: '推优入党',
  cadre: '团干部',
  cadrePost: '团干部职务',
  election: '换届选举',
  electionCandidate: '候选人',
  appraisalCampaign: '考核',
  training: '培训',
  reserveTalent: '后备人才',
  liaison: '联系人',
  meeting: '会议',
  attachment: '附件',
  venue: '团属阵地',
  activity: '团的活动',
  volunteerTeam: '志愿服务队',
  volunteer: '志愿者',
  serviceProject: '志愿服务项目',
  studyRound: '青年大学习',
  aidProject: '帮扶项目',
  aidBeneficiary: '受助人',
  honorCampaign: '评优表彰',
  honorNomination: '推荐对象',
  appeal: '诉求',
  duesPayment: '团费记录',
  duesReceipt: '团费交纳凭证',
  joinApplication: '入团申请',
  archiveDocument: '电子档案材料',
  starRating: '对标定级',
  starRatingEntry: '定级对象',
  rectificationTask: '整改任务',
  reportTask: '报送任务',
  reportSubmission: '报送材料',
  assessmentScheme: '考核方案',
  notice: '通知公告',
  noticeAttachment: '附件',
  newSectorUnit: '应覆盖单位',
  honorAward: '荣誉记录',
  congress: '团代会',
  congressDeputy: '团代会代表',
  deputyStation: '代表联络站',
  deputyCommittee: '专委会',
  assessmentScore: '评分记录',
  supervisionContact: '督导联系点',
  supervisionVisit: '督导走访',
  partyMeeting: '党委研究团的工作记录',
  youthSociety: '青年社团',
  planMeasure: '青年发展规划措施',
};

/**
 * Inputs that name a record outside the caller's subtree on purpose, and how
 * each is checked instead of by scope:
 *  activeOrg – an active organization anywhere, as the organization directory
 *              (tj_org_directory) shows it: a transfer's receiving branch, the
 *              committee a young person addresses through 青年之声.
 */
export type OutsideRefKind = 'activeOrg';

export interface Contract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  path: string;
  /** 'public' = no login; 'authenticated' = any logged-in account. */
  permission: Permission | 'public' | 'authenticated';
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /**
   * Inputs that name scoped records: "params.id", "query.orgId", "body.parentId";
   * an array of ids ("body.personIds"), a nested field ("body.application.sponsorIds")
   * and a field of every element of an array ("body.items[].personId"). The route
   * layer checks each id before the handler: not visible in the caller's scope → 404.
   */
  refs?: Record<string, RefKind>;
  /** Inputs that may name a record outside the caller's scope, each checked its own way (see OutsideRefKind). */
  outsideRefs?: Record<string, OutsideRefKind>;
  /** The response is a file (Excel), not JSON. */
  file?: boolean;
  /** Largest request body in bytes, when a route takes files (default 2 MB). */
  bodyLimit?: number;
  /** Work that may hold the database longer than a page (an import's commit): the long statement limit, like files and uploads. */
  longRunning?: boolean;
  /** A read-only figure that may be served by a read replica (DATABASE_REPLICA_URL). */
  readReplica?: boolean;
}

export function contract<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(c: Contract<P, Q, B, R>): Contract<P, Q, B, R> {
  return c;
}

/** What the server receives after validation (defaults applied). */
export type ParamsOf<C> = C extends Contract<infer P, any, any, any> ? z.infer<P> : never;
export type QueryOf<C> = C extends Contract<any, infer Q, any, any> ? z.infer<Q> : never;
export type BodyOf<C> = C extends Contract<any, any, infer B, any> ? z.infer<B> : never;
/** What a client sends. */
export type ParamsInput<C> = C extends Contract<infer P, any, any, any> ? z.input<P> : never;
export type QueryInput<C> = C extends Contract<any, infer Q, any, any> ? z.input<Q> : never;
export type BodyInput<C> = C extends Contract<any, any, infer B, any> ? z.input<B> : never;
export type ResponseOf<C> = C extends Contract<any, any, any, infer R> ? z.infer<R> : never;

/* Common field schemas. Every field carries its Chinese label (describe), which
 * the server's error formatter uses to name the field in messages. */
export const idParam = z.object({ id: z.coerce.number().int().positive().describe('编号') });
export const okResponse = z.object({ ok: z.literal(true) });
export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1).max(500).default(20).describe('每页条数'),
};
export const dateString = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
export const phoneString = z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, { error: '电话号码格式不正确' });

/**
 * Field builders with the Chinese label and messages every contract uses
 * (the error formatter names fields by their label).
 */
export const field = {
  /** A referenced record's id in a body. */
  id: (label: string) => z.number({ error: `请选择${label}` }).int().positive().describe(label),
  /** A referenced record's id in a query string. */
  queryId: (label: string) => z.coerce.number().int().positive().describe(label),
  text: (label: string, min: number, max: number, minMessage?: string) =>
    z
      .string({ error: `请填写${label}` })
      .trim()
      .min(min, minMessage ?? (min <= 1 ? `请填写${label}` : `${label}至少${min}个字`))
      .max(max, `${label}不能超过${max}个字`)
      .describe(label),
  optionalText: (label: string, max: number) => z.string().trim().max(max, `${label}不能超过${max}个字`).nullish().describe(label),
  date: (label: string) => dateString.describe(label),
  yearQuery: () => z.coerce.number().int().min(1950, '年度无效').max(2100, '年度无效').optional().describe('年度'),
  yearBody: () => z.number({ error: '请填写年度' }).int().min(1950, '年度无效').max(2100, '年度无效').describe('年度'),
};

export function paged<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    /** True when `total` is a cap ("more than"), not an exact count (very large filtered lists). */
    totalIsLowerBound: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

/** The Chinese label of the field at `path` in a schema (from .describe), for error messages. */
export function fieldLabel(schema: z.ZodType | undefined, path: readonly PropertyKey[]): string | undefined {
  let current: z.ZodType | undefined = schema;
  let label: string | undefined;
  for (const key of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(key)];
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else if (current instanceof z.ZodRecord) current = current.valueType as z.ZodType;
    else return label;
    label = current?.description ?? descriptionOf(current) ?? label;
  }
  return label;
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
  let cur = s;
  for (let i = 0; i < 10 && cur; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault) {
      cur = cur.unwrap() as z.ZodType;
    } else if (cur instanceof z.ZodPipe) {
      cur = cur.out as z.ZodType;
    } else break;
  }
  return cur;
}

function descriptionOf(s: z.ZodType | undefined): string | undefined {
  return unwrap(s)?.description;
}

/**
 * The values at a declared ref path of a request's inputs ({ params, query, body }):
 * "body.personIds" gives every element, "body.items[].personId" the field of every
 * element; missing and null values give nothing.
 */
export function refValues(input: Record<string, unknown>, path: string): unknown[] {
  let current: unknown[] = [input];
  for (const segment of path.split('.')) {
    const each = segment.endsWith('[]');
    const key = each ? segment.slice(0, -2) : segment;
    const next: unknown[] = [];
    for (const value of current) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const child = (value as Record<string, unknown>)[key];
      if (each) {
        if (Array.isArray(child)) next.push(...child);
      } else if (child !== undefined && child !== null) next.push(child);
    }
    current = next;
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => v !== undefined && v !== null);
}

/** The keys of a ref path inside its part ("body.items[].personId" → ["items", "[]", "personId"]), for fieldLabel. */
export function refFieldPath(path: string): string[] {
  return path
    .split('.')
    .slice(1)
    .flatMap((segment) => (segment.endsWith('[]') ? [segment.slice(0, -2), '[]'] : [segment]));
}

function buildPath(path: string, params: unknown): string {
  const values = (params ?? {}) as Record<string, unknown>;
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined || v === null) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(String(v));
  });
}

function buildQuery(query: unknown): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    if (v === undefined || v === null || v === '') continue;
    search.set(k, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

/** The URL of a request to `contract` (the web client's, and the server's preload links of the home). */
export function urlOf(contract: Contract, input?: { params?: unknown; query?: unknown }): string {
  return buildPath(contract.path, input?.params) + buildQuery(input?.query);
}
